import type { BoardEvent, BoardState, OwnerDone, ReviewItem } from './board.js';

/**
 * RE-13 RE-1: what a retro records when the owner of a promise on its Review list (`ref`, an earlier retro's action)
 * marks it done after this retro was made, or takes that back (`ownerDone` null). Teams make the next retro ahead
 * (right after Close, or the morning of): its list was read before the owner's word, and kept without it. Only while
 * the retro is not closed (a closed retro's Review is a record, RE-4); nothing when the list does not hold the promise
 * or already says so. The word is shown, never counted: the Review's own mark stays the record of what was kept.
 * A named public fact (by name and day, as the list's owners are, AR-1), beside no anonymous one.
 */
export function ownerWordEvents(state: BoardState, ref: string, ownerDone: OwnerDone | null): BoardEvent[] {
  const item = reviewHearing(state, ref);
  if (!item) return [];
  const now = item.ownerDone ?? null;
  if (now?.by === ownerDone?.by && now?.on === ownerDone?.on) return [];
  return [{ type: 'review.ownerWord', ref, ownerDone: ownerDone && { by: ownerDone.by, on: ownerDone.on } }];
}

/**
 * RE-13 RE-4: the item of a retro's Review that hears an owner's word on `ref`: the promise listed there, while the
 * retro is not closed (a closed retro's Review is a record); undefined when none does. Read from the live state or
 * from the public log as stored (`RoomRegistry.readReview`): both hold the phase and the list.
 */
export function reviewHearing(state: Pick<BoardState, 'phase' | 'review'>, ref: string): ReviewItem | undefined {
  return state.phase === 'closed' ? undefined : state.review.find((r) => r.ref === ref);
}

/**
 * RE-13: the actions whose mark `promise.mark` takes from `participantId` now: those they promised to help with (an
 * owner, AC-2), unless another owner marked it done (that word is theirs to take back).
 */
export function promisedBy(state: BoardState, participantId: string): string[] {
  const ids: string[] = [];
  for (const action of state.actions.values()) {
    if (action.owners.includes(participantId) && (action.ownerDone === null || action.ownerDone.participantId === participantId)) ids.push(action.id);
  }
  return ids;
}
