import { isPlaceholder } from './atRest.js';
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
  if (unrevealedWriters(state, LIMITS.minWritersToCount) < LIMITS.minWritersToCount) return revealed;
  return revealed + Math.floor(hidden / LIMITS.cardCountStep) * LIMITS.cardCountStep;
}

/**
 * AN-10: how many people have unrevealed cards, counted up to `enough` (past it, the caller does not care). After
 * a load (AR-2) each card still waiting for its author has a placeholder author of its own; those people are
 * `waitingWriters`, stored with the cards, never one per card. So the number is the one before the restart or
 * unload, and it does not move when someone comes back and is handed their cards: they leave the waiting
 * writers as they join the known ones.
 */
export function unrevealedWriters(state: BoardState, enough = Number.POSITIVE_INFINITY): number {
  let writers = state.waitingWriters;
  if (writers >= enough) return writers;
  // (forEach: a loop over the map's iterator makes an object per author until V8 optimises it, and a restarted
  // room, one placeholder author per card, counts at every presence batch of people coming back)
  state.cardsByAuthor.forEach((ids, author) => {
    if (writers < enough && !isPlaceholder(author) && ids.some((id) => state.cards.get(id)?.revealed === false)) writers++;
  });
  return writers;
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
