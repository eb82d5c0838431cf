import net from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@candor/server';
import { DocConnection, Person, createBoard, healthz, useServer } from './harness.js';
import * as Y from 'yjs';

/** AB-9: warnings a client can trigger at will are sampled, so a flood of them writes a bounded number of lines. */

const lines: string[] = [];
const memory = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

// a sync message announcing far more bytes than it carries: the decoder throws on it
const MALFORMED = Uint8Array.from([0, 1, 0xff, 0xff, 0xff, 0xff, 0x07]);

describe('AB-9 log flooding', () => {
  const live = useServer({ logger: createLogger('info', memory) });

  it('AB-9 3,000 malformed document messages write a bounded number of log lines', async () => {
    const { url } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Flooded');
    const F = new Person(url);
    live.people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const before = lines.length;
    let sent = 0;
    // Over as many connections as it takes: a server may close a connection that sends garbage.
    while (sent < 3000) {
      const conn = new DocConnection(await F.docUrl('notes'), new Y.Doc(), () => undefined);
      await conn.open();
      for (let i = 0; i < 300 && sent < 3000; i++, sent++) conn.sendRaw(MALFORMED);
      // a round trip on a connection that is still open proves everything before it was read
      if (!conn.closed) await conn.roundTrip().catch(() => undefined);
      conn.close();
    }
    expect((await healthz(url)).ok).toBe(true);
    const written = lines.slice(before);
    expect(written.some((l) => l.includes('bad yjs message dropped'))).toBe(true);
    expect(written.length).toBeLessThanOrEqual(20);
  });

  it('AB-9 1,000 upgrades to unknown paths write a bounded number of log lines', async () => {
    const { port } = live.server;
    const before = lines.length;
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from(
          { length: 100 },
          (_, i) =>
            new Promise<void>((resolve) => {
              const s = net.connect(port, '127.0.0.1', () =>
                s.write(`GET /nowhere/${batch}-${i} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`),
              );
              s.resume(); // read the 404, so that the server's close arrives
              s.on('error', () => undefined);
              s.on('close', () => resolve());
            }),
        ),
      );
    }
    const written = lines.slice(before);
    expect(written.some((l) => l.includes('upgrade to an unknown path refused'))).toBe(true);
    expect(written.length).toBeLessThanOrEqual(20);
  });
});
