import { describe, expect, it } from 'vitest';
import { type BoardEvent, type BoardState, LIMITS, emptyBoard, evolve, unrevealedWriters, viewOf } from '@candor/shared';
import { AnonymousState, type StoredParts } from './anonymousState.js';
import { tagsOf, testWriters } from './anonymousState.testing.js';
import { Keyring } from '../identity.js';
import { UnreadableWriters, WritersSeal } from './sealedWriters.js';

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
function loaded(parts: StoredParts, options: ConstructorParameters<typeof AnonymousState>[1] = {}, writers = testWriters) {
  const state = emptyBoard('b');
  evolve(state, created);
  const anonymous = new AnonymousState(writers, options);
  anonymous.load(state, parts);
  return { state, anonymous };
}

const countOf = (state: BoardState) => viewOf(state, { kind: 'public' }).board.cardCount;

/** the cards part's JSON, and the writers it stores, opened with the tests' key */
const cardsJsonOf = (parts: StoredParts) => Buffer.from(parts.cards!).toString('utf8');
const writersIn = (parts: StoredParts) => testWriters.open('b', (JSON.parse(cardsJsonOf(parts)) as { writers: string }).writers);
/** `parts` with the cards part's sealed writers replaced by `writers` (as JSON) */
const withWriters = (parts: StoredParts, writers: string) => ({ ...parts, cards: Buffer.from(cardsJsonOf(parts).replace(/,"writers":"[^"]*"\}$/, `,"writers":${writers}}`), 'utf8') });

describe('the writers stored with the cards (AN-10)', () => {
  it('AN-10 AR-2 after a load, 5 cards by Alex and 1 by Bea are 2 writers, not 6, and stay 2 as each person is recognised', () => {
    const before = alexFiveBeaOne();
    expect(countOf(before)).toBe(0);
    const parts = new AnonymousState(testWriters).encode(before);
    expect(writersIn(parts)).toBe(2);

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
    const { state, anonymous } = loaded(new AnonymousState(testWriters).encode(alexFiveBeaOne()));
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
    const parts = new AnonymousState(testWriters).encode(before);
    const state = emptyBoard('b');
    evolve(state, created);
    evolve(state, { type: 'phase.changed', phase: 'reveal', revealSeed: 'seed' });
    new AnonymousState(testWriters).load(state, parts);
    expect(state.waitingWriters).toBe(0);
    expect(countOf(state)).toBe(6);
  });

  it('AN-10 a cards part stored before it kept its writers counts each waiting card as a writer, as then, until its author is recognised', () => {
    const parts = new AnonymousState(testWriters).encode(alexFiveBeaOne());
    const json = Buffer.from(parts.cards).toString('utf8');
    const older = { ...parts, cards: Buffer.from(json.replace(/,"writers":"[^"]*"\}$/, '}'), 'utf8') };
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
    const here = { state: alexFiveBeaOne(), anonymous: new AnonymousState(testWriters, keep) };
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
    const here = { state: alexFiveBeaOne(), anonymous: new AnonymousState(testWriters, keep) };
    const elsewhere = loaded({ cards: here.anonymous.changedParts(here.state).cards!, marks: null }, keep);
    write(elsewhere.state, dana);
    const json = Buffer.from(elsewhere.anonymous.changedParts(elsewhere.state).cards!).toString('utf8');
    expect(here.anonymous.foldAddedCards(here.state, Buffer.from(json.replace(/,"writers":"[^"]*"\}$/, '}'), 'utf8'))).toBe(false);
    expect(here.anonymous.foldAddedCards(here.state, Buffer.from(json, 'utf8'))).toBe(true);
    expect(unrevealedWriters(here.state)).toBe(3);
  });

  it('AN-10 AR-8 the writers are stored sealed: 48 characters whatever the number, the same bytes for the same state, others once other cards are unrevealed', () => {
    const one = emptyBoard('b');
    evolve(one, created);
    write(one, alex, 3);
    const many = alexFiveBeaOne();
    for (const who of [cleo, dana]) write(many, who);
    const sealedOf = (state: BoardState) => (JSON.parse(cardsJsonOf(new AnonymousState(testWriters).encode(state))) as { writers: unknown }).writers;
    const [single, four] = [sealedOf(one), sealedOf(many)];
    // one writer of three cards reads like four writers: no number in the clear, and the same length
    for (const sealed of [single, four]) expect(sealed).toMatch(/^[A-Za-z0-9_-]{48}$/);
    expect(cardsJsonOf(new AnonymousState(testWriters).encode(one))).not.toMatch(/"writers":\d/);
    expect([testWriters.open('b', single), testWriters.open('b', four)]).toEqual([1, 4]);
    // encoded again (another copy, after a restart) the part is the same bytes, so an unchanged part is not written again
    expect(sealedOf(one)).toBe(single);
    const reloaded = loaded(new AnonymousState(testWriters).encode(one));
    expect(sealedOf(reloaded.state)).toBe(single);
    // still one writer, but one more card: another sealed number (equal ones say only that the cards are the same)
    write(one, alex);
    expect(sealedOf(one)).not.toBe(single);
    expect(testWriters.open('b', sealedOf(one))).toBe(1);
  });

  it('AN-10 a cards part whose writers, sealed under this key, do not open (another board, changed, or in the clear) is refused with an error that says so, never misread', () => {
    const parts = new AnonymousState(testWriters).encode(alexFiveBeaOne());
    const sealed = (JSON.parse(cardsJsonOf(parts)) as { writers: string }).writers;
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[20]! ^= 1;
    const refused = [
      [withWriters(parts, JSON.stringify(testWriters.seal('another-board', 2, ''))), /sealed under this server key but does not open/],
      [withWriters(parts, JSON.stringify(flipped.toString('base64url'))), /sealed under this server key but does not open/],
      // (as the first version of AN-10 stored it)
      [withWriters(parts, '2'), /is not a sealed number/],
    ] as const;
    for (const [part, why] of refused) {
      expect(() => loaded(part)).toThrow(UnreadableWriters);
      expect(() => loaded(part)).toThrow(why);
      expect(() => loaded(part)).toThrow(/^board b: the number of card writers stored with its cards \(AN-10\) .*; the part is refused rather than misread$/);
    }
    // and for its own board, as sealed, it opens
    expect(unrevealedWriters(loaded(parts).state)).toBe(2);
  });

  it('AN-10 AR-7 writers sealed under another server key (data restored without its key file) are unknown, as in a part stored before them: each waiting card counts as a writer', () => {
    const parts = new AnonymousState(testWriters).encode(alexFiveBeaOne());
    const otherKey = new WritersSeal(new Keyring(Buffer.alloc(32, 12)).cardWritersKeys());
    const restored = loaded(parts, {}, otherKey);
    expect(restored.state.cards.size).toBe(6);
    expect(unrevealedWriters(restored.state)).toBe(6);
    // (under another key nobody's secret derives their stored tags again, AR-7; were Alex recognised, his cards would
    // count as one writer again, as in a part stored before the number was kept)
    restored.anonymous.recognise(restored.state, alex);
    expect(unrevealedWriters(restored.state)).toBe(2);
  });

  it('AN-10 CL-17 CL-29 cards added elsewhere whose writers do not open are refused too: a stored part throws, an announcement is not folded (the store is read)', () => {
    const keep = { keepCardsFrom: 1 };
    const here = { state: alexFiveBeaOne(), anonymous: new AnonymousState(testWriters, keep) };
    const elsewhere = loaded({ cards: here.anonymous.changedParts(here.state).cards!, marks: null }, keep);
    for (const who of [alex, bea]) elsewhere.anonymous.recognise(elsewhere.state, who);
    // (a first build elsewhere, so that the next one says what it only added, as a commit there announces it)
    write(elsewhere.state, alex);
    elsewhere.anonymous.changedParts(elsewhere.state);
    write(elsewhere.state, dana);
    const part = { cards: elsewhere.anonymous.changedParts(elsewhere.state).cards!, marks: null };
    const forged = withWriters(part, JSON.stringify(testWriters.seal('another-board', 1, '')));
    expect(() => here.anonymous.foldAddedCards(here.state, forged.cards)).toThrow(UnreadableWriters);
    const { entries } = elsewhere.anonymous.cardsOnlyAdded!;
    expect(here.anonymous.foldAnnouncedCards(here.state, entries, 'd'.repeat(32), testWriters.seal('another-board', 1, ''))).toBe(false);
    expect(here.state.cards.size).toBe(6);
    expect(here.anonymous.foldAnnouncedCards(here.state, entries, 'd'.repeat(32), elsewhere.anonymous.cardsOnlyAdded!.writers)).toBe(true);
    expect(unrevealedWriters(here.state)).toBe(3);
  });
});
