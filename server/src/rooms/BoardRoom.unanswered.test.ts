import { describe, expect, it } from 'vitest';
import { OutcomeUnknown } from '../storage/BoardStore.js';
import { BoardRoom } from './BoardRoom.js';
import { boardOnTwoPools, quietCluster, twoProcessTest } from './twoProcesses.testing.js';

/**
 * CM-6, CL-1: a commit sent and never answered (a frozen PostgreSQL) may be made after it was given up: at once, so
 * that the board read back holds it, or later still, after the read back. Either way the process that sent it is the
 * only one that can tell the others (nobody else knows a commit was under way), and it does so the first time it
 * reads the store past the version that commit was decided against. Two rooms of one board on two PostgreSQL pools
 * stand for two processes; what a's cluster announces is kept, as Redis would carry it.
 */
const BOARD = 'board-unanswered';
const FACILITATOR_KEY = 'f'.repeat(40);
const { column, newId, person, opened } = twoProcessTest('un');

/**
 * A board on two processes, Fran on a. a's next commit is answered `OutcomeUnknown` and held: `land()` makes it in
 * PostgreSQL (as a PostgreSQL waking would), before the answer (`landsAtOnce`) or whenever the test says.
 */
async function commitLeftUnanswered(landsAtOnce: boolean) {
  const { storeA, storeB, deps } = await boardOnTwoPools({ id: BOARD, name: 'CM-6', facilitatorKey: FACILITATOR_KEY }, newId, opened);
  const announced: number[] = [];
  const a = new BoardRoom((await storeA.loadBoard(BOARD))!, { ...deps(storeA), cluster: quietCluster(storeA, { committed: (_id, version) => void announced.push(version) }) });
  const b = new BoardRoom((await storeB.loadBoard(BOARD))!, { ...deps(storeB), cluster: quietCluster(storeB) });
  const fran = person(a, 'fran', true);
  await fran.join();
  // (from here on: Fran's join was announced as ever)
  announced.length = 0;
  const commitBatch = storeA.commitBatch.bind(storeA);
  let land: () => Promise<unknown> = async () => undefined;
  storeA.commitBatch = async (boardId, batch) => {
    storeA.commitBatch = commitBatch;
    land = () => commitBatch(boardId, batch);
    if (landsAtOnce) await land();
    throw new OutcomeUnknown(boardId, new Error('Query read timeout'));
  };
  const before = (await storeA.storedVersion(BOARD))!;
  const card = { type: 'card.add' as const, columnId: column, text: 'made on waking', id: newId() };
  expect(await fran.send(card)).toMatchObject({ ok: false, code: 'OUTCOME_UNKNOWN' });
  return { a, b, fran, card, before, announced, storeA, land: () => land() };
}

const ownCards = (fran: { received: { cards: unknown[] }[] }) => fran.received.at(-1)?.cards.length ?? 0;

describe('a commit left unanswered and made after all', () => {
  it('CM-6 CL-1 made before the board is read back: the read back announces it to the other processes and shows it to the people here', async () => {
    const { b, fran, before, announced, storeA } = await commitLeftUnanswered(true);
    expect(await storeA.storedVersion(BOARD)).toBe(before + 1);
    expect(announced).toEqual([before + 1]);
    // the other process, told (as Redis would carry it), holds the card; Fran, here, is shown it
    await b.catchUpTo(before + 1);
    expect(b.state.cards.size).toBe(1);
    await expect.poll(() => ownCards(fran)).toBe(1);
  });

  it('CM-6 CL-1 made after the board was read back: the next read of the store past it (the browser sending the command again) announces it', async () => {
    const { fran, card, before, announced, storeA, land } = await commitLeftUnanswered(false);
    expect(announced).toEqual([]);
    await land();
    expect(await storeA.storedVersion(BOARD)).toBe(before + 1);
    // sent again with its id: answered from the store (CM-1), and the others are told the board moved
    expect(await fran.send(card)).toMatchObject({ ok: true });
    expect(announced).toEqual([before + 1]);
  });

  it('CM-6 never made, the board moved on through another process: what this process reads past it is announced once, then nothing more', async () => {
    const { a, b, fran, before, announced } = await commitLeftUnanswered(false);
    const ada = person(b, 'ada');
    await ada.join();
    // a's next command catches up on ada's join (read from the store past the unanswered commit's version: said once
    // more, a change the others skip if they were told of it), then a's own commit is announced as ever
    await fran.must({ type: 'card.add', columnId: column, text: 'after' });
    expect(announced).toEqual([before + 1, before + 2]);
    // past it, what a reads of the others' changes is theirs to announce
    await b.catchUpTo(null);
    await ada.must({ type: 'card.add', columnId: column, text: 'later' });
    await a.catchUpTo(null);
    expect(a.state.cards.size).toBe(2);
    expect(announced).toEqual([before + 1, before + 2]);
  });
});
