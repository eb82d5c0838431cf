import type { Command } from '../protocol/messages.js';
import type { Phase } from './phases.js';

/** RE-13: a closed retro's promise marked done between retros is decided apart (decide.ts), so this table does not grow for it. */
type RoomCommand = Exclude<Command, { type: 'join' } | { type: 'promise.mark' }>;

/**
 * Where each command may be sent (PH-3): `decide` refuses a command elsewhere, and the client offers its control only
 * where it is allowed. A module of its own, so that a client asking where a control shows does not load every rule
 * `decide` imports with it (UI-6).
 */
const OPEN: readonly Phase[] = ['review', 'write', 'reveal', 'vote', 'discuss', 'act'];

const ALLOWED_PHASES: Record<RoomCommand['type'], readonly Phase[]> = {
  'card.add': ['write'],
  'card.edit': ['write', 'reveal'],
  'card.delete': ['write', 'reveal'],
  'card.group': ['reveal'],
  'card.ungroup': ['reveal'],
  'group.title': ['reveal', 'vote', 'discuss', 'act'],
  'phase.set': OPEN,
  'settings.update': ['review', 'write', 'reveal', 'vote'],
  'vote.cast': ['vote'],
  'vote.retract': ['vote'],
  'discuss.select': ['discuss', 'act'],
  'timer.start': OPEN,
  'timer.stop': OPEN,
  'action.create': ['discuss', 'act'],
  'action.volunteer': ['discuss', 'act'],
  'action.due': ['discuss', 'act'],
  'action.delete': ['discuss', 'act'],
  'review.mark': ['review'],
  'pulse.answer': ['review', 'write'],
  'roti.answer': ['act'],
  'consensus.start': ['discuss', 'act'],
  'consensus.answer': ['discuss', 'act'],
  'consensus.reveal': ['discuss', 'act'],
  'facilitator.handover': OPEN,
  'facilitator.claim': OPEN,
  'columns.set': ['review', 'write'],
  'board.rename': OPEN,
  'done.mark': ['write', 'vote'],
  'done.reset': ['write', 'vote'],
  'access.password': OPEN,
  'access.knock': OPEN,
  'access.lockJoining': OPEN,
  'access.admit': OPEN,
  'board.lock': OPEN,
  'participant.remove': OPEN,
  'card.hide': ['reveal', 'vote', 'discuss', 'act'],
  'card.sign': ['reveal', 'vote', 'discuss', 'act'],
  'anonymity.raise': OPEN,
  'grouping.restrict': OPEN,
  'discuss.order': ['discuss', 'act'],
  'discuss.next': ['discuss'],
  'discuss.reopen': ['discuss', 'act'],
  'timer.pause': OPEN,
  'timer.resume': OPEN,
  'timer.extend': OPEN,
  'action.done': ['discuss', 'act'],
  'hand.raise': ['discuss', 'act'],
  'reaction.toggle': ['discuss', 'act'],
  'reactions.enable': OPEN,
  'facilitator.reclaim': OPEN,
  // BD-1, SU-1: the only commands Close accepts (PH-3).
  'board.delete': [...OPEN, 'closed'],
  'summary.email': ['closed'],
  'action.ask': ['discuss', 'act'],
  'offer.add': ['discuss', 'act'],
  'offer.withdraw': ['discuss', 'act'],
  'offer.accept': ['discuss', 'act'],
  // TL-10: only Discuss has an item being discussed; from Act on the lens shows what was tapped and takes no more
  'lens.set': ['discuss'],
  'lens.tap': ['discuss'],
  // CI-4: the check-in opens the retro, before anyone writes
  'checkin.set': ['review', 'write'],
  // CW-3: the walk is how the room reads the revealed cards before grouping and voting
  'walk.focus': ['reveal'],
  'walk.spotlight': ['reveal'],
};

export function allowedIn(type: RoomCommand['type'], phase: Phase): boolean {
  return ALLOWED_PHASES[type].includes(phase);
}
