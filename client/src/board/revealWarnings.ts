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

/**
 * CF-2 when the facilitator closes the vote: how many of the others here have not said they are done voting (a
 * count, as the panel's), null when nobody else is left to wait for. Who still holds votes is never on the wire: the
 * count of voters is sealed even at rest (AN-12), and a count of people with votes left, moving at someone's last
 * vote beside the named done marks (DN-1), would say who spent their votes and who did not (AN-5).
 */
export function closeVoteWarnings(board: Pick<PublicBoardView, 'phase' | 'progress'>, me: { done: boolean }): { count: number; of: number } | null {
  const progress = board.phase === 'vote' ? board.progress : null;
  if (!progress || progress.stage !== 'vote') return null;
  // the facilitator closing the vote is not waited for, done or not
  const count = progress.of - progress.done - (me.done ? 0 : 1);
  return count > 0 ? { count, of: progress.of } : null;
}
