import net from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@candor/shared';
import { Person, createBoard, openSocket, until, useServer } from './harness.js';

/**
 * AB-3: one client address holds at most so many WebSockets and Socket.io connections together; one more
 * is refused with 429 and a message, and closing one makes room again.
 */

const CAP = 6;

/** A raw WebSocket upgrade; resolves with the HTTP status the server answered (101 when it became a WebSocket). */
function upgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ status: 101, body: '', ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ws }));
    });
    ws.once('error', (err) => reject(err));
  });
}

describe('AB-3 connections per address', () => {
  const live = useServer({ connectionsPerAddress: CAP });

  it('AB-3 Socket.io and document WebSockets of one address count together; one more is refused with 429', async () => {
    const { url } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Capped');
    const F = new Person(url);
    const A = new Person(url);
    const B = new Person(url);
    live.people.push(F, A, B);
    await F.connect(boardId, 'Fran', facilitatorKey); // Socket.io (with the board document, DO-10) + the notes: 2
    await A.connect(boardId, 'Alex'); // 4
    await B.connect(boardId, 'Bea'); // 6
    // a seventh connection of either kind is refused, with a reason
    await expect(openSocket(url, { boardId })).rejects.toThrow();
    const doc = await upgrade(await A.docUrl('board'));
    expect(doc.status).toBe(429);
    expect(JSON.parse(doc.body)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    const sio = await upgrade(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    expect(sio.status).toBe(429);
    // the people already here are not disturbed
    expect(await A.cmd('card.add', { columnId: 'start', text: 'still here' })).toMatchObject({ ok: true });
    // once one leaves, there is room again
    await A.disconnect();
    const again = await until(() => openSocket(url, { boardId, protocolVersion: PROTOCOL_VERSION }).catch(() => null));
    again.close();
  });
});

describe('AB-12 Socket.io is WebSocket only', () => {
  const live = useServer({});

  it('AB-12 a long-polling handshake is refused, so no reply waits in an HTTP response that AB-11 does not count', async () => {
    // Candor's client opens Socket.io as a WebSocket; long-polling would hold each poll's packets in an HTTP response
    // to a client that need not read it, outside what DO-7 and AB-11 count
    const polling = await fetch(`${live.server.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(400);
    expect(await polling.json()).toMatchObject({ message: 'Transport unknown' });
    // the WebSocket transport is unchanged
    const sio = await upgrade(`${live.server.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    expect(sio.status).toBe(101);
    sio.ws.close();
  });
});

describe('AB-3 raw sockets per address', () => {
  const live = useServer({ connectionsPerAddress: CAP });

  it('AB-3 without a trusted proxy, sockets past the cap and its slack of 64 are closed at once', async () => {
    const sockets: { socket: net.Socket; closed: boolean }[] = [];
    for (let i = 0; i < CAP + 64 + 20; i++) {
      const entry = { socket: net.connect(live.server.port, '127.0.0.1'), closed: false };
      entry.socket.on('error', () => undefined);
      entry.socket.on('close', () => (entry.closed = true));
      await new Promise((resolve) => entry.socket.once('connect', resolve));
      sockets.push(entry);
    }
    // the 20 past the cap are closed by the server; the others are still open (they have handshake time left)
    await until(() => sockets.filter((s) => s.closed).length >= 20);
    expect(sockets.slice(0, CAP + 64).filter((s) => s.closed)).toHaveLength(0);
    for (const s of sockets) s.socket.destroy();
  });
});

describe('AB-3 behind a trusted proxy each forwarded address has its own share', () => {
  const live = useServer({ connectionsPerAddress: CAP, trustProxy: 1 });

  it('AB-3 a full address does not stop another', async () => {
    const { url } = live.server;
    const ws = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const held: WebSocket[] = [];
    for (let i = 0; i < CAP; i++) {
      const r = await upgrade(ws, { 'x-forwarded-for': '203.0.113.9' });
      expect(r.status).toBe(101);
      held.push(r.ws);
    }
    expect((await upgrade(ws, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
    const other = await upgrade(ws, { 'x-forwarded-for': '198.51.100.4' });
    expect(other.status).toBe(101);
    for (const w of [...held, other.ws]) w.close();
  });
});
