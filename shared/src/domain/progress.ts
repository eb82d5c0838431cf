import type { BoardState, DoneStage } from './board.js';
import type { Phase } from './phases.js';

/** the phases with something to finish, and the stage their "I'm done" belongs to */
const DONE_STAGES: ReadonlyMap<Phase, DoneStage> = new Map<Phase, DoneStage>([
  ['write', 'write'],
  ['vote', 'vote'],
]);

/**
 * DN-1: the stage a phase's "I'm done" belongs to; null where there is nothing to finish. A lookup, not a chain
 * of comparisons: a server's first reveal was the first call whose phase is not 'write', so the comparison with
 * 'vote' had never run, and V8 threw away the optimised people's views (public and personal) that inline this
 * ("insufficient type feedback") in the middle of the reveal.
 */
export function doneStageOf(phase: Phase): DoneStage | null {
  return DONE_STAGES.get(phase) ?? null;
}

export interface Progress {
  stage: DoneStage;
  /** people online (and not removed) who said they are done */
  done: number;
  /** people online (and not removed): DN-2, away people do not count */
  of: number;
}

/** DN-2: "5 of 7 done" among the people who are here now; null outside Write and Vote. */
export function progressOf(state: BoardState): Progress | null {
  const stage = doneStageOf(state.phase);
  if (!stage) return null;
  let of = 0;
  let done = 0;
  const doneHere = state.done[stage];
  // (forEach, not an iterator: run at every presence batch, `publicCardCount` says why)
  state.participants.forEach((p) => {
    if (!p.online || state.access.removed.has(p.id)) return;
    of += 1;
    if (doneHere.has(p.id)) done += 1;
  });
  return { stage, done, of };
}

/** DN-3: everyone here is done (and someone is here). */
export function everyoneDone(progress: Progress | null): boolean {
  return progress !== null && progress.of > 0 && progress.done === progress.of;
}

