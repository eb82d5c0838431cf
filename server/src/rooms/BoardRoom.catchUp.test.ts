import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBoardDoc, RevealKeys, revealOrder } from '@candor/shared';
import type { PostgresStore } from '../storage/postgres.js';
import { AnonymousState } from '../storage/anonymousState.js';
import { BoardRoom } from './BoardRoom.js';
import { TWO_PROCESS_TEMPLATE, boardOnTwoPools, againstFullReload, twoProcessTest } from './twoProcesses.testing.js';

/**
 * CL-17: a process catches up on another's changes by folding only what changed onto its copy. Two rooms of
 * one board on two PostgreSQL pools of one schema stand for two processes (no Redis: the test tells the
 * second room the version the first one reached, as a published "board B changed" would).
 */
const BOARD = 'board-catchup';
const FACILITATOR_KEY = 'f'.repeat(40);
const template = TWO_PROCESS_TEMPLATE;
const { newId, person, opened } = twoProcessTest('cu');

// (after each test, the fake timers go before its stores are closed: hooks run last registered first; its spies on
// shared prototypes go too, which would otherwise outlive this file in a worker that keeps its modules)
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function twoProcesses() {
  const { storeA, storeB, deps, keyring } = await boardOnTwoPools({ id: BOARD, name: 'Catch-up', facilitatorKey: FACILITATOR_KEY }, newId, opened);
  const room = async (store: PostgresStore) => new BoardRoom((await store.loadBoard(BOARD))!, deps(store));
  const a = await room(storeA);
  const b = await room(storeB);
  /** the second room learns that the first one stored the board at its current version */
  const catchUpB = async () => b.catchUpTo(await storeA.storedVersion(BOARD));
  return { a, b, storeA, storeB, keyring, catchUpB };
}

