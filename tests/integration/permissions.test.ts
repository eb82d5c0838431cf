import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FACILITATOR_COMMANDS, type Phase, WS_CLOSE, readBoardDoc } from '@candor/shared';
import { DocConnection, Person, boardWithNote, type TestServer, createBoard, docUrl, getBoard, newId, openSocket, sendCommand, startServer, until, franAlexBea } from './harness.js';

/** PE: the server, not the client, decides who may do what. */

type FacilitatorCommand = (typeof FACILITATOR_COMMANDS)[number];

describe('permissions', () => {
  let server: TestServer;
  const people: Person[] = [];
  const person = () => {
    const p = new Person(server.url);
    people.push(p);
    return p;
  };

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    for (const p of people) await p.disconnect();
    await server?.close();
  });

  /** A board in Discuss with one action and a running timer: every facilitator command would change something. */
  async function boardInDiscuss() {
    const { boardId, facilitatorKey } = await createBoard(server.url, 'Permissions');
    const { F, A, B } = await franAlexBea(() => person(), boardId, facilitatorKey);
    const a1 = (await A.cmd('card.add', { columnId: 'start', text: 'first' })) as { ok: true; data: { cardId: string } };
    const a2 = (await A.cmd('card.add', { columnId: 'stop', text: 'second' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: a1.data.cardId })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: a1.data.cardId })).toMatchObject({ ok: true });
    const action = (await F.cmd('action.create', { itemId: a1.data.cardId, text: 'do it' })) as { ok: true; data: { actionId: string } };
    expect(await F.cmd('timer.start', { durationSec: 120 })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.timer.endsAt !== null && B.board()?.actions.length === 1);
    return { boardId, F, A, B, cards: [a1.data.cardId, a2.data.cardId], actionId: action.data.actionId };
  }

  it('PE-1 refuses every facilitator-only command from a participant and leaves the board as it was', async () => {
    const { boardId, F, A, B, cards, actionId } = await boardInDiscuss();
    const payloads: Record<FacilitatorCommand, Record<string, unknown>> = {
      'phase.set': { phase: 'act' satisfies Phase },
      'settings.update': { voteBudget: 5, perItemCap: 2 },
      'discuss.select': { itemId: cards[1] },
      'timer.start': { durationSec: 600 },
      'timer.stop': {},
      'review.mark': { ref: `${boardId}:${actionId}`, status: 'done' },
      'consensus.start': { actionId },
      'consensus.reveal': { actionId },
      'facilitator.handover': { toHandle: B.board()!.participants.find((p) => !p.facilitator)!.handle },
      'columns.set': { columns: [{ title: 'Only column', prompt: '' }] },
      'board.rename': { name: 'Taken over' },
      'done.reset': {},
      'access.password': { password: 'letmein' },
      'access.knock': { on: true },
      'access.lockJoining': { locked: true },
      'access.admit': { knockId: 'someknock1', admit: true },
      'board.lock': { locked: true },
      'participant.remove': { handle: B.board()!.participants.find((p) => !p.facilitator)!.handle },
      'card.hide': { cardId: cards[0] },
      'anonymity.raise': { minOthers: 5 },
      'grouping.restrict': { facilitatorOnly: true },
      'discuss.order': { itemIds: [cards[1], cards[0]] },
      'discuss.next': {},
      'discuss.reopen': { itemId: cards[0] },
      'timer.pause': {},
      'timer.resume': {},
      'timer.extend': {},
      'reactions.enable': { enabled: false },
      'summary.email': { to: ['team@example.com'] },
      'offer.accept': { offerId: 'nosuchoffer1' },
      'lens.set': { on: true },
      'checkin.set': { question: { prompt: 'weather' } },
      'walk.focus': { columnId: 'start' },
      'walk.spotlight': { itemId: null },
    };
    // The test covers the rule's whole list: a new facilitator command needs a line above.
    expect(Object.keys(payloads).sort()).toEqual([...FACILITATOR_COMMANDS].sort());

    const httpBefore = await getBoard(server.url, boardId, F);
    const docBefore = B.board();
    const meBefore = A.me;
    for (const [type, fields] of Object.entries(payloads) as [FacilitatorCommand, Record<string, unknown>][]) {
      expect(await A.cmd(type, fields), type).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    }
    // A later change reaches B, so any change from the refused commands would have arrived before it.
    expect(await A.cmd('action.due', { actionId, dueDate: '2030-02-03' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.actions[0]?.dueDate === '2030-02-03');
    const withDue = (v: typeof docBefore) => ({ ...v!, actions: v!.actions.map((a) => ({ ...a, dueDate: '2030-02-03' })) });
    expect(B.board()).toEqual(withDue(docBefore));
    expect((await getBoard(server.url, boardId, F)).board).toEqual(withDue(httpBefore.board));
    expect(A.me).toEqual(meBefore);

    // The same commands from the facilitator do go through: the refusal was about the role alone.
    expect(await F.cmd('discuss.select', { itemId: cards[1] })).toMatchObject({ ok: true });
    expect(await F.cmd('timer.stop')).toMatchObject({ ok: true });
    expect(await F.cmd('action.delete', { actionId })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'act' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.phase === 'act');
    expect(B.board()).toMatchObject({ currentItemId: cards[1], timer: { endsAt: null }, actions: [] });
  });

  it('PE-1 refuses settings and phase changes from a participant during Write too', async () => {
    const { boardId, facilitatorKey } = await createBoard(server.url, 'Write phase');
    const F = person();
    const A = person();
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    const before = await getBoard(server.url, boardId, F);
    expect(await A.cmd('settings.update', { voteBudget: 10, perItemCap: 10 })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await A.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await A.cmd('timer.start', { durationSec: 60 })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect((await getBoard(server.url, boardId, F)).board).toEqual(before.board);
    expect(A.board()).toEqual(before.board);
    expect(await F.cmd('settings.update', { voteBudget: 10, perItemCap: 10 })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.settings.voteBudget === 10);
  });

  it('PE-3 nobody, the facilitator included, edits or deletes someone else’s card (NOT_YOURS), before or after Reveal', async () => {
    const { boardId, facilitatorKey } = await createBoard(server.url, 'Not yours');
    const { F, A, B } = await franAlexBea(() => person(), boardId, facilitatorKey);
    const added = (await A.cmd('card.add', { columnId: 'start', text: 'mine alone' })) as { ok: true; data: { cardId: string } };
    const cardId = added.data.cardId;
    expect(await B.cmd('card.edit', { cardId, text: 'hijacked' })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await B.cmd('card.delete', { cardId })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    // not even the facilitator
    expect(await F.cmd('card.edit', { cardId, text: 'hijacked' })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await F.cmd('card.delete', { cardId })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(A.me?.cards).toEqual([{ id: cardId, columnId: 'start', text: 'mine alone', signed: false }]);

    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.cards.length === 1);
    expect(await B.cmd('card.edit', { cardId, text: 'hijacked' })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await B.cmd('card.delete', { cardId })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await A.cmd('card.edit', { cardId, text: 'mine, edited' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.cards[0]?.text === 'mine, edited');
    expect((await getBoard(server.url, boardId, F)).board.cards).toEqual([{ id: cardId, columnId: 'start', text: 'mine, edited', groupId: null, edited: true, signedBy: null }]);
  });

  it('PE-1 a forged facilitator key at join is refused with NOT_FACILITATOR and creates nobody', async () => {
    const { boardId, facilitatorKey } = await createBoard(server.url, 'Forged');
    const other = await createBoard(server.url, 'Other board');
    const A = person();
    await A.connect(boardId, 'Alex');
    const before = await getBoard(server.url, boardId, A);
    const socket = await openSocket(server.url, { boardId });
    try {
      const forged = [newId(32), other.facilitatorKey, facilitatorKey.slice(0, -1) + (facilitatorKey.endsWith('A') ? 'B' : 'A')];
      for (const key of forged) {
        const ack = await sendCommand(socket, { id: newId(), type: 'join', participantId: newId(), secret: newId(32), name: 'Mallory', facilitatorKey: key });
        expect(ack).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
      }
      // an existing participant cannot promote themselves either
      const ack = await sendCommand(socket, { id: newId(), type: 'join', participantId: A.participantId, secret: A.secret, name: 'Alex', facilitatorKey: newId(32) });
      expect(ack).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
      expect(await sendCommand(socket, { id: newId(), type: 'phase.set', phase: 'reveal' })).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    } finally {
      socket.close();
    }
    expect((await getBoard(server.url, boardId, A)).board).toEqual(before.board);
    expect(await A.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
  });

  it('PE-4 identity is the secret: a wrong secret for an existing participant id is BAD_CREDENTIALS and joins nothing', async () => {
    const { boardId } = await createBoard(server.url, 'Credentials');
    const A = person();
    await A.connect(boardId, 'Alex');
    const card = (await A.cmd('card.add', { columnId: 'stop', text: 'private' })) as { ok: true; data: { cardId: string } };
    const before = await getBoard(server.url, boardId, A);
    const socket = await openSocket(server.url, { boardId });
    const received: unknown[] = [];
    socket.on('me', (v: unknown) => received.push(v));
    try {
      const ack = await sendCommand(socket, { id: newId(), type: 'join', participantId: A.participantId, secret: newId(32), name: 'Alex' });
      expect(ack).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS' });
      expect(await sendCommand(socket, { id: newId(), type: 'card.delete', cardId: card.data.cardId })).toMatchObject({ ok: false, code: 'NOT_JOINED' });
      expect(await sendCommand(socket, { id: newId(), type: 'card.add', columnId: 'start', text: 'as Alex' })).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    } finally {
      socket.close();
    }
    expect(received).toEqual([]);
    expect((await getBoard(server.url, boardId, A)).board).toEqual(before.board);
    expect(A.me?.cards.map((c) => c.text)).toEqual(['private']);
  });

  it('PE-5 (DO-6) the y-websocket endpoint closes connections without a valid single-use ticket (4401) or for unknown boards (4404)', async () => {
    const { boardId } = await createBoard(server.url, 'Yjs auth');
    const A = person();
    await A.connect(boardId, 'Alex');
    const used = await A.docUrl('board');
    const spent = new DocConnection(used, new Y.Doc(), () => undefined);
    await until(() => spent.synced);
    spent.close();
    const ticketOf = (url: string) => new URL(url).searchParams.get('ticket')!;
    const base = server.url.replace(/^http/, 'ws');
    const attempts: [string, number][] = [
      [docUrl(server.url, boardId, 'board', newId(32)), WS_CLOSE.UNAUTHORIZED],
      [docUrl(server.url, boardId, 'notes', newId(32)), WS_CLOSE.UNAUTHORIZED],
      // a ticket works once
      [used, WS_CLOSE.UNAUTHORIZED],
      // a ticket is for one document
      [docUrl(server.url, boardId, 'notes', ticketOf(await A.docUrl('board'))), WS_CLOSE.UNAUTHORIZED],
      [docUrl(server.url, boardId, 'board', ''), WS_CLOSE.UNAUTHORIZED],
      // the participant's own credentials are not accepted in a URL any more
      [`${base}/yjs/${boardId}/board?pid=${A.participantId}&secret=${A.secret}`, WS_CLOSE.UNAUTHORIZED],
      [docUrl(server.url, newId(16), 'board', ticketOf(await A.docUrl('board'))), WS_CLOSE.NOT_FOUND],
      [(await A.docUrl('board')).replace('/board?', '/secrets?'), WS_CLOSE.NOT_FOUND],
    ];
    for (const [url, code] of attempts) {
      const doc = new Y.Doc();
      const conn = new DocConnection(url, doc, () => undefined);
      const closed = await conn.waitClosed();
      expect(closed.code, url.replace(/(secret|ticket)=[^&]*/g, '$1=…')).toBe(code);
      // nothing of the board was sent before closing
      expect(readBoardDoc(doc)).toBeNull();
      expect(conn.synced).toBe(false);
    }
  });

  it('PE-6 an update a client sends to the board document is dropped: the server copy and other clients never see it', async () => {
    const { boardId, facilitatorKey } = await createBoard(server.url, 'Read only');
    const F = person();
    const M = person();
    const B = person();
    // Mallory reads (and writes) the board document over its y-websocket endpoint, where a client can send updates
    M.boardOver = 'websocket';
    await F.connect(boardId, 'Fran', facilitatorKey);
    await M.connect(boardId, 'Mallory');
    await B.connect(boardId, 'Bea');
    const before = B.board()!;

    // Mallory rewrites her copy of the board document: the phase, a fake card, fake tallies.
    M.boardDoc.transact(() => {
      const root = M.boardDoc.getMap('board');
      root.set('phase', 'closed');
      root.set('tallies', { forged: 99 });
      (root.get('cards') as Y.Array<unknown>).insert(0, [[new TextEncoder().encode(JSON.stringify(['forged-card', 'start', 'FORGED-TEXT']))]]);
    });
    expect(M.board()?.phase).toBe('closed');
    await M.boardConn!.roundTrip(); // the server has handled Mallory's update by now

    // A real change after it, seen by B, proves B's stream has moved past anything the forgery could cause.
    const settings = { voteBudget: before.settings.voteBudget + 1, perItemCap: before.settings.perItemCap };
    expect(await F.cmd('settings.update', settings)).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.settings.voteBudget === settings.voteBudget);
    expect(B.board()).toEqual({ ...before, settings });
    expect(B.frames.some((f) => f.bytes.includes('FORGED-TEXT'))).toBe(false);

    // A fresh reader gets the server's copy: no forgery in it either.
    const fresh = new Y.Doc();
    const conn = new DocConnection(await B.docUrl('board'), fresh, () => undefined);
    await until(() => conn.synced && readBoardDoc(fresh));
    expect(readBoardDoc(fresh)).toEqual(B.board());
    conn.close();
    expect((await getBoard(server.url, boardId, F)).board.phase).toBe('write');
  });

  it('PE-7 notes are frozen at Close: a notes update sent after closing is dropped', async () => {
    const { boardId, F, A, key } = await boardWithNote(server.url, people);
    A.typeNote(key, 'before close');
    await F.waitFor(() => F.notes(key) === 'before close');
    for (const phase of ['act', 'closed'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.phase === 'closed');
    A.typeNote(key, ' AFTER-CLOSE');
    await A.notesConn!.roundTrip();
    const exported = (await A.fetchText(`/api/boards/${boardId}/export.md`)).body;
    expect(exported).toContain('before close');
    expect(exported).not.toContain('AFTER-CLOSE');
    const fresh = new Y.Doc();
    const conn = new DocConnection(await F.docUrl('notes'), fresh, () => undefined);
    await until(() => conn.synced);
    expect(fresh.getMap<Y.Text>('notes').get(key)?.toString()).toBe('before close');
    expect(F.notes(key)).toBe('before close');
    conn.close();
  });

  it('LK-1 PE-7 a locked board’s notes are read-only for everyone but the facilitator: a participant’s edit is dropped and her notes connection told why; unlocked, she writes again', async () => {
    const { F, A, key } = await boardWithNote(server.url, people);
    A.typeNote(key, 'before the lock.');
    await F.waitFor(() => F.notes(key) === 'before the lock.');
    expect(await F.cmd('board.lock', { locked: true })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.locked === true);
    const closed = A.notesConn!.waitClosed();
    A.typeNote(key, ' WHILE-LOCKED');
    // the server keeps nothing of it and says why, so that her page starts its notes over (nothing to send again)
    expect((await closed).code).toBe(WS_CLOSE.LOCKED);
    // the facilitator still writes
    F.typeNote(key, ' The facilitator notes.');
    const fresh = new Y.Doc();
    const conn = new DocConnection(await F.docUrl('notes'), fresh, () => undefined);
    await until(() => conn.synced && fresh.getMap<Y.Text>('notes').get(key)?.toString() === 'before the lock. The facilitator notes.');
    conn.close();
    expect(F.notes(key)).toBe('before the lock. The facilitator notes.');
    // unlocked, a fresh notes connection of hers writes again
    expect(await F.cmd('board.lock', { locked: false })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.locked === false);
    const again = new Y.Doc();
    const hers = new DocConnection(await A.docUrl('notes'), again, () => undefined);
    await until(() => hers.synced && again.getMap<Y.Text>('notes').get(key)?.toString() === 'before the lock. The facilitator notes.');
    const note = again.getMap<Y.Text>('notes').get(key)!;
    note.insert(note.length, ' After the lock.');
    await F.waitFor(() => F.notes(key) === 'before the lock. The facilitator notes. After the lock.');
    hers.close();
  });

  it('PE-8 in the notes a person edits the text of existing notes only: new, removed or replaced entries and other shared types are dropped', async () => {
    const { boardId, F, A: M, key } = await boardWithNote(server.url, people, ['Fran', 'Mallory']);
    M.typeNote(key, 'a fair note');
    await F.waitFor(() => F.notes(key) === 'a fair note');

    // Mallory adds an entry, replaces the server's note with her own text object, and adds another shared type.
    const notes = M.notesDoc.getMap<Y.Text>('notes');
    M.notesDoc.transact(() => notes.set('forged-entry', new Y.Text('FORGED-ENTRY')));
    M.notesDoc.transact(() => notes.set(key, new Y.Text('REPLACED-NOTE')));
    M.notesDoc.transact(() => M.notesDoc.getArray('junk').push(['JUNK-TYPE']));
    M.notesDoc.transact(() => notes.delete(key));
    await M.notesConn!.roundTrip();
    // A fair edit after them still goes through, so the connection was kept and the server kept up.
    F.typeNote(key, ' (and more)');
    const fresh = new Y.Doc();
    const conn = new DocConnection(await F.docUrl('notes'), fresh, () => undefined);
    await until(() => conn.synced && fresh.getMap<Y.Text>('notes').get(key)?.toString() === 'a fair note (and more)');
    expect([...fresh.getMap<Y.Text>('notes').keys()]).toEqual([key]);
    expect([...fresh.share.keys()]).toEqual(['notes']);
    expect(F.frames.some((f) => f.channel === 'notes' && (f.bytes.includes('FORGED-ENTRY') || f.bytes.includes('REPLACED-NOTE')))).toBe(false);
    conn.close();
  });
});
