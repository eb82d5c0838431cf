import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ABUSE_LIMITS } from '../../server/src/abuseLimits.js';
import { until, useServer } from './harness.js';

/**
 * AB-1: refused upgrades are answered at a pace per address. A client looping on upgrades nobody serves gets
 * its burst answered at once and the rest a second later each, while another address is answered at once.
 */

/** A WebSocket upgrade that the server refuses; `status` is set once its answer arrived. */
function refusedUpgrade(url: string, address: string) {
  const attempt: { status: number | null; answered: Promise<number> } = { status: null, answered: Promise.resolve(0) };
  attempt.answered = new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { 'x-forwarded-for': address } });
    ws.once('unexpected-response', (_req, res) => {
      attempt.status = res.statusCode ?? 0;
      res.resume();
      resolve(attempt.status);
    });
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
    ws.once('error', () => undefined);
  });
  return attempt;
}

describe('AB-1 refused upgrades are paced per address', () => {
  const live = useServer({ trustProxy: 1 });

  it('AB-1 past its burst an address waits for its 404s, another address is answered meanwhile, and every one is answered', async () => {
    const base = `${live.server.url.replace(/^http/, 'ws')}/not-here`;
    const burst = ABUSE_LIMITS.refusedUpgradeBurstPerAddress;
    const flood = Array.from({ length: burst + 20 }, (_, i) => refusedUpgrade(`${base}/${i}`, '203.0.113.9'));
    await until(() => flood.filter((a) => a.status !== null).length >= burst);

    const other = refusedUpgrade(`${base}/other`, '198.51.100.4');
    expect(await other.answered).toBe(404);
    // when the other address had its answer, some of the flood's refusals were still waiting for theirs
    const answeredBefore = flood.filter((a) => a.status !== null).length;
    expect(answeredBefore).toBeGreaterThanOrEqual(burst);
    expect(answeredBefore).toBeLessThan(flood.length);

    // and they are answered all the same (AB-1: no upgrade is left unanswered)
    expect(await Promise.all(flood.map((a) => a.answered))).toEqual(flood.map(() => 404));
  });
});
