import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Ack, WS_CLOSE } from '@candor/shared';
import { DocConnection, Person, createBoard, openSocket, until, useServer } from './harness.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * ME-1: an open connection keeps nothing of the HTTP request that opened it. engine.io would keep each Socket.io
 * WebSocket's upgrade request (through a listener on the TCP socket) for the connection's lifetime.
 */
describe('ME-1 open connections and their upgrade requests', () => {
  const live = useServer();

  it('ME-1 the upgrade requests of open Socket.io and document connections are collected, and the people go on working', async () => {
    const { url, httpServer } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Kept light');
    const requests: WeakRef<IncomingMessage>[] = [];
    const watch = (req: IncomingMessage) => void requests.push(new WeakRef(req));
    httpServer.prependListener('upgrade', watch);
    const F = new Person(url);
    const A = new Person(url);
    live.people.push(F, A);
    // both documents over their own WebSockets (the endpoint raw tools use; the browser reads the board over its socket, DO-10)
    F.boardOver = A.boardOver = 'websocket';
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    httpServer.off('upgrade', watch);
    // each person: one Socket.io WebSocket and the two documents
    expect(requests).toHaveLength(6);
    await until(() => {
      gc();
      return requests.every((r) => r.deref() === undefined);
    });
    // the connections those requests opened still serve: a command is answered, and the documents follow
    expect((await A.cmd('card.add', { columnId: 'start', text: 'still here' })).ok).toBe(true);
    expect((await A.cmd('done.mark', { done: true })).ok).toBe(true);
    await A.waitFor((a) => a.me?.cards.length === 1);
    await F.waitFor((f) => f.board()?.progress?.done === 1);
  });
});

/** Node keeps a socket's last `setTimeout` timer in an own symbol property, even once it is cleared. */
function timerSlotOf(socket: Duplex): unknown {
  const slot = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'timeout');
  return slot === undefined ? undefined : (socket as unknown as Record<symbol, unknown>)[slot];
}

/** the `ws` WebSocket that took over a TCP socket (ws marks the socket with it) */
function webSocketOf(socket: Duplex): { listeners(event: string): ((...args: unknown[]) => void)[] } | undefined {
  const slot = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'websocket');
  return slot === undefined ? undefined : ((socket as unknown as Record<symbol, unknown>)[slot] as ReturnType<typeof webSocketOf>);
}

/**
 * ME-6: an open WebSocket keeps nothing of its handshake and nothing of the bytes it last read: not the spent
 * handshake timer (AB-2), not engine.io's listener for errors before the upgrade, not the chunk a frame's mask
 * was read from.
 */
describe('ME-6 open WebSockets and what their handshake and last read left', () => {
  const live = useServer();

  it('ME-6 no spent handshake timer, no pre-upgrade error listener and no read chunk outlives its use, and the people go on working', async () => {
    const { url, httpServer } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Kept light');
    const sockets: Duplex[] = [];
    const chunks: WeakRef<ArrayBufferLike>[] = [];
    // after the upgrade router (appended): the socket is a WebSocket by now; every chunk it reads from here on is watched
    const watch = (_req: IncomingMessage, socket: Duplex) => {
      sockets.push(socket);
      socket.prependListener('data', (chunk: Buffer) => void chunks.push(new WeakRef(chunk.buffer)));
    };
    httpServer.on('upgrade', watch);
    const F = new Person(url);
    const A = new Person(url);
    live.people.push(F, A);
    // both documents over their own WebSockets (the endpoint raw tools use; the browser reads the board over its socket, DO-10)
    F.boardOver = A.boardOver = 'websocket';
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    httpServer.off('upgrade', watch);
    for (let i = 0; i < 5; i++) expect((await A.cmd('card.add', { columnId: 'start', text: `card ${i}` })).ok).toBe(true);
    expect(sockets).toHaveLength(6);
    expect(sockets.map(timerSlotOf).filter((t) => t)).toEqual([]);
    const errorListeners = sockets.flatMap((s) => webSocketOf(s)?.listeners('error') ?? []);
    expect(errorListeners.length).toBeGreaterThan(0);
    expect(errorListeners.filter((l) => l.name === 'onUpgradeError')).toEqual([]);
    await until(() => {
      gc();
      return chunks.every((c) => c.deref() === undefined);
    });
    // still serving: a command is answered, the documents follow, and a silent socket is still closed (AB-2 is a test of its own)
    expect((await A.cmd('done.mark', { done: true })).ok).toBe(true);
    await F.waitFor((f) => f.board()?.progress?.done === 1);
  });
});

