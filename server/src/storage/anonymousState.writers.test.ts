import { describe, expect, it } from 'vitest';
import { type BoardEvent, type BoardState, LIMITS, emptyBoard, evolve, unrevealedWriters, viewOf } from '@candor/shared';
import { AnonymousState, type StoredParts } from './anonymousState.js';
import { tagsOf } from './anonymousState.testing.js';

/**
 * AN-10 after a load: every card waits for its author under a placeholder of its own (AR-2), so the number of people
 * with unrevealed cards (which decides whether the live count shows them) is stored with the cards, and recognising a
 * returning author hands them their cards without moving it.
 */
const [alex, bea, cleo, dana] = ['alex', 'bea', 'cleo', 'dana'].map(tagsOf) as [ReturnType<typeof tagsOf>, ...ReturnType<typeof tagsOf>[]];
const created: BoardEvent = { type: 'board.created', name: 'W', templateId: 't', columns: [{ id: 'c', title: 'C', prompt: '' }], settings: { voteBudget: 3, perItemCap: 2 } };

let cards = 0;
function write(state: BoardState, who: { authorTag: string }, n = 1): void {
  for (let i = 0; i < n; i++) evolve(state, { type: 'card.added', cardId: `card${String(++cards).padStart(4, '0')}`, columnId: 'c', text: `card ${cards}`, authorTag: who.authorTag });
}

/** Alex's 5 cards and Bea's 1, in Write */
function alexFiveBeaOne(): BoardState {
  const state = emptyBoard('b');
  evolve(state, created);
  write(state, alex, 5);
  write(state, bea, 1);
  return state;
}

/** what a restarted room holds after folding the public log and loading `parts` */
function loaded(parts: StoredParts, options: ConstructorParameters<typeof AnonymousState>[0] = {}) {
  const state = emptyBoard('b');
  evolve(state, created);
  const anonymous = new AnonymousState(options);
  anonymous.load(state, parts);
  return { state, anonymous };
}

const countOf = (state: BoardState) => viewOf(state, { kind: 'public' }).board.cardCount;

