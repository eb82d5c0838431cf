import { describe, expect, it } from 'vitest';
import { PLACEHOLDER } from './atRest.js';
import { type BoardState, evolve, moveCardsOf } from './board.js';
import { unrevealedWriters } from './cardCount.js';
import { LIMITS } from './limits.js';
import { actor, addCard, addPerson, alice, bob, boardWith, fran, moveTo, must } from './testBoard.js';
import { viewOf } from './visibility.js';

const publicJson = (state: BoardState) => JSON.stringify(viewOf(state, { kind: 'public' }).board);
const countOf = (state: BoardState) => viewOf(state, { kind: 'public' }).board.cardCount;

/** A tiny seeded generator, so the random walk is the same on every run. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('the live card count', () => {
  it('AN-10 shows no unrevealed card while fewer than 3 people have written: the public view is as if nobody had', () => {
    const state = boardWith();
    const empty = publicJson(state);
    for (let i = 0; i < 6; i++) addCard(state, alice, `a${i}`);
    for (let i = 0; i < 4; i++) addCard(state, bob, `b${i}`);
    expect(countOf(state)).toBe(0);
    expect(publicJson(state)).toBe(empty);
  });

  it(`AN-10 once ${LIMITS.minWritersToCount} people have written, counts them in steps of ${LIMITS.cardCountStep}, rounded down`, () => {
    const state = boardWith();
    for (let i = 0; i < 3; i++) addCard(state, alice, `a${i}`);
    addCard(state, bob, 'b');
    addCard(state, fran, 'f');
    expect(countOf(state)).toBe(5);
    for (let i = 0; i < 4; i++) addCard(state, bob, `b${i}`);
    expect(countOf(state)).toBe(5);
    addCard(state, bob, 'tenth');
    expect(countOf(state)).toBe(10);
  });

  it('AN-10 after the reveal every card is public and counted exactly; cards written back in Write are coarse again', () => {
    const state = boardWith();
    for (const who of [alice, bob, fran]) addCard(state, who, `${who.authorTag} card`);
    expect(countOf(state)).toBe(0);
    moveTo(state, 'reveal');
    expect(countOf(state)).toBe(3);
    moveTo(state, 'write');
    addCard(state, alice, 'late 1');
    addCard(state, bob, 'late 2');
    expect(countOf(state)).toBe(3);
  });

  it('AN-10 a random walk of 5 people writing and deleting: the public view moves only in steps of 5, and never before 3 have written', () => {
    const random = seeded(42);
    const state = boardWith();
    const people = [alice, bob, fran, addPerson(state, 'Dana'), addPerson(state, 'Eve')];
    const mine = new Map(people.map((p) => [p.authorTag, [] as string[]]));
    let before = publicJson(state);
    let moves = 0;
    for (let step = 0; step < 400; step++) {
      const who = people[Math.floor(random() * people.length)]!;
      const cards = mine.get(who.authorTag)!;
      if (cards.length > 0 && random() < 0.3) must(state, who, { type: 'card.delete', cardId: cards.pop()! });
      else if (cards.length < LIMITS.cardsPerPerson) cards.push(addCard(state, who, `card ${step}`));
      const after = publicJson(state);
      const writers = [...mine.values()].filter((c) => c.length > 0).length;
      const shown = countOf(state);
      expect(shown % LIMITS.cardCountStep, `step ${step}`).toBe(0);
      if (writers < LIMITS.minWritersToCount) expect(shown).toBe(0);
      // nothing but the count can change, and the count only by whole steps
      expect(after.replace(/"cardCount":\d+/, ''), `step ${step}`).toBe(before.replace(/"cardCount":\d+/, ''));
      if (after !== before) moves++;
      before = after;
    }
    expect(moves).toBeGreaterThan(0);
    expect(moves).toBeLessThan(400 / 4); // most single cards change nothing anyone else can see
  });

  it('AN-10 whatever one person adds without crossing a step (here 1 to 3 cards) looks exactly like adding nothing', () => {
    const base = () => {
      const state = boardWith();
      for (const who of [alice, bob, fran]) for (let i = 0; i < 2; i++) addCard(state, who, 'x'); // 6 cards: shown as 5
      return state;
    };
    const quiet = publicJson(base());
    for (let k = 1; k <= 3; k++) {
      const state = base();
      for (let i = 0; i < k; i++) addCard(state, actor('alice'), `more ${i}`);
      expect(publicJson(state), `${k} more`).toBe(quiet);
    }
  });

  it('AN-10 AR-2 cards waiting for their authors after a load count as the writers stored with them, never one per card; handing them back moves nothing', () => {
    // as a reload leaves Alex's 5 cards and Bea's 1: each with a placeholder author of its own, two writers stored
    const state = boardWith();
    const waiting = (who: string, i: number) => `${PLACEHOLDER}${who}-${i}`;
    for (let i = 0; i < 5; i++) evolve(state, { type: 'card.added', cardId: `a${i}`, columnId: 'start', text: 'x', authorTag: waiting('alice', i) });
    evolve(state, { type: 'card.added', cardId: 'b0', columnId: 'start', text: 'x', authorTag: waiting('bob', 0) });
    state.waitingWriters = 2;
    expect(unrevealedWriters(state)).toBe(2);
    expect(countOf(state)).toBe(0);
    const quiet = publicJson(state);
    // Alex is recognised: his cards are his again, and he leaves the waiting writers (as `AnonymousState.recognise` does)
    moveCardsOf(state, [0, 1, 2, 3, 4].map((i) => waiting('alice', i)), alice.authorTag);
    state.waitingWriters -= 1;
    expect(unrevealedWriters(state)).toBe(2);
    expect(publicJson(state)).toBe(quiet);
    // a third person writes: counted, as without the reload (7 cards, shown as 5)
    addCard(state, fran, 'f');
    expect(unrevealedWriters(state)).toBe(3);
    expect(countOf(state)).toBe(LIMITS.cardCountStep);
  });

  it('AN-10 the reveal leaves nobody waiting: cards written back in Write count their own writers only', () => {
    const state = boardWith();
    evolve(state, { type: 'card.added', cardId: 'w1', columnId: 'start', text: 'x', authorTag: `${PLACEHOLDER}w1` });
    state.waitingWriters = 2;
    moveTo(state, 'reveal');
    expect(state.waitingWriters).toBe(0);
    moveTo(state, 'write');
    for (let i = 0; i < 5; i++) addCard(state, alice, `late ${i}`);
    expect(unrevealedWriters(state)).toBe(1);
    expect(countOf(state)).toBe(1);
  });
});
