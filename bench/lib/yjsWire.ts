import * as Y from 'yjs';
import { inflateRawSync } from 'node:zlib';
import { YJS_MESSAGE_COMPRESSED, decodeYjsMessage, encodeSyncStep1, encodeUpdate } from '@candor/shared';

/**
 * The few y-websocket messages a counting client needs, from Candor's one wire module (shared/yjsWire.ts).
 * A client that knows nothing sends syncStep1 with an empty state vector; those bytes are the same for every
 * empty doc, so they are built once here and no simulated client ever holds a Y.Doc.
 */
export const SYNC_STEP1_EMPTY: Uint8Array = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));

/**
 * True for the server's answer to our syncStep1: the end of the handshake. Candor compresses a large
 * answer for clients that ask (message type 100); only during the handshake is such a frame inflated.
 */
export function isSyncStep2(frame: Uint8Array): boolean {
  const message = frame[0] === YJS_MESSAGE_COMPRESSED ? inflateRawSync(frame.subarray(1)) : frame;
  try {
    return decodeYjsMessage(message).type === 'step2';
  } catch {
    return false;
  }
}

/** One y-websocket update message carrying `update` (for the stock server's writer). */
export const updateMessage = encodeUpdate;
