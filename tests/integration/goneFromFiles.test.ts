import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { notesKey } from '@candor/shared';
import { Person, boardWithNote, createBoard, franAlexBea, newId, startServer, useServer } from './harness.js';
import { dataDirBytes, holdsPieceOf, marked } from './fileSearch.js';

/**
 * The README: "once a change is acknowledged ... an edited or deleted text is gone from the files". The dump
 * attack edits and deletes before the reveal; here the texts go after it, when every card is public and the
 * change is an author's edit (CA-7), an author's delete, or the facilitator hiding an abusive card (MO-3). Each
 * acknowledged change is followed at once by a byte search of every file in DATA_DIR.
 */

describe('texts taken back after the reveal', () => {
  const live = useServer();
  const person = () => {
    const p = new Person(live.server.url);
    live.people.push(p);
    return p;
  };

  it('AR-6 CA-7 MO-3 an edited, a deleted and a hidden card\'s text is gone from every file of DATA_DIR once the change is acknowledged', async () => {
    const { url, dbFile } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Taken back');
    const { F, A, B } = await franAlexBea(person, boardId, facilitatorKey);
    const add = async (p: Person, text: string) => {
      const ack = await p.cmd('card.add', { columnId: 'start', text });
      expect(ack).toMatchObject({ ok: true });
      return (ack as { data: { cardId: string } }).data.cardId;
    };
    const T = { beforeEdit: marked('before-edit'), afterEdit: marked('after-edit'), deleted: marked('deleted'), hidden: marked('hidden'), kept: marked('kept') };
    const edited = await add(A, T.beforeEdit);
    const deleted = await add(A, T.deleted);
    const hidden = await add(B, T.hidden);
    await add(B, T.kept);
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.cards.length === 4);
    // a positive control: the SQLite file holds card texts in a form a byte search finds
    for (const text of [T.kept, T.beforeEdit, T.deleted, T.hidden]) expect(holdsPieceOf(dataDirBytes(path.dirname(dbFile)), text), text).toBe(true);

    expect(await A.cmd('card.edit', { cardId: edited, text: T.afterEdit })).toMatchObject({ ok: true });
    let files = dataDirBytes(path.dirname(dbFile));
    expect(holdsPieceOf(files, T.beforeEdit), 'the text before the edit').toBe(false);
    expect(holdsPieceOf(files, T.afterEdit)).toBe(true);

    expect(await A.cmd('card.delete', { cardId: deleted })).toMatchObject({ ok: true });
    files = dataDirBytes(path.dirname(dbFile));
    expect(holdsPieceOf(files, T.deleted), 'the deleted text').toBe(false);

    expect(await F.cmd('card.hide', { cardId: hidden })).toMatchObject({ ok: true });
    files = dataDirBytes(path.dirname(dbFile));
    expect(holdsPieceOf(files, T.hidden), 'the hidden text').toBe(false);
    expect(holdsPieceOf(files, T.kept)).toBe(true);
  });

  it('SG-1 AR-6 AN-3 a signature taken back leaves the card nameless in every file of DATA_DIR and in what a newcomer receives', async () => {
    const { url, dbFile } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Signed, then not');
    const [F, A] = [new Person(url), new Person(url)];
    live.people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const name = marked('Alex'); // her name stays in the files as a participant's; only its place on the card must go
    await A.connect(boardId, name);
    const text = marked('signed');
    const cardId = ((await A.cmd('card.add', { columnId: 'start', text })) as { data: { cardId: string } }).data.cardId;
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.cards.length === 1);
    /** the card and her name together: as the stored cards part writes a signature, or as a board-document entry */
    const signed = (bytes: Buffer) => bytes.includes(`"signature":"${name}"`) || bytes.includes(`"${text}",null,false,"${name}"`);
    const newcomerBytes = async () => {
      const N = new Person(url);
      live.people.push(N);
      await N.connect(boardId, `Newcomer ${newId(4)}`);
      const bytes = Buffer.concat(N.frames.map((f) => f.bytes));
      await N.disconnect();
      return bytes;
    };

    expect(await A.cmd('card.sign', { cardId, signed: true })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.cards[0]?.signedBy === name);
    // positive controls: while signed, both the files and a newcomer's frames hold the card with her name
    expect(signed(dataDirBytes(path.dirname(dbFile))), 'files while signed').toBe(true);
    expect(signed(await newcomerBytes()), 'a newcomer while signed').toBe(true);

    expect(await A.cmd('card.sign', { cardId, signed: false })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.cards[0]?.signedBy === null);
    expect(signed(dataDirBytes(path.dirname(dbFile))), 'files after the signature was taken back').toBe(false);
    expect(signed(await newcomerBytes()), 'a newcomer after the signature was taken back').toBe(false);
  });

  it('AR-6 CA-7 GR-6 a grouped card edited or deleted after the reveal leaves its old words nowhere, not even in the title its group took from them', async () => {
    const { url, dbFile } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Titled, then taken back');
    const { F, A, B } = await franAlexBea(person, boardId, facilitatorKey);
    // one word each, so a group's first title (its first card's first words, GR-6) is that card's whole text
    const written = new Map<string, { author: Person; text: string }>();
    const add = async (p: Person, label: string) => {
      const text = marked(label);
      const ack = await p.cmd('card.add', { columnId: 'start', text });
      expect(ack).toMatchObject({ ok: true });
      const cardId = (ack as { data: { cardId: string } }).data.cardId;
      written.set(cardId, { author: p, text });
      return cardId;
    };
    const [a1, a2, a3, b1, b2, b3, b4, b5, b6] = [
      await add(A, 'a1'), await add(A, 'a2'), await add(A, 'a3'),
      await add(B, 'b1'), await add(B, 'b2'), await add(B, 'b3'), await add(B, 'b4'), await add(B, 'b5'), await add(B, 'b6'),
    ];
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.cards.length === 9);
    const groupOf = (cardId: string) => B.board()?.groups.find((g) => g.cardIds.includes(cardId));
    /** Groups `x` and `y`, then `z` with them; the group's title is then the words of whichever of `x`, `y` comes first. */
    const group = async (x: string, y: string, z: string | null) => {
      expect(await F.cmd('card.group', { cardId: x, withCardId: y })).toMatchObject({ ok: true });
      if (z) expect(await F.cmd('card.group', { cardId: z, withCardId: x })).toMatchObject({ ok: true });
      await B.waitFor(() => groupOf(x)?.cardIds.length === (z ? 3 : 2));
      const title = groupOf(x)!.title;
      const source = [x, y].find((id) => written.get(id)!.text === title);
      expect(source, `the group's title "${title}" is its first card's words`).toBeDefined();
      return { groupId: groupOf(x)!.id, source: source! };
    };
    const newcomerBytes = async () => {
      const N = new Person(url);
      live.people.push(N);
      await N.connect(boardId, `Newcomer ${newId(4)}`);
      await N.waitFor(() => N.board()?.groups.length === 3);
      const bytes = Buffer.concat(N.frames.map((f) => f.bytes));
      await N.disconnect();
      return bytes;
    };

    // a group of three, whose first card's author deletes it: the group stays, with two cards
    const deleted = await group(a1, b1, b2);
    // a group of two, whose first card's author edits it
    const edited = await group(a2, b3, null);
    // a group of three whose first card is taken out of it, and then deleted by its author: the group keeps two cards
    const left = await group(a3, b5, b6);
    expect(await F.cmd('card.ungroup', { cardId: left.source })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.groups.find((g) => g.id === left.groupId)?.cardIds.length === 2);
    // (b4 stays alone: a positive control)
    for (const { source } of [deleted, edited, left]) expect(holdsPieceOf(dataDirBytes(path.dirname(dbFile)), written.get(source)!.text)).toBe(true);

    const gone = written.get(deleted.source)!;
    expect(await gone.author.cmd('card.delete', { cardId: deleted.source })).toMatchObject({ ok: true });
    const goneOut = written.get(left.source)!;
    expect(await goneOut.author.cmd('card.delete', { cardId: left.source })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.cards.length === 7);
    const before = written.get(edited.source)!;
    const afterText = marked('after-edit');
    expect(await before.author.cmd('card.edit', { cardId: edited.source, text: afterText })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.cards.some((c) => c.text === afterText) === true);

    const titleOf = (groupId: string) => B.board()!.groups.find((g) => g.id === groupId)?.title;
    expect(titleOf(deleted.groupId), 'the group whose first card was deleted').not.toBe(gone.text);
    expect(titleOf(edited.groupId), 'the group whose first card was edited').toBe(afterText);
    expect(titleOf(left.groupId), 'the group whose first card was taken out, then deleted').not.toBe(goneOut.text);
    const files = dataDirBytes(path.dirname(dbFile));
    expect(holdsPieceOf(files, gone.text), 'the deleted text in the files').toBe(false);
    expect(holdsPieceOf(files, before.text), 'the text before the edit in the files').toBe(false);
    expect(holdsPieceOf(files, goneOut.text), 'the deleted text of a card taken out of its group, in the files').toBe(false);
    expect(holdsPieceOf(files, written.get(b4)!.text)).toBe(true);
    const seen = await newcomerBytes();
    expect(holdsPieceOf(seen, gone.text), 'the deleted text in what a newcomer receives').toBe(false);
    expect(holdsPieceOf(seen, before.text), 'the text before the edit in what a newcomer receives').toBe(false);
    expect(holdsPieceOf(seen, goneOut.text), 'the deleted text of a card taken out of its group, in what a newcomer receives').toBe(false);
    expect(holdsPieceOf(seen, afterText)).toBe(true);

    for (const phase of ['vote', 'discuss', 'act', 'closed']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    for (const file of ['export.md', 'export.csv', 'export.json', 'actions.csv']) {
      const res = await F.fetchText(`/api/boards/${boardId}/${file}`);
      expect(res.status).toBe(200);
      expect(holdsPieceOf(Buffer.from(res.body), gone.text), `the deleted text in ${file}`).toBe(false);
      expect(holdsPieceOf(Buffer.from(res.body), before.text), `the text before the edit in ${file}`).toBe(false);
      expect(holdsPieceOf(Buffer.from(res.body), goneOut.text), `the deleted text of a card taken out of its group in ${file}`).toBe(false);
    }
  });

  it('AR-6 PE-9 words typed into an item\'s notes and erased there are in no file of DATA_DIR once the board\'s next phase is acknowledged', async () => {
    const { url, dbFile } = live.server;
    const { boardId, F, A, key } = await boardWithNote(url, live.people);
    const T = { erased: marked('erased-in-note'), kept: marked('kept-in-note') };
    A.typeNote(key, `${T.kept} ${T.erased}`);
    await F.waitFor(() => F.notes(key)?.includes(T.erased));
    // a positive control: the files hold what was typed
    await vi.waitFor(() => expect(holdsPieceOf(dataDirBytes(path.dirname(dbFile)), T.erased)).toBe(true));
    A.eraseNote(key, T.erased);
    await F.waitFor(() => F.notes(key) === `${T.kept} `);

    expect(await F.cmd('phase.set', { phase: 'act' })).toMatchObject({ ok: true });
    const files = dataDirBytes(path.dirname(dbFile));
    expect(holdsPieceOf(files, T.erased), 'erased words in the files').toBe(false);
    expect(holdsPieceOf(files, T.kept), 'the words that stay').toBe(true);
    // nothing acknowledged is lost: after a restart the note reads as it was left
    for (const p of [F, A]) await p.disconnect();
    await live.server.close();
    live.server = await startServer({ dbFile });
    const C = new Person(live.server.url);
    live.people.push(C);
    await C.connect(boardId, 'Cleo');
    await C.waitFor(() => C.notes(key) === `${T.kept} `);
  });

  it('AC-5 AR-6 a deleted action\'s words, its first ones and those typed into it, are gone from the notes everyone receives and from every file of DATA_DIR once the delete is acknowledged', async () => {
    const { url, dbFile } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Action taken back');
    const [F, A] = [new Person(url), new Person(url)];
    live.people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    const card = (await A.cmd('card.add', { columnId: 'start', text: 'a card' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote', 'discuss']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    const T = { first: marked('action-first'), typed: marked('action-typed'), kept: marked('kept-typed') };
    const create = async (text: string) => ((await F.cmd('action.create', { itemId: card.data.cardId, text })) as { ok: true; data: { actionId: string } }).data.actionId;
    const gone = notesKey.action(await create(T.first));
    const kept = notesKey.action(await create('kept action'));
    await A.waitFor(() => A.notes(gone) !== undefined && A.notes(kept) !== undefined);
    A.typeNote(gone, ` ${T.typed}`);
    A.typeNote(kept, ` ${T.kept}`);
    await F.waitFor(() => F.notes(gone)?.includes(T.typed) && F.notes(kept)?.includes(T.kept));
    // a positive control: the files hold what was typed into a note
    await vi.waitFor(() => expect(holdsPieceOf(dataDirBytes(path.dirname(dbFile)), T.typed)).toBe(true));

    expect(await F.cmd('action.delete', { actionId: gone.slice(gone.indexOf(':') + 1) })).toMatchObject({ ok: true });
    const files = dataDirBytes(path.dirname(dbFile));
    for (const text of [T.first, T.typed]) expect(holdsPieceOf(files, text), `${text} in the files`).toBe(false);
    expect(holdsPieceOf(files, T.kept), 'a note that still exists').toBe(true);
    // everyone's copy loses the note; a newcomer's first notes sync holds none of its words, the other note whole
    await A.waitFor(() => A.notes(gone) === undefined);
    const C = new Person(url);
    live.people.push(C);
    await C.connect(boardId, 'Cleo');
    await C.waitFor(() => C.notes(kept)?.includes(T.kept));
    expect(C.notes(gone)).toBeUndefined();
    const received = Buffer.concat(C.frames.filter((f) => f.channel === 'notes').map((f) => f.bytes));
    for (const text of [T.first, T.typed]) expect(holdsPieceOf(received, text), `${text} sent to a newcomer`).toBe(false);

    // after a restart on the same files: the action that is left and its note whole (nothing acknowledged is lost)
    for (const p of [F, A, C]) await p.disconnect();
    await live.server.close();
    live.server = await startServer({ dbFile });
    const D = new Person(live.server.url);
    live.people.push(D);
    await D.connect(boardId, 'Dana');
    await D.waitFor(() => D.notes(kept)?.includes(T.kept));
    expect(D.notes(gone)).toBeUndefined();
    expect(D.board()?.actions.map((a) => a.id)).toEqual([kept.slice(kept.indexOf(':') + 1)]);
    for (const text of [T.first, T.typed]) expect(holdsPieceOf(dataDirBytes(path.dirname(dbFile)), text), `${text} in the files after a restart`).toBe(false);
  });
});
