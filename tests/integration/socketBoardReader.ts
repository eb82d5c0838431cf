import { inflateRawSync } from 'node:zlib';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { type Ack, YJS_MESSAGE_COMPRESSED, decodeYjsMessage, encodeSyncStep1 } from '@candor/shared';

/** What a fresh document asks for: everything. */
export const BOARD_STEP1_EMPTY = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));

/**
 * The board document read over a joined Socket.io connection, as the browser reads it (DO-10): a sync step 1
 * as a binary `board.doc` event, then the server's answer and every later change as `board.doc` events.
 * A compressed message (DO-4) is recorded inflated, so searches see it (the raw frames are recorded as they arrive,
 * `boardDocFrames` in the harness).
 */
export class SocketBoardReader {
  synced = false;
  messages = 0;

  constructor(
    readonly socket: Socket,
    readonly doc: Y.Doc,
    private readonly record: (bytes: Buffer) => void,
  ) {
    socket.on('board.doc', this.onMessage);
  }

  private readonly onMessage = (data: ArrayBuffer | Uint8Array) => {
    const raw = Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
    this.messages++;
    const bytes = raw[0] === YJS_MESSAGE_COMPRESSED ? inflateRawSync(raw.subarray(1)) : raw;
    if (bytes !== raw) this.record(bytes);
    const message = decodeYjsMessage(new Uint8Array(bytes));
    if (message.type === 'step2' || message.type === 'update') {
      Y.applyUpdate(this.doc, message.update, 'server');
      if (message.type === 'step2') this.synced = true;
    }
  };

  /** Asks for the document (a sync step 1 of the current copy); resolves with the server's ack. */
  async start(timeout = 10_000): Promise<Ack> {
    return (await this.socket.timeout(timeout).emitWithAck('board.doc', encodeSyncStep1(Y.encodeStateVector(this.doc)))) as Ack;
  }

  /**
   * Resolves once the server acknowledged a fresh step 1: the answer and everything it sent before have arrived
   * (one connection keeps the order), so every change made before the call is in `doc`.
   */
  async roundTrip(): Promise<void> {
    const ack = (await this.socket.timeout(10_000).emitWithAck('board.doc', BOARD_STEP1_EMPTY)) as Ack;
    if (!ack.ok) throw new Error(`board.doc refused: ${ack.code}`);
  }

  stop(): void {
    this.socket.off('board.doc', this.onMessage);
  }
}
