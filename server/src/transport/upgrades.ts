import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { ABUSE_LIMITS } from '../abuseLimits.js';
import type { SampledWarnings } from '../logSampler.js';
import type { ConnectionCounts } from './connectionGuards.js';
import { AddressBuckets } from './addressBuckets.js';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * AB-1: the one `upgrade` listener of the server. Every upgrade is handed to the transport that owns its path
 * prefix, or answered 404 and closed — a socket nobody answers would stay open for ever — at a pace per
 * address: past a burst, a refusal is answered a second later, so a client looping on them is slowed down. AB-2: a handshake
 * that has not become a WebSocket within the handshake time is closed (ws disarms the timer once it has).
 * AB-3: a new WebSocket is refused with 429 when its address already holds its share of connections.
 */
export function routeUpgrades(
  server: HttpServer,
  deps: {
    routes: { prefix: string; handle: UpgradeHandler }[];
    addressOf: (req: IncomingMessage) => string;
    connections: ConnectionCounts;
    warnings: SampledWarnings;
  },
): void {
  // AB-1: refusals each address may have answered at once; past them, an answer waits (see `refuseAtPace`)
  const refusals = new AddressBuckets({
    burst: ABUSE_LIMITS.refusedUpgradeBurstPerAddress,
    perSecond: ABUSE_LIMITS.refusedUpgradesPerSecondPerAddress,
    maxAddresses: ABUSE_LIMITS.addressesTracked,
  });
  /** Refuses now while the address has refusals left, else after `refusedUpgradeDelayMs` (the socket still times out at the handshake time). */
  const refuseAtPace = (socket: Duplex, address: string, status: number, message: string) => {
    if (refusals.take(address)) return refuse(socket, status, message);
    const later = setTimeout(() => refuse(socket, status, message), ABUSE_LIMITS.refusedUpgradeDelayMs);
    socket.once('close', () => clearTimeout(later));
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex & { setTimeout?(ms: number): void }, head: Buffer) => {
    // Plain functions, not closures: a listener that closed over this call would keep its request and URL for
    // as long as the connection lives (ws disarms the timeout, but the listeners stay on the socket).
    socket.on('error', destroySocket);
    socket.setTimeout?.(ABUSE_LIMITS.handshakeTimeoutMs);
    socket.on('timeout', destroySocket);
    const { pathname, resumesSession } = readUpgradeUrl(req);
    const route = routeFor(deps.routes, pathname);
    if (!route) {
      deps.warnings.warn('upgrade-unknown-path', { path: pathname.slice(0, 60) }, 'upgrade to an unknown path refused');
      return refuseAtPace(socket, deps.addressOf(req), 404, 'No such endpoint.');
    }
    // Socket.io moving an existing session onto a WebSocket is not a new connection: it is counted already.
    if (!resumesSession) {
      const address = deps.addressOf(req);
      if (!deps.connections.hasRoom(address)) {
        deps.warnings.warn('too-many-connections', { address }, 'connection refused: too many from one address');
        return refuseAtPace(socket, address, 429, 'Too many connections from your address.');
      }
      deps.connections.holdUntilClose(socket, address);
    }
    route.handle(req, socket, head);
    forgetSpentTimer(socket);
    forgetPeerName(socket);
  });
}

/**
 * ME-18: Node keeps the peer address object it read for a socket (the limits read it when the connection came
 * in: AB-3, AB-4) for the connection's lifetime: ~90 bytes with its address string. Everything that needs the
 * address has read it by the time the upgrade is handed on; should anything ask again while the socket is open,
 * Node reads it from the socket again.
 */
function forgetPeerName(socket: Duplex): void {
  const cached = socket as unknown as { _peername?: object };
  if (cached._peername !== undefined) cached._peername = undefined;
}

/**
 * ME-6: once a WebSocket has taken the socket, `ws` has disarmed the handshake timer (`setTimeout(0)`), but Node
 * keeps the spent timer and its bound callback in the socket for the connection's lifetime (~150 bytes each). The
 * slot is set back to the empty value Node gives a new socket. A handshake that did not finish synchronously keeps
 * its armed timer; nothing is touched then.
 */
function forgetSpentTimer(socket: Duplex & { timeout?: number }): void {
  if (socket.timeout !== 0) return;
  const slot = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'timeout');
  if (slot === undefined) return;
  const held = socket as unknown as Record<symbol, { _destroyed?: boolean } | null>;
  if (held[slot]?._destroyed) held[slot] = null;
}

function destroySocket(this: Duplex): void {
  this.destroy();
}

/** What the router reads of an upgrade's URL; the parsed URL itself is not kept. */
function readUpgradeUrl(req: IncomingMessage): { pathname: string; resumesSession: boolean } {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return { pathname: url.pathname, resumesSession: url.searchParams.has('sid') };
}

function routeFor<R extends { prefix: string }>(routes: R[], pathname: string): R | undefined {
  for (const route of routes) if (pathname.startsWith(route.prefix)) return route;
  return undefined;
}

/** Answers an upgrade with a plain HTTP status and closes the socket once the answer is out (or time is up). */
export function refuse(socket: Duplex, status: number, message: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ ok: false, code: status === 429 ? 'RATE_LIMITED' : 'NOT_FOUND', message });
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
