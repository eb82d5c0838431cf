import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { RoomCluster } from '../cluster/RoomCluster.js';
import { type AnnouncedChange, openChange, sealChange } from '../cluster/announcedChange.js';
import type { BoardChanges } from '../storage/BoardStore.js';
import type { PostgresStore } from '../storage/postgres.js';
import { testWriters } from '../storage/anonymousState.testing.js';
import { BoardRoom } from './BoardRoom.js';
import { againstFullReload, boardOnTwoPools, quietCluster, twoProcessTest } from './twoProcesses.testing.js';

/**
 * CL-29: a batch that only added cards announces them in their stored form, and a process holding the board folds
 * them without reading the cards part from PostgreSQL. Two rooms of one board on two PostgreSQL pools stand for
 * two processes; their clusters take the board's lock as the real one does, and the test carries a's
 * announcements to b by hand (as Redis would), or not (as when Redis is late).
 */
const BOARD = 'board-announced';
const FACILITATOR_KEY = 'f'.repeat(40);
const { column, newId, person, opened } = twoProcessTest('an');

interface Announcement {
  version: number;
  change: AnnouncedChange | undefined;
}

/** a cluster of one process: the board's lock and version on its store; what it announces is kept in `announced` */
function clusterOn(store: PostgresStore, announced: Announcement[]): RoomCluster & { lockReads: (BoardChanges | null | undefined)[] } {
  const lockReads: (BoardChanges | null | undefined)[] = [];
  const cluster = quietCluster(store, {
    serialize: (boardId, work, since, partsBelow) =>
      store.withBoardLock(
        boardId,
        (version, changes) => {
          lockReads.push(changes);
          return work(version, changes);
        },
        since,
        partsBelow,
      ),
    committed: (_boardId, version, change) => void announced.push({ version, change }),
  });
  return { ...cluster, lockReads };
}

/**
 * A big board (past STORED_CARDS_KEPT_FROM, 500 cards, whose copies keep each card's stored entry, and whose cards
 * part is past the lock's read, 32 KB sealed) on two processes, each of which stored a card of its own since.
 */
async function bigBoardOnTwo() {
  const { storeA, storeB, deps } = await boardOnTwoPools({ id: BOARD, name: 'CL-29', facilitatorKey: FACILITATOR_KEY }, newId, opened);
  const fromA: Announcement[] = [];
  const fromB: Announcement[] = [];
  const clusterA = clusterOn(storeA, fromA);
  const clusterB = clusterOn(storeB, fromB);
  const a = new BoardRoom((await storeA.loadBoard(BOARD))!, { ...deps(storeA), cluster: clusterA });
  const b = new BoardRoom((await storeB.loadBoard(BOARD))!, { ...deps(storeB), cluster: clusterB });
  const fac = person(a, 'fac', true);
  const ada = person(b, 'ada');
  await fac.join();
  await b.catchUpTo(null);
  await ada.join();
  await a.catchUpTo(null);
  const writers = Array.from({ length: 11 }, (_, i) => person(a, `writer${i}`));
  for (const w of writers) await w.join();
  // texts that do not compress to nothing, as people's do not: the part is stored compressed (AR-12)
  const filler = () => randomBytes(50).toString('hex');
  await Promise.all(writers.flatMap((w, i) => Array.from({ length: 46 }, (_, k) => w.must({ type: 'card.add', columnId: column, text: `card ${i}-${k} ${filler()}` }))));
  await b.catchUpTo(null);
  await ada.must({ type: 'card.add', columnId: column, text: 'written through b' });
  await a.catchUpTo(null);
  await fac.must({ type: 'card.add', columnId: column, text: 'written through a' });
  await b.catchUpTo(null);
  fromA.length = 0;
  return { a, b, storeA, storeB, writers, ada, fromA, clusterB };
}

