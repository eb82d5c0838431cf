import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIMITS, encodeSyncStep2, encodeUpdate, readBoardDoc } from '@candor/shared';
import { PINGS_OUT_OF_THE_WAY, Person, createBoard, newId, openSocket, sendCommand, until, useServer } from './harness.js';
import { BOARD_STEP1_EMPTY, SocketBoardReader } from './socketBoardReader.js';

/** DO-7 cap for this file's server: low, so the test needs megabytes, not tens of them. */
const SEND_BUFFER_BYTES = 1024 * 1024;

/** A socket of its own that joins `boardId` as a new person; nothing read yet. */
async function joinedSocket(url: string, boardId: string, name: string) {
  const socket = await openSocket(url, { boardId });
  expect(await sendCommand(socket, { id: newId(), type: 'join', participantId: newId(), secret: newId(32), name })).toMatchObject({ ok: true });
  return socket;
}

const ask = async (socket: { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } }, ...args: unknown[]) =>
  (await socket.timeout(10_000).emitWithAck('board.doc', ...args)) as { ok: boolean; code?: string };

describe('the board document over the joined Socket.io connection', () => {
  const live = useServer({ sendBufferBytes: SEND_BUFFER_BYTES, heartbeat: PINGS_OUT_OF_THE_WAY });
  const people = live.people;

  /** a new board, with its facilitator Fran joined over a Person of this file */
  async function boardWithFacilitator(title: string) {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, title);
    const F = new Person(live.server.url);
    people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    return { boardId, F };
  }

  it('DO-10 a joined socket that sends a sync step 1 is answered with the board and then sent every change, on the same connection', async () => {
    const { boardId, F } = await boardWithFacilitator('Over the socket');
    const socket = await joinedSocket(live.server.url, boardId, 'Sol');
    const reader = new SocketBoardReader(socket, new Y.Doc(), () => undefined);
    expect(await reader.start()).toMatchObject({ ok: true });
    await until(() => reader.synced && readBoardDoc(reader.doc)?.participants.some((p) => p.name === 'Fran'));
    expect(await F.cmd('timer.start', { durationSec: 60 })).toMatchObject({ ok: true });
    await until(() => readBoardDoc(reader.doc)?.timer.endsAt);
    socket.close();
  });

  it('DO-10 a socket that has not joined is refused NOT_JOINED and sent nothing of the board', async () => {
    const { boardId, F } = await boardWithFacilitator('Not joined');
    const stranger = await openSocket(live.server.url, { boardId });
    const reader = new SocketBoardReader(stranger, new Y.Doc(), () => undefined);
    expect(await reader.start()).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    expect(await F.cmd('timer.start', { durationSec: 60 })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.timer.endsAt);
    await stranger.timeout(5000).emitWithAck('time.sync'); // anything sent to this socket before has arrived
    expect(reader.messages).toBe(0);
    stranger.close();
  });

  it('DO-10 a sign-out ends the reading at once: nothing more is sent, and asking again is NOT_JOINED until a new join', async () => {
    const { boardId, F } = await boardWithFacilitator('Signed out');
    const socket = await joinedSocket(live.server.url, boardId, 'Sol');
    const reader = new SocketBoardReader(socket, new Y.Doc(), () => undefined);
    expect(await reader.start()).toMatchObject({ ok: true });
    await until(() => reader.synced);
    let signedOut = false;
    socket.on('signedOut', () => (signedOut = true));
    expect(await F.cmd('access.password', { password: 'daisy' })).toMatchObject({ ok: true });
    await until(() => signedOut);
    const heard = reader.messages;
    expect(await F.cmd('timer.start', { durationSec: 60 })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.timer.endsAt);
    // the answer comes after anything sent to this socket before it
    expect(await reader.start()).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    expect(reader.messages).toBe(heard);
    socket.close();
  });

  it('DO-10 a new join on the same socket ends the reading: nothing is sent until it asks again, then the whole board', async () => {
    const { boardId, F } = await boardWithFacilitator('Joined twice');
    const socket = await openSocket(live.server.url, { boardId });
    const identity = { participantId: newId(), secret: newId(32), name: 'Sol' };
    expect(await sendCommand(socket, { id: newId(), type: 'join', ...identity })).toMatchObject({ ok: true });
    const first = new SocketBoardReader(socket, new Y.Doc(), () => undefined);
    expect(await first.start()).toMatchObject({ ok: true });
    await until(() => first.synced);
    expect(await sendCommand(socket, { id: newId(), type: 'join', ...identity })).toMatchObject({ ok: true });
    const heard = first.messages;
    expect(await F.cmd('timer.start', { durationSec: 60 })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.timer.endsAt);
    // the change went out to every reader before F saw it; an answer on this socket comes after anything sent to it
    await socket.timeout(5000).emitWithAck('time.sync');
    expect(first.messages).toBe(heard);
    first.stop();
    const second = new SocketBoardReader(socket, new Y.Doc(), () => undefined);
    expect(await second.start()).toMatchObject({ ok: true });
    await until(() => second.synced && readBoardDoc(second.doc)?.timer.endsAt);
    socket.close();
  });

  it('DO-11 what a socket sends as board.doc is checked: not bytes, too long, an update or step 2, malformed — each refused with a code, the board unchanged', async () => {
    const { boardId, F } = await boardWithFacilitator('Hostile bytes');
    const socket = await joinedSocket(live.server.url, boardId, 'Mallory');
    // Mallory's arrival is projected in a short batch: the board is settled once F sees her
    await F.waitFor(() => F.board()?.participants.some((p) => p.name === 'Mallory' && p.online));
    const before = F.board();
    const forged = new Y.Doc();
    forged.getMap('board').set('name', 'Owned');
    const update = Y.encodeStateAsUpdate(forged);
    expect(await ask(socket, 'a string')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await ask(socket, { 0: 0, 1: 0 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await ask(socket, Buffer.alloc(LIMITS.boardDocMessageBytes + 1))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await ask(socket, encodeUpdate(update))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await ask(socket, encodeSyncStep2(update))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    // an unknown event with bytes is no way in either
    expect((await socket.timeout(10_000).emitWithAck('board.update', encodeUpdate(update))) as unknown).toMatchObject({ ok: false, code: 'UNKNOWN_EVENT' });
    await F.boardRoundTrip();
    expect(F.board()).toEqual(before);
    expect(F.board()?.name).toBe('Hostile bytes');
    expect(F.frames.some((f) => f.bytes.includes('Owned'))).toBe(false);
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it('DO-11 (DO-5) a socket that sends a few malformed board.doc messages is disconnected; before that it is served, others are untouched', async () => {
    const { boardId, F } = await boardWithFacilitator('Garbage on the socket');
    const socket = await joinedSocket(live.server.url, boardId, 'Mallory');
    const garbage = [Buffer.from([0, 9]), Buffer.from([7, 7, 7]), Buffer.from([0, 0, 0xff, 0xff, 0xff, 0x0f])];
    for (const bytes of garbage.slice(0, LIMITS.malformedDocMessages - 1)) expect(await ask(socket, bytes)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await ask(socket, BOARD_STEP1_EMPTY)).toMatchObject({ ok: true });
    let reason = '';
    socket.on('disconnect', (why) => (reason = why));
    socket.emit('board.doc', garbage[LIMITS.malformedDocMessages - 1]!, () => undefined);
    await until(() => reason !== '');
    expect(await F.cmd('timer.start', { durationSec: 30 })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.timer.endsAt);
    expect(F.socket!.connected).toBe(true);
  });

  it('DO-11 a board.doc message past the socket’s size limit ends that connection only; the board goes on', async () => {
    const { boardId, F } = await boardWithFacilitator('Oversize');
    const socket = await joinedSocket(live.server.url, boardId, 'Mallory');
    let reason = '';
    socket.on('disconnect', (why) => (reason = why));
    socket.emit('board.doc', Buffer.alloc(256 * 1024, 7), () => undefined);
    await until(() => reason !== '');
    expect(await F.cmd('timer.start', { durationSec: 30 })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.timer.endsAt);
  });

  it('DO-11 board.doc shares the socket’s request budget: past it, RATE_LIMITED', async () => {
    const { boardId } = await createBoard(live.server.url, 'Budget');
    const socket = await joinedSocket(live.server.url, boardId, 'Flo');
    const answers = await Promise.all(Array.from({ length: 120 }, () => ask(socket, BOARD_STEP1_EMPTY)));
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(50);
    expect(answers.filter((a) => !a.ok && a.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
    socket.close();
  });

  it('DO-8 reading over a socket counts among a person’s connections to the board document: one too many is TOO_MANY_CONNECTIONS', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Many tabs');
    const identity = { participantId: newId(), secret: newId(32), name: 'Pat', facilitatorKey };
    const tabs: Awaited<ReturnType<typeof openSocket>>[] = [];
    for (let i = 0; i <= LIMITS.docConnectionsPerPerson; i++) {
      const socket = await openSocket(live.server.url, { boardId });
      expect(await sendCommand(socket, { id: newId(), type: 'join', ...identity })).toMatchObject({ ok: true });
      tabs.push(socket);
    }
    const answers = [];
    for (const socket of tabs) answers.push(await ask(socket, BOARD_STEP1_EMPTY));
    expect(answers.slice(0, LIMITS.docConnectionsPerPerson).every((a) => a.ok)).toBe(true);
    expect(answers[LIMITS.docConnectionsPerPerson]).toMatchObject({ ok: false, code: 'TOO_MANY_CONNECTIONS' });
    // closing one makes room again
    tabs[0]!.close();
    await until(async () => (await ask(tabs[LIMITS.docConnectionsPerPerson]!, BOARD_STEP1_EMPTY)).ok);
    for (const socket of tabs) socket.close();
  });

  it('DO-7 a socket that reads the board document and stops reading is closed once the server holds more than the cap for it; the board goes on', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Slow reader');
    const F = new Person(live.server.url);
    const writers = Array.from({ length: 4 }, () => new Person(live.server.url));
    people.push(F, ...writers);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await Promise.all(writers.map((w, i) => w.connect(boardId, `Writer ${i}`)));
    await Promise.all(
      writers.map(async (w, i) => {
        for (let c = 0; c < LIMITS.cardsPerPerson; c++) {
          // random text: what the server sends stays large once compressed (DO-4)
          const text = `${i}-${c} ${randomBytes(LIMITS.cardText).toString('base64')}`.slice(0, LIMITS.cardText);
          expect(await w.cmd('card.add', { columnId: 'start', text })).toMatchObject({ ok: true });
        }
      }),
    );
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.cards.length === 4 * LIMITS.cardsPerPerson);
    const stalled = await joinedSocket(live.server.url, boardId, 'Sleepy');
    let reason = '';
    stalled.on('disconnect', (why) => (reason = why));
    (stalled.io.engine as unknown as { transport: { ws: { pause(): void; resume(): void } } }).transport.ws.pause();
    const whole = deflateRawSync(encodeSyncStep2(Y.encodeStateAsUpdate(F.boardDoc))).length;
    // every change is a new document version: the stalled socket asks for the whole document each time, far
    // (ending with the timer running)
    // more than the cap and the kernel's buffers (a few MB) hold
    let asked = 0;
    for (let i = 0; asked < 20_000_000 || i % 2 === 0; i++) {
      await until(async () => (await F.cmd(i % 2 ? 'timer.stop' : 'timer.start', i % 2 ? {} : { durationSec: 60 })).ok, 15_000);
      stalled.emit('board.doc', BOARD_STEP1_EMPTY, () => undefined);
      asked += whole;
    }
    let received = 0;
    (stalled.io.engine as unknown as { on(e: string, f: (d: { length?: number; byteLength?: number }) => void): void }).on('data', (data) => {
      received += data.length ?? data.byteLength ?? 0;
    });
    await until(async () => (await F.cmd('timer.stop')).ok, 15_000);
    await writers[1]!.waitFor(() => writers[1]!.board()?.timer.endsAt === null);
    await until(async () => (await F.cmd('timer.start', { durationSec: 30 })).ok, 15_000);
    await writers[1]!.waitFor(() => writers[1]!.board()?.timer.endsAt);
    for (const p of [F, ...writers]) expect(p.socket!.connected).toBe(true);
    (stalled.io.engine as unknown as { transport: { ws: { pause(): void; resume(): void } } }).transport.ws.resume();
    await until(() => reason !== '', 15_000);
    expect(reason).toBe('transport close');
    expect(received).toBeLessThan(asked / 2);
    stalled.close();
  });
});
