import net from 'node:net';
import type http from 'node:http';
import { ABUSE_LIMITS } from '../abuseLimits.js';
import { addressKey } from './clientAddress.js';
import { CountedUntilClose, socketsPerAddress } from './connectionGuards.js';

/** How many connections may wait for a starting server: from one address (null: no cap, behind a proxy), and in all. */
export interface HeldPortLimits {
  perAddress: number | null;
  total: number;
}

/** AB-3's cap on one direct peer's sockets, and room for a few thousand people coming back at once */
const DEFAULT_LIMITS: HeldPortLimits = { perAddress: socketsPerAddress(false, ABUSE_LIMITS.connectionsPerAddress), total: 8_192 };

/**
 * DU-6: the port, taken before the server loads its modules and opens its data. A connection that arrives
 * meanwhile is accepted and left unread (`pauseOnConnect`) until the server is ready, then served as if it had
 * arrived then. A restarted server is thus never "refused" to the clients that were on it: a refused Socket.io
 * client waits its backoff (1 to 5 s in the browser) before trying again, and hundreds of them retrying while
 * the server starts take the CPU it starts with (issue 13). What waits is bounded as the running server bounds
 * sockets (AB-3): past `limits`, a connection is reset at once, as a refused one would be.
 */
export class HeldPort {
  private readonly waiting = new Set<net.Socket>();
  /** each address's sockets, counted as the running server counts them (AB-3) */
  private readonly perAddress = new CountedUntilClose();

  private constructor(
    private readonly listener: net.Server,
    private readonly limits: HeldPortLimits,
  ) {
    listener.on('connection', this.keep);
  }

  static take(port: number, host?: string, limits: Partial<HeldPortLimits> = {}): Promise<HeldPort> {
    const listener = net.createServer({ pauseOnConnect: true });
    return new Promise((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, host, () => {
        listener.off('error', reject);
        resolve(new HeldPort(listener, { ...DEFAULT_LIMITS, ...limits }));
      });
    });
  }

  get port(): number {
    return (this.listener.address() as net.AddressInfo).port;
  }

  /** connections accepted and waiting for the server */
  get waitingCount(): number {
    return this.waiting.size;
  }

  private readonly keep = (socket: net.Socket) => {
    const { perAddress, total } = this.limits;
    if (this.waiting.size >= total || (perAddress !== null && this.perAddress.hold(socket, addressKey(socket.remoteAddress ?? 'unknown')) > perAddress)) {
      socket.destroy();
      return;
    }
    this.waiting.add(socket);
    // (left unread, a socket learns that its peer went away only once the server reads it: a client that gave up
    // still counts until then, which the caps above bound)
    socket.once('close', () => this.waiting.delete(socket));
  };

  /** Hands the port to `server` (which accepts from then on) and gives it the connections that waited. */
  handTo(server: http.Server): Promise<number> {
    this.listener.off('connection', this.keep);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      // listen(handle): the server takes over the listening socket itself, nothing is closed or re-bound
      server.listen(this.listener, () => {
        server.off('error', reject);
        const waiting = [...this.waiting];
        this.waiting.clear();
        for (const socket of waiting) {
          server.emit('connection', socket);
          socket.resume();
        }
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  }

  /** When the server cannot start: let the waiting connections go (they are reset, and retry elsewhere or later). */
  release(): void {
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const socket of waiting) socket.destroy();
    this.listener.close();
  }
}
