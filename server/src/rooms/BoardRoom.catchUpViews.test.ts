import { describe, expect, it, vi } from 'vitest';
import * as shared from '@candor/shared';
import { BoardRoom } from './BoardRoom.js';
import { boardOnTwoPools, twoProcessTest } from './twoProcesses.testing.js';

// which personal views a room works out (RoomFanout calls this for every person it may send one to), and when it
// works out the whole public view (BoardRoom.publicView, for a projection of the board document)
vi.mock('@candor/shared', async (importOriginal) => {
  const original = await importOriginal<typeof import('@candor/shared')>();
  return { ...original, personalViewOf: vi.fn(original.personalViewOf), viewOf: vi.fn(original.viewOf) };
});

/**
 * CL-26: what a catch-up on another process's change makes a room work out again for its own people. Two rooms of
 * one board on two PostgreSQL pools of one schema stand for two processes (the test tells the second room the
 * version the first reached, as a published "board B changed" would).
 */
const BOARD = 'board-catchup-views';
const FACILITATOR_KEY = 'f'.repeat(40);
const { column, newId, person, opened } = twoProcessTest('cv');

/** how many times `room` worked out the whole public view since `from` calls */
const publicViewsWorkedOut = (room: BoardRoom, from: number) =>
  vi.mocked(shared.viewOf).mock.calls.slice(from).filter(([state, viewer]) => state === room.state && viewer.kind === 'public').length;

/** the people whose personal view `room` worked out since `from` calls */
const viewsWorkedOut = (room: BoardRoom, from: number) =>
  vi.mocked(shared.personalViewOf).mock.calls.slice(from).flatMap(([state, viewer]) => (state === room.state ? [viewer.participantId] : []));

describe('CL-26 personal views after a catch-up', () => {
  it('CL-26 cards only added elsewhere work out again the views of their authors here alone', async () => {
    const { storeA, storeB, deps } = await boardOnTwoPools({ id: BOARD, name: 'Views', facilitatorKey: FACILITATOR_KEY }, newId, opened);
    const a = new BoardRoom((await storeA.loadBoard(BOARD))!, deps(storeA));
    const fac = person(a, 'fac', true);
    await fac.join();
    const b = new BoardRoom((await storeB.loadBoard(BOARD))!, deps(storeB));
    const catchUpB = async () => b.catchUpTo(await storeA.storedVersion(BOARD));
    await catchUpB();
    // ada has a tab on each process; bea and cy are on b only
    const [adaOnA, adaOnB, bea, cy] = [person(a, 'ada'), person(b, 'ada'), person(b, 'bea'), person(b, 'cy')];
    for (const p of [adaOnA, adaOnB, bea, cy]) await p.join();
    // past STORED_CARDS_KEPT_FROM (500) cards through a, at most 50 a person: from there a catch-up folds added cards one by one (CL-17)
    const writers = Array.from({ length: 11 }, (_, i) => person(a, `writer${i}`));
    for (const w of writers) await w.join();
    await Promise.all(writers.flatMap((w, i) => Array.from({ length: 46 }, (_, k) => w.must({ type: 'card.add', columnId: column, text: `card ${i}-${k}` }))));
    await catchUpB();
    // b stores a card of its own: from then on b keeps the stored cards part
    await bea.must({ type: 'card.add', columnId: column, text: 'written through b' });
    await a.catchUpTo(await storeB.storedVersion(BOARD));
    await vi.waitFor(() => expect(b['fanout']['presenceTimer']).toBeUndefined());

    let from = vi.mocked(shared.personalViewOf).mock.calls.length;
    await adaOnA.must({ type: 'card.add', columnId: column, text: 'written in the other tab' });
    await writers[0]!.must({ type: 'card.add', columnId: column, text: 'a writer\'s' });
    await catchUpB();
    // ada's tab on b shows her card (in the presence batch, CL-21); nobody else's view was worked out again
    await vi.waitFor(() => expect(adaOnB.received.at(-1)?.cards.map((c) => c.text)).toEqual(['written in the other tab']));
    await vi.waitFor(() => expect(b['fanout']['presenceTimer']).toBeUndefined());
    expect(viewsWorkedOut(b, from)).toEqual([adaOnB.participantId]);
    expect(b.state.cards.size).toBe(11 * 46 + 3);

    a.destroy();
    b.destroy();
  }, 60_000);
});

