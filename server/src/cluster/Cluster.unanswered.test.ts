import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import type { Redis } from 'ioredis';
import type { PostgresStore } from '../storage/postgres.js';
import { Cluster, MAX_UNANSWERED_PUBLISHES, MAX_UNANSWERED_PUBLISH_BYTES, PRESENCE_HEARTBEAT_MS } from './Cluster.js';

/**
 * CL-32: a Redis that answers nothing (here a client whose publishes never settle until the test answers them) before
 * the process takes it for silent (CL-31): what waits for its answer stays under a limit, in messages and in bytes,
 * however much the board changes; once Redis answers, each board whose change was not sent is said to have changed.
 */

function silentRedis() {
  const published: { channel: string; message: { kind: string }; bytes: number }[] = [];
  const waiting: (() => void)[] = [];
  const client = {
    on: () => client,
    psubscribe: () => Promise.resolve(),
    publish: (channel: string, raw: string) => {
      published.push({ channel, message: JSON.parse(raw) as { kind: string }, bytes: Buffer.byteLength(raw) });
      return new Promise<number>((resolve) => waiting.push(() => resolve(1)));
    },
    quit: () => Promise.resolve('OK'),
    disconnect: () => undefined,
  };
  const answerAll = () => {
    for (const answer of waiting.splice(0)) answer();
  };
  return { client: client as unknown as Redis, published, answerAll };
}

describe('publishes Redis has not answered', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('CL-32 stay under MAX_UNANSWERED_PUBLISHES and MAX_UNANSWERED_PUBLISH_BYTES however many changes and notes updates come; answered, each board left untold is announced as stored once', async () => {
    vi.useFakeTimers();
    const redis = silentRedis();
    const versions = { dropSpentTickets: () => Promise.resolve() } as unknown as PostgresStore;
    const cluster = new Cluster({ pub: redis.client, sub: silentRedis().client }, versions, pino({ level: 'silent' }), { ticketKey: randomBytes(32), changesKey: randomBytes(32) });
    cluster.attach({ peek: () => undefined, loaded: () => [] });

    const note = new Uint8Array(64 * 1024);
    for (let version = 1; version <= 3 * MAX_UNANSWERED_PUBLISHES; version++) {
      cluster.committed(version % 2 === 0 ? 'board-a' : 'board-b', version);
      if (version % 10 === 0) cluster.notesStored('board-c', note, version);
    }
    // nothing was answered: everything published waits
    expect(redis.published.length).toBeLessThanOrEqual(MAX_UNANSWERED_PUBLISHES);
    expect(redis.published.reduce((sum, p) => sum + p.bytes, 0)).toBeLessThanOrEqual(MAX_UNANSWERED_PUBLISH_BYTES);
    expect(cluster.unansweredPublishes().count).toBe(redis.published.length);

    redis.answerAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(cluster.unansweredPublishes()).toEqual({ count: 0, bytes: 0 });
    const before = redis.published.length;
    await vi.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS);
    const told = redis.published.slice(before).filter((p) => p.message.kind === 'stored').map((p) => p.channel.split(':').at(-1));
    expect(told.sort()).toEqual(['board-a', 'board-b', 'board-c']);
    await cluster.close();
  });
});
