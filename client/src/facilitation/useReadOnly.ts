import type { PublicBoardView } from '@candor/shared';
import { useSessionState } from '../board/SessionContext.js';

/** LK-1: a locked board is read-only for everyone but the facilitator (the server refuses their writes). */
export function useReadOnly(board: PublicBoardView): boolean {
  const { isFacilitator } = useSessionState();
  return board.locked && !isFacilitator;
}

/** LK-1: the id of the banner's line that says the facilitator has locked the board (BoardScreen): every control the
 * lock disables for a participant is described by it, so a screen reader says why. */
export const LOCKED_LINE_ID = 'board-locked';