describe('the writers stored with the cards (AN-10)', () => {
  it('AN-10 AR-2 after a load, 5 cards by Alex and 1 by Bea are 2 writers, not 6, and stay 2 as each person is recognised', () => {
    const before = alexFiveBeaOne();
    expect(countOf(before)).toBe(0);
    const parts = new AnonymousState().encode(before);
    expect(JSON.parse(Buffer.from(parts.cards).toString('utf8'))).toMatchObject({ writers: 2 });

    const { state, anonymous } = loaded(parts);
    const seen: number[] = [unrevealedWriters(state)];
    for (const who of [cleo, bea, alex]) {
      anonymous.recognise(state, who);
      seen.push(unrevealedWriters(state));
      expect(countOf(state)).toBe(0);
    }
    expect(seen).toEqual([2, 2, 2, 2]);
    expect(state.cardsByAuthor.get(alex.authorTag)).toHaveLength(5);
    expect(state.waitingWriters).toBe(0);
    // Cleo is the third writer: 7 cards, shown as 5
    write(state, cleo);
    expect(countOf(state)).toBe(LIMITS.cardCountStep);
  });

  it('AN-10 a state stored while some still waited stores the same writers; a third writer before anyone returns is counted at once', () => {
    const { state, anonymous } = loaded(new AnonymousState().encode(alexFiveBeaOne()));
    anonymous.recognise(state, bea);
    const again = loaded(anonymous.encode(state));
    expect(unrevealedWriters(again.state)).toBe(2);
    write(again.state, cleo);
    expect(unrevealedWriters(again.state)).toBe(3);
    expect(countOf(again.state)).toBe(LIMITS.cardCountStep);
    for (const who of [alex, bea, cleo]) {
      again.anonymous.recognise(again.state, who);
      expect(unrevealedWriters(again.state)).toBe(3);
    }
  });

  it('AN-10 RV-8 loaded in Reveal (whose part may still say unrevealed), nobody waits: the count is every card', () => {
    const before = alexFiveBeaOne();
    const parts = new AnonymousState().encode(before);
    const state = emptyBoard('b');
    evolve(state, created);
    evolve(state, { type: 'phase.changed', phase: 'reveal', revealSeed: 'seed' });
    new AnonymousState().load(state, parts);
    expect(state.waitingWriters).toBe(0);
    expect(countOf(state)).toBe(6);
  });

  it('AN-10 a cards part stored before it kept its writers counts each waiting card as a writer, as then, until its author is recognised', () => {
    const parts = new AnonymousState().encode(alexFiveBeaOne());
    const json = Buffer.from(parts.cards).toString('utf8');
    const older = { ...parts, cards: Buffer.from(json.replace(/,"writers":\d+\}$/, '}'), 'utf8') };
    expect(Buffer.from(older.cards).toString('utf8')).not.toContain('writers');
    const { state, anonymous } = loaded(older);
    expect(unrevealedWriters(state)).toBe(6);
    anonymous.recognise(state, alex);
    expect(unrevealedWriters(state)).toBe(2);
    anonymous.recognise(state, bea);
    expect(unrevealedWriters(state)).toBe(2);
  });

  it('AN-10 CL-17 cards added elsewhere bring the writers stored with them: a new writer counts once, an author known here is not counted twice', () => {
    // this process stored the part (`changedParts`, as its commit does; a big board's copy keeps each card's stored entry, so it folds parts that only
    // add cards); another loaded it, and Alex and Bea have a tab there too
    const keep = { keepCardsFrom: 1 };
    const here = { state: alexFiveBeaOne(), anonymous: new AnonymousState(keep) };
    const elsewhere = loaded({ cards: here.anonymous.changedParts(here.state).cards!, marks: null }, keep);
    for (const who of [alex, bea]) elsewhere.anonymous.recognise(elsewhere.state, who);
    // (what a commit elsewhere stores: the part changed there)
    const added = () => elsewhere.anonymous.changedParts(elsewhere.state).cards!;

    // Alex writes again elsewhere: still 2 writers here, before and after his new card is handed to him
    write(elsewhere.state, alex);
    expect(here.anonymous.foldAddedCards(here.state, added())).toBe(true);
    expect(unrevealedWriters(here.state)).toBe(2);
    here.anonymous.recognise(here.state, alex);
    expect(here.state.cardsByAuthor.get(alex.authorTag)).toHaveLength(6);
    expect(unrevealedWriters(here.state)).toBe(2);

    // Dana writes elsewhere: 3 writers here at once, and still 3 once she is recognised here
    write(elsewhere.state, dana, 2);
    expect(here.anonymous.foldAddedCards(here.state, added())).toBe(true);
    expect(unrevealedWriters(here.state)).toBe(3);
    expect(countOf(here.state)).toBe(LIMITS.cardCountStep);
    here.anonymous.recognise(here.state, dana);
    expect(here.state.cardsByAuthor.get(dana.authorTag)).toHaveLength(2);
    expect(unrevealedWriters(here.state)).toBe(3);
  });

  it('AN-10 CL-17 a part stored without its writers is not folded as only added cards (the copy is rebuilt instead)', () => {
    const keep = { keepCardsFrom: 1 };
    const here = { state: alexFiveBeaOne(), anonymous: new AnonymousState(keep) };
    const elsewhere = loaded({ cards: here.anonymous.changedParts(here.state).cards!, marks: null }, keep);
    write(elsewhere.state, dana);
    const json = Buffer.from(elsewhere.anonymous.changedParts(elsewhere.state).cards!).toString('utf8');
    expect(here.anonymous.foldAddedCards(here.state, Buffer.from(json.replace(/,"writers":\d+\}$/, '}'), 'utf8'))).toBe(false);
    expect(here.anonymous.foldAddedCards(here.state, Buffer.from(json, 'utf8'))).toBe(true);
    expect(unrevealedWriters(here.state)).toBe(3);
  });
});
