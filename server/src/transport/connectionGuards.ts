import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { ABUSE_LIMITS } from '../abuseLimits.js';
import { addressKey } from './clientAddress.js';

/** Something that emits `close` once it is over: a TCP socket, an engine.io connection. */
interface Closing {
  on(event: 'close', listener: (this: Closing) => void): unknown;
}

/**
 * How many open things each key (an address) holds: each is counted until it emits `close`. Every one of them
 * gets the same listener and its key is looked up by the thing itself, so a connection keeps no closure of its
 * own (issue 13: two per TCP socket were ~3 KB of an 8-person board).
 */
export class CountedUntilClose {
  private readonly open = new Map<string, number>();
  private readonly keys = new WeakMap<Closing, string>();
  private readonly onClose: (this: Closing) => void;

  constructor() {
    const counts = this;
    this.onClose = function (this: Closing) {
      counts.release(this);
    };
  }

  /** Counts `thing` under `key` until it closes; returns how many `key` holds now. */
  hold(thing: Closing, key: string): number {
    if (this.keys.has(thing)) return this.count(key);
    const count = this.count(key) + 1;
    this.open.set(key, count);
    this.keys.set(thing, key);
    thing.on('close', this.onClose);
    return count;
  }

  /** idempotent: a second `close` finds no key */
  private release(thing: Closing): void {
    const key = this.keys.get(thing);
    if (key === undefined) return;
    this.keys.delete(thing);
    const left = this.count(key) - 1;
    if (left > 0) this.open.set(key, left);
    else this.open.delete(key);
  }

  count(key: string): number {
    return this.open.get(key) ?? 0;
  }
}

/** AB-3: how many long-lived connections (WebSockets, Socket.io sessions) each client address holds. */
export class ConnectionCounts {
  private readonly open = new CountedUntilClose();

  constructor(readonly maxPerAddress: number) {}

  /** True when `address` may open one more connection. */
  hasRoom(address: string): boolean {
    return this.open.count(address) < this.maxPerAddress;
  }

  /** Counts `connection` for `address` until it emits `close`. */
  holdUntilClose(connection: Closing, address: string): void {
    this.open.hold(connection, address);
  }

  count(address: string): number {
    return this.open.count(address);
  }
}

/**
 * AB-3: the raw TCP sockets one address may hold: its connections and some slack, for a direct peer; none per
 * address behind a trusted proxy (`null`), where every peer is the proxy.
 */
export function socketsPerAddress(trustProxy: unknown, connectionsPerAddress: number): number | null {
  return trustProxy === false ? connectionsPerAddress + ABUSE_LIMITS.socketSlackPerAddress : null;
}

/**
 * AB-2 / AB-3 at the TCP level, before any request is parsed. A connection that sends nothing is closed once
 * the handshake time is up (Node's headersTimeout only starts with the first byte); a request that arrived
 * lifts that limit again (a long-poll may rightly wait). Without a trusted proxy, one address may hold only
 * so many sockets at once; behind a proxy every peer is the proxy, so that cap is the proxy's job.
 */
export function guardConnections(server: HttpServer, options: { socketsPerAddress: number | null }): void {
  const sockets = new CountedUntilClose();
  server.on('connection', (socket: Socket) => {
    socket.setTimeout(ABUSE_LIMITS.handshakeTimeoutMs);
    if (options.socketsPerAddress === null) return;
    const count = sockets.hold(socket, addressKey(socket.remoteAddress ?? 'unknown'));
    if (count > options.socketsPerAddress) socket.destroy();
  });
  // Node's own keep-alive timeout takes over once a response is sent; a request in progress is not cut off.
  server.on('request', (req) => req.socket.setTimeout(0));
}
