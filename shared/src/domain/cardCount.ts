import type { BoardState } from './board.js';
import { LIMITS } from './limits.js';

/**
 * AN-10: the card count someone watching the room may see. Revealed cards are public and counted exactly.
 * Unrevealed cards (only in Review and Write) are counted only once at least `minWritersToCount` people have
 * some, and then rounded down to a multiple of `cardCountStep`: a count that moved by one, watched next to who
 * just came online, would say "X just wrote a card". A card that does not cross a step changes nothing public,
 * so nothing at all is sent to anyone else.
 */
export function publicCardCount(state: BoardState, revealed = revealedCount(state)): number {
  const hidden = state.cards.size - revealed;
  if (hidden === 0) return revealed;
  let writers = 0;
  for (const ids of state.cardsByAuthor.values()) {
    if (ids.some((id) => state.cards.get(id)?.revealed === false)) writers++;
    if (writers >= LIMITS.minWritersToCount) break;
  }
  if (writers < LIMITS.minWritersToCount) return revealed;
  return revealed + Math.floor(hidden / LIMITS.cardCountStep) * LIMITS.cardCountStep;
}

/** how many cards are revealed (the public view, which walks the cards anyway, passes its own count instead) */
function revealedCount(state: BoardState): number {
  let revealed = 0;
  // (forEach: a loop over the map's iterator makes an object per card until V8 optimises it, and a restarted
  // room counts its cards at every presence batch of people coming back, unoptimised at first)
  state.cards.forEach((card) => {
    if (card.revealed) revealed++;
  });
  return revealed;
}
