import type { BoardCommand } from '../sync/commandQueue.js';
import type { HeldType } from '../sync/settledCommands.js';
import { useSessionState } from './SessionContext.js';

export type CommandOf<T extends BoardCommand['type']> = Extract<BoardCommand, { type: T }>;

/**
 * UI-20: my latest command of `type` (and, if given, `which`) that the board does not show yet, for a control
 * whose state comes from the board document: a command not acknowledged yet, or one the server accepted (its
 * ack can come before the board document's update: a change projected in the room's presence batch follows it)
 * until the board carries it (`boardShows`, checked by the session at each board update). From then on the
 * board wins again, so a later change by someone else is not hidden by mine. Undefined when the board is to be
 * shown as it is.
 */
export function useAhead<T extends HeldType>(type: T, which: (command: CommandOf<T>) => boolean = () => true): CommandOf<T> | undefined {
  const { pending, settled } = useSessionState();
  const mine = (command: BoardCommand): command is CommandOf<T> => command.type === type && which(command as CommandOf<T>);
  return lastOf(pending, mine) ?? lastOf(settled, mine);
}

function lastOf<C extends BoardCommand>(commands: readonly BoardCommand[], mine: (command: BoardCommand) => command is C): C | undefined {
  for (let i = commands.length - 1; i >= 0; i--) {
    const command = commands[i]!;
    if (mine(command)) return command;
  }
  return undefined;
}
