import { afterEach, describe, expect, it } from 'vitest';
import type { Ack } from '@candor/shared';
import { Person, createBoard, newId, sendCommand, until } from './harness.js';
import { isRunning, kill9 } from './spawnedServer.js';
import { COMMIT_BATCH } from '../../server/src/storage/postgresBatch.js';
import { cardIdOf, processesThroughRelay, storedBoard, twinOf, untilDecided } from './clusterHarness.js';

/**
 * CM-6 with real processes: PostgreSQL freezes under two processes (a frozen host, a partition: here a relay that
 * stops relaying without closing anything, so that the shared PostgreSQL serves everyone else). Nothing is refused and
 * nothing answers: a commit under way may have been made or not.
 */

/** the browser's patience for an answer */
const BROWSER_WAITS_MS = 15_000;
/** what a batch's commit statement starts with (its text goes with every commit, CM-4) */
const COMMIT_STATEMENT = COMMIT_BATCH.trim().split('\n')[0]!;

describe('PostgreSQL freezes', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('CM-6 every command under way or sent while PostgreSQL is frozen is answered within the browser\'s 15 s (INTERNAL: nothing changed, or OUTCOME_UNKNOWN); thawed, each sent again with its id is applied once: the stored cards are exactly the acknowledged ones', async () => {
    const { proxy, processes, join } = await processesThroughRelay(cleanup);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'PostgreSQL froze');
    const writers: Person[] = [await join(0, boardId, 'Fran', facilitatorKey)];
    for (let i = 1; i < 6; i++) writers.push(await join(i % 2, boardId, `Writer ${i}`));

    // everyone adds cards in a loop until PostgreSQL freezes, so that commits are under way as it does
    let frozen = false;
    let acked = 0;
    const unanswered: string[] = [];
    const undecided: { person: Person; payload: { id: string; type: string; columnId: string; text: string } }[] = [];
    const cards = new Set<string>();
    const loops = writers.map(async (person, i) => {
      for (let n = 0; !frozen; n++) {
        const payload = { id: newId(), type: 'card.add', columnId: 'start', text: `card ${i}.${n}` };
        const sentAt = Date.now();
        const ack = await sendCommand(person.socket!, payload, BROWSER_WAITS_MS - 1_000).catch(() => null);
        if (!ack) unanswered.push(`${payload.text} after ${Date.now() - sentAt} ms`);
        else if (ack.ok) cards.add(cardIdOf(ack));
        else if (ack.code === 'OUTCOME_UNKNOWN') undecided.push({ person, payload });
        else expect(ack.code).toBe('INTERNAL');
        if (!ack?.ok) return;
        acked++;
      }
    });
    await until(() => acked >= 30, 15_000);
    proxy.freeze();
    frozen = true;
    await Promise.all(loops);
    // and whatever comes while it is frozen is answered too
    const during = writers.map((person, i) => ({ person, payload: { id: newId(), type: 'card.add', columnId: 'stop', text: `during ${i}` } }));
    const answers = await Promise.all(during.map(({ person, payload }) => sendCommand(person.socket!, payload, BROWSER_WAITS_MS - 1_000).catch(() => null)));
    for (const [i, ack] of answers.entries()) {
      if (!ack) unanswered.push(during[i]!.payload.text);
      else if (!ack.ok && ack.code === 'OUTCOME_UNKNOWN') undecided.push(during[i]!);
      else expect(ack).toMatchObject({ ok: false, code: 'INTERNAL' });
    }
    expect(unanswered).toEqual([]);
    for (const p of processes) expect(isRunning(p.child)).toBe(true);

    proxy.thaw();
    // the browser sends again, with its id, each command whose outcome it was not told
    for (const { person, payload } of undecided) {
      const ack = await untilDecided(person, payload);
      expect(ack).toMatchObject({ ok: true });
      cards.add(cardIdOf(ack));
      // a second time: the same answer, nothing applied twice (CM-1)
      expect(await sendCommand(person.socket!, payload)).toEqual(ack);
    }
    // nothing acknowledged is lost, nothing answered "nothing changed" was stored, nothing is stored twice
    const stored = (await storedBoard(boardId, processes)).cardIds;
    expect(stored.length).toBe(new Set(stored).size);
    expect(stored.sort()).toEqual([...cards].sort());
  }, 60_000);

  it('CM-6 CL-1 a commit PostgreSQL makes on waking, its command answered OUTCOME_UNKNOWN meanwhile, reaches the people of the other process with no further command', async () => {
    const { proxy, processes, people, join } = await processesThroughRelay(cleanup);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'Stored on waking');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    // Fran's second tab, through the other process: her own cards show there, and only what that process knows
    const tab = twinOf(F, processes[1]!.url);
    people.push(tab);
    await tab.connect(boardId, 'Fran', facilitatorKey);

    // PostgreSQL freezes with the card's commit sent: it answers nothing until it wakes, then makes the commit
    const { frozen, abandoned } = proxy.freezeAt(COMMIT_STATEMENT);
    const answer = F.cmd('card.add', { columnId: 'start', text: 'made on waking' });
    await frozen;
    // (the process gave the statement up: it can no longer learn what became of it)
    await abandoned;
    proxy.thaw();
    expect(await answer).toMatchObject({ ok: false, code: 'OUTCOME_UNKNOWN' });
    const stored = await until(async () => {
      const { cardIds } = await storedBoard(boardId, processes);
      return cardIds.length === 1 && cardIds;
    }, 10_000);

    // nobody sends anything more: the process that read the board back tells the other one it changed
    await tab.waitFor((t) => t.me?.cards.map((c) => c.id).join() === stored.join(), 10_000);
    await F.waitFor((f) => f.me?.cards.map((c) => c.id).join() === stored.join(), 5_000);
  }, 40_000);

  it('CM-6 CL-1 a commit PostgreSQL makes on waking reaches the people of the other process though the process that sent it was killed (kill -9) before it could read the board back', async () => {
    const { proxy, processes, people, join } = await processesThroughRelay(cleanup);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'Stored on waking, sender gone');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const tab = twinOf(F, processes[1]!.url);
    people.push(tab);
    await tab.connect(boardId, 'Fran', facilitatorKey);

    const { frozen, abandoned } = proxy.freezeAt(COMMIT_STATEMENT);
    // (answered while PostgreSQL is still frozen: within the browser's patience, CM-6)
    const answer = sendCommand(F.socket!, { id: newId(), type: 'card.add', columnId: 'start', text: 'made on waking' }, BROWSER_WAITS_MS);
    await frozen;
    await abandoned;
    expect(await answer).toMatchObject({ ok: false, code: 'OUTCOME_UNKNOWN' });
    // the sender dies before PostgreSQL wakes: nobody is left to read the board past its commit and say so
    await kill9(processes[0]!);
    proxy.thaw();
    const stored = await until(async () => {
      const { cardIds } = await storedBoard(boardId, processes);
      return cardIds.length === 1 && cardIds;
    }, 10_000);

    // nobody sends anything more: the surviving process finds the stored board past its copy by itself
    await tab.waitFor((t) => t.me?.cards.map((c) => c.id).join() === stored.join(), 10_000);
  }, 40_000);
});
