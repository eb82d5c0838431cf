import { describe, expect, it } from 'vitest';
import { useServer } from './harness.js';

/**
 * AB-7 / AB-8: creating boards and teams is limited per client address, with a global ceiling behind it.
 * Two "addresses" are simulated with X-Forwarded-For, which only counts when TRUST_PROXY says a proxy sets it.
 */

const create = (url: string, from: string, what: 'boards' | 'teams' = 'boards') =>
  fetch(`${url}/api/${what}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify(what === 'boards' ? { name: 'Poll', templateId: 'start-stop-continue' } : { name: 'Team' }),
  }).then((res) => res.status);

/** Sends `count` creations from `from` one after the other; returns how many got each status. */
async function flood(url: string, from: string, count: number): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  for (let i = 0; i < count; i++) {
    const status = await create(url, from, i % 2 === 0 ? 'boards' : 'teams');
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return statuses;
}

describe('AB-7 creation limits per address (behind a trusted proxy)', () => {
  const live = useServer({ trustProxy: 1 });

  it('AB-7 a poller on one address cannot keep an honest creator on another address at 429', async () => {
    const { url } = live.server;
    const started = Date.now();
    const poller = await flood(url, '203.0.113.7', 80);
    // the poller is limited: a burst of 20, then one every 5 s for as long as the flood took
    expect(poller[201]).toBeGreaterThanOrEqual(20);
    expect(poller[201]).toBeLessThanOrEqual(20 + Math.ceil((Date.now() - started) / 5000));
    expect(poller[429]).toBeGreaterThan(0);
    const honest: number[] = [];
    for (let i = 0; i < 10; i++) honest.push(await create(url, '198.51.100.20'));
    expect(honest).toEqual(Array(10).fill(201)); // …and the honest creator is not
    expect(await create(url, '203.0.113.7')).toBe(429);
  });
});

describe('AB-7 the global ceiling is shared fairly (behind a trusted proxy)', () => {
  const live = useServer({ trustProxy: 1 });

  it('AB-7 twenty-five addresses that each create until refused do not lock a newcomer out; the ceiling still holds for them together', async () => {
    const { url } = live.server;
    const started = Date.now();
    let created = 0;
    // each abuser takes its whole burst (20) and asks again: 500 asks against a global burst of 300
    for (let round = 0; round < 22; round++) {
      const statuses = await Promise.all(Array.from({ length: 25 }, (_, a) => create(url, `203.0.113.${a}`, round % 2 === 0 ? 'boards' : 'teams')));
      created += statuses.filter((s) => s === 201).length;
    }
    expect(created).toBeLessThanOrEqual(300 + Math.ceil(((Date.now() - started) / 1000) * 5));
    expect(created).toBeGreaterThan(100);
    // every abuser is refused now…
    expect(await create(url, '203.0.113.3')).toBe(429);
    // …and people on new addresses still create their retros and teams
    const newcomers: number[] = [];
    for (let i = 0; i < 5; i++) newcomers.push(await create(url, `198.51.100.${i}`), await create(url, `198.51.100.${i}`, 'teams'));
    expect(newcomers).toEqual(Array(10).fill(201));
  });
});

describe('AB-8 without TRUST_PROXY the forwarded address is ignored', () => {
  const live = useServer();

  it('AB-8 X-Forwarded-For does not make a second address out of the same client', async () => {
    const { url } = live.server;
    const poller = await flood(url, '203.0.113.7', 80);
    expect(poller[429]).toBeGreaterThan(0);
    // the same client claiming to be someone else is still the same client
    expect(await create(url, '198.51.100.20')).toBe(429);
  });
});
