import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { ABUSE_LIMITS } from '../abuseLimits.js';
import { addressKey } from './clientAddress.js';

/** AB-3: how many long-lived connections (WebSockets, Socket.io sessions) each client address holds. */
export class ConnectionCounts {
  private readonly open = new Map<string, number>();

  constructor(readonly maxPerAddress: number) {}

  /** True when `address` may open one more connection. */
  hasRoom(address: string): boolean {
    return (this.open.get(address) ?? 0) < this.maxPerAddress;
  }

  /** Counts a connection of `address`; returns its release (idempotent). */
  add(address: string): () => void {
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    };
  }

  count(address: string): number {
    return this.open.get(address) ?? 0;
  }
}

/**
 * AB-2 / AB-3 at the TCP level, before any request is parsed. A connection that sends nothing is closed once
 * the handshake time is up (Node's headersTimeout only starts with the first byte); a request that arrived
 * lifts that limit again (a long-poll may rightly wait). Without a trusted proxy, one address may hold only
 * so many sockets at once; behind a proxy every peer is the proxy, so that cap is the proxy's job.
 */
export function guardConnections(server: HttpServer, options: { socketsPerAddress: number | null }): void {
  const sockets = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    socket.setTimeout(ABUSE_LIMITS.handshakeTimeoutMs);
    if (options.socketsPerAddress === null) return;
    const key = addressKey(socket.remoteAddress ?? 'unknown');
    const count = (sockets.get(key) ?? 0) + 1;
    sockets.set(key, count);
    // `close` comes once: a plain listener, not a `once` wrapper kept for the socket's lifetime
    socket.on('close', () => {
      const left = (sockets.get(key) ?? 1) - 1;
      if (left > 0) sockets.set(key, left);
      else sockets.delete(key);
    });
    if (count > options.socketsPerAddress) socket.destroy();
  });
  // Node's own keep-alive timeout takes over once a response is sent; a request in progress is not cut off.
  server.on('request', (req) => req.socket.setTimeout(0));
}
