import type { BoardCommand } from '../sync/commandQueue.js';
import { pendingVoteDelta } from './pendingVotes.js';

/**
 * RC-13: how many of my votes, on one item or (without `itemId`) on all, are not what the server has: for each item
 * the votes my changes not in my personal view yet (`notInMe`: queued offline, or sent and not decided) add or take
 * away, whichever way. A vote cast and taken back again is none: what shows is what the server has. Counting the
 * changes instead said "0 votes left · 9 not sent yet" with a budget of 3, after three casts taken back offline.
 */
export function unsentVotes(notInMe: readonly BoardCommand[], itemId?: string): number {
  if (itemId !== undefined) return Math.abs(pendingVoteDelta(notInMe, itemId));
  const items = new Set<string>();
  for (const c of notInMe) if (c.type === 'vote.cast' || c.type === 'vote.retract') items.add(c.itemId);
  let count = 0;
  for (const item of items) count += Math.abs(pendingVoteDelta(notInMe, item));
  return count;
}
