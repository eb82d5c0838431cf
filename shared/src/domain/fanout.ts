import type { BoardEvent, BoardState } from './board.js';
import { talliesVisible } from './phases.js';

/**
 * Which views an event can change, so the server recomputes and sends only those (issue: 500 people on
 * one board). Both answers may err on the side of "yes"; a wrong "no" would leave someone's screen stale,
 * which the tests of every rule would notice.
 */

/** False only for events that leave the public view as it was, given the state after the event. */
export function changesPublicView(event: BoardEvent, state: BoardState): boolean {
  switch (event.type) {
    case 'vote.cast':
    case 'vote.retracted':
      return talliesVisible(state.phase); // VO-4: hidden tallies do not move while voting is open
    case 'pulse.answered':
      return false; // PU-2: answers are never shown while the pulse is open
    case 'roti.answered':
      return false; // GP-5: nor while the retro is still open to "worth the time?" answers
    case 'access.admitted':
    case 'access.members':
      return false; // who passed the gate shows once they join
    case 'reaction.toggled':
      return state.reactionsOn; // RX-2: counts show; a toggle the room cannot see changes nothing
    default:
      return true;
  }
}

/**
 * TL-7, RX-4: events a whole room sends in a burst, one click each (trust-lens taps, reactions, raised hands):
 * their public change is projected in short batches, like presence, never once per click.
 */
export function batchesPublicView(event: BoardEvent): boolean {
  return event.type === 'lens.tapped' || event.type === 'reaction.toggled' || event.type === 'hand.raised' || event.type === 'done.marked'; // TL-7, RX-*, DN-4
}

/** True for events that can change the personal view of someone other than the person who acted. */
export function changesEveryonesView(event: BoardEvent): boolean {
  switch (event.type) {
    case 'settings.changed': // everyone's votes left
    case 'card.grouped': // votes move with the cards they were cast on
    case 'card.ungrouped':
    case 'card.deleted':
    case 'facilitator.changed': // isFacilitator of two people
    case 'action.deleted': // someone's "I can help" and consensus answers
    case 'consensus.started': // everyone's previous answers are cleared
    case 'card.hidden': // its author's cards, and the votes cast on it
    case 'columns.changed': // TE-3: the unseen cards of a removed column move (each author's own view)
    case 'done.reset': // everyone's "I'm done"
    case 'access.admitted': // the facilitator's list of knocks
    case 'discuss.selected': // RX-1: a new item lowers every hand
    case 'offer.accepted': // the offerer now helps with an action the facilitator made
      return true;
    default:
      return false;
  }
}
