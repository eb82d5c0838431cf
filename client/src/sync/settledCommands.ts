import type { PublicBoardView } from '@candor/shared';
import type { BoardCommand } from './commandQueue.js';
import { boardShows } from './boardShows.js';

/**
 * UI-20: the commands a control keeps showing until the board document carries them (`useAhead`, and the edits
 * and deletions of revealed cards). Only these are held: any other accepted command would pile up unseen.
 */
export const HELD_UNTIL_SHOWN = [
  'phase.set',
  'grouping.restrict',
  'reactions.enable',
  'action.done',
  'action.due',
  'discuss.next',
  'review.mark',
  'lens.set',
  'board.lock',
  'access.knock',
  'access.lockJoining',
  'consensus.start',
  'consensus.reveal',
  'card.edit',
  'card.delete',
] as const satisfies readonly BoardCommand['type'][];

export type HeldType = (typeof HELD_UNTIL_SHOWN)[number];
export type HeldCommand = Extract<BoardCommand, { type: HeldType }>;
const HELD = new Set<string>(HELD_UNTIL_SHOWN);

/**
 * UI-20: the commands the server accepted whose effect the board may not show yet. The ack can arrive before the
 * board's update that shows the change (one the room projects in its presence batch follows the ack), by any
 * amount on a busy board: a control that showed the command at once (from the pending queue) keeps showing it
 * from here until the board document carries it (`boardShows`). A refused command never gets here. No clock
 * decides: a command let go after a fixed time (it was 5 s) showed the old value again on a slow link, and a
 * facilitator pressing "Check consensus" again started the check over and wiped the answers given since.
 */
export class SettledCommands {
  private held: readonly HeldCommand[] = [];

  /** Holds `command` if a control shows it, in place of my earlier one for the same control; says whether it did. */
  add(command: BoardCommand): boolean {
    if (!isHeld(command)) return false;
    const control = controlOf(command);
    this.held = [...this.held.filter((c) => controlOf(c) !== control), command];
    return true;
  }

  all(): readonly BoardCommand[] {
    return this.held;
  }

  /** Lets go of every command `board` carries; says whether anything changed. */
  seen(board: PublicBoardView): boolean {
    const kept = this.held.filter((command) => !boardShows(board, command));
    if (kept.length === this.held.length) return false;
    this.held = kept;
    return true;
  }
}

/** The control a command sets: its type and what it is about. Only my latest command for it matters. */
function controlOf(command: HeldCommand): string {
  switch (command.type) {
    case 'action.done':
    case 'action.due':
    case 'consensus.start':
    case 'consensus.reveal':
      return `${command.type} ${command.actionId}`;
    case 'review.mark':
      return `${command.type} ${command.ref}`;
    case 'card.edit':
    case 'card.delete':
      return `${command.type} ${command.cardId}`;
    default:
      return command.type;
  }
}

function isHeld(command: BoardCommand): command is HeldCommand {
  return HELD.has(command.type);
}
