import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type PublicBoardView } from '@candor/shared';
import { cuttableProxy } from './cuttableProxy.js';
import { Person, createBoard, useServer } from './harness.js';

/**
 * RC-14: a person whose connection goes silent (a laptop closed, a phone out of coverage: nothing arrives either way,
 * nothing is closed) is let go 9 s after their last answer (a ping every 4 s, each given 5 s for its answer) and shown offline to the
 * room right after (9.0 s measured; the test allows 10 s); a person on a slow link, whose
 * every packet takes 2 s each way (twice what the page itself puts up with, UI-9), stays online.
 */

/** A TCP relay that holds everything it relays `delayMs` (in order), as a slow mobile link does. */
async function slowLink(targetPort: number): Promise<{ port: number; delayMs: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on('data', (chunk: Buffer) => {
        if (link.delayMs === 0) to.write(chunk);
        else setTimeout(() => to.writable && to.write(chunk), link.delayMs);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const link = {
    port: (server.address() as net.AddressInfo).port,
    delayMs: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
  return link;
}

const onlineIn = (board: PublicBoardView | null, name: string) => board?.participants.find((p) => p.name === name)?.online;

describe('RC-14 the heartbeat is the operator\'s to set', () => {
  const live = useServer({ heartbeat: { pingIntervalMs: 60_000, pingTimeoutMs: 7_000 } });

  it('RC-14 CG-1 PING_INTERVAL_MS and PING_TIMEOUT_MS are what the server gives each connection at its handshake', async () => {
    const { url } = live.server;
    const { boardId } = await createBoard(url, 'Long pings');
    const P = new Person(url);
    live.people.push(P);
    await P.connect(boardId, 'Pat');
    const engine = P.socket!.io.engine as unknown as { _pingInterval: number; _pingTimeout: number };
    expect([engine._pingInterval, engine._pingTimeout]).toEqual([60_000, 7_000]);
  });

  it('JN-9 SW-1 RC-14 a name refused as taken says how long a silent device holds it by these settings: 68 seconds, not the default\'s 10', async () => {
    const { url } = live.server;
    const { boardId } = await createBoard(url, 'Long pings, one Pat');
    const P = new Person(url);
    live.people.push(P);
    await P.connect(boardId, 'Pat');
    // Pat again, on another device: her laptop may hold the name until 60 s + 7 s after its last answer, and a second
    const phone = io(url, { transports: ['websocket'], auth: { boardId, protocolVersion: PROTOCOL_VERSION }, forceNew: true });
    try {
      const ack = await phone.timeout(10_000).emitWithAck('cmd', { id: 'join-pat-phone-xx', type: 'join', participantId: 'pat-phone-xxxxxxx', secret: 's'.repeat(32), name: 'pat' });
      expect(ack).toMatchObject({ ok: false, code: 'NAME_TAKEN', waitSeconds: 68 });
      expect(ack.message).toContain('close it there (or wait 68 seconds).');
    } finally {
      phone.disconnect();
    }
  });
});

describe('RC-14 a silent connection in the room', () => {
  const live = useServer();

  it('RC-14 a person whose connection goes silent is shown offline about 9 s after their last answer (let go at 9 s, then the room is told; 10 s allowed); one on a slow link (2 s each way) stays online', { timeout: 60_000 }, async () => {
    const { url, port } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Closed laptops');
    const F = new Person(url);
    live.people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const laptop = await cuttableProxy('127.0.0.1', port);
    const phone = await slowLink(port);
    const A = new Person(`http://127.0.0.1:${laptop.port}`);
    const B = new Person(`http://127.0.0.1:${phone.port}`);
    try {
      await A.connect(boardId, 'Alex');
      await B.connect(boardId, 'Bea');
      await F.waitFor(() => onlineIn(F.board(), 'Alex') && onlineIn(F.board(), 'Bea'));
      phone.delayMs = 2_000;
      const slowFrom = F.boardHistory.length;

      // Alex answers a ping (engine.io's pong), and the server has read it (it answered a request sent after it) ...
      const engine = A.socket!.io.engine;
      await new Promise<void>((resolve) => {
        const onPacket = (packet: { type: string }) => {
          if (packet.type !== 'pong') return;
          engine.off('packetCreate', onPacket);
          resolve();
        };
        engine.on('packetCreate', onPacket);
      });
      const answeredAt = Date.now();
      await A.socket!.timeout(2_000).emitWithAck('time.sync');
      // ... then his laptop closes: nothing more arrives either way, and nothing is closed
      laptop.freeze();
      const silentAt = Date.now();
      await F.waitFor(() => onlineIn(F.board(), 'Alex') === false, 30_000);
      // from his last answer, as the README says it: 4 s to the next ping + 5 s for its answer, then the room's update
      // (9,035 ms here; Socket.io's heartbeat at 10 s + 10 s took up to 20 s, 19.9 s here). This asserted 10 s, measured
      // from after the answer, while the README said 9 s
      const shownOfflineAfter = Date.now() - answeredAt;
      // (10 s allowed: a loaded test machine may run the server's timer or the update late by some tenths)
      expect(shownOfflineAfter, 'ms from his last answer until the room saw Alex offline').toBeLessThanOrEqual(10_000);

      // Bea, whose pings came back 4 s after they were sent, was online all along
      expect(onlineIn(F.board(), 'Bea')).toBe(true);
      expect(F.boardHistory.slice(slowFrom).filter((view) => onlineIn(view, 'Bea') === false)).toEqual([]);
      expect(B.socket!.connected).toBe(true);
    } finally {
      phone.delayMs = 0;
      await laptop.close();
      await B.disconnect();
      await phone.close();
    }
  });
});