/**
 * ME-7: the room holds a document connection as an object (for sign-out and deletion) only while it is open; a
 * closed one is forgotten, so its WebSocket is collected while the board stays loaded and its other people stay.
 */
describe('ME-7 closed document connections and the room', () => {
  const live = useServer();

  it('ME-7 the WebSockets of closed document connections are collected while the board stays loaded, and sign-out still ends the open ones', async () => {
    const { url, httpServer } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Kept light');
    const F = new Person(url);
    const A = new Person(url);
    live.people.push(F, A);
    // both documents over their own WebSockets (the endpoint raw tools use; the browser reads the board over its socket, DO-10)
    F.boardOver = A.boardOver = 'websocket';
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    const sockets: Duplex[] = [];
    const watch = (_req: IncomingMessage, socket: Duplex) => void sockets.push(socket);
    httpServer.on('upgrade', watch);
    const extra = [new DocConnection(await A.docUrl('board'), new Y.Doc(), () => undefined), new DocConnection(await A.docUrl('notes'), new Y.Doc(), () => undefined)];
    await Promise.all(extra.map((c) => c.open()));
    httpServer.off('upgrade', watch);
    expect(sockets).toHaveLength(2);
    const served = sockets.map((s) => new WeakRef(webSocketOf(s)!));
    sockets.length = 0;
    expect(served.every((ws) => ws.deref())).toBe(true);
    for (const conn of extra) conn.close();
    await until(() => {
      gc();
      return served.every((ws) => ws.deref() === undefined);
    });
    // the open ones are still the room's: a new password ends them (JN-2)
    expect((await F.cmd('access.password', { password: 'daisy' })).ok).toBe(true);
    expect((await A.boardConn!.waitClosed()).code).toBe(WS_CLOSE.FORBIDDEN);
  });
});

/** the events a Socket.io connection has listeners of its own for (Node keeps them in `_events`) */
/** a new board that Fran (who facilitates) and Alex have joined, both kept for cleanup */
async function franAndAlexJoined(live: ReturnType<typeof useServer>, title: string): Promise<{ boardId: string; F: Person; A: Person }> {
  const { url } = live.server;
  const { boardId, facilitatorKey } = await createBoard(url, title);
  const F = new Person(url);
  const A = new Person(url);
  live.people.push(F, A);
  await F.connect(boardId, 'Fran', facilitatorKey);
  await A.connect(boardId, 'Alex');
  return { boardId, F, A };
}

function ownListenedEvents(socket: unknown): string[] {
  return Reflect.ownKeys((socket as { _events: object })._events).map(String);
}

/**
 * ME-10: every event a client sends reaches one listener shared by every connection; a connection's own listener
 * table holds Candor's `disconnect` alone beside Socket.io's `error` (a small table, not one grown for six events).
 */
