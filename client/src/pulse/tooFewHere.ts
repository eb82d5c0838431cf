import { answersToShow, type PublicBoardView } from '@candor/shared';

/**
 * AN-9 before anyone answers: when fewer people are here than a distribution needs (and fewer have answered), the
 * answers can only stay hidden, and the pulse and the fist of five say so. Returns how many are here and how many
 * answers are needed, or null when the answers can still show. The server's rule (`distributionOf`) is unchanged.
 */
export function tooFewHere(board: PublicBoardView, answered = 0): { count: number; needed: number } | null {
  const needed = answersToShow(board.minOthersToShow);
  const count = board.participants.filter((p) => p.online).length;
  return count < needed && answered < needed ? { count, needed } : null;
}
