import type { BoardEvent } from './board.js';
import { everyCardRevealedIn } from './phases.js';

/**
 * AR-1: where each kind of recorded fact lives at rest.
 * - `public-log`: named or public facts (phase, facilitator, settings, columns, review, discussion, timer,
 *   actions and their named owners), kept as an ordered per-board log: their order is public anyway.
 * - `anonymous-state`: facts that must not be linked to a person or placed in time (cards, votes, pulse and
 *   consensus answers, trust-lens taps, reactions, and the grouping of cards, whose life follows the cards). They are not logged: the
 *   server stores the board's anonymous state as one blob, sorted by random id, rewritten whole.
 * Adding an event type without choosing is a compile error (the Record must name every type).
 */
export type AtRest = 'public-log' | 'anonymous-state';

/**
 * AR-2: the owner a loaded fact has until its owner is recognised: its stored tag behind `~`, which no real tag
 * contains (the server's `factTags.ts` makes them). AN-10's writer count tells them from people.
 */
export const PLACEHOLDER = '~';
export const isPlaceholder = (tag: string) => tag.startsWith(PLACEHOLDER);

export const EVENT_AT_REST: Record<BoardEvent['type'], AtRest> = {
  'board.created': 'public-log',
  'facilitator.changed': 'public-log',
  'review.marked': 'public-log',
  'consensus.started': 'public-log',
  'consensus.revealed': 'public-log',
  'columns.changed': 'public-log',
  'phase.changed': 'public-log',
  'settings.changed': 'public-log',
  'discuss.selected': 'public-log',
  'timer.started': 'public-log',
  'timer.stopped': 'public-log',
  'action.created': 'public-log',
  'action.owner': 'public-log',
  'action.due': 'public-log',
  'action.deleted': 'public-log',
  'action.asked': 'public-log',
  'offer.added': 'public-log',
  'offer.withdrawn': 'public-log',
  'offer.accepted': 'public-log',
  'lens.switched': 'public-log',
  'lens.tapped': 'anonymous-state',
  'grouping.restricted': 'public-log',
  'discuss.ordered': 'public-log',
  'item.done': 'public-log',
  'timer.changed': 'public-log',
  'action.marked': 'public-log',
  // RE-13: an owner's word on their own promise, by name like the promise (AC-3)
  'promise.marked': 'public-log',
  // RE-13: that word, reaching a later retro's Review list: by name and day, as the list's owners are
  'review.ownerWord': 'public-log',
  'hand.raised': 'public-log',
  'reactions.enabled': 'public-log',
  // CI-1: the question is public and names nobody; answers are spoken, never recorded (CI-5)
  'checkin.asked': 'public-log',
  // CW-1: which column the room looks at, like the item being discussed
  'walk.focused': 'public-log',
  // CW-6: which card or group the room reads, by its public id; it names nobody
  'walk.spotlit': 'public-log',
  'reaction.toggled': 'anonymous-state',
  'anonymity.raised': 'public-log',
  'pulse.answered': 'anonymous-state',
  'roti.answered': 'anonymous-state',
  'consensus.answered': 'anonymous-state',
  'card.added': 'anonymous-state',
  'card.edited': 'anonymous-state',
  'card.deleted': 'anonymous-state',
  'card.grouped': 'anonymous-state',
  'card.ungrouped': 'anonymous-state',
  'group.titled': 'anonymous-state',
  'vote.cast': 'anonymous-state',
  'vote.retracted': 'anonymous-state',
  // Issue 10, room control: who is in, the door and the lock are named or public facts.
  'board.renamed': 'public-log',
  'done.marked': 'public-log',
  'done.reset': 'public-log',
  'access.passwordChanged': 'public-log',
  'access.knockChanged': 'public-log',
  'access.joiningLocked': 'public-log',
  'access.admitted': 'public-log',
  'access.members': 'public-log',
  'board.locked': 'public-log',
  'participant.removed': 'public-log',
  // MO-3: that a card was hidden is public (the count); the card itself leaves the anonymous state.
  'card.hidden': 'public-log',
  // SG-1: a signature is part of its card.
  'card.signed': 'anonymous-state',
};

export function atRestOf(event: BoardEvent): AtRest {
  return EVENT_AT_REST[event.type];
}

/**
 * Public events whose effect reaches into the anonymous state (a new consensus check clears the answers; a
 * deleted action takes its answers with it; a hidden card leaves it; a removed column's unseen cards move, TE-3):
 * after them the stored anonymous state is rewritten too (a part only if it changed).
 */
const REACHES_ANONYMOUS_STATE: ReadonlySet<BoardEvent['type']> = new Set(['consensus.started', 'action.deleted', 'card.hidden', 'columns.changed']);

export function changesAnonymousState(event: BoardEvent): boolean {
  // (AN-12: back into Vote from Discuss the votes are cleared, a new vote)
  if (event.type === 'phase.changed') return !everyCardRevealedIn(event.phase) || event.phase === 'vote';
  return atRestOf(event) === 'anonymous-state' || REACHES_ANONYMOUS_STATE.has(event.type);
}

/**
 * AR-3: one command records either anonymous facts or public ones, never both: a public log entry caused by
 * an anonymous act would place that act in time. Returns the kind, or throws on a mix (a bug in `decide`).
 */
export function atRestOfCommand(events: readonly BoardEvent[]): AtRest | null {
  const kinds = new Set(events.map(atRestOf));
  if (kinds.size > 1) throw new Error(`a command recorded both public and anonymous facts: ${events.map((e) => e.type).join(', ')}`);
  return [...kinds][0] ?? null;
}

/**
 * AC-5 AR-6: the actions a batch of events deletes. Their words (the text they were created with, the name they were
 * asked of) are taken out of the stored log when the deletion is committed (`withoutActionWords`), as a deleted
 * card's text leaves the anonymous state: the README says a deleted text is gone from the files.
 */
export function deletedActionIds(events: readonly BoardEvent[]): string[] {
  const ids: string[] = [];
  for (const event of events) if (event.type === 'action.deleted') ids.push(event.actionId);
  return ids;
}

/**
 * AC-5 AR-6: a logged event with the words of one of `deleted` actions taken out, or null if it holds none. Replayed,
 * the action is created with no words and deleted after: the state it leaves is the same.
 */
export function withoutActionWords(event: BoardEvent, deleted: ReadonlySet<string>): BoardEvent | null {
  if (event.type === 'action.created' && deleted.has(event.actionId) && (event.text !== '' || event.askOf)) return { ...event, text: '', askOf: null };
  if (event.type === 'action.asked' && deleted.has(event.actionId) && event.askOf !== null) return { ...event, askOf: null };
  return null;
}

/** AC-5 AR-6: `events` as they are logged: an action created and deleted in the same batch is logged without its words. */
export function eventsAsLogged(events: readonly BoardEvent[]): readonly BoardEvent[] {
  const deleted = deletedActionIds(events);
  if (deleted.length === 0) return events;
  const ids = new Set(deleted);
  return events.map((event) => withoutActionWords(event, ids) ?? event);
}
