import type { PublicBoardView, ReviewItem } from '@candor/shared';
import type { BoardCommand } from './commandQueue.js';
import type { HeldCommand } from './settledCommands.js';

export type ReviewMark = Extract<BoardCommand, { type: 'review.mark' }>;
export type Mark = Pick<ReviewItem, 'status' | 'reason' | 'carry'>;

/**
 * UI-20: whether the board document carries my accepted `command` — its effect, or its target gone — so the
 * control that kept showing it can show the board again. Everything is read from the board, so the answer does
 * not depend on the control still being on screen.
 */
export function boardShows(board: PublicBoardView, command: HeldCommand): boolean {
  switch (command.type) {
    case 'phase.set':
      return board.phase === command.phase;
    case 'grouping.restrict':
      return board.groupingFacilitatorOnly === command.facilitatorOnly;
    case 'reactions.enable':
      return board.reactionsOn === command.enabled;
    case 'lens.set':
      return board.trustLens === command.on;
    case 'board.lock':
      return board.locked === command.locked;
    case 'access.knock':
      return board.access.knock === command.on;
    case 'access.lockJoining':
      return board.access.joiningLocked === command.locked;
    case 'action.done': {
      const action = board.actions.find((a) => a.id === command.actionId);
      return !action || action.done === command.done;
    }
    case 'action.due': {
      const action = board.actions.find((a) => a.id === command.actionId);
      return !action || action.dueDate === command.dueDate;
    }
    case 'consensus.start': {
      const action = board.actions.find((a) => a.id === command.actionId);
      return !action || action.consensus !== null;
    }
    case 'consensus.reveal': {
      const action = board.actions.find((a) => a.id === command.actionId);
      return !action?.consensus?.open;
    }
    case 'discuss.next':
      // DI-10: the board moved on from the item the command named
      return command.from === undefined || command.from !== board.currentItemId || (command.from !== null && board.doneItemIds.includes(command.from));
    case 'review.mark': {
      const item = board.review.find((r) => r.ref === command.ref);
      return !item || sameMark(item, markedAs(command));
    }
    case 'card.edit': {
      // unrevealed cards are not on the board: my own view (`me`) shows those
      const card = board.cards.find((c) => c.id === command.cardId);
      return !card || card.text === command.text;
    }
    case 'card.delete':
      return !board.cards.some((c) => c.id === command.cardId);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export function markedAs(command: ReviewMark): Mark {
  const notDone = command.status === 'not-done';
  return { status: command.status, reason: notDone ? (command.reason ?? null) : null, carry: notDone && Boolean(command.carry) };
}

export function sameMark(item: Mark, mark: Mark): boolean {
  return item.status === mark.status && (item.reason ?? null) === mark.reason && item.carry === mark.carry;
}
