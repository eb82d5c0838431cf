import { WS_CLOSE } from '@candor/shared';
import type { HeldPerAddress, HeldShare } from './heldPerAddress.js';

/**
 * What one packet waiting in engine.io's write buffer costs the heap beyond its data: engine.io's packet and its
 * options, the slot in the buffer, and the pieces Socket.io's encoder concatenates the text from. Measured for an
 * `UNKNOWN_EVENT` ack (73 characters of data): ~340 bytes of heap each. Counting the data alone would let a client
 * that asks for tiny answers hold four times the cap.
 */
export const QUEUED_PACKET_OVERHEAD_BYTES = 256;

/** A packet as engine.io makes it (`packetCreate`), before it joins the connection's write buffer */
interface EnginePacket {
  data?: unknown;
}

/** The parts of an engine.io socket (`socket.conn`) what it holds unsent is read from */
export interface SendingConnection {
  readyState: string;
  transport: { socket?: { bufferedAmount?: number; close?(code: number, reason: string): void } };
  on(event: 'packetCreate', listener: (this: SendingConnection, packet: EnginePacket) => void): unknown;
  on(event: 'close', listener: (this: SendingConnection) => void): unknown;
  close(discard?: boolean): unknown;
}

/** which cap a connection went over: its own (DO-7) or its address's (AB-11) */
export type OverflowScope = 'connection' | 'address';

/** what is kept per watched connection: its packets in engine.io's write buffer, and its part in its address's total */
interface Watched extends HeldShare {
  queued: number;
}

/**
 * DO-7 for Socket.io: every byte the server queues for one connection counts against its cap — acks and error
 * answers as much as events — at the one place all of them pass: engine.io's `packetCreate`, which it emits before
 * any packet (an ack, an event, a ping) joins the connection's write buffer. What a connection holds unsent is
 *
 * - the packets waiting in engine.io's write buffer (their data and `QUEUED_PACKET_OVERHEAD_BYTES` each), counted
 *   as they are made, so reading it costs nothing however long the buffer grew;
 * - the packets engine.io handed its transport last (their overhead: engine.io hands over no more until those are
 *   written), counted when it flushes them (`flushed`, from the engine's own `flush` event);
 * - its WebSocket's `bufferedAmount`: what engine.io handed over and the kernel has not taken yet, and what
 *   `writeBoardDoc` writes straight onto its TCP socket.
 *
 * A connection over the cap is closed at once: from that packet on engine.io queues nothing more for it (it is
 * closing), and its transport is closed and dropped on the next tick, out of whatever call stack sent the packet
 * (a room's fan-out, an ack). A client that does not read cannot be told why; its WebSocket is sent `TOO_SLOW`
 * (4001) in case it reads again, and the server writes the reason to its log (`overflowed`).
 *
 * AB-11: what a connection holds also counts towards its address's total (`HeldPerAddress`, shared with the
 * document connections): the connection whose packet takes the address past its cap is closed the same way.
 * Each connection keeps one small record here, and every connection shares one `packetCreate` and one `close` listener.
 */
export class SendBuffers {
  private readonly watched = new WeakMap<SendingConnection, Watched>();
  private readonly onPacket: (this: SendingConnection, packet: EnginePacket) => void;
  private readonly onClose: (this: SendingConnection) => void;

  constructor(
    readonly capBytes: number,
    private readonly perAddress: HeldPerAddress,
    private readonly overflowed: (conn: SendingConnection, heldBytes: number, scope: OverflowScope) => void,
  ) {
    const buffers = this;
    this.onPacket = function (this: SendingConnection, packet: EnginePacket) {
      buffers.add(this, sizeOf(packet));
    };
    this.onClose = function (this: SendingConnection) {
      buffers.forget(this);
    };
  }

  /** Counts from now on what `conn`, a connection from `address`, is sent. */
  watch(conn: SendingConnection, address: string): void {
    if (this.watched.has(conn)) return;
    this.watched.set(conn, { ...this.perAddress.share(address), queued: 0 });
    conn.on('packetCreate', this.onPacket);
    conn.on('close', this.onClose);
  }

  /** engine.io handed `packets` packets to the transport: their data is its WebSocket's now (`bufferedAmount`) */
  flushed(conn: SendingConnection, packets: number): void {
    const watched = this.watched.get(conn);
    if (watched) watched.queued = packets * QUEUED_PACKET_OVERHEAD_BYTES;
  }

  /**
   * AB-11: `conn` was just written to (engine.io's `drain`, right after a flush handed its packets to the WebSocket;
   * a message written straight onto its socket): its address counts what it holds now, no more than before.
   */
  settled(conn: SendingConnection): void {
    const watched = this.watched.get(conn);
    if (watched) this.perAddress.count(watched, this.held(conn));
  }

  /** What the server holds unsent for `conn` now. */
  held(conn: SendingConnection): number {
    return (this.watched.get(conn)?.queued ?? 0) + (conn.transport.socket?.bufferedAmount ?? 0);
  }

  /**
   * True when `bytes` more fit under the cap and its address's; they are counted as held from now on. False, and the
   * connection closed, when they do not.
   */
  hasRoomFor(conn: SendingConnection, bytes: number): boolean {
    if (conn.readyState !== 'open') return false;
    const watched = this.watched.get(conn);
    const held = this.held(conn);
    const total = watched ? this.perAddress.count(watched, held + bytes) : 0;
    if (held + bytes <= this.capBytes && total <= this.perAddress.capBytes) return true;
    // not written: the connection is counted with what it holds
    if (watched) this.perAddress.count(watched, held);
    if (held + bytes > this.capBytes) this.close(conn, held + bytes, 'connection');
    else this.close(conn, total, 'address');
    return false;
  }

  private add(conn: SendingConnection, bytes: number): void {
    const watched = this.watched.get(conn);
    if (!watched) return;
    watched.queued += bytes;
    const held = this.held(conn);
    const total = this.perAddress.count(watched, held);
    if (conn.readyState !== 'open') return;
    if (held > this.capBytes) this.close(conn, held, 'connection');
    else if (total > this.perAddress.capBytes) this.close(conn, total, 'address');
  }

  /** the connection closed: what it held is dropped with it */
  private forget(conn: SendingConnection): void {
    const watched = this.watched.get(conn);
    if (!watched) return;
    this.perAddress.count(watched, 0);
    this.watched.delete(conn);
  }

  private close(conn: SendingConnection, heldBytes: number, scope: OverflowScope): void {
    // What engine.io's own `close()` does first: a closing connection is written no more packets (engine.io drops
    // them, and Socket.io stops writing to it). Its own `close()` would then wait for the write buffer to drain,
    // which a client that does not read never lets happen.
    conn.readyState = 'closing';
    process.nextTick(closeNow, conn);
    this.overflowed(conn, heldBytes, scope);
  }
}

/** Closes the connection without waiting for what it holds: its WebSocket, and with it all of that, is dropped. */
function closeNow(conn: SendingConnection): void {
  conn.transport.socket?.close?.(WS_CLOSE.TOO_SLOW, 'too far behind; reconnect');
  conn.close(true);
}

function sizeOf(packet: EnginePacket): number {
  const data = packet.data;
  const bytes = typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;
  return bytes + QUEUED_PACKET_OVERHEAD_BYTES;
}
