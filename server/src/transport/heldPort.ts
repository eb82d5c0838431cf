import net from 'node:net';
import type http from 'node:http';

/**
 * DU-6: the port, taken before the server loads its modules and opens its data. A connection that arrives
 * meanwhile is accepted and left unread (`pauseOnConnect`) until the server is ready, then served as if it had
 * arrived then. A restarted server is thus never "refused" to the clients that were on it: a refused Socket.io
 * client waits its backoff (1 to 5 s in the browser) before trying again, and hundreds of them retrying while
 * the server starts take the CPU it starts with (issue 13).
 */
export class HeldPort {
  private readonly waiting = new Set<net.Socket>();

  private constructor(private readonly listener: net.Server) {
    listener.on('connection', this.keep);
  }

  static take(port: number, host?: string): Promise<HeldPort> {
    const listener = net.createServer({ pauseOnConnect: true });
    return new Promise((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, host, () => {
        listener.off('error', reject);
        resolve(new HeldPort(listener));
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
    this.waiting.add(socket);
    // one that gives up while waiting is dropped, so a long start does not keep dead sockets
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
    for (const socket of this.waiting) socket.destroy();
    this.waiting.clear();
    this.listener.close();
  }
}
