import type { BoardCommand } from '../sync/commandQueue.js';

/** What my unsent votes will change: on one item, and in all (Vote's count of votes left). */
export function pendingVoteDelta(pending: readonly BoardCommand[], itemId: string): number {
  let delta = 0;
  for (const c of pending) {
    if (c.type === 'vote.cast' && c.itemId === itemId) delta++;
    if (c.type === 'vote.retract' && c.itemId === itemId) delta--;
  }
  return delta;
}

export function pendingVotesTotal(pending: readonly BoardCommand[]): number {
  let delta = 0;
  for (const c of pending) {
    if (c.type === 'vote.cast') delta++;
    if (c.type === 'vote.retract') delta--;
  }
  return delta;
}