describe('CL-27 CL-28 views after a catch-up on marks', () => {
  it('CL-27 CL-28 a vote elsewhere works out again the views of the people here whose own marks changed alone, and not the public view while tallies are hidden', async () => {
    const { storeA, storeB, deps } = await boardOnTwoPools({ id: `${BOARD}-marks`, name: 'Marks', facilitatorKey: FACILITATOR_KEY }, newId, opened);
    const a = new BoardRoom((await storeA.loadBoard(`${BOARD}-marks`))!, deps(storeA));
    const fac = person(a, 'fac', true);
    await fac.join();
    const b = new BoardRoom((await storeB.loadBoard(`${BOARD}-marks`))!, deps(storeB));
    const catchUpB = async () => b.catchUpTo(await storeA.storedVersion(`${BOARD}-marks`));
    // ada has a tab on each process; bea and cy are on b only; dan on a only
    const [adaOnA, adaOnB, bea, cy, dan] = [person(a, 'ada'), person(b, 'ada'), person(b, 'bea'), person(b, 'cy'), person(a, 'dan')];
    for (const p of [adaOnA, adaOnB, bea, cy, dan]) await p.join();
    // past STORED_CARDS_KEPT_FROM (500) cards, as in a busy retro: each process then keeps the stored cards part, and a vote changes the marks alone
    const writers = Array.from({ length: 11 }, (_, i) => person(a, `writer${i}`));
    for (const w of writers) await w.join();
    await Promise.all(writers.flatMap((w, i) => Array.from({ length: 46 }, (_, k) => w.must({ type: 'card.add', columnId: column, text: `card ${i}-${k}` }))));
    await catchUpB();
    await bea.must({ type: 'card.add', columnId: column, text: 'written through b' });
    await a.catchUpTo(await storeB.storedVersion(`${BOARD}-marks`));
    await fac.must({ type: 'phase.set', phase: 'reveal' });
    await fac.must({ type: 'phase.set', phase: 'vote' });
    await catchUpB();
    await bea.must({ type: 'vote.cast', itemId: [...a.state.cards.keys()][0]! });
    await a.catchUpTo(await storeB.storedVersion(`${BOARD}-marks`));
    await catchUpB();
    await vi.waitFor(() => expect(b['fanout']['presenceTimer']).toBeUndefined());
    const item = [...b.state.cards.keys()][0]!;

    // a vote by someone with no tab here: nobody's view here is worked out again
    let from = vi.mocked(shared.personalViewOf).mock.calls.length;
    const publicFrom = vi.mocked(shared.viewOf).mock.calls.length;
    await dan.must({ type: 'vote.cast', itemId: item });
    await catchUpB();
    await vi.waitFor(() => expect(b['fanout']['presenceTimer']).toBeUndefined());
    expect(viewsWorkedOut(b, from)).toEqual([]);
    // CL-28: and, the tallies hidden while voting is open (VO-4), not the public view either
    expect(publicViewsWorkedOut(b, publicFrom)).toBe(0);

    // ada's vote through her other tab: her tab here shows it, and hers is the only view worked out again
    from = vi.mocked(shared.personalViewOf).mock.calls.length;
    await adaOnA.must({ type: 'vote.cast', itemId: item });
    await catchUpB();
    await vi.waitFor(() => expect(adaOnB.received.at(-1)?.votesLeft).toBe(2));
    await vi.waitFor(() => expect(b['fanout']['presenceTimer']).toBeUndefined());
    expect(viewsWorkedOut(b, from)).toEqual([adaOnB.participantId]);
    // and bea's own vote, cast here, still shows as hers
    expect(bea.received.at(-1)?.votes).toEqual({ [item]: 1 });

    // CL-28: a change of the marks the public view shows (a reaction, RX-2) is projected here
    await fac.must({ type: 'phase.set', phase: 'discuss' });
    await fac.must({ type: 'reactions.enable', enabled: true });
    await catchUpB();
    await vi.waitFor(() => expect(b['fanout']['presenceTimer']).toBeUndefined());
    const reactedFrom = vi.mocked(shared.viewOf).mock.calls.length;
    await dan.must({ type: 'reaction.toggle', itemId: item, reaction: shared.REACTIONS[0], on: true });
    await catchUpB();
    await vi.waitFor(() => expect(b['fanout']['presenceTimer']).toBeUndefined());
    expect(publicViewsWorkedOut(b, reactedFrom)).toBeGreaterThan(0);
    a.destroy();
    b.destroy();
  }, 60_000);
});
