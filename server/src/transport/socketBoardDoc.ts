import { type Ack, BoardDocMessage, LIMITS, MalformedYjsMessage, decodeYjsMessage, describeIssues, fail } from '@candor/shared';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { DocPeer } from '../rooms/RoomDocuments.js';
import type { SampledWarnings } from '../logSampler.js';
import type { SharedEncodings } from './docEncodings.js';

/**
 * The parts of a joined Socket.io connection the board document needs: its room and who joined on it, the
 * binary `board.doc` event, what it holds unsent (DO-7), and closing it.
 */
export interface BoardDocSocket {
  readonly data: { room: BoardRoom; participantId?: string; boardDoc?: SocketBoardDoc; malformedDoc?: number };
  emit(event: 'board.doc', message: Uint8Array): unknown;
  /** DO-7: false (and the connection closed) when sending more would hold more than the cap for it */
  hasRoomFor(bytes: number): boolean;
  closeConnection(): void;
}

/** What every socket's board-document reading shares. */
export interface BoardDocDeps {
  encoded: SharedEncodings;
  warnings: SampledWarnings;
}

/**
 * DO-10: the board document read over a person's joined Socket.io connection, so a person holds one connection
 * to the server instead of two. The socket's `sync step 1` (binary `board.doc`) makes it a peer of the room's board
 * document; the answer and every later change go back as binary `board.doc` events, compressed from 8 KiB as
 * Candor's browser asks (DO-4). It ends with the connection, a sign-out (JN-2, MO-1) or the next join, which
 * starts from a fresh copy in the browser. The board document takes no update from anyone (PE-6).
 */
export class SocketBoardDoc implements DocPeer {
  constructor(
    private readonly socket: BoardDocSocket,
    readonly participantId: string,
    private readonly deps: BoardDocDeps,
  ) {}

  sendUpdate(update: Uint8Array): void {
    this.send(this.deps.encoded.update(update, true));
  }

  encodeAhead(update: Uint8Array): void {
    this.deps.encoded.update(update, true);
  }

  /** The board document is never stored from a client, so nothing of it is ever resent; a reconnection starts afresh. */
  resync(): void {
    this.socket.closeConnection();
  }

  answer(stateVector: Uint8Array): void {
    const documents = this.socket.data.room.documents;
    this.send(this.deps.encoded.answer(documents.answer('board', this, stateVector), true));
  }

  private send(message: Uint8Array): void {
    if (this.socket.hasRoomFor(message.byteLength)) this.socket.emit('board.doc', message);
  }
}

/**
 * DO-11: a socket's `board.doc` message. Only a sync step 1 of a joined socket is taken; the rest is refused with
 * a code. The caller has taken it from the socket's request budget.
 */
export function receiveBoardDoc(socket: BoardDocSocket, payload: unknown, deps: BoardDocDeps): Ack {
  const parsed = BoardDocMessage.safeParse(payload);
  if (!parsed.success) return fail('INVALID_INPUT', describeIssues(parsed.error));
  const { room, participantId } = socket.data;
  if (!participantId) return fail('NOT_JOINED', 'Join the board first.');
  let reader = socket.data.boardDoc;
  try {
    const message = decodeYjsMessage(parsed.data);
    if (message.type === 'step2' || message.type === 'update') return fail('INVALID_INPUT', 'The board document is read-only.');
    if (message.type !== 'step1') throw new MalformedYjsMessage(`a ${message.type} message is not taken here`);
    if (!reader) {
      reader = new SocketBoardDoc(socket, participantId, deps);
      // DO-8: reading over a socket counts among the person's connections to the board document
      if (!room.documents.join('board', reader)) return fail('TOO_MANY_CONNECTIONS', 'You have this board open in too many places; close one.');
      socket.data.boardDoc = reader;
    }
    reader.answer(message.stateVector);
    return { ok: true, data: {} };
  } catch (err) {
    // DO-5 for this path: a few malformed messages are refused; past that the connection is closed.
    const malformed = (socket.data.malformedDoc ?? 0) + 1;
    socket.data.malformedDoc = malformed;
    deps.warnings.warn('bad-yjs-message', { board: room.id, doc: 'board', reason: err instanceof Error ? err.message : String(err) }, 'bad yjs message dropped');
    if (malformed >= LIMITS.malformedDocMessages) socket.closeConnection();
    return fail('INVALID_INPUT', 'Not a y-websocket message this board reads.');
  }
}

/** The socket stops reading the board document (closed, signed out, or joining again). */
export function stopBoardDoc(socket: BoardDocSocket): void {
  const reader = socket.data.boardDoc;
  if (!reader) return;
  socket.data.boardDoc = undefined;
  socket.data.room.documents.leave('board', reader);
}
