import http from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ABUSE_LIMITS } from '../../server/src/abuseLimits.js';
import { useServer } from './harness.js';

/**
 * AB-15: the cheapest request still costs the server a parse, the routing and an answer. Nothing counted requests by
 * address, so an independent attack (64 keep-alive connections asking for `/api/features` in a loop) was answered
 * 1,200 times a second and held 0.4 of a core, without ever touching a board. Counted here as the server counts it:
 * the answers it gave the attacker, and the connections the attacker needed to go on asking.
 */

/** the attacker's and a bystander's addresses, as a trusted proxy reports them (AB-8) */
const ATTACKER = { 'x-forwarded-for': '203.0.113.7' };
const BYSTANDER = { 'x-forwarded-for': '198.51.100.8' };
const BURST = ABUSE_LIMITS.requestsPerSecondPerAddress * ABUSE_LIMITS.requestBurstSeconds;
const REQUESTS = BURST + 300;
const AT_ONCE = 16;

interface Answer {
  status: number;
  body: string;
  connection: string | undefined;
  socket: Socket;
}

function get(url: string, agent: http.Agent, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection, socket: req.socket! }));
    });
    req.on('error', reject);
  });
}

describe('AB-15 what one address’s HTTP requests make the server do is bounded', () => {
  // the clock stands still, so the address's bucket does not refill while the test runs: what is served is the burst
  const frozen = Date.parse('2026-12-03T16:00:00Z');
  const live = useServer({ trustProxy: true, now: () => frozen });

  it('AB-15 an address asking for the cheapest answer in a loop is served a burst’s worth, then refused RATE_LIMITED with its connection closed; another address is served', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: AT_ONCE });
    const sockets = new Set<Socket>();
    let served = 0;
    const refusals: Answer[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        while (next++ < REQUESTS) {
          const answer = await get(`${live.server.url}/api/features`, agent, ATTACKER);
          sockets.add(answer.socket);
          if (answer.status === 200) served++;
          else refusals.push(answer);
        }
      }),
    );
    agent.destroy();

    expect(served).toBe(BURST);
    expect(refusals).toHaveLength(REQUESTS - BURST);
    for (const refusal of refusals) {
      expect(refusal.status).toBe(429);
      expect(JSON.parse(refusal.body)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
      expect(refusal.connection).toBe('close');
    }
    // every refusal closed its connection: the attacker needed a new one to ask again (keep-alive kept AT_ONCE before)
    expect(sockets.size).toBeGreaterThanOrEqual(refusals.length);

    const bystander = await fetch(`${live.server.url}/api/features`, { headers: BYSTANDER });
    expect(bystander.status).toBe(200);
  });
});
