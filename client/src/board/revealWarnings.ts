import { everyoneDone, type PublicBoardView } from '@candor/shared';

/**
 * CF-1 at the reveal: what else the step ends, said in its question. People still writing (by "done", DN-*) lose
 * their moment to finish, and the trust pulse closes for good (PU-2): it closed quietly, and a person who joined late
 * never saw the question. Counts only (never who), as the facilitator's panel shows them.
 */
export function revealWarnings(board: Pick<PublicBoardView, 'phase' | 'progress' | 'pulse'>): { stillWriting: { count: number; of: number } | null; pulseCloses: boolean } {
  const progress = board.phase === 'write' ? board.progress : null;
  const stillWriting = progress && progress.stage === 'write' && progress.of > 0 && !everyoneDone(progress) ? { count: progress.of - progress.done, of: progress.of } : null;
  return { stillWriting, pulseCloses: board.phase === 'write' && board.pulse.open };
}
