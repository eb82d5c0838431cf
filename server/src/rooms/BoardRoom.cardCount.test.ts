import { describe, expect, it } from 'vitest';
import { LIMITS, unrevealedWriters } from '@candor/shared';
import { BoardRoom } from './BoardRoom.js';
import { againstFullReload, boardOnTwoPools, twoProcessTest } from './twoProcesses.testing.js';

/**
 * AN-10 with several processes (CL-17): each process's copy holds the cards written through the others waiting for
 * their authors (AR-2) until those people connect to it, and it rebuilds from storage and recognises its people
 * again. The number of people with unrevealed cards — whether the live count shows them — must be the one the
 * board has, on every copy, and must not move when a copy recognises someone.
 */
const BOARD = 'board-cardcount';
const { column, newId, person, opened } = twoProcessTest('cc');

describe('AN-10 the card count through two processes', () => {
  it('AN-10 CL-17 AR-2 Alex writes 5 cards through one process and Bea 1 through the other: 2 writers on both copies, through catch-ups, a rebuild and each recognition', async () => {
    const { storeA, storeB, deps } = await boardOnTwoPools({ id: BOARD, name: 'Counted', facilitatorKey: 'f'.repeat(40) }, newId, opened);
    const a = new BoardRoom((await storeA.loadBoard(BOARD))!, deps(storeA));
    const b = new BoardRoom((await storeB.loadBoard(BOARD))!, deps(storeB));
    const catchUp = async (room: BoardRoom) => room.catchUpTo(await storeA.storedVersion(BOARD));
    const writers = (room: BoardRoom) => ({ writers: unrevealedWriters(room.state), count: room.publicView().cardCount });
    const both = () => [writers(a), writers(b)];

    await person(a, 'fran', true).join();
    const alex = person(a, 'alex');
    await alex.join();
    for (let i = 0; i < 5; i++) await alex.must({ type: 'card.add', columnId: column, text: `alex ${i}` });
    await catchUp(b);
    const bea = person(b, 'bea');
    await bea.join();
    await bea.must({ type: 'card.add', columnId: column, text: 'bea' });
    await catchUp(a);
    // b holds Alex's cards waiting for him, a holds Bea's: 2 writers each, not one per waiting card
    expect(both()).toEqual([
      { writers: 2, count: 0 },
      { writers: 2, count: 0 },
    ]);

    // Cleo joins through b, then Alex opens a tab there too: b hands him his cards, and nothing moves
    const cleo = person(b, 'cleo');
    await cleo.join();
    expect(writers(b)).toEqual({ writers: 2, count: 0 });
    const alexOnB = person(b, 'alex');
    await alexOnB.join();
    expect(b.state.cardsByAuthor.get([...b.state.cards.values()].find((c) => c.text === 'alex 0')!.authorTag)).toHaveLength(5);
    expect(writers(b)).toEqual({ writers: 2, count: 0 });

    // a rebuild from everything stored recognises the people here again, to the same count
    const { incremental, reloaded } = await againstFullReload(b);
    expect(incremental).toEqual(reloaded);
    expect(writers(b)).toEqual({ writers: 2, count: 0 });

    // Alex writes again through b: still 2 writers on both
    await alexOnB.must({ type: 'card.add', columnId: column, text: 'alex again' });
    await catchUp(a);
    expect(both()).toEqual([
      { writers: 2, count: 0 },
      { writers: 2, count: 0 },
    ]);

    // Cleo is the third writer: 8 cards, shown as 5 on both
    await cleo.must({ type: 'card.add', columnId: column, text: 'cleo' });
    await catchUp(a);
    expect(both()).toEqual([
      { writers: 3, count: LIMITS.cardCountStep },
      { writers: 3, count: LIMITS.cardCountStep },
    ]);
    for (const room of [a, b]) {
      const { incremental: folded, reloaded: rebuilt } = await againstFullReload(room);
      expect(folded).toEqual(rebuilt);
    }
  });
});
