import * as ws from 'ws';

/** The parts of a Socket.io server's packet encoder used here (`io.encoder`, socket.io-parser's `Encoder`). */
interface PacketEncoder {
  encode(packet: { type: number; nsp: string; data: unknown[] }): (string | Uint8Array)[];
}

/** socket.io-parser's EVENT packet type (the encoder makes it a BINARY_EVENT for bytes) */
const EVENT = 2;

/** engine.io's message packet on a WebSocket: a text frame of its type and data, or the bytes as a binary frame */
const ENGINE_MESSAGE = '4';

/**
 * One `board.doc` event, encoded once for every socket: its engine.io packets, each with its WebSocket frame, and
 * those frames end to end as they go on the wire (`writeBoardDoc`).
 */
export interface EncodedBoardDoc {
  packets: { data: string | Buffer; options: { wsPreEncodedFrame: Buffer[]; compress: boolean } }[];
  /** its frames' length on the wire, what the connection holds unsent once it is written (DO-7) */
  bytes: number;
  /** the event's WebSocket frames end to end in one buffer (`writeBoardDoc`), made once for all the sockets it goes to at once */
  wire(): Buffer;
}

/** ws's own framing, for a server (no mask), as Socket.io frames what it broadcasts */
const frame = (data: Buffer, opcode: 1 | 2): Buffer[] =>
  (ws as unknown as { Sender: { frame(data: Buffer, o: object): Buffer[] } }).Sender.frame(data, { readOnly: false, mask: false, rsv1: false, opcode, fin: true });

/**
 * DO-12: a board-document message goes to hundreds of sockets at once (a reveal to 500 people), each sent the very
 * same bytes: its Socket.io event is encoded, and each of its packets framed for the WebSocket, once per message
 * rather than once per socket (as Socket.io does for what it broadcasts), and remembered by those bytes.
 */
export class BoardDocPackets {
  private readonly encoded = new WeakMap<Uint8Array, EncodedBoardDoc>();
  /**
   * DO-13: the frames in one buffer of the last message written straight, and only of the last: a whole-board
   * answer stays remembered (with its packets) for as long as the board does not change, its copy of the bytes need not.
   */
  private lastWire: { packets: EncodedBoardDoc['packets']; wire: Buffer } | null = null;

  constructor(private readonly encoder: PacketEncoder) {}

  of(message: Uint8Array): EncodedBoardDoc {
    let encoded = this.encoded.get(message);
    if (!encoded) {
      encoded = this.encode(['board.doc', message]);
      this.encoded.set(message, encoded);
    }
    return encoded;
  }

  /** MV-1: any other event that goes to many sockets at once (a "being moved" batch), encoded once, not remembered */
  event(name: string, payload: unknown): EncodedBoardDoc {
    return this.encode([name, payload]);
  }

  private encode(data: unknown[]): EncodedBoardDoc {
    const packets = this.encoder.encode({ type: EVENT, nsp: '/', data }).map((p) => {
      if (typeof p === 'string') return { data: p, options: { wsPreEncodedFrame: frame(Buffer.from(ENGINE_MESSAGE + p), 1), compress: true } };
      const bytes = Buffer.from(p.buffer, p.byteOffset, p.byteLength);
      return { data: bytes, options: { wsPreEncodedFrame: frame(bytes, 2), compress: true } };
    });
    const bytes = packets.reduce((sum, p) => sum + p.options.wsPreEncodedFrame.reduce((n, b) => n + b.length, 0), 0);
    return { packets, bytes, wire: () => this.wireOf(packets) };
  }

  private wireOf(packets: EncodedBoardDoc['packets']): Buffer {
    if (this.lastWire?.packets !== packets) this.lastWire = { packets, wire: Buffer.concat(packets.flatMap((p) => p.options.wsPreEncodedFrame)) };
    return this.lastWire.wire;
  }
}

/** the parts of an engine.io socket (`socket.conn`) a board-document message is written with */
export interface EngineConnection {
  readyState?: string;
  writeBuffer?: unknown[];
  transport: { writable: boolean; name?: string; perMessageDeflate?: unknown; socket?: { readyState?: number; _socket?: RawStream } };
  write(data: string | Buffer, options: object): void;
  flush(): void;
}

/** the TCP socket under a WebSocket (`ws`'s `_socket`) */
export interface RawStream {
  writable: boolean;
  write(chunk: Buffer): boolean;
}

/** `ws`'s WebSocket.OPEN */
const WS_OPEN = 1;

/**
 * DO-13: writes an encoded `board.doc` event to one connection. A connection with nothing waiting in engine.io (the
 * usual case: a reveal finds 500 idle connections) gets the event's frames straight on its TCP socket, as one
 * buffer made once for every socket, in one plain write: engine.io would make a corked write of two buffers per
 * frame, and per socket run its packet, flush and drain events and a write callback, which for 500 sockets cost
 * more than the writes (and had V8 compile the streams' corked-write code again in the middle of a reveal). Anything else (engine.io
 * still writing, frames waiting, another transport, a closing WebSocket) goes through engine.io (`writeTogether`),
 * behind what waits. Either way the frames follow everything written before them on that TCP socket.
 */
export function writeBoardDoc(conn: EngineConnection, encoded: EncodedBoardDoc): void {
  const { transport } = conn;
  const raw = transport.socket?._socket;
  const idle =
    conn.readyState === 'open' &&
    transport.name === 'websocket' &&
    transport.writable &&
    !transport.perMessageDeflate &&
    conn.writeBuffer?.length === 0 &&
    transport.socket?.readyState === WS_OPEN &&
    raw?.writable === true;
  if (!idle) return writeTogether(conn, encoded);
  raw.write(encoded.wire());
}

/**
 * DO-12: writes an encoded `board.doc` event to one connection, its packets in one flush. engine.io sends what is
 * written at once while its transport is free and holds the rest until that write is done: written one by one, the
 * event's text packet would go alone and its bytes only after it had been written, a second flush per socket.
 * Held back while both are written, they leave together (one frame after the other), in order with what was
 * written before them.
 */
export function writeTogether(conn: EngineConnection, encoded: EncodedBoardDoc): void {
  const writable = conn.transport.writable;
  conn.transport.writable = false;
  try {
    for (const packet of encoded.packets) conn.write(packet.data, packet.options);
  } finally {
    conn.transport.writable = writable;
  }
  if (writable) conn.flush();
}
