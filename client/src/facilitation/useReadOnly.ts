import type { PublicBoardView } from '@candor/shared';
import { useSessionState } from '../board/SessionContext.js';

/** LK-1: a locked board is read-only for everyone but the facilitator (the server refuses their writes). */
export function useReadOnly(board: PublicBoardView): boolean {
  const { isFacilitator } = useSessionState();
  return board.locked && !isFacilitator;
}
