import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PersonalView, type PublicBoardView, notesKey } from '@candor/shared';
import { boardRevealSeed, openDataFile, personTags, storedAnonymousState, storedTags } from './atRest.js';
import { type Frame, Person, type TestServer, createBoard, frameContains, frameMark, startServer } from './harness.js';

/**
 * AN: one whole retro, from join to export, seen through B's eyes. Everything that reaches B (every
 * Socket.io frame, every y-websocket message of both documents, every HTTP body B fetches) is recorded
 * and searched for what must never reach B.
 */

const A_NAME = 'Ada-QX-NAME';
const A_TEXTS = ['ZEBRA-SECRET-1', 'ZEBRA-SECRET-2-EDITED', 'ZEBRA-SECRET-3'];
/** texts A wrote and replaced or deleted before Reveal: they must never reach anyone, ever */
const A_NEVER_REVEALED = ['ZEBRA-SECRET-2-ORIGINAL', 'ZEBRA-SECRET-DELETED'];
const F_TEXT = 'FALCON-FACILITATOR-CARD';
const B_TEXT = 'BISON-B-CARD';

/** Socket.io event frames B received, decoded: `42["me",{…}]` → ['me', {…}]. */
function socketEvents(frames: Frame[]): { event: string; args: unknown[] }[] {
  const events: { event: string; args: unknown[] }[] = [];
  for (const frame of frames) {
    if (frame.channel !== 'socket.io') continue;
    const text = frame.bytes.toString('utf8');
    const match = /^42(\d*)(\[.*)$/s.exec(text);
    if (!match) continue;
    const [event, ...args] = JSON.parse(match[2]!) as [string, ...unknown[]];
    events.push({ event, args });
  }
  return events;
}

describe('anonymity over a whole retro', () => {
  let server: TestServer;
  let boardId: string;
  let facilitatorKey: string;
  const F = () => people.F;
  const people = {} as { F: Person; A: Person; B: Person };
  let revealMark = 0;
  let exportBody = '';
  const otherExports: Record<string, string> = {};
  const cardIds: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    ({ boardId, facilitatorKey } = await createBoard(server.url, 'Anonymity retro', 'start-stop-continue'));
    people.F = new Person(server.url);
    people.A = new Person(server.url);
    people.B = new Person(server.url);
    // B first, so B's recording covers A's and F's arrival too.
    await people.B.connect(boardId, 'Bo-Observer');
    await people.F.connect(boardId, 'Fay-Facilitator', facilitatorKey);
    await people.A.connect(boardId, A_NAME);
  });

  afterAll(async () => {
    for (const p of Object.values(people)) await p?.disconnect();
    await server?.close();
  });

  it('AN-1 (RV-1) B joins a retro; until Reveal nothing B receives carries anyone else’s card text', async () => {
    const { A, B } = people;
    const add = async (p: Person, columnId: string, text: string) => {
      const ack = await p.cmd('card.add', { columnId, text });
      expect(ack).toMatchObject({ ok: true });
      return (ack as { data: { cardId: string } }).data.cardId;
    };
    cardIds.a1 = await add(A, 'start', A_TEXTS[0]!);
    cardIds.a2 = await add(A, 'stop', A_NEVER_REVEALED[0]!);
    expect(await A.cmd('card.edit', { cardId: cardIds.a2, text: A_TEXTS[1] })).toMatchObject({ ok: true });
    cardIds.a3 = await add(A, 'continue', A_TEXTS[2]!);
    const gone = await add(A, 'stop', A_NEVER_REVEALED[1]!);
    expect(await A.cmd('card.delete', { cardId: gone })).toMatchObject({ ok: true });
    cardIds.f1 = await add(F(), 'start', F_TEXT);
    cardIds.b1 = await add(B, 'continue', B_TEXT);

    await B.waitFor(() => B.board()?.cardCount === 5);
    expect(B.me?.cards.map((c) => c.text)).toEqual([B_TEXT]);
    expect((await B.fetchText(`/api/boards/${boardId}`)).status).toBe(200);
    expect((await B.fetchText(`/api/boards/${boardId}/export.md`)).status).toBe(409);

    for (const frame of B.frames) {
      for (const secret of [...A_TEXTS, ...A_NEVER_REVEALED, F_TEXT]) expect(frameContains(frame, secret), `${frame.channel} frame #${frame.seq}`).toBe(false);
    }
    // Positive control: B's own card did reach B (through B's `me`), so the recording does see text.
    expect(B.frames.some((f) => frameContains(f, B_TEXT))).toBe(true);
    // The board document B holds never carried a card during Write.
    expect(B.boardHistory.filter((v) => v.phase === 'write').every((v) => v.cards.length === 0)).toBe(true);

    revealMark = frameMark();
    expect(await F().cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.cards.length === 5);
    expect(
      B.board()!
        .cards.map((c) => c.text)
        .sort(),
    ).toEqual([...A_TEXTS, F_TEXT, B_TEXT].sort());
    // Positive control: once revealed, the text does show up in B's recorded frames.
    expect(B.frames.some((f) => f.seq >= revealMark && f.channel === 'board' && frameContains(f, A_TEXTS[0]!))).toBe(true);
  });

  it('AN-5 (VO-4) while voting is open B gets no tally and no one else’s votes', async () => {
    const { A, B } = people;
    expect(await F().cmd('card.group', { cardId: cardIds.a1, withCardId: cardIds.f1 })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.groups.length === 1);
    const groupId = B.board()!.groups[0]!.id;
    expect(await A.cmd('group.title', { groupId, title: 'GROUPED-TITLE', previous: B.board()!.groups[0]!.title })).toMatchObject({ ok: true });
    expect(await F().cmd('phase.set', { phase: 'vote' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.phase === 'vote');

    for (const target of [groupId, groupId, cardIds.b1]) expect(await A.cmd('vote.cast', { itemId: target })).toMatchObject({ ok: true });
    expect(await B.cmd('vote.cast', { itemId: cardIds.a3 })).toMatchObject({ ok: true });
    expect(await F().cmd('vote.cast', { itemId: cardIds.a3 })).toMatchObject({ ok: true });
    expect(A.me?.votesLeft).toBe(0);
    await B.waitFor(() => B.me?.votesLeft === 2);
    expect(B.me?.votes).toEqual({ [cardIds.a3!]: 1 });
    expect((await B.fetchText(`/api/boards/${boardId}`)).body).toContain('"tallies":null');
    // During Vote, nothing in B's document hints at a count.
    expect(B.board()!.tallies).toBeNull();
    expect(B.board()!.ranking).toBeNull();

    expect(await F().cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.phase === 'discuss');
    // AN-12: three voters — B, taking B's own vote off the tallies, would read A's and F's (and F, A's and B's)
    expect((await B.fetchText(`/api/boards/${boardId}`)).body).toContain('"tallies":null');

    for (const view of B.boardHistory) {
      if (view.phase === 'write' || view.phase === 'reveal' || view.phase === 'vote' || view.phase === 'discuss') {
        expect(view.tallies, `tallies during ${view.phase}`).toBeNull();
        expect(view.ranking, `ranking during ${view.phase}`).toBeNull();
      }
    }
    const votesSeenByB = socketEvents(B.frames)
      .filter((e) => e.event === 'me')
      .map((e) => (e.args[0] as PersonalView).votes);
    // B only ever learned about B's own single vote.
    for (const votes of votesSeenByB) expect(Object.values(votes).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
  });

  it('AN-4 the retro goes on: shared notes, an action A volunteers for, Close, and every export B downloads', async () => {
    const { A, B } = people;
    // (AN-12: no ranking with three voters; the items keep the reveal order)
    const top = B.board()!.discussOrder![0]!;
    expect(await F().cmd('discuss.select', { itemId: top })).toMatchObject({ ok: true });
    const key = notesKey.item(top);
    await A.waitFor(() => A.notes(key) !== undefined);
    A.typeNote(key, 'NOTE-FROM-A ');
    await F().waitFor(() => F().notes(key) !== undefined);
    F().typeNote(key, 'NOTE-FROM-F');
    await B.waitFor(() => B.notes(key)?.includes('NOTE-FROM-A') && B.notes(key)?.includes('NOTE-FROM-F'));
    // RX-2: A and F react; B sees counts only (their reaction tags are searched for below).
    expect(await A.cmd('reaction.toggle', { itemId: top, reaction: 'agree', on: true })).toMatchObject({ ok: true });
    expect(await F().cmd('reaction.toggle', { itemId: top, reaction: 'agree', on: true })).toMatchObject({ ok: true });
    expect(await A.cmd('reaction.toggle', { itemId: top, reaction: 'thinking', on: true })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.reactions[top]?.agree === 2 && B.board()?.reactions[top]?.thinking === 1);
    expect(A.me?.reactions).toEqual({ [top]: ['agree', 'thinking'] });

    const created = await F().cmd('action.create', { itemId: top, text: 'ACTION-PAIR-ON-DEPLOYS' });
    expect(created).toMatchObject({ ok: true });
    const actionId = (created as { data: { actionId: string } }).data.actionId;
    expect(await A.cmd('action.volunteer', { actionId, volunteer: true })).toMatchObject({ ok: true });
    expect(A.me?.actionIds).toEqual([actionId]);
    await B.waitFor(() => B.board()?.actions[0]?.owners.includes(A_NAME));
    await B.waitFor(() => B.notes(notesKey.action(actionId)) === 'ACTION-PAIR-ON-DEPLOYS');
    // OF-2: A's offer of help is named; TL-2: the trust-lens taps are not (three tappers: no breakdown, TL-4).
    expect(await A.cmd('offer.add', { itemId: top, text: 'OFFER-FROM-A' })).toMatchObject({ ok: true });
    expect(await F().cmd('lens.set', { on: true })).toMatchObject({ ok: true });
    for (const [who, part] of [[A, 'self-interest'], [F(), 'reliability'], [B, 'empathy']] as const) {
      expect(await who.cmd('lens.tap', { itemId: top, part, on: true })).toMatchObject({ ok: true });
    }
    await B.waitFor(() => B.board()?.lens[0]?.tappers === 3 && B.board()?.offers.length === 1);
    expect(B.board()!.offers[0]).toMatchObject({ name: A_NAME, text: 'OFFER-FROM-A' });
    expect(B.board()!.lens).toEqual([{ itemId: top, tappers: 3, counts: null }]);
    expect(B.me?.lens).toEqual({ [top]: ['empathy'] });

    expect(await F().cmd('phase.set', { phase: 'act' })).toMatchObject({ ok: true });
    expect(await A.cmd('action.due', { actionId, dueDate: '2031-01-15' })).toMatchObject({ ok: true });
    expect(await F().cmd('phase.set', { phase: 'closed' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.phase === 'closed');
    expect((await B.fetchText(`/api/boards/${boardId}`)).status).toBe(200);
    const exported = await B.fetchText(`/api/boards/${boardId}/export.md`);
    expect(exported.status).toBe(200);
    exportBody = exported.body;
    expect(exportBody).toContain('ACTION-PAIR-ON-DEPLOYS');
    expect(exportBody).toContain('NOTE-FROM-A');
    expect(exportBody).toContain(A_TEXTS[0]);
    // EX-2 EX-3: the other exports B can download go through the same search below (every HTTP body B received)
    for (const [file, shown] of [['export.csv', A_TEXTS[0]!], ['actions.csv', 'ACTION-PAIR-ON-DEPLOYS'], ['export.json', 'NOTE-FROM-A']] as const) {
      const other = await B.fetchText(`/api/boards/${boardId}/${file}`);
      expect(other.status, file).toBe(200);
      expect(other.body, file).toContain(shown);
      otherExports[file] = other.body;
    }
  });

  it('AN-1 nothing B received in the whole retro carries another’s participant id, secret, facilitator key, author tag or voter tag', () => {
    const { A, B } = people;
    const db = openDataFile(server.dbFile);
    try {
      // the tags the server holds in memory for each person, and the per-fact tags the file holds
      const memoryTags = [A, F(), B].flatMap((p) => personTags(server.keyFile, boardId, p.secret));
      const stored = storedAnonymousState(server.dbFile, boardId);
      expect(stored.cards.length).toBe(5);
      expect(stored.votes.length).toBeGreaterThanOrEqual(3);
      expect(stored.lens.length).toBe(3); // three people tapped the trust lens
      expect(stored.reactions.length).toBe(3); // and three reactions are on
      const hashes = [
        ...(db.prepare('SELECT auth_hash AS h FROM participants WHERE board_id = ?').all(boardId) as { h: string }[]).map((r) => r.h),
        ...(db.prepare('SELECT command_key AS h FROM commands WHERE board_id = ?').all(boardId) as { h: string }[]).map((r) => r.h),
        ...(db.prepare('SELECT facilitator_hash AS h FROM boards WHERE id = ?').all(boardId) as { h: string }[]).map((r) => r.h),
      ];
      const forbidden: Record<string, string> = {
        "A's participant id": A.participantId,
        "A's secret": A.secret,
        "F's participant id": F().participantId,
        "F's secret": F().secret,
        "F's facilitator key": facilitatorKey,
      };
      memoryTags.forEach((t, i) => (forbidden[`person tag ${i}`] = t));
      storedTags(server.dbFile, boardId).forEach((t, i) => (forbidden[`stored fact tag ${i}`] = t));
      hashes.forEach((h, i) => (forbidden[`stored hash ${i}`] = h));

      expect(B.frames.length).toBeGreaterThan(20);
      expect(new Set(B.frames.map((f) => f.channel))).toEqual(new Set(['socket.io', 'board', 'notes', 'http']));
      // TL-5: no other person's trust-lens taps reached B, in any form (B's own `me` holds only B's).
      for (const { args } of socketEvents(B.frames)) expect(Object.values((args[0] as PersonalView).lens ?? {}).flat()).not.toContain('self-interest');
      for (const frame of B.frames) {
        for (const [what, value] of Object.entries(forbidden)) {
          expect(frameContains(frame, value), `${what} in ${frame.channel} frame #${frame.seq}`).toBe(false);
        }
        if (frame.seq < revealMark) {
          for (const text of [...A_TEXTS, F_TEXT]) expect(frameContains(frame, text), `${text} before reveal in ${frame.channel}`).toBe(false);
        }
        for (const text of A_NEVER_REVEALED) expect(frameContains(frame, text), `${text} in ${frame.channel}`).toBe(false);
      }
      // Positive control: B's own id did arrive (join ack, `me`), so an id in a frame would be found.
      expect(B.frames.some((f) => frameContains(f, B.participantId))).toBe(true);
      // "no Yjs item of a card carries its author's client id": every item of the board document B holds, cards
      // included, was made by one Yjs client, the server's, and by none of the people's
      expect(B.board()!.cards.length).toBe(5);
      const writers = [...B.boardDoc.store.clients.keys()];
      expect(writers).toHaveLength(1);
      expect([A, F(), B].map((p) => p.boardDoc.clientID)).not.toContain(writers[0]);
    } finally {
      db.close();
    }
  });

  it('AN-2 (AC-3) every `me` B received was B’s own; A’s name travels only in presence and action owners', () => {
    const { A, B } = people;
    const mes = socketEvents(B.frames).filter((e) => e.event === 'me');
    // a positive control: B's own views did arrive (join, B's card, B's vote), so the loop below checks real frames
    expect(mes.length).toBeGreaterThanOrEqual(3);
    for (const { args } of mes) {
      const view = args[0] as PersonalView;
      expect(view.participantId).toBe(B.participantId);
      for (const card of view.cards) expect(card.text).toBe(B_TEXT);
    }
    expect(mes.at(-1)!.args[0]).toMatchObject({ cards: [{ text: B_TEXT }] });
    expect(new Set(socketEvents(B.frames).map((e) => e.event))).toEqual(new Set(['me']));

    // Not on the socket and not in the notes at all.
    for (const frame of B.frames.filter((f) => f.channel === 'socket.io' || f.channel === 'notes')) {
      expect(frameContains(frame, A_NAME), `${frame.channel} frame #${frame.seq}`).toBe(false);
    }
    // In the board document only under participants, action owners and offers (OF-2: named like a promise).
    const cardContext = (v: PublicBoardView) =>
      JSON.stringify([v.cards, v.groups, v.tallies, v.ranking, v.currentItemId, v.discussedItemIds, v.actions.map((a) => ({ ...a, owners: [] })), v.lens ?? []]);
    expect(B.boardHistory.length).toBeGreaterThan(10);
    for (const view of B.boardHistory) expect(cardContext(view)).not.toContain(A_NAME);
    expect(B.board()!.participants.map((p) => p.name)).toContain(A_NAME);
    expect(B.board()!.actions[0]!.owners).toEqual([A_NAME]);
    // In the export only on the action's line and the offer's (OF-7: named like a promise, under its item).
    const lines = exportBody.split('\n').filter((l) => l.includes(A_NAME));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^- \[ \] ACTION-PAIR-ON-DEPLOYS — Ada-QX-NAME · due 2031-01-15$/);
    expect(lines[1]).toBe('- Ada-QX-NAME: OFFER-FROM-A');
    // In the cards CSV not at all; in the actions CSV only as the action's owner; in the JSON export only among
    // the people, the action's owners and the offers (OF-2: named like a promise).
    expect(otherExports['export.csv']).not.toContain(A_NAME);
    const actionLines = otherExports['actions.csv']!.split('\n').filter((l) => l.includes(A_NAME));
    expect(actionLines).toHaveLength(1);
    expect(actionLines[0]).toContain('ACTION-PAIR-ON-DEPLOYS');
    const json = JSON.parse(otherExports['export.json']!) as Record<string, unknown>;
    const withoutOwners = JSON.stringify(json, (key, value: unknown) => (['owners', 'people', 'offers'].includes(key) ? undefined : value));
    expect(JSON.stringify(json)).toContain(A_NAME);
    expect(withoutOwners).not.toContain(A_NAME);
    // A's own `me` stayed with A.
    expect(A.meHistory.every((v) => v.participantId === A.participantId)).toBe(true);
  });

  it('AN-6 AR-1 AR-2 the SQLite file cannot link a card or a vote to a name', () => {
    const db = openDataFile(server.dbFile);
    try {
      const participants = db.prepare('SELECT id, name, auth_hash FROM participants WHERE board_id = ?').all(boardId) as {
        id: string;
        name: string;
        auth_hash: string;
      }[];
      expect(participants.map((p) => p.name).sort()).toEqual(['Bo-Observer', 'Fay-Facilitator', A_NAME].sort());
      // the log holds public facts only: not one card, vote, group, pulse or consensus answer
      const rows = db.prepare('SELECT payload FROM events WHERE board_id = ? ORDER BY seq').all(boardId) as { payload: string }[];
      const types = rows.map((r) => (JSON.parse(r.payload) as { type: string }).type);
      expect(types.filter((t) => /^(card|vote|group|pulse)\.|consensus\.answered/.test(t))).toEqual([]);
      expect(types).toContain('phase.changed');
      // the anonymous state: every fact its own tag, none shared, none a person's tag, no id or name
      const stored = storedAnonymousState(server.dbFile, boardId);
      expect(stored.cards.map((c) => c.text)).toEqual(expect.arrayContaining(A_TEXTS));
      const tags = storedTags(server.dbFile, boardId);
      expect(new Set(tags).size).toBe(tags.length);
      const blob = (db.prepare('SELECT state FROM anonymous_state WHERE board_id = ?').all(boardId) as { state: Buffer }[]).map((r) => r.state.toString('utf8')).join('\n');
      for (const p of participants) for (const v of [p.id, p.name, p.auth_hash]) expect(blob).not.toContain(v);
      const file = fs.readFileSync(server.dbFile);
      for (const p of [people.A, F(), people.B]) for (const tag of personTags(server.keyFile, boardId, p.secret)) expect(file.includes(tag)).toBe(false);
      // the board document is not stored at all (AR-4); no table has an implicit rowid (AR-6)
      expect(db.prepare("SELECT count(*) AS n FROM doc_updates WHERE doc = 'board'").get()).toEqual({ n: 0 });
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table'").all() as { sql: string }[]).map((r) => r.sql);
      for (const create of sql) expect(create).toMatch(/WITHOUT ROWID\s*$/);
      // every stored command record has one size, whatever the command was (AR-5)
      expect(db.prepare('SELECT DISTINCT length(sealed) AS n FROM commands').all()).toHaveLength(1);
      // the only events carrying a participant id are public: promises (action.owner, offer.added) and the facilitator role
      const withIds = rows.filter((r) => participants.some((p) => r.payload.includes(p.id)));
      expect(withIds.map((r) => (JSON.parse(r.payload) as { type: string }).type).sort()).toEqual(['action.owner', 'facilitator.changed', 'offer.added']);
      // TL-2: trust-lens taps are stored as state too, each under a tag of its own (counted in the distinct tags above)
      expect(stored.lens).toHaveLength(3);
      expect(types).not.toContain('lens.tapped');
    } finally {
      db.close();
    }
  });

  it('RV-3 the reveal stored the board\'s seed from the server key, the one every process keeps its cards\' order under before it', () => {
    const db = openDataFile(server.dbFile);
    try {
      const rows = db.prepare('SELECT payload FROM events WHERE board_id = ?').all(boardId) as { payload: string }[];
      const seeds = rows.map((r) => (JSON.parse(r.payload) as { revealSeed?: string }).revealSeed).filter((s) => s !== undefined);
      expect(seeds).toEqual([boardRevealSeed(server.keyFile, boardId)]);
    } finally {
      db.close();
    }
  });
});

/**
 * SG-*, MO-3, DN-*: signing, hiding and "I'm done" keep the promise. Only an author puts their name on a
 * card; an unsigned card never travels with a name; hiding a card names nobody; done marks carry no card.
 */
describe('anonymity of signatures, hidden cards and done marks', () => {
  let server: TestServer;
  const NAME = 'Signe-QX-AUTHOR';
  const T = { unsigned: 'UNSIGNED-BY-A', signed: 'SIGNED-BY-A', hidden: 'HIDDEN-ABUSIVE-BY-A', b: 'B-OWN-CARD' };
  const p = {} as { F: Person; A: Person; B: Person };
  let boardId = '';
  let hideMark = 0;

  beforeAll(async () => {
    server = await startServer();
    let facilitatorKey = '';
    ({ boardId, facilitatorKey } = await createBoard(server.url, 'Signatures', 'start-stop-continue'));
    p.F = new Person(server.url);
    p.A = new Person(server.url);
    p.B = new Person(server.url);
    await p.B.connect(boardId, 'Bo-Observer');
    await p.F.connect(boardId, 'Fay-Facilitator', facilitatorKey);
    await p.A.connect(boardId, NAME);
  });

  afterAll(async () => {
    for (const person of Object.values(p)) await person?.disconnect();
    await server?.close();
  });

  it('SG-1 (SG-2, MO-3, DN-1) an unsigned card never travels with a name, a hidden card names nobody, done marks carry no card', async () => {
    const { F, A, B } = p;
    const ids: Record<string, string> = {};
    for (const [key, text] of Object.entries(T)) {
      const who = key === 'b' ? B : A;
      const ack = (await who.cmd('card.add', { columnId: 'start', text })) as { ok: true; data: { cardId: string } };
      ids[key] = ack.data.cardId;
    }
    expect(await A.cmd('done.mark', { done: true })).toMatchObject({ ok: true });
    expect(await B.cmd('done.mark', { done: true })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.progress?.done === 2);
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    // Nobody but A can sign A's card, the facilitator included.
    expect(await F.cmd('card.sign', { cardId: ids.signed, signed: true })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await B.cmd('card.sign', { cardId: ids.signed, signed: true })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await A.cmd('card.sign', { cardId: ids.signed, signed: true })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.cards.find((c) => c.id === ids.signed)?.signedBy === NAME);

    hideMark = frameMark();
    const hidden = await F.cmd('card.hide', { cardId: ids.hidden });
    expect(hidden).toEqual({ ok: true, data: {} });
    await B.waitFor(() => B.board()?.hiddenCards === 1);
    await A.waitFor(() => A.me?.cards.length === 2);

    // In every version of the board B ever held, a name sits only on the card its author signed.
    for (const view of B.boardHistory) {
      for (const card of view.cards) expect(card.signedBy, card.text).toBe(card.id === ids.signed && card.signedBy ? NAME : null);
      const cardsJson = JSON.stringify([view.cards.filter((c) => c.id !== ids.signed), view.groups]);
      expect(cardsJson).not.toContain(NAME);
    }
    // After the hide, nothing anyone receives holds the hidden text, and neither F nor B learns who wrote it.
    for (const person of [F, B]) {
      for (const frame of person.frames.filter((f) => f.seq >= hideMark)) {
        expect(frameContains(frame, T.hidden), `${person.name} ${frame.channel} #${frame.seq}`).toBe(false);
        expect(frameContains(frame, A.participantId)).toBe(false);
        if (frame.channel === 'socket.io') expect(frameContains(frame, NAME)).toBe(false);
      }
    }
    // Done marks are public by name and hold nothing about cards.
    for (const view of B.boardHistory) for (const person of view.participants) expect(Object.keys(person).sort()).toEqual(['done', 'facilitator', 'handle', 'name', 'online']);

    const db = openDataFile(server.dbFile);
    try {
      const rows = (db.prepare('SELECT payload FROM events WHERE board_id = ?').all(boardId) as { payload: string }[]).map(
        (r) => JSON.parse(r.payload) as Record<string, unknown>,
      );
      // SG-1 at rest (AR-1): a signature is part of its card in the anonymous state, never a logged event.
      expect(rows.filter((r) => r.type === 'card.signed')).toEqual([]);
      const blob = db.prepare("SELECT state FROM anonymous_state WHERE board_id = ? AND part = 'cards'").get(boardId) as { state: Buffer };
      const stored = JSON.parse(Buffer.from(blob.state).toString('utf8')) as { cards: { id: string; signature?: string }[] };
      expect(stored.cards.filter((c) => c.signature !== undefined)).toEqual([expect.objectContaining({ id: ids.signed, signature: NAME })]);
      expect(stored.cards.map((c) => c.id)).not.toContain(ids.hidden);
      expect(Buffer.from(blob.state).includes(Buffer.from(A.participantId))).toBe(false);
      expect(rows.filter((r) => r.type === 'card.hidden')).toEqual([{ type: 'card.hidden', cardId: ids.hidden }]);
      for (const r of rows.filter((x) => x.type === 'done.marked')) expect(Object.keys(r).sort()).toEqual(['done', 'participantId', 'stage', 'type']);
    } finally {
      db.close();
    }
  });
});

describe('AN card ids', () => {
  let server: TestServer;
  afterAll(async () => server?.close());

  it('AN-6 card ids are random, never time-ordered: one person\'s cards, written one after another, do not sort in the order they were written, nor share a prefix', async () => {
    server = await startServer();
    const { boardId, facilitatorKey } = await createBoard(server.url, 'Ids', 'start-stop-continue');
    const F = new Person(server.url);
    await F.connect(boardId, 'Fay', facilitatorKey);
    const written: string[] = [];
    for (let i = 0; i < 12; i++) {
      const ack = await F.cmd('card.add', { columnId: 'start', text: `card ${i}` });
      written.push((ack as { ok: true; data: { cardId: string } }).data.cardId);
    }
    await F.disconnect();
    // (12 random ids sort in the written order once in 12! ≈ 479 million)
    expect([...written].sort()).not.toEqual(written);
    expect([...written].sort().reverse()).not.toEqual(written);
    const prefix = (a: string, b: string) => [...a].findIndex((c, i) => c !== b[i]);
    expect(Math.max(...written.slice(1).map((id, i) => prefix(id, written[i]!)))).toBeLessThan(4);
  });
});