describe('ME-10 one listener for what a client sends', () => {
  const live = useServer();

  it('ME-10 a Socket.io connection has its own listener for disconnect alone, and commands, clock syncs, tickets, moves and unknown events are still answered', async () => {
    const { url, io } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Kept light');
    const F = new Person(url);
    const A = new Person(url);
    live.people.push(F, A);
    // both documents over their own WebSockets (the endpoint raw tools use; the browser reads the board over its socket, DO-10)
    F.boardOver = A.boardOver = 'websocket';
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    const sockets = [...io.of('/').sockets.values()];
    expect(sockets).toHaveLength(2);
    // Socket.io's own no-op for `error`, and Candor's `disconnect`
    for (const socket of sockets) expect(ownListenedEvents(socket)).toEqual(['error', 'disconnect']);
    const added = await A.cmd('card.add', { columnId: 'start', text: 'still answered' });
    expect(added.ok).toBe(true);
    const emit = (event: string, ...args: unknown[]) => new Promise<Ack>((resolve) => A.socket!.emit(event, ...args, resolve));
    expect(await emit('time.sync')).toMatchObject({ ok: true });
    expect(await emit('doc.ticket', { doc: 'board' })).toMatchObject({ ok: true });
    expect(await emit('card.moving', { cardId: (added as { data: { cardId: string } }).data.cardId, moving: false })).toMatchObject({ ok: true });
    expect(await emit('no.such.event', {})).toMatchObject({ ok: false, code: 'UNKNOWN_EVENT' });
    // a malformed command is refused as before
    expect(await emit('cmd', { type: 'card.add' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

/**
 * ME-12: Socket.io puts every connection in a room named after its id, for `io.to(socketId)`, which Candor never
 * uses: a set and a map entry per connection. ME-15: a joined connection is in no Socket.io room either: the board's
 * room knows who joined, and "being moved" (MV-1) goes to them.
 */
describe('ME-12 ME-15 no Socket.io room per connection or per board', () => {
  const live = useServer();

  it('ME-12 ME-15 a connection is in no Socket.io room, and moves still reach the joined people and nobody else', async () => {
    const { url, io } = live.server;
    const { boardId, F, A } = await franAndAlexJoined(live, 'No own rooms');
    const stranger = await openSocket(url, { boardId });
    const { adapter } = io.of('/');
    expect([...io.of('/').sockets.keys()]).toHaveLength(3);
    expect([...adapter.rooms.keys()]).toEqual([]);
    expect([...adapter.sids.keys()]).toEqual([]);
    // MV-1 still relays to the people joined to the board, the mover included, and not to a connection that did not join
    const { data } = (await A.cmd('card.add', { columnId: 'start', text: 'moved about' })) as { data: { cardId: string } };
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    const heard: unknown[] = [];
    const heardByMover: unknown[] = [];
    const heardByStranger: unknown[] = [];
    F.socket!.on('cards.moving', (batch: unknown) => heard.push(batch));
    A.socket!.on('cards.moving', (batch: unknown) => heardByMover.push(batch));
    stranger.on('cards.moving', (batch: unknown) => heardByStranger.push(batch));
    await until(async () => (await A.socket!.timeout(5000).emitWithAck('card.moving', { cardId: data.cardId, moving: true }) as { ok: boolean }).ok);
    await until(() => heard.length > 0 && heardByMover.length > 0);
    expect(heard[0]).toEqual({ moving: [data.cardId], still: [] });
    // a round trip on the stranger's socket: anything sent to it before would have arrived by now
    expect(await stranger.timeout(5000).emitWithAck('time.sync')).toMatchObject({ ok: true });
    expect(heardByStranger).toEqual([]);
    stranger.close();
  });
});

/**
 * ME-16: Socket.io keeps a map per connection for the server's own emits that ask the client for an answer;
 * Candor's server never asks, so every connection shares one that stays empty.
 */
describe('ME-16 one empty map of server acks for every connection', () => {
  const live = useServer();

  it('ME-16 connections share the empty acks map; an ack a client sends unasked is ignored and the connection goes on', async () => {
    const { io } = live.server;
    const { A } = await franAndAlexJoined(live, 'No acks kept');
    const sockets = [...io.of('/').sockets.values()] as { acks: Map<number, unknown> }[];
    expect(sockets).toHaveLength(2);
    expect(sockets[0]!.acks).toBe(sockets[1]!.acks);
    expect(sockets[0]!.acks.size).toBe(0);
    // socket.io-parser's ACK packet (type 3) for an id the server never gave out
    (A.socket as unknown as { packet(p: object): void }).packet({ type: 3, id: 7, data: [] });
    expect((await A.cmd('card.add', { columnId: 'start', text: 'still answered' })).ok).toBe(true);
    await A.waitFor((a) => a.me?.cards.length === 1);
    expect(sockets[0]!.acks.size).toBe(0);
  });
});
