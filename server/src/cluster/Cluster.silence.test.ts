import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import type { Redis } from 'ioredis';
import type { PostgresStore } from '../storage/postgres.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import { Cluster, MAX_UNANSWERED_PUBLISHES, MAX_UNANSWERED_PUBLISH_BYTES, PRESENCE_HEARTBEAT_MS, REDIS_SILENT_AFTER_MS } from './Cluster.js';

/**
 * CL-31, CL-32: a Redis that answers nothing (here a client whose publishes never settle until the test answers them) before
 * the process takes it for silent (CL-31): what waits for its answer stays under a limit, in messages and in bytes,
 * however much the board changes; once Redis answers, each board whose change was not sent is said to have changed.
 */

/**
 * A Redis client pair whose publishes wait until the test answers them (all at once: Redis resumed, or a stalled
 * process reading what waited in its socket); an answered publish comes back to the subscription, as from Redis.
 */
function silentRedis() {
  const published: { channel: string; message: { kind: string }; bytes: number }[] = [];
  const waiting: (() => void)[] = [];
  const heard: ((pattern: string, channel: string, raw: string) => void)[] = [];
  const fake = (): Redis =>
    ({
      on(event: string, handler: (pattern: string, channel: string, raw: string) => void) {
        if (event === 'pmessage') heard.push(handler);
        return this;
      },
      psubscribe: () => Promise.resolve(),
      publish: (channel: string, raw: string) => {
        published.push({ channel, message: JSON.parse(raw) as { kind: string }, bytes: Buffer.byteLength(raw) });
        return new Promise<number>((resolve) => {
          waiting.push(() => {
            resolve(1);
            for (const handler of heard) handler('candor:board:*', channel, raw);
          });
          if (state.answering) queueMicrotask(answerAll);
        });
      },
      quit: () => Promise.resolve('OK'),
      disconnect: () => undefined,
    }) as unknown as Redis;
  const answerAll = () => {
    for (const answer of waiting.splice(0)) answer();
  };
  /** `answering`: Redis answers each publish at once */
  const state = { answering: false };
  return { pub: fake(), sub: fake(), published, answerAll, state };
}

describe('publishes Redis has not answered', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('CL-32 stay under MAX_UNANSWERED_PUBLISHES and MAX_UNANSWERED_PUBLISH_BYTES however many changes and notes updates come; answered, each board left untold is announced as stored once', async () => {
    vi.useFakeTimers();
    const redis = silentRedis();
    const versions = { dropSpentTickets: () => Promise.resolve() } as unknown as PostgresStore;
    const cluster = new Cluster({ pub: redis.pub, sub: redis.sub }, versions, pino({ level: 'silent' }), { ticketKey: randomBytes(32), changesKey: randomBytes(32) });
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

  it('CL-31 an event-loop stall longer than REDIS_SILENT_AFTER_MS, right after a publish, does not take Redis for silent: what came back waited in the socket, and no board is read again', async () => {
    vi.useFakeTimers();
    const redis = silentRedis();
    const reads = { polls: 0, catchUps: 0 };
    const versions = {
      dropSpentTickets: () => Promise.resolve(),
      claimWriter: () => Promise.resolve(null),
      // (CM-6: the check of every loaded board's version each presence period, which finds it where the copy stands)
      storedVersions: () => Promise.resolve(new Map([['board-a', 0]])),
      storedMarks: () => {
        reads.polls++;
        return Promise.resolve(new Map([['board-a', { version: 1, notes: '0:0' }]]));
      },
    } as unknown as PostgresStore;
    // the process's clock runs ahead of its timers by as long as its event loop was blocked
    let blocked = 0;
    const cluster = new Cluster({ pub: redis.pub, sub: redis.sub }, versions, pino({ level: 'silent' }), { ticketKey: randomBytes(32), changesKey: randomBytes(32) }, () => Date.now() + blocked);
    const room = {
      id: 'board-a',
      onlineHere: () => [],
      isBehind: () => false,
      catchUpTo: () => {
        reads.catchUps++;
        return Promise.resolve();
      },
      documents: { refreshFromStore: () => Promise.resolve() },
      door: { localKnocks: () => [] },
    } as unknown as BoardRoom;
    cluster.attach({ peek: () => room, loaded: () => [room] });
    redis.state.answering = true;
    await vi.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS);

    // a commit is announced, then the loop is blocked (a long synchronous projection) before the announcement is read
    // back: the beat due meanwhile runs as soon as the loop is free, before the socket is read
    redis.state.answering = false;
    cluster.committed('board-a', 1);
    blocked = REDIS_SILENT_AFTER_MS + 1_000;
    await vi.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS);
    redis.answerAll();
    redis.state.answering = true;
    await vi.advanceTimersByTimeAsync(3 * PRESENCE_HEARTBEAT_MS);
    expect(reads).toEqual({ polls: 0, catchUps: 0 });

    // a Redis that does answer nothing is still taken for silent
    redis.state.answering = false;
    cluster.committed('board-a', 2);
    await vi.advanceTimersByTimeAsync(REDIS_SILENT_AFTER_MS + 2 * PRESENCE_HEARTBEAT_MS);
    expect(reads.polls).toBeGreaterThan(0);
    await cluster.close();
  });
});
