import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { inflateRawSync } from 'node:zlib';
import { YJS_MESSAGE_COMPRESSED } from '@candor/shared';

/**
 * The few bytes of the y-websocket protocol a counting client needs. A client that knows nothing sends
 * syncStep1 with an empty state vector; those bytes are the same for every empty doc, so they are built
 * once here and no simulated client ever holds a Y.Doc.
 */
export const MESSAGE_SYNC = 0;
export const SYNC_STEP1_EMPTY: Uint8Array = (() => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
})();

/**
 * True for the server's answer to our syncStep1: the end of the handshake. Candor compresses a large
 * answer (message type 100); only during the handshake is such a frame inflated to look at its first bytes.
 */
export function isSyncStep2(frame: Uint8Array): boolean {
  const message = frame[0] === YJS_MESSAGE_COMPRESSED ? inflateRawSync(frame.subarray(1)) : frame;
  return message.length >= 2 && message[0] === MESSAGE_SYNC && message[1] === syncProtocol.messageYjsSyncStep2;
}

/** One y-websocket update message carrying `update` (for the stock server's writer). */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
