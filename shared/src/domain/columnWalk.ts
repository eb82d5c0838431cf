import { groupOf, type BoardState } from './board.js';

/**
 * CW-7, CW-9: what every screen shows in the spotlight for `itemId` while the room walks a column: a revealed card
 * standing alone in that column, a group that lives there (GR-9), or, for a card grouped since it was spotlighted, the
 * group it is now read in. Anything else (no walk, another column, deleted, hidden) is null: nobody's screen points at
 * nothing. Derived here rather than kept up to date by each card event, because at a load the public log replays before
 * the cards are back (MO-3's note in `evolve`).
 */
export function spotlightOf(state: BoardState, itemId: string | null): string | null {
  const column = state.walkColumnId;
  if (itemId === null || column === null) return null;
  const card = state.cards.get(itemId);
  if (!card) return state.groups.get(itemId)?.columnId === column ? itemId : null;
  if (!card.revealed) return null;
  const groupId = groupOf(card);
  if (groupId === null) return card.columnId === column ? card.id : null;
  return state.groups.get(groupId)?.columnId === column ? groupId : null;
}
