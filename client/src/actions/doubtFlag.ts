import type { Phase } from '@candor/shared';

/**
 * CO-4: the doubt flag nudges the room to talk before it commits; once the retro is closed there is nothing left
 * to commit to, so the summary says it as what happened when the action was checked.
 */
export function doubtFlagKey(phase: Phase): 'consensus.doubts' | 'consensus.hadDoubts' {
  return phase === 'closed' ? 'consensus.hadDoubts' : 'consensus.doubts';
}
