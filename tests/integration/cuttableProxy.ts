import net from 'node:net';

/**
 * A TCP relay to a server (PostgreSQL) on a port of its own, which a test can cut — every connection through it
 * ended and new ones refused, as when that server stops — and open again on the same port. It lets a test stop
 * "PostgreSQL" for its own processes while the shared PostgreSQL goes on serving everyone else. It can also freeze:
 * every connection stays open and new ones are taken, but nothing is relayed either way until it thaws, as when the
 * server's host freezes (SIGSTOP, a partition) without closing anything.
 */
export interface CuttableProxy {
  port: number;
  /** ends every relayed connection and stops listening (new connections are refused) */
  cut(): Promise<void>;
  /** listens again on the same port */
  restore(): Promise<void>;
  /** relays nothing more, either way, and closes nothing (what arrives meanwhile is held, in order) */
  freeze(): void;
  /** relays what was held, in order, and goes on relaying */
  thaw(): void;
  /**
   * Freezes the moment a client sends bytes holding `marker` (a statement's text), before they reach the server: so
   * that statement is sent and never answered until `thaw`. `frozen` resolves then; `abandoned` once that client, tired
   * of waiting, ends its connection (the end is held too, behind the statement, as a frozen server reads it on waking).
   */
  freezeAt(marker: string): { frozen: Promise<void>; abandoned: Promise<void> };
  /**
   * Cuts (as `cut`) the moment a client sends bytes holding `marker`, which never reach the server: that statement fails
   * with its connection, as when the server stops under it. Resolves then; `restore` listens again.
   */
  cutAt(marker: string): Promise<void>;
  close(): Promise<void>;
}

export async function cuttableProxy(targetHost: string, targetPort: number): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>();
  let held: (() => void)[] | null = null;
  let armed: { marker: Buffer; frozen: () => void; abandoned: () => void } | null = null;
  let cutOn: { marker: Buffer; done: () => void } | null = null;
  const relay = (client: net.Socket) => {
    const upstream = net.connect(targetPort, targetHost);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      const pass = (chunk: Buffer) => void to.write(chunk);
      from.on('data', (chunk: Buffer) => {
        if (cutOn && from === client && chunk.includes(cutOn.marker)) {
          const { done } = cutOn;
          cutOn = null;
          void stop().then(done);
          return;
        }
        if (armed && from === client && chunk.includes(armed.marker)) {
          const { frozen, abandoned } = armed;
          armed = null;
          held ??= [];
          client.once('close', abandoned);
          frozen();
        }
        if (held) held.push(() => pass(chunk));
        else pass(chunk);
      });
      from.on('end', () => (held ? held.push(() => to.end()) : to.end()));
      // (frozen, the other side learns of the end only after what was held: as a frozen server reads it on waking)
      from.on('error', () => (held ? held.push(() => to.end()) : to.destroy()));
      from.on('close', () => {
        sockets.delete(from);
        if (held) held.push(() => to.end());
        else to.destroy();
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
    freeze() {
      held ??= [];
    },
    thaw() {
      const release = held ?? [];
      held = null;
      for (const step of release) step();
    },
    freezeAt(marker) {
      let frozen = () => {};
      let abandoned = () => {};
      const promises = { frozen: new Promise<void>((resolve) => (frozen = resolve)), abandoned: new Promise<void>((resolve) => (abandoned = resolve)) };
      armed = { marker: Buffer.from(marker), frozen, abandoned };
      return promises;
    },
    cutAt: (marker) => new Promise<void>((done) => (cutOn = { marker: Buffer.from(marker), done })),
    close: () => (server.listening ? stop() : Promise.resolve()),
  };
}
