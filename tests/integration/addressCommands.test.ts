import { describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { type Ack, PROTOCOL_VERSION } from '@candor/shared';
import { ABUSE_LIMITS } from '../../server/src/abuseLimits.js';
import { Person, createBoard, until, useServer } from './harness.js';

/**
 * AB-14: IN-18's budget is per connection (60 at once, then 20 a second), and AB-3 lets one address hold 256
 * connections: 5,120 commands a second from one address, most of a core (an independent attack: 200 connections of
 * one address editing a card 20 times a second each held 0.55 of a core and took 13,438 edits in 10 s). The answers
 * the server gives are its own count here: how many of one address's requests it served.
 */

/** the attacker's address, as a trusted proxy reports it (AB-8); the person elsewhere comes from 127.0.0.1 */
const ATTACKER = { 'x-forwarded-for': '203.0.113.14' };
const CONNECTIONS = 40;
const REQUESTS_EACH = 60;

describe('AB-14 one address’s connections share a budget for commands and requests', () => {
  // the clock stands still: no bucket refills, so what is served is what the bursts allow
  const frozen = Date.parse('2026-12-03T12:00:00Z');
  const live = useServer({ trustProxy: true, now: () => frozen });

  it('AB-14 forty connections of one address, each within its own burst, are served the address’s burst together; another address is served', async () => {
    const { boardId } = await createBoard(live.server.url, 'Crowded');
    const sockets: Socket[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const socket = ioClient(live.server.url, { transports: ['websocket'], auth: { boardId, protocolVersion: PROTOCOL_VERSION }, extraHeaders: ATTACKER, reconnection: false, forceNew: true });
      sockets.push(socket);
      await until(() => socket.connected);
    }
    const answers = await Promise.all(
      sockets.flatMap((socket) => Array.from({ length: REQUESTS_EACH }, () => socket.timeout(10_000).emitWithAck('time.sync') as Promise<Ack>)),
    );
    const served = answers.filter((a) => a.ok).length;
    const codes = new Set(answers.filter((a) => !a.ok).map((a) => (a as { code: string }).code));
    expect(served).toBe(ABUSE_LIMITS.commandsPerSecondPerAddress * ABUSE_LIMITS.commandBurstSeconds);
    expect([...codes]).toEqual(['RATE_LIMITED']);

    const { boardId: other, facilitatorKey } = await createBoard(live.server.url, 'Elsewhere');
    const F = new Person(live.server.url);
    live.people.push(F);
    await F.connect(other, 'Fran', facilitatorKey);
    expect(await F.cmd('card.add', { columnId: 'start', text: 'served' })).toMatchObject({ ok: true });
    for (const socket of sockets) socket.close();
  });
});
