import type { Ack } from './errors.js';
import type { CardMovingSignal, CardsMovingBatch, Command, DocTicketRequest } from './messages.js';
import type { PersonalView } from '../domain/visibility.js';

/**
 * Socket.io event maps. Commands go up with one ack each; what is personal comes down on `me`.
 * What is public never travels here: it is the board document, served over the y-websocket protocol.
 */
export interface ClientToServerEvents {
  cmd: (command: Command, ack: (result: Ack) => void) => void;
  'time.sync': (ack: (result: Ack<{ serverNow: number }>) => void) => void;
  /** DO-6: a single-use ticket for opening one document connection (nothing secret goes in its URL) */
  'doc.ticket': (request: DocTicketRequest, ack: (result: Ack<{ ticket: string }>) => void) => void;
  /** MV-1: a card I picked up or put down while grouping; relayed without my name */
  'card.moving': (signal: CardMovingSignal, ack: (result: Ack) => void) => void;
  /** DO-10: a y-websocket sync step 1 for the board document, read over this joined connection (binary) */
  'board.doc': (message: Uint8Array, ack: (result: Ack) => void) => void;
}

/** JN-2/MO-1: why the server signed this connection out. */
export type SignOutReason = 'password' | 'removed';

export interface ServerToClientEvents {
  /** UI-22: `upTo`, the last command of this connection the view includes (every one before it too) */
  me: (view: PersonalView, upTo?: string) => void;
  /** JN-2: the password changed (join again with the new one); MO-1: the facilitator removed you (the connection ends) */
  signedOut: (info: { reason: SignOutReason; message: string }) => void;
  /** JN-3: the facilitator's answer to a knock; when admitted, join again */
  knockAnswered: (info: { admitted: boolean; message: string }) => void;
  /** BD-2: the board was deleted by its creator; the connection ends */
  'board.deleted': () => void;
  /** MV-1: cards someone (never said who) picked up or put down, batched per board */
  'cards.moving': (batch: CardsMovingBatch) => void;
  /** DO-10: a y-websocket message of the board document (binary; DO-4's compressed form from 8 KiB) */
  'board.doc': (message: Uint8Array) => void;
}

/** y-websocket rooms served under this path: /yjs/<boardId>/<doc>. */
export const YJS_PATH = '/yjs';
export type DocName = 'board' | 'notes';

/** Keys of the notes document: one shared text per discussed item and per action. */
export const notesKey = {
  item: (itemId: string) => `item:${itemId}`,
  action: (actionId: string) => `action:${actionId}`,
};

/**
 * Our one addition to the y-websocket protocol, on the read-only board document only, and only for
 * connections that ask for it (DO-4): a message whose first byte is this type carries a whole y-websocket
 * message compressed with raw DEFLATE. The server compresses a large update once and sends the same bytes
 * to every socket that asked (the reveal is the case). See `yjsWire.ts`.
 */
export const YJS_MESSAGE_COMPRESSED = 100;
/** Messages smaller than this are sent as they are: compressing them saves too little. */
export const YJS_COMPRESS_MIN_BYTES = 8 * 1024;

/**
 * WebSocket close codes of the document connections. 4400–4499 mean "do not retry as you are" (a stock
 * y-websocket provider stops on them); 4000–4099 mean "reconnect and sync again" (it retries on its own).
 */
export const WS_CLOSE = {
  /** DO-3: an update of yours could not be stored; reconnect and send what you have again */
  RESYNC: 4000,
  /** DO-7: you did not read what we sent fast enough; reconnect with a fresh copy */
  TOO_SLOW: 4001,
  /** DO-5: too many malformed messages */
  MALFORMED: 4400,
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  /** DO-14: an update of yours would cost the server too much to apply (nothing of it was kept); do not send it again */
  TOO_COSTLY: 4413,
  /** LK-1: the board is locked: your notes update was not kept; start your notes over from the server's copy */
  LOCKED: 4423,
  /** DO-8: this person already has as many connections to this document as allowed */
  TOO_MANY: 4429,
} as const;
