import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { type Ack, type ErrorCode, PROTOCOL_VERSION, WS_CLOSE } from '@candor/shared';
import {
  DocConnection,
  Person,
  boardWithNote,
  type TestServer,
  createBoard,
  getBoard,
  healthz,
  newId,
  openSocket,
  readerHeaders,
  sendCommand,
  startServer,
  until,
} from './harness.js';

/**
 * IN: malformed and hostile input. Each message gets the right error ack, and neither the public board
 * (GET /api/boards/:id) nor the sender's own view changes. The server stays up throughout.
 */

describe('bad input', () => {
  let server: TestServer;
  let boardId: string;
  let facilitatorKey: string;
  let F: Person;
  let A: Person;
  let B: Person;
  let aCard: string;
  let foreignCard: string;
  const people: Person[] = [];
  const sockets: Socket[] = [];

  const person = async (name: string, key?: string) => {
    const p = new Person(server.url);
    people.push(p);
    await p.connect(boardId, name, key);
    return p;
  };

  beforeAll(async () => {
    server = await startServer();
    ({ boardId, facilitatorKey } = await createBoard(server.url, 'Bad input'));
    F = await person('Fran', facilitatorKey);
    A = await person('Alex');
    B = await person('Bea');
    aCard = ((await A.cmd('card.add', { columnId: 'start', text: 'a real card' })) as { ok: true; data: { cardId: string } }).data.cardId;
    const other = await createBoard(server.url, 'Another board');
    const O = new Person(server.url);
    people.push(O);
    await O.connect(other.boardId, 'Olga', other.facilitatorKey);
    foreignCard = ((await O.cmd('card.add', { columnId: 'start', text: 'elsewhere' })) as { ok: true; data: { cardId: string } }).data.cardId;
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const p of people) await p.disconnect();
    expect((await healthz(server.url)).ok).toBe(true);
    await server?.close();
  });

  /** Sends `payload` as `sender`; expects the error `code` and no change to the board or to the sender's view. */
  async function refused(sender: Person, payload: unknown, code: ErrorCode): Promise<void> {
    const boardBefore = await getBoard(server.url, boardId, F);
    const meBefore = structuredClone(sender.me);
    const ack = await sendCommand(sender.socket!, payload);
    expect(ack).toMatchObject({ ok: false, code });
    expect((ack as { message: string }).message.length).toBeGreaterThan(0);
    // A change would have been applied (and `me` sent) before the ack: comparing now is enough.
    expect((await getBoard(server.url, boardId, F)).board).toEqual(boardBefore.board);
    expect(sender.me).toEqual(meBefore);
  }

  const cmd = (type: string, fields: Record<string, unknown> = {}) => ({ id: newId(), type, ...fields });

  it('IN-1 wrong field types are INVALID_INPUT', async () => {
    await refused(A, cmd('card.add', { columnId: 42, text: 'x' }), 'INVALID_INPUT');
    await refused(A, cmd('card.add', { columnId: 'start', text: 12345 }), 'INVALID_INPUT');
    await refused(A, cmd('card.add', { columnId: 'start', text: ['array', 'of', 'text'] }), 'INVALID_INPUT');
    await refused(A, { id: 12345678, type: 'card.add', columnId: 'start', text: 'x' }, 'INVALID_INPUT');
    await refused(A, cmd('action.volunteer', { actionId: newId(), volunteer: 'yes' }), 'INVALID_INPUT');
    await refused(F, cmd('settings.update', { voteBudget: '3', perItemCap: 2 }), 'INVALID_INPUT');
  });

  it('IN-1 (IN-12) missing fields, the command id included, are INVALID_INPUT', async () => {
    await refused(A, cmd('card.add', { columnId: 'start' }), 'INVALID_INPUT');
    await refused(A, cmd('card.edit', { text: 'no card id' }), 'INVALID_INPUT');
    await refused(A, { type: 'card.add', columnId: 'start', text: 'no command id' }, 'INVALID_INPUT');
    await refused(A, { id: newId(), columnId: 'start', text: 'no type' }, 'INVALID_INPUT');
    await refused(F, cmd('phase.set'), 'INVALID_INPUT');
  });

  it('IN-1 extra keys are INVALID_INPUT: nobody can slip an author, a facilitator flag or a card id in', async () => {
    await refused(A, cmd('card.add', { columnId: 'start', text: 'x', authorTag: 'someone-else' }), 'INVALID_INPUT');
    await refused(A, cmd('card.add', { columnId: 'start', text: 'x', cardId: aCard }), 'INVALID_INPUT');
    await refused(A, cmd('phase.set', { phase: 'reveal', isFacilitator: true }), 'INVALID_INPUT');
    await refused(A, cmd('vote.cast', { itemId: aCard, count: 100 }), 'INVALID_INPUT');
  });

  it('IN-1 a key named __proto__ is refused and pollutes nothing', async () => {
    const hostile = JSON.parse(`{"id":"${newId()}","type":"card.add","columnId":"start","text":"x","__proto__":{"polluted":true}}`) as unknown;
    await refused(A, hostile, 'INVALID_INPUT');
    const nested = JSON.parse(`{"id":"${newId()}","type":"settings.update","voteBudget":3,"perItemCap":2,"constructor":{"prototype":{"polluted":true}}}`) as unknown;
    await refused(F, nested, 'INVALID_INPUT');
    // the server runs in this process: its objects would show it
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('IN-5 text bounds: a 1001-character card, an empty or blank card, control characters are INVALID_INPUT', async () => {
    await refused(A, cmd('card.add', { columnId: 'start', text: 'x'.repeat(1001) }), 'INVALID_INPUT');
    await refused(A, cmd('card.add', { columnId: 'start', text: '' }), 'INVALID_INPUT');
    await refused(A, cmd('card.add', { columnId: 'start', text: ' \n\t ' }), 'INVALID_INPUT');
    await refused(A, cmd('card.add', { columnId: 'start', text: 'bell\u0007' }), 'INVALID_INPUT');
    await refused(A, cmd('card.add', { columnId: 'start', text: 'nul\u0000byte' }), 'INVALID_INPUT');
    await refused(A, cmd('card.add', { columnId: 'start', text: 'escape \u001b[31mred' }), 'INVALID_INPUT');
    await refused(A, cmd('card.edit', { cardId: aCard, text: 'del\u007f' }), 'INVALID_INPUT');
    // the boundary itself is accepted (and newlines and tabs are text)
    const exact = await A.cmd('card.add', { columnId: 'stop', text: 'y'.repeat(996) + '\n\tzz' });
    expect(exact).toMatchObject({ ok: true });
    expect(await A.cmd('card.delete', { cardId: (exact as { data: { cardId: string } }).data.cardId })).toMatchObject({ ok: true });
  });

  it('IN-4 (IN-2, IN-3) join with a 41-character name, a control character in the name, a short secret or a bad id is INVALID_INPUT', async () => {
    const socket = await openSocket(server.url, { boardId });
    sockets.push(socket);
    const before = await getBoard(server.url, boardId, F);
    const join = (fields: Record<string, unknown>) => ({ id: newId(), type: 'join', participantId: newId(), secret: newId(32), name: 'Nia', ...fields });
    for (const bad of [
      join({ name: 'n'.repeat(41) }),
      join({ name: 'Nia\u0008' }),
      join({ name: '   ' }),
      join({ secret: 'short' }),
      join({ secret: newId(32) + '!' }),
      join({ participantId: 'bad id with spaces' }),
      join({ participantId: 'x' }),
      join({ facilitatorKey: '' }),
    ]) {
      expect(await sendCommand(socket, bad)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expect((await getBoard(server.url, boardId, F)).board).toEqual(before.board);
    // 40 characters is fine
    expect(await sendCommand(socket, join({ name: 'n'.repeat(40) }))).toMatchObject({ ok: true });
    await until(async () => (await getBoard(server.url, boardId, F)).board.participants.some((p) => p.name === 'n'.repeat(40)));
  });

  it('IN-1 an unknown command type is INVALID_INPUT; IN-13 an unknown event with an ack is UNKNOWN_EVENT', async () => {
    await refused(A, cmd('card.steal', { cardId: aCard }), 'INVALID_INPUT');
    await refused(A, cmd('__proto__'), 'INVALID_INPUT');
    await refused(A, cmd('join '), 'INVALID_INPUT');
    const before = await getBoard(server.url, boardId, F);
    for (const event of ['export', 'admin', 'me', 'cmd ', 'x'.repeat(500)]) {
      const ack = (await A.socket!.timeout(5000).emitWithAck(event, { type: 'phase.set', phase: 'reveal' })) as Ack;
      expect(ack).toMatchObject({ ok: false, code: 'UNKNOWN_EVENT' });
    }
    expect((await getBoard(server.url, boardId, F)).board).toEqual(before.board);
  });

  it('IN-14 a cmd without an ack is dropped without a crash and without effect', async () => {
    const before = await getBoard(server.url, boardId, F);
    const meBefore = structuredClone(A.me);
    A.socket!.emit('cmd', cmd('card.add', { columnId: 'start', text: 'NO-ACK-CARD' }));
    A.socket!.emit('cmd', cmd('card.delete', { cardId: aCard }));
    A.socket!.emit('cmd');
    A.socket!.emit('time.sync');
    // A later command on the same socket passes through the same queue: once it is answered, the ones before are done.
    expect(await A.cmd('vote.cast', { itemId: aCard })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect((await getBoard(server.url, boardId, F)).board).toEqual(before.board);
    expect(A.me).toEqual(meBefore);
    expect(A.socket!.connected).toBe(true);
  });

  it('IN-15 commands before join are NOT_JOINED', async () => {
    const socket = await openSocket(server.url, { boardId });
    sockets.push(socket);
    const before = await getBoard(server.url, boardId, F);
    const meEvents: unknown[] = [];
    socket.on('me', (v: unknown) => meEvents.push(v));
    for (const payload of [
      cmd('card.add', { columnId: 'start', text: 'sneaky' }),
      cmd('card.delete', { cardId: aCard }),
      cmd('phase.set', { phase: 'reveal' }),
      cmd('vote.cast', { itemId: aCard }),
    ]) {
      expect(await sendCommand(socket, payload)).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    }
    expect((await getBoard(server.url, boardId, F)).board).toEqual(before.board);
    expect(meEvents).toEqual([]);
  });

  it('IN-16 card ids from another board are NOT_FOUND; someone else’s card is NOT_YOURS (PE-3); an unknown column is NOT_FOUND (CA-1, IN-6)', async () => {
    await refused(A, cmd('card.edit', { cardId: foreignCard, text: 'cross-board' }), 'NOT_FOUND');
    await refused(A, cmd('card.delete', { cardId: foreignCard }), 'NOT_FOUND');
    await refused(A, cmd('card.edit', { cardId: newId(), text: 'nobody' }), 'NOT_FOUND');
    await refused(B, cmd('card.edit', { cardId: aCard, text: 'mine now' }), 'NOT_YOURS');
    await refused(B, cmd('card.delete', { cardId: aCard }), 'NOT_YOURS');
    await refused(A, cmd('card.add', { columnId: 'nope', text: 'no such column' }), 'NOT_FOUND');
    await refused(A, cmd('card.add', { columnId: 'Bad Column!', text: 'x' }), 'INVALID_INPUT');
  });

  it('IN-11 an unknown phase is INVALID_INPUT; a wrong phase is WRONG_PHASE (PH-5) and a skip BAD_TRANSITION (PH-2)', async () => {
    await refused(A, cmd('vote.cast', { itemId: aCard }), 'WRONG_PHASE');
    await refused(A, cmd('action.create', { itemId: aCard, text: 'too early' }), 'WRONG_PHASE');
    await refused(A, cmd('card.group', { cardId: aCard, withCardId: foreignCard }), 'WRONG_PHASE');
    await refused(F, cmd('discuss.select', { itemId: aCard }), 'WRONG_PHASE');
    await refused(F, cmd('phase.set', { phase: 'vote' }), 'BAD_TRANSITION');
    await refused(F, cmd('phase.set', { phase: 'closed' }), 'BAD_TRANSITION');
    await refused(F, cmd('phase.set', { phase: 'write' }), 'BAD_TRANSITION');
    await refused(F, cmd('phase.set', { phase: 'lobby' }), 'INVALID_INPUT');
  });

  it('IN-8 (VO-8, IN-9, IN-10) settings, timers and dates out of bounds are INVALID_INPUT', async () => {
    await refused(F, cmd('settings.update', { voteBudget: 2, perItemCap: 3 }), 'INVALID_INPUT');
    await refused(F, cmd('settings.update', { voteBudget: 0, perItemCap: 0 }), 'INVALID_INPUT');
    await refused(F, cmd('settings.update', { voteBudget: 21, perItemCap: 1 }), 'INVALID_INPUT');
    await refused(F, cmd('settings.update', { voteBudget: 2.5, perItemCap: 1 }), 'INVALID_INPUT');
    await refused(F, cmd('settings.update', { voteBudget: -3, perItemCap: -3 }), 'INVALID_INPUT');
    await refused(F, cmd('timer.start', { durationSec: 5 }), 'INVALID_INPUT');
    await refused(F, cmd('timer.start', { durationSec: 3601 }), 'INVALID_INPUT');
    await refused(F, cmd('timer.start', { durationSec: null }), 'INVALID_INPUT');
    await refused(A, cmd('action.due', { actionId: newId(), dueDate: '2024-02-30' }), 'INVALID_INPUT');
    await refused(A, cmd('action.due', { actionId: newId(), dueDate: 'tomorrow' }), 'INVALID_INPUT');
  });

  it('IN-1 non-object payloads (string, number, null, array, boolean, binary, deep nesting) are INVALID_INPUT', async () => {
    let deep: unknown = {};
    for (let i = 0; i < 500; i++) deep = { id: newId(), type: 'card.add', nested: deep };
    for (const payload of ['card.add', 42, null, [cmd('card.add', { columnId: 'start', text: 'in an array' })], true, Buffer.from('{"type":"card.add"}'), deep]) {
      await refused(A, payload, 'INVALID_INPUT');
    }
  });

  it('IN-17 a bad handshake (wrong protocol version, unknown board, missing or malformed auth) fails with connect_error', async () => {
    const attempts: [Parameters<typeof openSocket>[1], string][] = [
      [{ boardId, protocolVersion: PROTOCOL_VERSION + 1 }, 'PROTOCOL_MISMATCH'],
      [{ boardId, protocolVersion: '1' }, 'INVALID_INPUT'],
      [{ boardId: newId(16) }, 'BOARD_NOT_FOUND'],
      [{ boardId: '../../etc' }, 'INVALID_INPUT'],
      [{ boardId, auth: {} }, 'INVALID_INPUT'],
    ];
    for (const [options, message] of attempts) {
      await expect(openSocket(server.url, options)).rejects.toThrow(message);
    }
    expect((await healthz(server.url)).ok).toBe(true);
  });

  it('IN-18 a flood of 200 commands is rate limited (RATE_LIMITED), only for that connection, and the server stays up', async () => {
    const R = await person('Rapid');
    const before = await getBoard(server.url, boardId, F);
    const acks = await Promise.all(Array.from({ length: 200 }, () => R.cmd('vote.cast', { itemId: aCard })));
    const limited = acks.filter((a) => !a.ok && a.code === 'RATE_LIMITED').length;
    const answered = acks.filter((a) => !a.ok && a.code === 'WRONG_PHASE').length;
    expect(limited + answered).toBe(200);
    expect(limited).toBeGreaterThanOrEqual(100);
    // a bucket of 60 (one already spent on the join), refilled at 20 a second
    expect(answered).toBeGreaterThanOrEqual(50);
    expect(answered).toBeLessThanOrEqual(80);
    expect((await getBoard(server.url, boardId, F)).board).toEqual(before.board);
    expect((await healthz(server.url)).ok).toBe(true);
    // other connections are not slowed down
    expect(await A.cmd('vote.cast', { itemId: aCard })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    // and the flooder gets through again once the bucket refills
    await until(async () => {
      const ack = await R.cmd('card.add', { columnId: 'start', text: 'after the flood' });
      return ack.ok || (ack.code === 'RATE_LIMITED' ? false : ack);
    });
    expect(R.me?.cards.map((c) => c.text)).toEqual(['after the flood']);
  });

  it('IN-19 a 1 MB Socket.io message closes that connection; the server survives and a fresh client works', async () => {
    const socket = await openSocket(server.url, { boardId });
    sockets.push(socket);
    const before = await getBoard(server.url, boardId, F);
    let acked = false;
    socket.emit('cmd', cmd('card.add', { columnId: 'start', text: 'z'.repeat(1024 * 1024) }), () => (acked = true));
    await until(() => !socket.connected);
    expect(acked).toBe(false);
    expect((await healthz(server.url)).ok).toBe(true);
    expect((await getBoard(server.url, boardId, F)).board).toEqual(before.board);
    const fresh = await person('Fresh after 1MB');
    expect(await fresh.cmd('card.add', { columnId: 'start', text: 'still works' })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: aCard })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('IN-19 the Socket.io bound is 64 KB: a message just under it is read and answered (here INVALID_INPUT), one just over closes the connection', async () => {
    const socket = await openSocket(server.url, { boardId });
    sockets.push(socket);
    const under = await sendCommand(socket, cmd('card.add', { columnId: 'start', text: 'u'.repeat(60 * 1024) }));
    expect(under).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(socket.connected).toBe(true);
    let acked = false;
    socket.emit('cmd', cmd('card.add', { columnId: 'start', text: 'o'.repeat(66 * 1024) }), () => (acked = true));
    await until(() => !socket.connected);
    expect(acked).toBe(false);
  });

  it('IN-20 a y-websocket message over 1 MiB closes that connection; the server survives', async () => {
    const conn = new DocConnection(await A.docUrl('notes'), new Y.Doc(), () => undefined);
    await until(() => conn.synced);
    const big = Buffer.alloc(1024 * 1024 + 16, 7);
    big[0] = 0; // a sync message
    conn.sendRaw(big);
    const closed = await conn.waitClosed();
    expect(closed.code).toBe(1009);
    expect((await healthz(server.url)).ok).toBe(true);
    expect(A.socket!.connected).toBe(true); // and with it A's board document (DO-10)
  });

  it('IN-23 a notes connection that floods updates past its byte budget has the excess dropped; others still connect', async () => {
    // A board of its own in Discuss, so there is a note (only existing notes may be edited, PE-8).
    const { boardId: ownBoard, F: G, A: H, key } = await boardWithNote(server.url, people, ['Gil', 'Hana']);
    for (let i = 0; i < 16; i++) H.typeNote(key, String(i % 10).repeat(64 * 1024));
    expect(H.notes(key)!.length).toBe(16 * 64 * 1024);
    // A fresh observer sees what the server kept: the start of the flood, not a mebibyte of it.
    const observer = new DocConnection(await G.docUrl('notes'), new Y.Doc(), () => undefined);
    await until(() => observer.synced && ((observer.doc.getMap('notes').get(key) as Y.Text | undefined)?.length ?? 0) > 0);
    const kept = (observer.doc.getMap('notes').get(key) as Y.Text).length;
    expect(kept).toBeGreaterThanOrEqual(64 * 1024);
    expect(kept).toBeLessThanOrEqual(320 * 1024);
    observer.ws.close();
    expect((await healthz(server.url)).ok).toBe(true);
  });

  it('IN-28 an honest client whose notes edit went over the budget is asked again later, and nothing is lost', async () => {
    const { F: G, A: H, key } = await boardWithNote(server.url, people, ['Gil', 'Hana']);
    // three quick pastes of 100 KB: the third is over the 256 KiB burst and is dropped at first
    for (const ch of ['a', 'b', 'c']) H.typeNote(key, ch.repeat(100 * 1024));
    await G.waitFor(() => G.notes(key)?.length === 300 * 1024, 10_000);
    expect(G.notes(key)!.endsWith('c'.repeat(100 * 1024))).toBe(true);
  });

  it('IN-21 (DO-5) garbage bytes to y-websocket are dropped and close that connection (4400); the documents and the server stay healthy', async () => {
    const garbage: Buffer[] = [
      Buffer.alloc(0),
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
      Buffer.from([0, 0, 0xff, 0xff, 0xff, 0x0f]), // step1 with a length far beyond the message
      Buffer.from([0, 1, 3, 9, 9, 9]), // step2 with nonsense
      Buffer.from([0, 2, 8, 1, 2, 3, 4, 5, 6, 7, 8]), // an update with nonsense
      Buffer.from([0, 9]), // unknown sync message type
      Buffer.from([1, 5, 1, 2, 3]), // awareness is not relayed
      Buffer.from([7, 7, 7]),
      Buffer.from('{"not":"binary"}'),
    ];
    for (let i = 0; i < 50; i++) garbage.push(Buffer.from(Array.from({ length: 1 + (i * 37) % 200 }, (_, j) => (i * 131 + j * 17) % 256)));
    const noteKeyBefore = A.notesDoc.getMap('notes').size;
    for (const doc of ['board', 'notes'] as const) {
      const conn = new DocConnection(await A.docUrl(doc), new Y.Doc(), () => undefined);
      await conn.open();
      for (const bytes of garbage) conn.sendRaw(bytes);
      expect((await conn.waitClosed()).code).toBe(WS_CLOSE.MALFORMED);
    }
    expect(A.notesConn!.ws.readyState).toBe(WebSocket.OPEN);
    expect(A.socket!.connected).toBe(true); // and with it A's board document (DO-10)
    expect((await healthz(server.url)).ok).toBe(true);
    // the documents still carry real changes to everyone
    expect(await F.cmd('timer.start', { durationSec: 30 })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.timer.endsAt !== null);
    await B.waitFor(() => B.board()?.timer.endsAt !== null);
    expect(A.notesDoc.getMap('notes').size).toBe(noteKeyBefore);
    expect(await F.cmd('timer.stop')).toMatchObject({ ok: true });
  });

  it('IN-29 a name or title with a line break is INVALID_INPUT from a raw socket and a 400 over HTTP; the board is unchanged', async () => {
    const socket = await openSocket(server.url, { boardId });
    sockets.push(socket);
    const before = await getBoard(server.url, boardId, F);
    for (const name of ['Nia\n# Heading', 'Nia\r\n- [x] done', 'Nia\u2028Lovelace']) {
      expect(await sendCommand(socket, { id: newId(), type: 'join', participantId: newId(), secret: newId(32), name })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    await refused(F, cmd('columns.set', { columns: [{ title: 'Start\n<img src=x onerror=alert(1)>', prompt: '' }] }), 'INVALID_INPUT');
    expect((await getBoard(server.url, boardId, F)).board).toEqual(before.board);
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Sprint\n# Injected', templateId: 'dont-know' }),
    });
    expect(res.status).toBe(400);
  });

  it('IN-1 (IN-4) malformed HTTP requests get 4xx JSON errors, never a crash', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${server.url}/api/boards`, { method: 'POST', headers: { 'content-type': type }, body });
    const cases: [Promise<Response>, number][] = [
      [post('{not json'), 400],
      [post(JSON.stringify({ name: 'x', templateId: 'no-such-template' })), 400],
      [post(JSON.stringify({ name: '', templateId: 'dont-know' })), 400],
      [post(JSON.stringify({ name: 'x'.repeat(101), templateId: 'dont-know' })), 400],
      [post(JSON.stringify({ name: 'x', templateId: 'dont-know', facilitatorKey: 'mine' })), 400],
      [post(JSON.stringify(['array'])), 400],
      [post(JSON.stringify({ name: 'x'.repeat(20_000), templateId: 'dont-know' })), 413],
      [fetch(`${server.url}/api/boards/not!an!id`), 404],
      [fetch(`${server.url}/api/boards/${newId(16)}`), 404],
      [fetch(`${server.url}/api/boards/${boardId}/export.md`, { headers: readerHeaders(F) }), 409],
      [fetch(`${server.url}/api/boards/${boardId}/export.md`), 401],
      [fetch(`${server.url}/api/boards/${boardId}/export.md`, { headers: { authorization: 'Candor ../../etc passwd\n' } }), 401],
      [fetch(`${server.url}/api/boards/${boardId}/export.md`, { headers: { authorization: `Candor ${F.participantId} ${'x'.repeat(5000)}` } }), 401],
      [fetch(`${server.url}/api/nothing-here`), 404],
    ];
    for (const [request, status] of cases) {
      const res = await request;
      expect(res.status).toBe(status);
      expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
    }
    expect((await healthz(server.url)).ok).toBe(true);
  });

  it('IN-22 after everything: healthz is ok, and a new participant can still join and write', async () => {
    const N = await person('Newcomer');
    expect(N.board()?.phase).toBe('write');
    expect(await N.cmd('card.add', { columnId: 'continue', text: 'the last word' })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.participants.some((p) => p.name === 'Newcomer' && p.online));
    expect((await healthz(server.url)).ok).toBe(true);
    const sync = (await N.socket!.timeout(5000).emitWithAck('time.sync')) as Ack<{ serverNow: number }>;
    expect(sync.ok && Math.abs(sync.data.serverNow - Date.now())).toBeLessThan(5000);
  });
});
