import type { PersonalView, Progress } from '@candor/shared';
import type { BoardCommand } from '../sync/commandQueue.js';

/**
 * DN-1: whether I have said "I'm done" in the stage the board is in now: as I have just sent it, else as my own view
 * says for that stage. The board's phase and my own view reach the page apart: when my view said only "done in the
 * current stage", for a moment after Write moved on to Vote it still said Write's, "✓ I'm done voting" showed pressed
 * before I had voted, and a press then took back a mark I never made (a fresh-clone run caught it, stop 69). A mark I
 * pressed for the stage before and could not send yet says nothing of this one: the server refuses it when it arrives.
 */
export function doneNow(progress: Progress | null, me: Pick<PersonalView, 'doneIn'> | null, pending: readonly BoardCommand[]): boolean {
  if (!progress) return false;
  // (a mark pressed for the stage before, still waiting to be sent, is refused when it arrives)
  const queued = [...pending].reverse().find((c) => c.type === 'done.mark' && (c.stage ?? progress.stage) === progress.stage);
  if (queued && queued.type === 'done.mark') return queued.done;
  return me !== null && me.doneIn[progress.stage];
}
