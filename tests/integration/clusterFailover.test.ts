import { afterEach, describe, expect, it } from 'vitest';
import { notesKey } from '@candor/shared';
import { Person, createBoard, newId, until } from './harness.js';
import { endSessions } from '../../server/src/storage/postgres.testing.js';
import { type SpawnedServer, freePort, isRunning, isStopped, kill9 } from './spawnedServer.js';
import { cardIdOf, comparable, moveToLiveProcess, peopleOf, sendUntilAcked, SHORT_LEASE_MS, startProcesses, startRedisServer, stopHoldingBoardLock, storedBoard, textsEverSet } from './clusterHarness.js';

/**
 * CL-9…CL-11: processes of one installation die (kill -9), stall (SIGSTOP) or lose Redis while people work;
 * nothing acknowledged is lost or doubled, nobody is over budget, and people carry on through the others.
 */

describe('processes that die, stall or lose Redis', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** the test's processes, whose key opens what they stored (`storedBoard`) */
  let started: SpawnedServer[] = [];
  async function cluster(count: number, redisUrl?: string) {
    const processes = await startProcesses(count, { env: { WRITER_LEASE_MS: String(SHORT_LEASE_MS) }, ...(redisUrl ? { redisUrl } : {}) });
    started = processes;
    return { processes, ...peopleOf(processes, cleanup) };
  }

  /**
   * `count` processes and a board in Vote: its facilitator on process `facilitatorOn` wrote 6 cards, and `voterCount`
   * voters joined through the processes in turn, none of them voting yet
   */
  async function votingBoard(count: number, name: string, voterCount: number, facilitatorOn: number) {
    const { processes, live, join } = await cluster(count);
    const { boardId, facilitatorKey } = await createBoard(processes[facilitatorOn]!.url, name);
    const F = await join(facilitatorOn, boardId, 'Fran', facilitatorKey);
    const cards: string[] = [];
    for (let i = 0; i < 6; i++) cards.push(cardIdOf(await F.cmd('card.add', { columnId: 'start', text: `card ${i}` })));
    const voters: Person[] = [];
    for (let i = 0; i < voterCount; i++) voters.push(await join(i % count, boardId, `Voter ${i}`));
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    return { processes, live, join, boardId, cards, voters };
  }

  /** the writer lease once someone holds it */
  const heldLease = (boardId: string) => until(async () => ((await storedBoard(boardId, started)).lease?.owner ? (await storedBoard(boardId, started)).lease : null), 10_000);

  it('CL-9 kill -9 of the writer while 20 people add cards, then of another process mid-vote: every acknowledged card exists once, nobody is over budget, a new writer with a higher epoch takes over within two lease periods, and everyone carries on', async () => {
    const { processes, people, live, join } = await cluster(3);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'Survives a dead process');
    // the first process to load the board takes its writer lease
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const first = await heldLease(boardId);
    const writers: Person[] = [];
    for (let i = 0; i < 20; i++) writers.push(await join(i % 3, boardId, `Writer ${i}`));

    let acks = 0;
    const acked: string[][] = writers.map(() => []);
    let killedAt = 0;
    let acksAtKill = 0;
    const killWriter = (async () => {
      await until(() => acks >= 20, 30_000);
      await kill9(processes[0]!);
      killedAt = Date.now();
      acksAtKill = acks;
    })();
    await Promise.all(
      writers.map(async (writer, i) => {
        for (let n = 0; n < 4; n++) {
          const ack = await sendUntilAcked(writer, live, 'card.add', { columnId: 'start', text: `card ${i}.${n}` });
          expect(ack).toMatchObject({ ok: true });
          acked[i]!.push(cardIdOf(ack));
          acks++;
        }
      }),
    );
    await killWriter;
    // the kill came mid-way: cards were still being added (and resent) after it
    expect(acksAtKill).toBeLessThan(80);
    // a new writer, with a higher epoch, within two lease periods of the kill
    const second = await until(async () => {
      const lease = (await storedBoard(boardId, started)).lease;
      return lease?.owner && lease.owner !== first.owner && lease.epoch > first.epoch ? lease : null;
    }, 2 * SHORT_LEASE_MS - (Date.now() - killedAt));
    expect(second.epoch).toBeGreaterThan(first.epoch);

    // every acknowledged card exists once in PostgreSQL
    const all = acked.flat();
    expect(new Set(all).size).toBe(80);
    expect((await storedBoard(boardId, started)).cardIds.sort()).toEqual([...all].sort());
    for (const person of [F, ...writers]) if (!person.socket?.connected) await moveToLiveProcess(person, live);
    expect(await sendUntilAcked(F, live, 'phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    // … and once in every person's board document
    for (const person of [F, ...writers]) await person.waitFor(() => JSON.stringify(person.board()?.cards.map((c) => c.id).sort()) === JSON.stringify([...all].sort()), 15_000);

    // mid-vote, another process dies: 5 votes each against a budget of 3
    expect(await sendUntilAcked(F, live, 'phase.set', { phase: 'vote' })).toMatchObject({ ok: true });
    let votes = 0;
    let votesAtKill = 0;
    let killSent!: () => void;
    const sent = new Promise<void>((resolve) => (killSent = resolve));
    const killAnother = (async () => {
      await until(() => votes >= 15, 30_000);
      // counted as the signal goes out (votes acknowledged fast enough can otherwise all be in before it lands)
      votesAtKill = votes;
      const dying = kill9(processes[1]!);
      killSent();
      await dying;
    })();
    const accepted = await Promise.all(
      writers.map(async (writer, i) => {
        // half the writers start voting once the kill is on its way, so that it always falls mid-vote
        if (i >= writers.length / 2) await sent;
        const targets = [0, 1, 2, 3, 4].map((k) => all[(i * 4 + k) % all.length]!);
        const results = await Promise.all(
          targets.map(async (itemId) => {
            const ack = await sendUntilAcked(writer, live, 'vote.cast', { itemId });
            votes++;
            return ack;
          }),
        );
        expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'VOTE_BUDGET_EXCEEDED')).toBe(true);
        return results.filter((r) => r.ok).length;
      }),
    );
    await killAnother;
    expect(votesAtKill).toBeLessThan(100);
    expect(accepted).toEqual(writers.map(() => 3));
    for (const person of [F, ...writers]) if (!person.socket?.connected) await moveToLiveProcess(person, live);
    for (const writer of writers) await writer.waitFor(() => writer.me?.votesLeft === 0, 15_000);
    expect((await storedBoard(boardId, started)).votes).toBe(60);

    // and carry on: discuss, a note typed on one process reaches everyone, made once
    expect(await sendUntilAcked(F, live, 'phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    expect(await sendUntilAcked(F, live, 'discuss.select', { itemId: all[0]! })).toMatchObject({ ok: true });
    const key = notesKey.item(all[0]!);
    await writers[0]!.waitFor(() => writers[0]!.notes(key) !== undefined, 15_000);
    writers[0]!.typeNote(key, 'after two deaths');
    for (const person of [F, ...writers]) await person.waitFor(() => person.notes(key) === 'after two deaths', 15_000);
    for (const person of [F, ...writers]) expect(textsEverSet(person, key)).toBe(1);
    await F.waitFor(() => Object.values(F.board()?.tallies ?? {}).reduce((sum, n) => sum + n, 0) === 60, 15_000);
    for (const person of writers) await person.waitFor(() => JSON.stringify(comparable(person)) === JSON.stringify(comparable(F)), 15_000);
    expect(people.length).toBe(21);
  }, 240_000);

  it('CL-10 a writer stopped (SIGSTOP) past its lease is replaced; resumed, it writes nothing under its old epoch and its people carry on', async () => {
    const { processes, join } = await cluster(2);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'A stalled writer');
    const S = await join(0, boardId, 'Sam');
    const first = await heldLease(boardId);
    const F = await join(1, boardId, 'Fran', facilitatorKey);
    const A = await join(1, boardId, 'Alex');
    const B = await join(0, boardId, 'Bea');
    const one = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'one' }));
    const two = cardIdOf(await B.cmd('card.add', { columnId: 'start', text: 'two' }));
    for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });

    processes[0]!.child.kill('SIGSTOP');
    const second = await until(async () => {
      const lease = (await storedBoard(boardId, started)).lease;
      return lease?.owner && lease.owner !== first.owner && lease.epoch > first.epoch ? lease : null;
    }, 2 * SHORT_LEASE_MS);
    expect(await F.cmd('discuss.select', { itemId: one })).toMatchObject({ ok: true });
    await A.waitFor(() => A.notes(notesKey.item(one)) !== undefined);
    A.typeNote(notesKey.item(one), 'while it slept');
    processes[0]!.child.kill('SIGCONT');

    for (const person of [S, B]) await person.waitFor(() => person.notes(notesKey.item(one)) === 'while it slept', 15_000);
    expect(await F.cmd('discuss.select', { itemId: two })).toMatchObject({ ok: true });
    await B.waitFor(() => B.notes(notesKey.item(two)) !== undefined, 10_000);
    B.typeNote(notesKey.item(two), 'typed on the one that slept');
    for (const person of [S, F, A, B]) {
      await person.waitFor(() => person.notes(notesKey.item(two)) === 'typed on the one that slept' && person.notes(notesKey.item(one)) === 'while it slept', 10_000);
      expect(textsEverSet(person, notesKey.item(one))).toBe(1);
      expect(textsEverSet(person, notesKey.item(two))).toBe(1);
    }
    // the resumed process did not take the lease back
    expect((await storedBoard(boardId, started)).lease).toEqual(second);
  }, 120_000);

  it('CL-2 a process stopped (SIGSTOP) mid-vote holds the others up only until PostgreSQL ends its hold on the board; resumed, nobody is over budget and nothing is lost', async () => {
    const { processes, live, join, boardId, cards, voters } = await votingBoard(3, 'A process stalls mid-vote', 12, 1);

    // a busy board: people on every process mark themselves done and not done until the first process stops (its
    // batches take the board's lock, CL-25), and it stops while one of its batches holds that lock, mid-vote
    let stopped!: () => void;
    let isStoppedYet = false;
    const stop = new Promise<void>((resolve) => (stopped = resolve));
    const busy = await Promise.all([0, 1, 2].map((i) => join(i, boardId, `Busy ${i}`)));
    const marking = busy.map(async (person) => {
      for (let n = 0; !isStoppedYet; n++) await sendUntilAcked(person, live, 'done.mark', { done: n % 2 === 0 });
    });
    // (its people's connections are watched: resumed, it must carry on serving them)
    let dropped = 0;
    for (const person of [busy[0]!, ...voters.filter((_, i) => i % 3 === 0)]) person.socket!.on('disconnect', () => dropped++);
    const stopper = (async () => {
      await stopHoldingBoardLock(processes[0]!);
      isStoppedYet = true;
      stopped();
    })();
    const voting = voters.map(async (voter, i) => {
      // the voters of the other processes start once it has stopped, so that they vote while it is stopped
      if (i % 3 !== 0 && i >= 6) await stop;
      const acks = await Promise.all([0, 1, 2, 3, 4].map((k) => sendUntilAcked(voter, live, 'vote.cast', { itemId: cards[(i + k) % cards.length]! })));
      expect(acks.flatMap((r) => (r.ok ? [] : [r.code]))).toEqual(acks.filter((r) => !r.ok).map(() => 'VOTE_BUDGET_EXCEEDED'));
      return acks.filter((r) => r.ok).length;
    });
    await stopper;
    // the others are not held up for good: their people's votes are all answered while it is still stopped
    const elsewhere = await Promise.all(voting.filter((_, i) => i % 3 !== 0));
    expect(isStopped(processes[0]!.child)).toBe(true);
    expect(elsewhere).toEqual(elsewhere.map(() => 3));
    processes[0]!.child.kill('SIGCONT');
    await Promise.all(marking);
    // resumed, it stores nothing decided against the board it had: its people end with their budget too
    expect(await Promise.all(voting)).toEqual(voters.map(() => 3));
    expect((await storedBoard(boardId, started)).votes).toBe(36);
    for (const voter of voters) await voter.waitFor(() => voter.me?.votesLeft === 0, 15_000);
    // and it is still there, serving the people it had: PostgreSQL ending its session under it did not end it
    expect(isRunning(processes[0]!.child)).toBe(true);
    expect(dropped).toBe(0);
    expect(await busy[0]!.cmd('done.mark', { done: true })).toMatchObject({ ok: true });
  }, 120_000);

  it('CL-11 PostgreSQL ends every session of the processes mid-vote, again and again (as its restart does): no process ends, nobody is over budget, nothing acknowledged is lost', async () => {
    const { processes, boardId, cards, voters } = await votingBoard(2, 'PostgreSQL restarted', 8, 0);

    let voting = true;
    let ended = 0;
    const ending = (async () => {
      // a commit or a board's lock under way at some of these moments, and connections waiting in the pools at others
      for (let n = 0; n < 10 && voting; n++) ended += await endSessions(processes[0]!.options.databaseUrl!);
    })();
    const accepted = await Promise.all(
      voters.map(async (voter, i) => {
        const acks = await Promise.all(
          [0, 1, 2, 3, 4].map(async (k) => {
            // as someone who presses again after "something went wrong": the same command, the same id
            const id = newId();
            for (;;) {
              const ack = await voter.cmd('vote.cast', { itemId: cards[(i + k) % cards.length]! }, id);
              if (ack.ok || ack.code !== 'INTERNAL') return ack;
            }
          }),
        );
        expect(acks.flatMap((r) => (r.ok ? [] : [r.code]))).toEqual(acks.filter((r) => !r.ok).map(() => 'VOTE_BUDGET_EXCEEDED'));
        return acks.filter((r) => r.ok).length;
      }),
    );
    voting = false;
    await ending;
    expect(ended).toBeGreaterThan(0);
    for (const p of processes) expect(isRunning(p.child)).toBe(true);
    expect(accepted).toEqual(voters.map(() => 3));
    expect((await storedBoard(boardId, started)).votes).toBe(24);
    for (const voter of voters) await voter.waitFor(() => voter.me?.votesLeft === 0, 15_000);
  }, 120_000);

  it('CL-11 Redis restarted: commands go on through PostgreSQL meanwhile, fan-out resumes and nothing is lost', async () => {
    const port = await freePort();
    let redis = await startRedisServer(port);
    cleanup.push(async () => void redis.kill('SIGKILL'));
    const { processes, join } = await cluster(2, `redis://127.0.0.1:${port}`);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'Redis restarted');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const A = await join(1, boardId, 'Alex');
    const before = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'before' }));

    const gone = new Promise<void>((resolve) => redis.once('exit', () => resolve()));
    redis.kill('SIGKILL');
    await gone;
    // every command is decided and stored in PostgreSQL: Redis being away stops nothing
    const during = [cardIdOf(await A.cmd('card.add', { columnId: 'stop', text: 'during, on two' })), cardIdOf(await F.cmd('card.add', { columnId: 'stop', text: 'during, on one' }))];
    redis = await startRedisServer(port);

    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    const expected = [before, ...during].sort();
    for (const person of [F, A]) await person.waitFor(() => JSON.stringify(person.board()?.cards.map((c) => c.id).sort()) === JSON.stringify(expected), 15_000);
    for (const phase of ['vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: before })).toMatchObject({ ok: true });
    await A.waitFor(() => A.notes(notesKey.item(before)) !== undefined, 10_000);
    A.typeNote(notesKey.item(before), 'fan-out is back');
    await F.waitFor(() => F.notes(notesKey.item(before)) === 'fan-out is back', 10_000);
    await A.waitFor(() => JSON.stringify(comparable(A)) === JSON.stringify(comparable(F)), 10_000);
  }, 120_000);

  it('CL-7 presence is the union over processes; the people of a process killed with -9 stop counting as here', async () => {
    const { processes, join } = await cluster(2);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'Presence across processes');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    await join(1, boardId, 'Alex');
    const here = () => JSON.stringify(F.board()?.participants.filter((p) => p.online).map((p) => p.name).sort());
    await F.waitFor(() => here() === JSON.stringify(['Alex', 'Fran']));
    // Alex's connection dies with its process: no goodbye reaches anyone, only that process's silence can tell
    await kill9(processes[1]!);
    await F.waitFor(() => here() === JSON.stringify(['Fran']), 15_000);
    expect(F.board()!.participants.map((p) => p.name).sort()).toEqual(['Alex', 'Fran']);
  }, 60_000);
});