describe('CL-17 incremental catch-up', () => {
  it('CL-17 folds only what another process changed (events, new rows, the anonymous state) to the state a full reload builds', async () => {
    const { a, b, storeB, catchUpB } = await twoProcesses();
    const fac = person(a, 'fac', true);
    const ada = person(b, 'ada');
    await fac.join();
    await catchUpB();
    await ada.join();
    const bob = person(a, 'bob');
    await bob.join();
    await bob.must({ type: 'pulse.answer', value: 4 });
    const first = await bob.must({ type: 'card.add', columnId: template.columns[0]!.id, text: 'ship smaller' });
    const second = await bob.must({ type: 'card.add', columnId: template.columns[0]!.id, text: 'pair more' });
    const loadBoard = vi.spyOn(storeB, 'loadBoard');
    const loadChanges = vi.spyOn(storeB, 'loadChanges');
    await catchUpB();
    expect(loadChanges).toHaveBeenCalledTimes(1);
    expect(loadBoard).not.toHaveBeenCalled();
    expect(b.state.participants.has('pid-bobxxx')).toBe(true);
    expect([...b.state.cards.values()].map((c) => c.text).sort()).toEqual(['pair more', 'ship smaller']);

    // a card of ada's through b, then the reveal, grouping, votes and an action through a
    const third = await ada.must({ type: 'card.add', columnId: template.columns[1]!.id, text: 'fewer meetings' });
    await a.catchUpTo(await storeB.storedVersion(BOARD));
    await fac.must({ type: 'phase.set', phase: 'reveal' });
    await bob.must({ type: 'card.group', cardId: first.cardId!, withCardId: second.cardId! });
    await fac.must({ type: 'phase.set', phase: 'vote' });
    await bob.must({ type: 'vote.cast', itemId: first.cardId! });
    await catchUpB();
    await ada.must({ type: 'vote.cast', itemId: third.cardId! });
    await a.catchUpTo(await storeB.storedVersion(BOARD));
    await fac.must({ type: 'phase.set', phase: 'discuss' });
    const { actionId } = await fac.must({ type: 'action.create', itemId: third.cardId!, text: 'try trunk-based' });
    await fac.must({ type: 'consensus.start', actionId: actionId! });
    await bob.must({ type: 'consensus.answer', actionId: actionId!, value: 3 });
    await catchUpB();
    expect(loadBoard).not.toHaveBeenCalled();
    expect(loadChanges).toHaveBeenCalledTimes(3);
    // who is online differs (each room sees its own connections: presence crosses processes through Redis)
    const withoutPresence = (room: BoardRoom) => ({ ...room.publicView(), participants: [], facilitator: null });
    expect(withoutPresence(b)).toEqual(withoutPresence(a));

    const { incremental, reloaded } = await againstFullReload(b);
    expect(loadBoard).toHaveBeenCalledTimes(1); // the rebuild this test asked for
    expect(incremental).toEqual(reloaded);
  });

  it('CL-17 reads only the changed parts: no rows and no anonymous state when only public events came', async () => {
    const { a, b, storeA, storeB, catchUpB } = await twoProcesses();
    const fac = person(a, 'fac', true);
    const ada = person(b, 'ada');
    await fac.join();
    await catchUpB();
    await ada.join();
    await ada.must({ type: 'card.add', columnId: template.columns[0]!.id, text: 'stored through b' });
    await a.catchUpTo(await storeB.storedVersion(BOARD));
    await fac.must({ type: 'timer.start', durationSec: 300 });
    const loadChanges = vi.spyOn(storeB, 'loadChanges');
    await catchUpB();
    // the anonymous state b wrote itself is known by its digest: not read again
    const first = await loadChanges.mock.results[0]!.value;
    expect(first.anonymousParts).toEqual({});
    expect(first.events.map((e: { event: { type: string } }) => e.event.type)).toEqual(['timer.started']);
    expect(b.state.timer.endsAt).not.toBeNull();
    await fac.must({ type: 'timer.stop' });
    await catchUpB();
    expect(await loadChanges.mock.results[1]!.value).toMatchObject({ participants: null, anonymousParts: {} });
    expect(b.state.timer.endsAt).toBeNull();
    expect(await storeA.storedVersion(BOARD)).toBe(b['storedVersion']);
  });

  it('CL-17 AR-1 a vote made through another process reads the marks again, not the cards: the cards stay as they were, with their owners', async () => {
    const { a, b, storeB, catchUpB } = await twoProcesses();
    const fac = person(a, 'fac', true);
    const ada = person(b, 'ada');
    await fac.join();
    await catchUpB();
    await ada.join();
    const { cardId } = await ada.must({ type: 'card.add', columnId: template.columns[0]!.id, text: 'written through b' });
    await a.catchUpTo(await storeB.storedVersion(BOARD));
    await fac.must({ type: 'phase.set', phase: 'reveal' });
    await fac.must({ type: 'phase.set', phase: 'vote' });
    await fac.must({ type: 'vote.cast', itemId: cardId! });
    await catchUpB();
    const card = b.state.cards.get(cardId!);
    await fac.must({ type: 'vote.cast', itemId: cardId! });
    const loadChanges = vi.spyOn(storeB, 'loadChanges');
    await catchUpB();
    const changes = await loadChanges.mock.results[0]!.value;
    expect(Object.keys(changes.anonymousParts)).toEqual(['marks']);
    expect(Buffer.from(changes.anonymousParts.marks.blob).includes(Buffer.from('written through b'))).toBe(false);
    // the very card object b held: not loaded again, still ada's
    expect(b.state.cards.get(cardId!)).toBe(card);
    expect(b.state.cardsByAuthor.get(card!.authorTag)).toEqual([cardId]);
    expect([...(b.state.votes.get(cardId!)?.values() ?? [])].reduce((x, n) => x + n, 0)).toBe(2);
    const { incremental, reloaded } = await againstFullReload(b);
    expect(incremental).toEqual(reloaded);
  });

  it('CL-17 AR-2 on a big board, cards only added through another process are taken in one by one: the cards already here stay, with their owners, to the state a full reload builds', async () => {
    const { a, b, storeB, catchUpB } = await twoProcesses();
    const fac = person(a, 'fac', true);
    const ada = person(b, 'ada');
    await fac.join();
    await catchUpB();
    await ada.join();
    const column = template.columns[0]!.id;
    const { cardId: adas } = await ada.must({ type: 'card.add', columnId: column, text: 'written through b' });
    await a.catchUpTo(await storeB.storedVersion(BOARD));
    // past STORED_CARDS_KEPT_FROM (500) cards, through a, at most 50 a person
    const writers = Array.from({ length: 11 }, (_, i) => person(a, `writer${i}`));
    for (const w of writers) await w.join();
    await Promise.all(writers.flatMap((w, i) => Array.from({ length: 46 }, (_, k) => w.must({ type: 'card.add', columnId: column, text: `card ${i}-${k}` }))));
    await catchUpB();
    // b stores a card of its own: from then on b keeps each card's stored entry
    await ada.must({ type: 'card.add', columnId: column, text: 'second through b' });
    await a.catchUpTo(await storeB.storedVersion(BOARD));
    const adasCard = b.state.cards.get(adas!);
    const added = await Promise.all([0, 1, 2].map((k) => writers[0]!.must({ type: 'card.add', columnId: column, text: `late ${k}` })));
    const load = vi.spyOn(AnonymousState.prototype, 'load');
    await catchUpB();
    expect(load).not.toHaveBeenCalled();
    expect(b.state.cards.size).toBe(2 + 11 * 46 + 3);
    for (const { cardId } of added) expect(b.state.cards.get(cardId!)?.text).toMatch(/^late /);
    // the very card object b held, still ada's
    expect(b.state.cards.get(adas!)).toBe(adasCard);
    expect(b.state.cardsByAuthor.get(adasCard!.authorTag)).toHaveLength(2);
    const { incremental, reloaded } = await againstFullReload(b);
    expect(incremental).toEqual(reloaded);

    // what b stores next is what a rebuilt copy stores: a reads it back to the same state
    await ada.must({ type: 'card.add', columnId: column, text: 'third through b' });
    await a.catchUpTo(await storeB.storedVersion(BOARD));
    expect(a.state.cards.size).toBe(b.state.cards.size);
    const onA = await againstFullReload(a);
    expect(onA.incremental).toEqual(onA.reloaded);

    // a card edited elsewhere is not an addition: b rebuilds its copy, to the same state
    await writers[0]!.must({ type: 'card.edit', cardId: added[1]!.cardId!, text: 'edited through a' });
    load.mockClear();
    await catchUpB();
    expect(b.state.cards.get(added[1]!.cardId!)?.text).toBe('edited through a');
    expect(load).toHaveBeenCalledTimes(1);
    const again = await againstFullReload(b);
    expect(again.incremental).toEqual(again.reloaded);
  }, 60_000);

  it('RV-3 RV-10 a big board revealed through one process: the other takes its cards in the order it kept them as they came, under the same seed (no id hashed)', async () => {
    const { a, b, storeB, keyring, catchUpB } = await twoProcesses();
    const fac = person(a, 'fac', true);
    const ada = person(b, 'ada');
    await fac.join();
    await catchUpB();
    await ada.join();
    await a.catchUpTo(await storeB.storedVersion(BOARD));
    const column = template.columns[0]!.id;
    const writers = Array.from({ length: 11 }, (_, i) => person(a, `writer${i}`));
    for (const w of writers) await w.join();
    await Promise.all(writers.flatMap((w, i) => Array.from({ length: 46 }, (_, k) => w.must({ type: 'card.add', columnId: column, text: `card ${i}-${k}` }))));
    await catchUpB();
    // b keeps its cards' entries and keys a turn at a time (RV-7, RV-10), as it would while people write: waited for
    // until both rooms hold every card's key (b's walk begins when its catch-up's reads come back from PostgreSQL)
    const keptAll = (room: BoardRoom) => {
      const keys: RevealKeys = room['fanout'].revealKeys();
      return keys.orderOf([...room.state.cards.keys()], keys.seed) !== undefined;
    };
    await vi.waitFor(() => expect(keptAll(a) && keptAll(b)).toBe(true), { timeout: 10_000, interval: 5 });
    // (RV-11: a, quiet, makes its reveal ready, and its projection takes the kept order then)
    await vi.waitFor(() => expect(a['fanout']['ready']).toBeDefined(), { timeout: 10_000, interval: 5 });
    const ordered = vi.spyOn(RevealKeys.prototype, 'orderOf');
    try {
      await fac.must({ type: 'phase.set', phase: 'reveal' });
      await catchUpB();
      expect(b.state.phase).toBe('reveal');
      // the projection of the process that caught up took the kept order: it did not fall back to hashing every id
      // (a projection still in Write, e.g. a presence batch landing first on a busy machine, has no card to order and
      // finds no kept order under the empty seed: it is not one of them); a sent the document it had ready. On a busy
      // machine a's next whole projection (a presence batch after the reveal) may land before b has caught up: it
      // takes the kept order too, so every projection with cards is counted, and none may have fallen back
      const withCards = ordered.mock.calls.flatMap(([cardIds], i) => (cardIds.length > 0 ? [(ordered.mock.results[i]!.value as string[] | undefined)?.length] : []));
      expect(withCards.length).toBeGreaterThan(0);
      expect(new Set(withCards)).toEqual(new Set([11 * 46]));
    } finally {
      ordered.mockRestore();
    }
    expect(b.state.revealSeed).toBe(keyring.revealSeed(BOARD));
    const order = (room: BoardRoom) => readBoardDoc(room.boardDoc)!.cards.map((c) => c.id);
    expect(order(b)).toEqual(order(a));
    expect(order(b)).toEqual(revealOrder([...b.state.cards.keys()], b.state.revealSeed!));
  }, 60_000);

  it('CL-17 rebuilds the whole copy when the changes leave a gap, or a known row changed or went', async () => {
    const { a, b, storeB, catchUpB } = await twoProcesses();
    const fac = person(a, 'fac', true);
    await fac.join();
    await catchUpB();
    await fac.must({ type: 'phase.set', phase: 'reveal' });
    await fac.must({ type: 'timer.start', durationSec: 300 });
    // an event lost on the way (as a store read that skipped one would give): the copy is rebuilt, not folded
    const real = storeB.loadChanges.bind(storeB);
    const gap = vi.spyOn(storeB, 'loadChanges').mockImplementation(async (boardId, since) => {
      const changes = await real(boardId, since);
      return changes && { ...changes, events: changes.events.slice(1) };
    });
    const loadBoard = vi.spyOn(storeB, 'loadBoard');
    await catchUpB();
    expect(gap).toHaveBeenCalledTimes(1);
    expect(loadBoard).toHaveBeenCalledTimes(1);
    expect(b.state.phase).toBe('reveal');
    expect(b.state.timer.endsAt).not.toBeNull();
    gap.mockRestore();

    // a row that went (AB-6 forgot someone through another process): rebuilt as well
    await storeB.upsertParticipant(BOARD, { id: 'pid-gonexx', name: 'gone', handle: 'handle-gone', authHash: 'h', isFacilitator: false });
    await catchUpB();
    expect(b.state.participants.has('pid-gonexx')).toBe(true);
    expect(loadBoard).toHaveBeenCalledTimes(1);
    await storeB.removeParticipant(BOARD, 'pid-gonexx');
    await catchUpB();
    expect(loadBoard).toHaveBeenCalledTimes(2);
    expect(b.state.participants.has('pid-gonexx')).toBe(false);
  });
});

describe('CL-21 catch-ups fan out in the presence batch', () => {
  it('CL-21 three "I\'m done" marks made through another process are one projection, in the presence batch; a phase change is projected at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { a, b, catchUpB } = await twoProcesses();
    const fac = person(a, 'fac', true);
    await fac.join();
    await catchUpB();
    await person(b, 'ada').join();
    await vi.advanceTimersByTimeAsync(1_000); // whatever the joins scheduled is projected
    let projections = 0;
    b.boardDoc.on('update', () => projections++);
    for (const done of [true, false, true]) {
      await fac.must({ type: 'done.mark', done });
      await catchUpB();
    }
    expect(projections).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(projections).toBe(1);
    expect(b.state.done.write.size).toBe(1);

    await fac.must({ type: 'phase.set', phase: 'reveal' });
    await catchUpB();
    expect(projections).toBe(2);
    expect(b.publicView().phase).toBe('reveal');
  });
});
