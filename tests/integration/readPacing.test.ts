import type { Socket as TcpSocket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@candor/shared';
import { ABUSE_LIMITS } from '../../server/src/abuseLimits.js';
import { Person, createBoard, docTicket, docUrl, newId, sendCommand, until, useServer } from './harness.js';

/**
 * IN-33: Socket.io decodes every packet a connection sends (JSON, up to 64 KB) before any handler sees it. The command
 * budget (IN-18) answers only what asks for an answer, so a connection sending commands without an ack as fast as its
 * network allowed had the server decode all of it: an independent attack with 4 such connections, not even joined,
 * kept 0.67 of a core busy and another board's acks at p50 240 ms. What the server reads of a connection is the
 * server's own state here: whether its WebSocket is paused, and the bytes read from its TCP socket.
 */

/** the attacker's address, as a trusted proxy reports it (AB-8); the person on the other board comes from 127.0.0.1 */
const ATTACKER = '203.0.113.31';
/** a packet built to be slow to decode: thousands of small objects, under Socket.io's 64 KB */
const SLOW_PACKET = { id: newId(), type: 'card.add', junk: Array.from({ length: 4_000 }, (_, i) => ({ a: i })) };
const PACKETS = 400;

/** the parts of the server's engine.io connection read here */
interface ServerConnection {
  readyState: string;
  transport: { socket: { isPaused: boolean; _socket: { bytesRead: number } } };
}

describe('IN-33 what a Socket.io connection sends is read at a bounded pace', () => {
  // the clock stands still: no allowance refills while the test runs, so what the server reads is the burst
  const frozen = Date.parse('2026-12-03T12:00:00Z');
  const live = useServer({ trustProxy: true, now: () => frozen });

  const serverSide = (client: Socket): ServerConnection => {
    const engine = (live.server.io as unknown as { engine: { clients: Record<string, ServerConnection> } }).engine;
    return engine.clients[client.io.engine.id]!;
  };

  it('IN-33 a connection that floods commands without asking for answers is paused past its allowance; nothing else is', async () => {
    const { boardId } = await createBoard(live.server.url, 'Flooded');
    const attacker = ioClient(live.server.url, {
      transports: ['websocket'],
      auth: { boardId, protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { 'x-forwarded-for': ATTACKER },
      reconnection: false,
      forceNew: true,
    });
    await until(() => attacker.connected);
    const conn = serverSide(attacker);
    for (let i = 0; i < PACKETS; i++) attacker.emit('cmd', SLOW_PACKET);
    const sent = PACKETS * JSON.stringify(SLOW_PACKET).length;

    await until(() => conn.transport.socket.isPaused);
    // once paused the server reads no more of it: a person elsewhere is answered meanwhile, and the count stands
    const readWhenPaused = conn.transport.socket._socket.bytesRead;
    const { boardId: other, facilitatorKey } = await createBoard(live.server.url, 'Elsewhere');
    const F = new Person(live.server.url);
    live.people.push(F);
    await F.connect(other, 'Fran', facilitatorKey);
    expect(await F.cmd('card.add', { columnId: 'start', text: 'still answered' })).toMatchObject({ ok: true });
    expect(conn.transport.socket._socket.bytesRead).toBe(readWhenPaused);
    // the burst, and what Node and ws had read before the pause took hold (a chunk of each)
    expect(readWhenPaused).toBeLessThan(ABUSE_LIMITS.readBytesBurstPerConnection + 4 * 64 * 1024);
    expect(readWhenPaused).toBeLessThan(sent / 10);
    // read more slowly, not cut off
    expect(conn.readyState).toBe('open');
    attacker.close();
  });

  it('IN-33 a notes connection that floods 1 MB messages is paused past its allowance, even those its budget would drop', async () => {
    const upgrades: { url: string; socket: TcpSocket }[] = [];
    live.server.httpServer.on('upgrade', (req, socket: TcpSocket) => upgrades.push({ url: req.url ?? '', socket }));
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Noted');
    const headers = { 'x-forwarded-for': '203.0.113.32' };
    const session = ioClient(live.server.url, { transports: ['websocket'], auth: { boardId, protocolVersion: PROTOCOL_VERSION }, extraHeaders: headers, reconnection: false, forceNew: true });
    await until(() => session.connected);
    expect(await sendCommand(session, { id: newId(), type: 'join', participantId: newId(), secret: newId(24), name: 'Nora', facilitatorKey })).toMatchObject({ ok: true });
    const ws = new WebSocket(docUrl(live.server.url, boardId, 'notes', await docTicket(session, 'notes')), { headers, perMessageDeflate: false });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const tcp = upgrades.find((u) => u.url.startsWith(`/yjs/${boardId}/notes`))!.socket;
    // a y-sync update header and a megabyte of filler: dropped by the notes budget, but read whole first
    const message = Buffer.alloc(1_000_000, 7);
    message[0] = 0;
    message[1] = 2;
    for (let i = 0; i < 60; i++) ws.send(message);

    await until(() => tcp.isPaused());
    const readWhenPaused = tcp.bytesRead;
    const { boardId: other, facilitatorKey: otherKey } = await createBoard(live.server.url, 'Elsewhere too');
    const F = new Person(live.server.url);
    live.people.push(F);
    await F.connect(other, 'Fran', otherKey);
    expect(await F.cmd('card.add', { columnId: 'start', text: 'still answered' })).toMatchObject({ ok: true });
    expect(tcp.bytesRead).toBe(readWhenPaused);
    // one message past the burst, and what Node had read besides
    expect(readWhenPaused).toBeLessThan(ABUSE_LIMITS.readBytesBurstPerDocument + 1_000_000 + 4 * 64 * 1024);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.terminate();
    session.close();
  });
});
