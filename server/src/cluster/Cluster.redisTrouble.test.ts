import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { PostgresStore } from '../storage/postgres.js';
import { Cluster } from './Cluster.js';

/** a Redis client that only emits what the test makes it emit (ioredis's 'error' at each failed reconnection) */
function troubledRedis(): Redis & EventEmitter {
  const client = new EventEmitter();
  return Object.assign(client, { psubscribe: () => Promise.resolve(), publish: () => Promise.resolve(0), quit: () => Promise.resolve('OK'), disconnect: () => undefined }) as never;
}

describe('a Redis that stays away', () => {
  afterEach(() => vi.useRealTimers());

  it('CL-31 AB-9 an hour of failed reconnections (a wrong password, Redis down) writes a few lines a minute and a count, not two a second', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const logger = { warn: (_fields: unknown, message: string) => lines.push(message), info: () => undefined, error: () => undefined, debug: () => undefined } as unknown as Logger;
    const [pub, sub] = [troubledRedis(), troubledRedis()];
    const versions = { dropSpentTickets: () => Promise.resolve() } as unknown as PostgresStore;
    const cluster = new Cluster({ pub, sub }, versions, logger, { ticketKey: randomBytes(32), changesKey: randomBytes(32) });
    // ioredis retries every second at most (openCluster's retryStrategy), and each of the two clients says so
    for (let second = 0; second < 3_600; second++) {
      for (const client of [pub, sub]) client.emit('error', new Error('WRONGPASS invalid username-password pair or user is disabled.'));
      vi.advanceTimersByTime(1_000);
    }
    const troubles = lines.filter((line) => line === 'redis connection problem');
    const counts = lines.filter((line) => /more "redis connection problem" warnings left out/.test(line));
    expect(troubles.length).toBeGreaterThan(0);
    // 60 minutes: at most ten lines and one count a minute (7,200 lines before)
    expect(troubles.length).toBeLessThanOrEqual(60 * 10 + 10);
    expect(counts.length).toBeGreaterThanOrEqual(59);
    await cluster.close();
  });
});
