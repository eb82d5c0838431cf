import { afterEach, describe, expect, it } from 'vitest';
import { notesKey } from '@candor/shared';
import { PRESENCE_HEARTBEAT_MS } from '../../server/src/cluster/Cluster.js';
import { Person, createBoard } from './harness.js';
import { freePort } from './spawnedServer.js';
import { cardIdOf, comparable, peopleOf, SHORT_LEASE_MS, startProcesses, stoppableRedis } from './clusterHarness.js';

/**
 * CL-31: Redis stops answering without closing a connection (a partition, a frozen host: here SIGSTOP of a Redis of
 * the test's own) for longer than the presence and lease periods. Nothing tells the processes: their connections
 * stay open and what they publish waits in the socket.
 */

describe('Redis goes silent', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('CL-31 a process that no longer hears its own announcements reads PostgreSQL instead: people on one process see what was done through the other, and who is here, while Redis is stopped; resumed, fan-out goes on', async () => {
    const { redis, redisUrl } = await stoppableRedis(cleanup);
    const processes = await startProcesses(2, { redisUrl, env: { WRITER_LEASE_MS: String(SHORT_LEASE_MS) } });
    const { join } = peopleOf(processes, cleanup);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'Redis went silent');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const A = await join(1, boardId, 'Alex');
    const G = await join(0, boardId, 'Gus');
    const before = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'before' }));
    const online = (person: Person) => JSON.stringify(person.board()?.participants.filter((p) => p.online).map((p) => p.name).sort());
    await F.waitFor(() => online(F) === JSON.stringify(['Alex', 'Fran', 'Gus']));

    redis.kill('SIGSTOP');
    const stoppedAt = Date.now();
    // Gus leaves through Fran's process: only presence, which crosses Redis alone, would tell Alex's
    await G.disconnect();
    // commands are decided and stored in PostgreSQL through either process
    const during = cardIdOf(await A.cmd('card.add', { columnId: 'stop', text: 'during, on two' }));
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    // Alex, on the other process, sees the reveal and both cards, though nothing crossed Redis
    const expected = [before, during].sort();
    await A.waitFor(() => A.board()?.phase === 'reveal' && JSON.stringify(A.board()!.cards.map((c) => c.id).sort()) === JSON.stringify(expected), 15_000);
    await F.waitFor(() => JSON.stringify(F.board()?.cards.map((c) => c.id).sort()) === JSON.stringify(expected), 15_000);
    for (const phase of ['vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: before })).toMatchObject({ ok: true });
    // the notes: the writer's new text reaches Alex, and what Alex types there reaches Fran
    await A.waitFor(() => A.board()?.currentItemId === before && A.notes(notesKey.item(before)) !== undefined, 15_000);
    A.typeNote(notesKey.item(before), 'typed while Redis slept');
    await F.waitFor(() => F.notes(notesKey.item(before)) === 'typed while Redis slept', 15_000);
    // someone who comes in (or back) meanwhile opens the board and its notes: CL-12's ticket is spent without Redis
    const B = await join(1, boardId, 'Bea');
    await B.waitFor(() => B.notes(notesKey.item(before)) === 'typed while Redis slept', 15_000);
    // longer than three presence periods (CL-7) and the writer lease: Alex is still counted as here on Fran's side
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 8_000 - (Date.now() - stoppedAt))));
    expect(online(F)).toBe(JSON.stringify(['Alex', 'Fran']));
    // (Gus's leaving waits for Redis: presence crosses nothing else)
    expect(JSON.parse(online(A)) as string[]).toEqual(expect.arrayContaining(['Alex', 'Bea', 'Fran']));

    redis.kill('SIGCONT');
    // who came and went through the other process meanwhile is right again within a presence period of Redis answering
    // (measured: 40 ms, both ways; meanwhile Fran did not see Bea come, and Alex still saw Gus)
    const everyone = JSON.stringify(['Alex', 'Bea', 'Fran']);
    await F.waitFor(() => online(F) === everyone, PRESENCE_HEARTBEAT_MS);
    await A.waitFor(() => online(A) === everyone, PRESENCE_HEARTBEAT_MS);
    // fan-out goes on once Redis answers again
    expect(await F.cmd('discuss.select', { itemId: during })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.currentItemId === during && A.notes(notesKey.item(during)) !== undefined, 15_000);
    A.typeNote(notesKey.item(during), 'after');
    await F.waitFor(() => F.notes(notesKey.item(during)) === 'after', 15_000);
    await A.waitFor(() => JSON.stringify(comparable(A)) === JSON.stringify(comparable(F)), 15_000);
  }, 60_000);

  it('CL-31 processes whose Redis does not answer at start (nothing listens there) start all the same and serve as during a silence: a card and a reveal made through one reach the other', async () => {
    const processes = await startProcesses(2, { redisUrl: `redis://127.0.0.1:${await freePort()}`, env: { LOG_LEVEL: 'warn' } });
    const { join } = peopleOf(processes, cleanup);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'No Redis yet');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const A = await join(1, boardId, 'Alex');
    const card = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'written with Redis away' }));
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    // (Redis taken for silent after 3 s, then a poll every 2 s: about 5 s, more on a busy machine)
    await A.waitFor(() => A.board()?.phase === 'reveal', 15_000);
    await F.waitFor(() => F.board()?.cards.some((c) => c.id === card) ?? false, 15_000);
    expect(processes.map((p) => p.output.join(''))).toEqual([expect.stringContaining('redis connection problem'), expect.stringContaining('redis connection problem')]);
  }, 30_000);
});
