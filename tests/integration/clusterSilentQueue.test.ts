import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from '@candor/server/testing';
import { PRESENCE_HEARTBEAT_MS, REDIS_SILENT_AFTER_MS } from '../../server/src/cluster/Cluster.js';
import { createBoard, until } from './harness.js';
import { cardIdOf, comparable, peopleOf, SHORT_LEASE_MS, startProcesses, stoppableRedis } from './clusterHarness.js';

/**
 * CL-32: what a process publishes while Redis answers nothing (SIGSTOP of a Redis of the test's own: the connections
 * stay open) waits in its Redis client, in memory, until Redis answers. A listener of the test's own, subscribed before
 * Redis stopped, is handed everything the processes queued once Redis goes on, in the order they published it: what a
 * process published after Redis stopped and before the "hello" it sends once it hears itself again (CL-9) is what it
 * kept queued meanwhile.
 */

type Heard = { from: string; kind: string; bytes: number };

describe('what a process queues while Redis is silent', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('CL-32 a busy board during a long Redis silence queues no announcement once Redis is taken for silent (only the presence beats before that); resumed, both processes hold the same board', async () => {
    const { redis, redisUrl } = await stoppableRedis(cleanup);
    const heard: Heard[] = [];
    const listener = new Redis(redisUrl);
    cleanup.push(async () => listener.disconnect());
    listener.on('pmessage', (_pattern: string, _channel: string, raw: string) => {
      const message = JSON.parse(raw) as { from: string; kind: string };
      heard.push({ from: message.from, kind: message.kind, bytes: Buffer.byteLength(raw) });
    });
    await listener.psubscribe('candor:board:*');

    const processes = await startProcesses(2, { redisUrl, env: { WRITER_LEASE_MS: String(SHORT_LEASE_MS) } });
    const { join } = peopleOf(processes, cleanup);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'Busy while Redis slept');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const A = await join(1, boardId, 'Alex');
    const writers = [F];
    for (let i = 0; i < 4; i++) writers.push(await join(0, boardId, `Writer ${i}`));
    // the process busy during the silence is the one that announced this card
    const first = heard.length;
    cardIdOf(await F.cmd('card.add', { columnId: 'start', text: 'before' }));
    await until(() => heard.slice(first).some((m) => m.kind === 'changed'), 5_000);
    const busy = heard.slice(first).find((m) => m.kind === 'changed')!.from;

    redis.kill('SIGSTOP');
    const stoppedAt = heard.length;
    // long enough for the busy process to take Redis for silent (CL-31), then everyone there writes for a while
    await new Promise((resolve) => setTimeout(resolve, REDIS_SILENT_AFTER_MS + 2 * PRESENCE_HEARTBEAT_MS));
    const writingUntil = Date.now() + 6_000;
    let added = 0;
    await Promise.all(
      writers.map(async (writer, i) => {
        for (let n = 0; Date.now() < writingUntil && n < 40; n++) {
          expect(await writer.cmd('card.add', { columnId: 'stop', text: `during ${i}.${n}` })).toMatchObject({ ok: true });
          added++;
        }
      }),
    );
    redis.kill('SIGCONT');

    // what the busy process had queued arrives first, then its "hello" once it heard itself again
    await until(() => heard.slice(stoppedAt).some((m) => m.from === busy && m.kind === 'hello'), 15_000);
    const fromBusy = heard.slice(stoppedAt).filter((m) => m.from === busy);
    const queued = fromBusy.slice(0, fromBusy.findIndex((m) => m.kind === 'hello'));
    expect(added).toBeGreaterThan(50);
    expect(queued.filter((m) => m.kind !== 'presence')).toEqual([]);
    // the presence beats published before Redis was taken for silent, one board's each
    expect(queued.length).toBeLessThanOrEqual(Math.ceil((REDIS_SILENT_AFTER_MS + PRESENCE_HEARTBEAT_MS) / PRESENCE_HEARTBEAT_MS));

    // the other process caught up on what was stored meanwhile: revealed, the same board on both
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.cards.length === added + 1 && JSON.stringify(comparable(A)) === JSON.stringify(comparable(F)), 15_000);
  }, 60_000);
});
