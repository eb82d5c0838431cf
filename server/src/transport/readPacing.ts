import { ABUSE_LIMITS } from '../abuseLimits.js';
import { AddressBuckets } from './addressBuckets.js';
import { TokenBucket } from './rateLimit.js';

/** A packet as engine.io read it (`packet`), before Socket.io decodes its data */
interface ReadPacket {
  data?: unknown;
}

/** The parts of an engine.io socket (`socket.conn`) that reading from it is paced through */
export interface ReceivingConnection {
  readyState: string;
  transport: { socket?: { pause?(): void; resume?(): void; readonly isPaused?: boolean } };
  on(event: 'packet', listener: (this: ReceivingConnection, packet: ReadPacket) => void): unknown;
}

/** what is kept per connection: its own allowance and its address's */
interface Paced {
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
 * (a connection paused past Socket.io's heartbeat is closed by it). Every connection shares one `packet` listener.
 */
export class ReadPacing {
  private readonly paced = new WeakMap<ReceivingConnection, Paced>();
  private readonly addresses: AddressBuckets;
  private readonly onPacket: (this: ReceivingConnection, packet: ReadPacket) => void;

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
      pacing.read(this, Math.max(ABUSE_LIMITS.readPacketMinBytes, sizeOf(packet.data)));
    };
  }

  /** Paces from now on what `conn`, a connection from `address`, sends. */
  watch(conn: ReceivingConnection, address: string): void {
    if (this.paced.has(conn)) return;
    const own = new TokenBucket(ABUSE_LIMITS.readBytesBurstPerConnection, ABUSE_LIMITS.readBytesPerSecondPerConnection, this.now);
    this.paced.set(conn, { own, address: this.addresses.of(address), resumeTimer: null });
    conn.on('packet', this.onPacket);
  }

  private read(conn: ReceivingConnection, bytes: number): void {
    const paced = this.paced.get(conn);
    if (!paced) return;
    paced.own.spend(bytes);
    paced.address.spend(bytes);
    if (paced.resumeTimer === null && this.waitMs(paced) > 0) this.pause(conn, paced);
  }

  /** how long until both allowances are back above zero (0: they are) */
  private waitMs(paced: Paced): number {
    const own = -paced.own.available() / ABUSE_LIMITS.readBytesPerSecondPerConnection;
    const address = -paced.address.available() / this.perSecondPerAddress;
    return Math.max(0, own, address) * 1000;
  }

  private pause(conn: ReceivingConnection, paced: Paced): void {
    const ws = conn.transport.socket;
    if (!ws?.pause || !ws.resume) return;
    ws.pause();
    const resumeWhenPaid = () => {
      if (conn.readyState !== 'open') return void (paced.resumeTimer = null);
      const wait = this.waitMs(paced);
      if (wait > 0) return void (paced.resumeTimer = setTimeout(resumeWhenPaid, Math.max(10, wait)).unref());
      paced.resumeTimer = null;
      ws.resume!();
    };
    paced.resumeTimer = setTimeout(resumeWhenPaid, Math.max(10, this.waitMs(paced))).unref();
  }

  /** true while `conn`'s reading is paused (tests) */
  paused(conn: ReceivingConnection): boolean {
    return this.paced.get(conn)?.resumeTimer != null;
  }
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
