import type { BoardState } from './board.js';
import type { CheckIn } from './checkIn.js';

/**
 * Events of running the retro (issue 10, items 11 and 13–17), applied by `evolveFacilitation`. Kept apart
 * from board.ts so the core fold stays readable. Hands are named (a hand is a person asking to speak);
 * reactions carry a reaction tag, never a participant id, like votes.
 */
export type FacilitationEvent =
  | { type: 'grouping.restricted'; facilitatorOnly: boolean }
  | { type: 'discuss.ordered'; itemIds: string[] }
  | { type: 'item.done'; itemId: string; done: boolean }
  | { type: 'timer.changed'; endsAt: number | null; durationMs: number; pausedMs: number | null }
  | { type: 'action.marked'; actionId: string; done: boolean }
  | { type: 'hand.raised'; participantId: string; raised: boolean }
  | { type: 'reaction.toggled'; itemId: string; reaction: string; reactionTag: string; on: boolean }
  | { type: 'reactions.enabled'; enabled: boolean }
  | { type: 'checkin.asked'; question: CheckIn | null }
  | { type: 'walk.focused'; columnId: string | null }
  | { type: 'walk.spotlit'; itemId: string | null };

export function evolveFacilitation(state: BoardState, event: FacilitationEvent): void {
  switch (event.type) {
    case 'grouping.restricted':
      state.groupingFacilitatorOnly = event.facilitatorOnly;
      return;
    case 'discuss.ordered':
      state.discussOrder = [...event.itemIds];
      return;
    case 'item.done':
      state.doneItemIds = state.doneItemIds.filter((id) => id !== event.itemId);
      if (event.done) state.doneItemIds.push(event.itemId);
      return;
    case 'timer.changed':
      state.timer = { endsAt: event.endsAt, durationMs: event.durationMs, pausedMs: event.pausedMs };
      return;
    case 'action.marked': {
      const action = state.actions.get(event.actionId);
      if (action) action.done = event.done;
      return;
    }
    case 'hand.raised':
      state.raisedHands = state.raisedHands.filter((id) => id !== event.participantId);
      if (event.raised) state.raisedHands.push(event.participantId);
      return;
    case 'reaction.toggled': {
      const byReaction = state.reactions.get(event.itemId) ?? new Map<string, Set<string>>();
      const tags = byReaction.get(event.reaction) ?? new Set<string>();
      if (event.on) tags.add(event.reactionTag);
      else tags.delete(event.reactionTag);
      if (tags.size > 0) byReaction.set(event.reaction, tags);
      else byReaction.delete(event.reaction);
      if (byReaction.size > 0) state.reactions.set(event.itemId, byReaction);
      else state.reactions.delete(event.itemId);
      return;
    }
    case 'reactions.enabled':
      state.reactionsOn = event.enabled;
      return;
    case 'checkin.asked':
      state.checkIn = event.question;
      return;
    case 'walk.focused':
      state.walkColumnId = event.columnId;
      // CW-8: another column (or none) starts with no card in the spotlight
      state.walkItemId = null;
      return;
    case 'walk.spotlit':
      state.walkItemId = event.itemId;
      return;
    default: {
      const unreachable: never = event;
      throw new Error(`unknown event ${(unreachable as { type: string }).type}`);
    }
  }
}
