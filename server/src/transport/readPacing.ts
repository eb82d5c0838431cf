import { ABUSE_LIMITS } from '../abuseLimits.js';
import { AddressBuckets } from './addressBuckets.js';
import { TokenBucket } from './rateLimit.js';

/** A packet as engine.io read it (`packet`), before Socket.io decodes its data */
interface ReadPacket {
  data?: unknown;
}

/** The parts of a `ws` WebSocket that reading from it is paced through */
export interface PausableSocket {
  readonly readyState: number;
  pause(): void;
  resume(): void;
  on(event: 'message', listener: (this: PausableSocket, data: unknown) => void): unknown;
}

/** The parts of an engine.io socket (`socket.conn`) that reading from it is paced through */
export interface ReceivingConnection {
  transport: { socket?: PausableSocket };
  on(event: 'packet', listener: (this: ReceivingConnection, packet: ReadPacket) => void): unknown;
}

/** what is kept per connection: its own allowance and its address's */
interface Paced {
  socket: PausableSocket;
  own: TokenBucket;
  address: TokenBucket;
  /** set while its WebSocket is paused, until the allowances are paid back */
  resumeTimer: NodeJS.Timeout | null;
}

/**
 * IN-33: every packet a Socket.io connection sends is decoded (JSON, up to 64 KB) before any handler sees it, whether
 * or not it asks for an answer; the command budget (IN-18) answers only those that do, so a connection sending
 * commands without an ack, or anything else, as fast as its network allowed made the server parse all of it (an
 * independent attack: 4 connections, not even joined, kept 0.67 of a core busy decoding 54 KB packets). Each packet's
 * bytes (at least `readPacketMinBytes`) are charged to the connection's allowance and its address's
 * (`ABUSE_LIMITS.readBytes*`); one that leaves either in debt has its WebSocket paused — nothing more of it is read, let
 * alone decoded — until the refills paid it back. Nobody is cut off for sending a lot: they are read more slowly
 * (a connection paused past Socket.io's heartbeat is closed by it). The document WebSockets are paced the same way
 * from their upgrade on, per message, sharing the address's allowance: messages past their own budgets (IN-23, IN-30)
 * are dropped, but each had been received, unmasked and copied (4 notes connections sending 1 MB messages kept 0.8
 * of a core busy), and before the ticket is checked they are kept. Every connection shares one listener.
 */
export class ReadPacing {
  private readonly paced = new WeakMap<object, Paced>();
  private readonly addresses: AddressBuckets;
  private readonly onPacket: (this: ReceivingConnection, packet: ReadPacket) => void;
  private readonly onMessage: (this: PausableSocket, data: unknown) => void;

  constructor(
    /** MAX_READ_BYTES_PER_ADDRESS; the address's burst is `ABUSE_LIMITS.readBytesBurstSeconds` of it */
    private readonly perSecondPerAddress: number,
    private readonly now: () => number = Date.now,
  ) {
    this.addresses = new AddressBuckets({
      burst: perSecondPerAddress * ABUSE_LIMITS.readBytesBurstSeconds,
      perSecond: perSecondPerAddress,
      maxAddresses: ABUSE_LIMITS.addressesTracked,
      now,
    });
    const pacing = this;
    this.onPacket = function (this: ReceivingConnection, packet: ReadPacket) {
      pacing.read(this, sizeOf(packet.data));
    };
    this.onMessage = function (this: PausableSocket, data: unknown) {
      pacing.read(this, sizeOf(data));
    };
  }

  /** Paces from now on what `conn`, a Socket.io connection from `address`, sends: counted per engine.io packet. */
  watch(conn: ReceivingConnection, address: string): void {
    const socket = conn.transport.socket;
    if (!socket || this.paced.has(conn)) return;
    this.paced.set(conn, this.pacedFor(socket, address, ABUSE_LIMITS.readBytesBurstPerConnection));
    conn.on('packet', this.onPacket);
  }

  /** Paces from now on what `ws`, a document WebSocket from `address`, sends: counted per message. */
  watchSocket(ws: PausableSocket, address: string): void {
    if (this.paced.has(ws)) return;
    this.paced.set(ws, this.pacedFor(ws, address, ABUSE_LIMITS.readBytesBurstPerDocument));
    ws.on('message', this.onMessage);
  }

  private pacedFor(socket: PausableSocket, address: string, burst: number): Paced {
    const own = new TokenBucket(burst, ABUSE_LIMITS.readBytesPerSecondPerConnection, this.now);
    return { socket, own, address: this.addresses.of(address), resumeTimer: null };
  }

  private read(key: object, size: number): void {
    const paced = this.paced.get(key);
    if (!paced) return;
    const bytes = Math.max(ABUSE_LIMITS.readPacketMinBytes, size);
    paced.own.spend(bytes);
    paced.address.spend(bytes);
    if (paced.resumeTimer === null && this.waitMs(paced) > 0) this.pause(paced);
  }

  /** how long until both allowances are back above zero (0: they are) */
  private waitMs(paced: Paced): number {
    const own = -paced.own.available() / ABUSE_LIMITS.readBytesPerSecondPerConnection;
    const address = -paced.address.available() / this.perSecondPerAddress;
    return Math.max(0, own, address) * 1000;
  }

  private pause(paced: Paced): void {
    const { socket } = paced;
    socket.pause();
    const resumeWhenPaid = () => {
      if (socket.readyState !== OPEN) return void (paced.resumeTimer = null);
      const wait = this.waitMs(paced);
      if (wait > 0) return void (paced.resumeTimer = setTimeout(resumeWhenPaid, Math.max(10, wait)).unref());
      paced.resumeTimer = null;
      socket.resume();
    };
    paced.resumeTimer = setTimeout(resumeWhenPaid, Math.max(10, this.waitMs(paced))).unref();
  }

}

/** `WebSocket.OPEN` */
const OPEN = 1;

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((sum: number, part: unknown) => sum + sizeOf(part), 0);
  return 0;
}
