import type { ErrorCode } from '../protocol/errors.js';
import type { BoardState } from './board.js';
import { allowedIn } from './commandPhases.js';

/**
 * MV-1: may this participant tell the room they are moving this card? Exactly when they may group it (GR-1,
 * GR-8, LK-1): so a signal never says more than a drop could. Returns why not, or null.
 */
export function movingRefusal(state: BoardState, participantId: string, cardId: string): { code: ErrorCode; message: string } | null {
  const isFacilitator = state.facilitatorId === participantId;
  if (!state.participants.has(participantId) || state.access.removed.has(participantId)) return { code: 'NOT_JOINED', message: 'Join the board first.' };
  if (state.locked && !isFacilitator) return { code: 'BOARD_LOCKED', message: 'The facilitator has locked the board; it is read-only for now.' };
  if (state.groupingFacilitatorOnly && !isFacilitator) return { code: 'NOT_FACILITATOR', message: 'The facilitator has kept grouping and titles to themselves.' };
  if (!allowedIn('card.group', state.phase)) return { code: 'WRONG_PHASE', message: 'Cards are moved only during Reveal.' };
  if (!state.cards.get(cardId)?.revealed) return { code: 'NOT_FOUND', message: 'No such card.' };
  return null;
}
