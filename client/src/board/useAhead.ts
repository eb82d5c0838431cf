import { useState } from 'react';
import type { BoardCommand } from '../sync/commandQueue.js';
import { useSessionState } from './SessionContext.js';

export type CommandOf<T extends BoardCommand['type']> = Extract<BoardCommand, { type: T }>;

/**
 * UI-20: my latest command of `type` (and, if given, `which`) that the board does not show yet, for a control
 * whose state comes from the board document: a command not acknowledged yet, or one the server accepted (its
 * ack travels on the Socket.io connection and can arrive before the board document's update) until
 * `shownOnBoard` says the board carries it. From then on the board wins again, so a later change by someone
 * else is not hidden by mine. Undefined when the board is to be shown as it is.
 */
export function useAhead<T extends BoardCommand['type']>(
  type: T,
  shownOnBoard: (command: CommandOf<T>) => boolean,
  which: (command: CommandOf<T>) => boolean = () => true,
): CommandOf<T> | undefined {
  const { pending, settled } = useSessionState();
  const mine = (command: BoardCommand): command is CommandOf<T> => command.type === type && which(command as CommandOf<T>);
  const queued = lastOf(pending, mine);
  const accepted = lastOf(settled, mine);
  // the last accepted command the board has shown, remembered across renders: set while rendering (React's
  // "storing information from previous renders"), not written into a ref
  const [shownId, setShownId] = useState<string | null>(null);
  const shown = accepted !== undefined && (accepted.id === shownId || shownOnBoard(accepted));
  if (accepted && shown && accepted.id !== shownId) setShownId(accepted.id);
  return queued ?? (accepted && !shown ? accepted : undefined);
}

function lastOf<C extends BoardCommand>(commands: readonly BoardCommand[], mine: (command: BoardCommand) => command is C): C | undefined {
  for (let i = commands.length - 1; i >= 0; i--) {
    const command = commands[i]!;
    if (mine(command)) return command;
  }
  return undefined;
}
