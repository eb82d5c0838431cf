import type { BoardCommand } from '../sync/commandQueue.js';

const isVoteChange = (c: BoardCommand): c is Extract<BoardCommand, { type: 'vote.cast' | 'vote.retract' }> => c.type === 'vote.cast' || c.type === 'vote.retract';

/**
 * RC-13: my vote changes the server has not answered yet (`pending`: queued offline, or sent and not acknowledged),
 * on one item or, without `itemId`, on all: each is a vote that does not count until the server says so.
 */
export function unsentVoteChanges(pending: readonly BoardCommand[], itemId?: string): number {
  let count = 0;
  for (const c of pending) if (isVoteChange(c) && (itemId === undefined || c.itemId === itemId)) count++;
  return count;
}

/**
 * RC-13: how many of the `shown` votes on an item (my intent, unsent changes included) the server has answered:
 * `shown` less the casts and plus the retracts still unanswered (`pending`), within 0 and `cap`. Dots beyond it are
 * unsent votes; hollow dots under it, votes being taken back.
 */
export function answeredVotes(shown: number, pending: readonly BoardCommand[], itemId: string, cap: number): number {
  let answered = shown;
  for (const c of pending) {
    if (!isVoteChange(c) || c.itemId !== itemId) continue;
    answered += c.type === 'vote.cast' ? -1 : 1;
  }
  return Math.min(cap, Math.max(0, answered));
}
