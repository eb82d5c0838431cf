import type { Ack } from './errors.js';
import type { Command } from './messages.js';
import type { PersonalView } from '../domain/visibility.js';

/**
 * Socket.io event maps. Commands go up with one ack each; what is personal comes down on `me`.
 * What is public never travels here: it is the board document, served over the y-websocket protocol.
 */
export interface ClientToServerEvents {
  cmd: (command: Command, ack: (result: Ack) => void) => void;
  'time.sync': (ack: (result: Ack<{ serverNow: number }>) => void) => void;
}

export interface ServerToClientEvents {
  me: (view: PersonalView) => void;
}

/** y-websocket rooms served under this path: /yjs/<boardId>/<doc>. */
export const YJS_PATH = '/yjs';
export type DocName = 'board' | 'notes';

/** Keys of the notes document: one shared text per discussed item and per action. */
export const notesKey = {
  item: (itemId: string) => `item:${itemId}`,
  action: (actionId: string) => `action:${actionId}`,
};

/** WebSocket close codes for refused y-websocket connections. */
export const WS_CLOSE = { UNAUTHORIZED: 4401, FORBIDDEN: 4403, NOT_FOUND: 4404 } as const;
