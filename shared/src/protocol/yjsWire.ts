/**
 * The y-websocket wire format (the y-protocols "sync" framing), written once for the server, the browser,
 * the tests and the bench. A message is a varuint type, then for sync messages a varuint sub-type and a
 * length-prefixed payload (a state vector or a Yjs update). Candor adds one type of its own, COMPRESSED,
 * sent only to connections that asked for it (DO-4), so a stock y-websocket client reads every message.
 */

export const YJS_MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, compressed: 100 } as const;
export const YJS_SYNC = { step1: 0, step2: 1, update: 2 } as const;

/** Query parameters of a document connection. Neither is a lasting secret (DO-6). */
export const YJS_PARAM = {
  /** the single-use ticket the Socket.io session obtained with `doc.ticket` */
  ticket: 'ticket',
  /** `deflate-raw`: the client can read COMPRESSED messages */
  compress: 'compress',
} as const;
export const YJS_COMPRESS_DEFLATE_RAW = 'deflate-raw';

export type YjsMessage =
  | { type: 'step1'; stateVector: Uint8Array }
  | { type: 'step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  /** awareness, auth and awareness queries: part of the protocol, ignored by Candor */
  | { type: 'ignored' }
  | { type: 'compressed'; deflated: Uint8Array };

export class MalformedYjsMessage extends Error {}

/** Reads one message; throws MalformedYjsMessage for anything that is not a well-formed message. */
export function decodeYjsMessage(bytes: Uint8Array): YjsMessage {
  const reader = new Reader(bytes);
  const type = reader.varUint();
  switch (type) {
    case YJS_MESSAGE.sync: {
      const sub = reader.varUint();
      const payload = reader.varBytes();
      if (sub === YJS_SYNC.step1) return { type: 'step1', stateVector: payload };
      if (sub === YJS_SYNC.step2) return { type: 'step2', update: payload };
      if (sub === YJS_SYNC.update) return { type: 'update', update: payload };
      throw new MalformedYjsMessage(`unknown sync message ${sub}`);
    }
    case YJS_MESSAGE.awareness:
    case YJS_MESSAGE.auth:
    case YJS_MESSAGE.queryAwareness:
      return { type: 'ignored' };
    case YJS_MESSAGE.compressed:
      return { type: 'compressed', deflated: bytes.subarray(1) };
    default:
      throw new MalformedYjsMessage(`unknown message type ${type}`);
  }
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return sync(YJS_SYNC.step1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return sync(YJS_SYNC.step2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return sync(YJS_SYNC.update, update);
}

/** A whole message compressed with raw DEFLATE, behind Candor's own type (only for clients that ask). */
export function encodeCompressed(deflated: Uint8Array): Uint8Array {
  const out = new Uint8Array(deflated.length + 1);
  out[0] = YJS_MESSAGE.compressed;
  out.set(deflated, 1);
  return out;
}

/** True for a state vector that knows nothing (what a fresh document sends): its answer is the whole document. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

function sync(sub: number, payload: Uint8Array): Uint8Array {
  const head = [...varUint(YJS_MESSAGE.sync), ...varUint(sub), ...varUint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

function varUint(value: number): number[] {
  const out: number[] = [];
  while (value > 0x7f) {
    out.push(0x80 | (value & 0x7f));
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}

class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  varUint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 7; i++) {
      if (this.at >= this.bytes.length) throw new MalformedYjsMessage('message ends inside a number');
      const byte = this.bytes[this.at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw new MalformedYjsMessage('number too long');
  }

  varBytes(): Uint8Array {
    const length = this.varUint();
    if (this.at + length > this.bytes.length) throw new MalformedYjsMessage('length beyond the message');
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }
}