describe('CL-29 cards added elsewhere, folded from the announcement', () => {
  it('CL-29 cards only added through another process are folded from its announcement, without reading the cards part, to the state a full reload builds', async () => {
    const { b, storeA, storeB, writers, fromA } = await bigBoardOnTwo();
    const added = await Promise.all([0, 1, 2].map((k) => writers[k]!.must({ type: 'card.add', columnId: column, text: `late ${k}` })));
    expect(fromA.length).toBeGreaterThan(0);
    for (const { change } of fromA) expect(change?.cards.added.length).toBeGreaterThan(0);
    expect(fromA.at(-1)!.version).toBe(await storeA.storedVersion(BOARD));
    const loadChanges = vi.spyOn(storeB, 'loadChanges');
    const loadBoard = vi.spyOn(storeB, 'loadBoard');
    for (const { version, change } of fromA) await b.catchUpTo(version, change);
    expect(loadChanges).not.toHaveBeenCalled();
    expect(loadBoard).not.toHaveBeenCalled();
    for (const { cardId } of added) expect(b.state.cards.get(cardId!)?.text).toMatch(/^late /);
    const { incremental, reloaded } = await againstFullReload(b);
    expect(incremental).toEqual(reloaded);
  }, 60_000);

  it('CL-29 a batch under the board\'s lock folds the announcement that came while it waited, and its lock\'s read leaves the cards part unread', async () => {
    const { b, storeB, writers, ada, fromA, clusterB } = await bigBoardOnTwo();
    await writers[0]!.must({ type: 'card.add', columnId: column, text: 'through a, announced' });
    const loadChanges = vi.spyOn(storeB, 'loadChanges');
    // ada's card waits for its batch when a's announcement arrives (CL-22): the batch goes to the lock (CL-25)
    const pending = ada.must({ type: 'card.add', columnId: column, text: 'through b, under the lock' });
    for (const { version, change } of fromA) await b.catchUpTo(version, change);
    await pending;
    expect(clusterB.lockReads.at(-1)?.unread).toEqual(['cards']);
    expect(loadChanges).not.toHaveBeenCalled();
    const texts = [...b.state.cards.values()].map((c) => c.text);
    expect(texts).toContain('through a, announced');
    expect(texts).toContain('through b, under the lock');
    const { incremental, reloaded } = await againstFullReload(b);
    expect(incremental).toEqual(reloaded);
  }, 60_000);

  it('CL-29 an announcement of cards added to another part than the copy holds, or that did not come, leaves the copy to read the store, to the same state', async () => {
    const { a, b, storeB, writers, ada, fromA, clusterB } = await bigBoardOnTwo();
    await writers[0]!.must({ type: 'card.add', columnId: column, text: 'announced wrongly' });
    const loadChanges = vi.spyOn(storeB, 'loadChanges');
    const { version, change } = fromA.at(-1)!;
    // added to a part b does not hold (another digest): the store is read
    const wrong: AnnouncedChange = { cards: { ...change!.cards, added: [change!.cards.added[0]!.replace('announced wrongly', 'something else')], base: 'e'.repeat(32) } };
    await b.catchUpTo(version, wrong);
    expect(loadChanges).toHaveBeenCalledTimes(1);
    expect([...b.state.cards.values()].map((c) => c.text)).toContain('announced wrongly');
    expect([...b.state.cards.values()].map((c) => c.text)).not.toContain('something else');
    // a card b holds already is not one to add: the store is read
    await writers[2]!.must({ type: 'card.add', columnId: column, text: 'announced twice' });
    const again = fromA.at(-1)!;
    await b.catchUpTo(again.version, { cards: { ...again.change!.cards, added: [...again.change!.cards.added, change!.cards.added[0]!] } });
    expect(loadChanges).toHaveBeenCalledTimes(2);
    expect([...b.state.cards.values()].filter((c) => c.text === 'announced wrongly')).toHaveLength(1);
    expect([...b.state.cards.values()].map((c) => c.text)).toContain('announced twice');

    // under the lock, told of a's change without what it was: the part the lock's read left unread is read after it
    await writers[1]!.must({ type: 'card.add', columnId: column, text: 'announcement late' });
    loadChanges.mockClear();
    const pending = ada.must({ type: 'card.add', columnId: column, text: 'through b, unannounced' });
    await b.catchUpTo(fromA.at(-1)!.version);
    await pending;
    expect(clusterB.lockReads.at(-1)?.unread).toEqual(['cards']);
    expect(loadChanges).toHaveBeenCalledTimes(1);
    expect([...b.state.cards.values()].map((c) => c.text)).toEqual(expect.arrayContaining(['announcement late', 'through b, unannounced']));
    const { incremental, reloaded } = await againstFullReload(b);
    expect(incremental).toEqual(reloaded);
    await a.catchUpTo(null);
    expect(a.state.cards.size).toBe(b.state.cards.size);
  }, 60_000);

  it('CL-29 CL-5 AN-10 what crosses Redis of the added cards is sealed: no card text, writers of a constant length, and it opens for its board and version only', () => {
    const key = Buffer.alloc(32, 7);
    const announce = (writers: number): AnnouncedChange => ({
      cards: { added: ['{"id":"c1","column":"start","text":"a secret card","group":null,"revealed":false,"tag":"t"}'], base: 'b'.repeat(32), digest: 'd'.repeat(32), writers: testWriters.seal(BOARD, writers, 'c1') },
    });
    const change = announce(1);
    const sealed = sealChange(key, BOARD, 12, change);
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('secret');
    // AN-10: the writers go as the cards part stores them, sealed: one writer or a thousand, the announcement is as long
    expect(sealChange(key, BOARD, 12, announce(1000)).length).toBe(sealed.length);
    expect(openChange(key, BOARD, 12, sealed)).toEqual(change);
    expect(openChange(key, BOARD, 13, sealed)).toBeNull();
    expect(openChange(key, 'another-board', 12, sealed)).toBeNull();
    expect(openChange(Buffer.alloc(32, 8), BOARD, 12, sealed)).toBeNull();
  });
});
