import net from 'node:net';

/**
 * A TCP relay to a server (PostgreSQL) on a port of its own, which a test can cut — every connection through it
 * ended and new ones refused, as when that server stops — and open again on the same port. It lets a test stop
 * "PostgreSQL" for its own processes while the shared PostgreSQL goes on serving everyone else.
 */
export interface CuttableProxy {
  port: number;
  /** ends every relayed connection and stops listening (new connections are refused) */
  cut(): Promise<void>;
  /** listens again on the same port */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function cuttableProxy(targetHost: string, targetPort: number): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>();
  const relay = (client: net.Socket) => {
    const upstream = net.connect(targetPort, targetHost);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  };
  let server = net.createServer(relay);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    port,
    cut: stop,
    async restore() {
      server = net.createServer(relay);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close: () => (server.listening ? stop() : Promise.resolve()),
  };
}
