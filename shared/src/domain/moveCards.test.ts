import { describe, expect, it } from 'vitest';
import { cardsVersion, moveCards, moveCardsOf } from './board.js';
import { actor, addCard, alice, boardWith } from './testBoard.js';

/** A board as after a restart: each stored card under a placeholder of its own, and alice with cards of her own. */
function restarted() {
  const state = boardWith();
  addCard(state, alice, 'already hers');
  const placeholders = Array.from({ length: 6 }, (_, i) => actor(`~stored-${i}`).authorTag);
  for (const [i, tag] of placeholders.entries()) addCard(state, { ...alice, authorTag: tag }, `stored ${i}`);
  return { state, placeholders };
}

describe('moving cards between author tags', () => {
  it('AR-2 handing several placeholders’ cards to their author at once leaves the board as handing them over one by one', () => {
    for (const pick of [[0], [3, 1, 4], [5, 0, 2, 1], [2, 2]]) {
      const one = restarted();
      const all = restarted();
      const froms = pick.map((i) => one.placeholders[i]!);
      for (const from of froms) moveCards(one.state, from, alice.authorTag);
      const version = cardsVersion(all.state);
      moveCardsOf(all.state, froms, alice.authorTag);
      expect([...all.state.cardsByAuthor], String(pick)).toEqual([...one.state.cardsByAuthor]);
      expect([...all.state.cards.values()].map((c) => c.authorTag)).toEqual([...one.state.cards.values()].map((c) => c.authorTag));
      // one change of the cards, whatever their number (the stored cards part is compared against it)
      expect(cardsVersion(all.state)).toBe(version + 1);
    }
  });
});
