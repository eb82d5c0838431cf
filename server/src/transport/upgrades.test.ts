import { EventEmitter } from 'node:events';
import { type IncomingMessage, type Server as HttpServer, createServer } from 'node:http';
import { type AddressInfo, type Socket, connect } from 'node:net';
import { PassThrough, type Duplex } from 'node:stream';
import { queryObjects, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ConnectionCounts } from './connectionGuards.js';
import { routeUpgrades } from './upgrades.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const UPGRADES = 20;

/** Emits `count` upgrades as Node's HTTP server would; returns weak references to their requests. */
function sendUpgrades(server: EventEmitter, count: number): WeakRef<object>[] {
  const requests: WeakRef<object>[] = [];
  for (let i = 0; i < count; i++) {
    const req = { url: `/yjs/board${i}aaaaaaaa/board?ticket=t${i}`, headers: { host: 'localhost' } } as unknown as IncomingMessage;
    requests.push(new WeakRef(req));
    server.emit('upgrade', req, new PassThrough(), Buffer.alloc(0));
  }
  return requests;
}

describe('ME-1 the upgrade router keeps nothing of an upgrade it handed on', () => {
  it('ME-1 neither the request nor its parsed URL outlives the hand-over while the connections stay open', async () => {
    const server = new EventEmitter();
    const open: Duplex[] = [];
    routeUpgrades(server as unknown as HttpServer, {
      routes: [{ prefix: '/yjs/', handle: (_req, socket) => void open.push(socket) }],
      addressOf: () => '192.0.2.1',
      connections: new ConnectionCounts(UPGRADES),
      warnings: { warn: () => undefined, flush: () => undefined },
    });
    const urlsBefore = queryObjects(URL) as number;
    const requests = sendUpgrades(server, UPGRADES);
    // a WeakRef's target lives at least until the current job ends
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(open).toHaveLength(UPGRADES);
    expect(requests.filter((r) => r.deref()).length).toBe(0);
    expect(queryObjects(URL)).toBeLessThanOrEqual(urlsBefore);
    // the sockets are still counted (AB-3) and still end with their handshake time (AB-2)
    expect(open.every((s) => s.listenerCount('close') >= 1 && s.listenerCount('timeout') === 1)).toBe(true);
  });
});

describe('ME-18 the peer address Node read for a socket is not kept', () => {
  it('ME-18 after the hand-over the socket keeps no peer address object, and its address can still be read while it is open', async () => {
    const server = createServer();
    const handed: Socket[] = [];
    routeUpgrades(server, {
      routes: [{ prefix: '/yjs/', handle: (_req, socket) => void handed.push(socket as Socket) }],
      addressOf: (req) => req.socket.remoteAddress ?? 'unknown',
      connections: new ConnectionCounts(UPGRADES),
      warnings: { warn: () => undefined, flush: () => undefined },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = connect(port, '127.0.0.1');
    client.write('GET /yjs/board1aaaaaaaa/board HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    try {
      await expect.poll(() => handed.length).toBe(1);
      const socket = handed[0]!;
      expect((socket as unknown as { _peername?: object })._peername).toBeUndefined();
      expect(socket.remoteAddress).toBe('127.0.0.1');
    } finally {
      client.destroy();
      for (const socket of handed) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
