import type { PersonalView, Progress } from '@candor/shared';
import type { BoardCommand } from '../sync/commandQueue.js';

/**
 * DN-1: whether I have said "I'm done" in the stage the board is in now: as I have just sent it, else as my own view
 * says, if that view is for this stage. The board's phase and my own view reach the page apart, so for a moment after
 * Write moved on to Vote my view still said "done" for Write: "✓ I'm done voting" showed pressed before I had voted,
 * and a press then took back a mark I never made (a fresh-clone run caught it, stop 69). A mark I pressed for the
 * stage before and could not send yet says nothing of this one: the server refuses it when it arrives.
 */
export function doneNow(progress: Progress | null, me: Pick<PersonalView, 'done' | 'doneStage'> | null, pending: readonly BoardCommand[]): boolean {
  if (!progress) return false;
  // (a mark pressed for the stage before, still waiting to be sent, is refused when it arrives)
  const queued = [...pending].reverse().find((c) => c.type === 'done.mark' && (c.stage ?? progress.stage) === progress.stage);
  if (queued && queued.type === 'done.mark') return queued.done;
  return me !== null && me.doneStage === progress.stage && me.done;
}
