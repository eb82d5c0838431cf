import { afterEach, describe, expect, it } from 'vitest';
import { notesKey } from '@candor/shared';
import { Person, createBoard, newId, until } from './harness.js';
import { type SpawnedServer, kill9 } from './spawnedServer.js';
import { cardIdOf, comparable, holdsBoardLock, moveToLiveProcess, peopleOf, sendUntilAcked, SHORT_LEASE_MS, startProcesses, storedBoard, textsEverSet } from './clusterHarness.js';

/**
 * CL-30: the board's writer (CL-8) dies (kill -9) or stalls (SIGSTOP) in the middle of a reveal asked for through
 * another process, on a board of ~300 cards from 20 people over three processes.
 */

describe('the writer dies or stalls mid-reveal', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  let started: SpawnedServer[] = [];
  async function cluster(count: number) {
    const processes = await startProcesses(count, { env: { WRITER_LEASE_MS: String(SHORT_LEASE_MS) } });
    started = processes;
    return { processes, ...peopleOf(processes, cleanup) };
  }

  /** the writer lease once someone holds it */
  const heldLease = (boardId: string) => until(async () => (await storedBoard(boardId, started)).lease?.owner ? (await storedBoard(boardId, started)).lease : null, 10_000);
  /** the lease once a process other than `first`'s owner holds it, at a higher epoch */
  const nextLease = (boardId: string, first: { owner: string | null; epoch: number }, timeout: number) =>
    until(async () => {
      const lease = (await storedBoard(boardId, started)).lease;
      return lease?.owner && lease.owner !== first.owner && lease.epoch > first.epoch ? lease : null;
    }, timeout);

  /**
   * A board whose writer is process 0 and whose facilitator is on process 1; `writers` people spread over the
   * processes each wrote `perPerson` cards and deleted their first one
   */
  async function writtenBoard(count: number, writerCount: number, perPerson: number) {
    const { processes, people, live, join } = await cluster(count);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'Reveal while the writer dies');
    // the first process to load the board takes its writer lease
    const writers = [await join(0, boardId, 'Writer 0')];
    const first = await heldLease(boardId);
    const F = await join(1, boardId, 'Fran', facilitatorKey);
    for (let i = 1; i < writerCount; i++) writers.push(await join(i % count, boardId, `Writer ${i}`));
    const kept = new Map<Person, Map<string, string>>();
    const deletedTexts: string[] = [];
    await Promise.all(
      writers.map(async (writer, i) => {
        const own = new Map<string, string>();
        for (let n = 0; n < perPerson; n++) {
          const text = n === 0 ? `deleted before the reveal ${i}` : `card ${i}.${n}`;
          own.set(cardIdOf(await writer.cmd('card.add', { columnId: n % 2 ? 'start' : 'stop', text })), text);
        }
        const [gone, text] = [...own][0]!;
        expect(await writer.cmd('card.delete', { cardId: gone })).toMatchObject({ ok: true });
        own.delete(gone);
        deletedTexts.push(text);
        kept.set(writer, own);
      }),
    );
    return { processes, people, live, join, boardId, first, F, writers, kept, deletedTexts };
  }

  it('CL-30 kill -9 of the writer while it holds the board mid-reveal: everyone on the others sees every card once, revealed, the same board and their own cards; the reveal applied once', async () => {
    const { processes, live, boardId, first, F, writers, kept, deletedTexts } = await writtenBoard(3, 20, 15);
    const expected = [...kept.values()].flatMap((own) => [...own.keys()]).sort();
    expect(expected).toHaveLength(20 * 14);

    // a busy board: people on every process mark themselves done and not done, so that the writer takes the board's
    // lock for its batches (CL-25); the reveal is sent, and the writer killed, at a moment it holds that lock
    let revealing = false;
    const busy = writers.slice(0, 6);
    const marking = busy.map(async (person) => {
      for (let n = 0; !revealing; n++) await sendUntilAcked(person, live, 'done.mark', { done: n % 2 === 0 });
    });
    await until(() => holdsBoardLock(processes[0]!), 30_000);
    const revealId = newId();
    const reveal = sendUntilAcked(F, live, 'phase.set', { phase: 'reveal' }, revealId);
    await kill9(processes[0]!);
    revealing = true;
    const answer = await reveal;
    await Promise.all(marking);
    expect(answer).toMatchObject({ ok: true });
    // the same command again, with the same id: the same answer, nothing applied twice (CM-1)
    expect(await F.cmd('phase.set', { phase: 'reveal' }, revealId)).toEqual(answer);
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: false });

    // a new writer with a higher epoch takes over
    expect((await nextLease(boardId, first, 4 * SHORT_LEASE_MS)).epoch).toBeGreaterThan(first.epoch);
    expect((await storedBoard(boardId, started)).cardIds.sort()).toEqual(expected);

    // whoever was on the dead process comes back through another; every document is a fresh one of a live process
    const everyone = [F, ...writers];
    for (const person of everyone) if (!person.socket?.connected || !live().some((p) => p.url === person.url)) await moveToLiveProcess(person, live);
    const texts = new Map([...kept.values()].flatMap((own) => [...own]));
    for (const person of everyone) {
      await person.waitFor(() => person.board()?.phase === 'reveal' && person.board()!.cards.length === expected.length, 15_000);
      const cards = person.board()!.cards;
      expect(cards.map((c) => c.id).sort()).toEqual(expected);
      for (const card of cards) expect(card.text).toBe(texts.get(card.id));
      for (const text of deletedTexts) expect(cards.some((c) => c.text === text)).toBe(false);
    }
    for (const person of everyone) await person.waitFor(() => JSON.stringify(comparable(person)) === JSON.stringify(comparable(F)), 15_000);
    // each person's own view: their own cards, the deleted one gone
    for (const writer of writers) {
      await writer.waitFor(() => writer.me?.cards.length === kept.get(writer)!.size, 15_000);
      expect(writer.me!.cards.map((c) => [c.id, c.text]).sort()).toEqual([...kept.get(writer)!].sort());
    }
  }, 120_000);

  it('CL-30 the writer stopped (SIGSTOP) mid-reveal past its lease: resumed, it is fenced, the new writer makes the notes, and its people see the reveal and the notes', async () => {
    const { processes, boardId, first, F, writers } = await writtenBoard(2, 6, 5);
    const onStopped = writers.filter((_, i) => i % 2 === 0);

    const reveal = F.cmd('phase.set', { phase: 'reveal' });
    processes[0]!.child.kill('SIGSTOP');
    expect(await reveal).toMatchObject({ ok: true });
    const second = await nextLease(boardId, first, 4 * SHORT_LEASE_MS);
    expect(await F.cmd('phase.set', { phase: 'vote' })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    const item = F.board()!.cards[0]!.id;
    expect(await F.cmd('discuss.select', { itemId: item })).toMatchObject({ ok: true });
    await F.waitFor(() => F.notes(notesKey.item(item)) !== undefined, 10_000);
    processes[0]!.child.kill('SIGCONT');

    // resumed, its people catch up: discuss, the note the new writer made, typed on from the resumed process
    for (const person of onStopped) await person.waitFor(() => person.board()?.phase === 'discuss' && person.notes(notesKey.item(item)) !== undefined, 15_000);
    onStopped[0]!.typeNote(notesKey.item(item), 'typed where the writer slept');
    for (const person of [F, ...writers]) {
      await person.waitFor(() => person.notes(notesKey.item(item)) === 'typed where the writer slept', 15_000);
      expect(textsEverSet(person, notesKey.item(item))).toBe(1);
      await person.waitFor(() => JSON.stringify(comparable(person)) === JSON.stringify(comparable(F)), 15_000);
    }
    // the resumed process did not take the lease back
    expect((await storedBoard(boardId, started)).lease).toEqual(second);
  }, 90_000);
});
