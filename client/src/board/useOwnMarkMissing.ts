import type { Progress } from '@candor/shared';
import { useSessionState } from './SessionContext.js';
import { doneNow } from '../facilitation/doneNow.js';

/**
 * DN-3: the facilitator's own "I'm done" is missing from the count she reads (her toggle is below the columns, out of
 * sight while she waits for the room): her mark as the board shows it, or as she has just sent it
 */
export function useOwnMarkMissing(progress: Progress | null): boolean {
  const { me, pending } = useSessionState();
  if (!progress) return false;
  return !doneNow(progress, me, pending) && progress.done < progress.of;
}
