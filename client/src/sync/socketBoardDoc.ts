import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { type Ack, type ClientToServerEvents, type ServerToClientEvents, decodeYjsMessage, encodeSyncStep1 } from '@candor/shared';

type CandorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const MAX_BACKOFF_MS = 5000;
/** Refusals after which asking again is pointless until the next join. */
const UNTIL_NEXT_JOIN: readonly string[] = ['NOT_JOINED', 'TOO_MANY_CONNECTIONS'];

export interface SocketBoardDocEvents {
  /** called after every change of the current document (a new one after each join) */
  onUpdate: (doc: Y.Doc) => void;
  /** the server will not send the board to this connection until it joins again */
  onRefused: (ack: Ack) => void;
}

/**
 * DO-10: reads the board document, which only the server writes, over the joined Socket.io connection: after
 * each join a FRESH Y.Doc asks for everything with a sync step 1 (binary `board.doc`), and the server's answer and
 * every later change arrive as `board.doc` events on the same connection, in order. A fresh copy each time
 * because the server rebuilds its document after a restart, and merging an old copy into the new one would
 * resurrect deleted cards. Local updates are never sent.
 */
export class SocketBoardDoc {
  private doc: Y.Doc | null = null;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** messages are applied strictly in arrival order, even when one has to be decompressed first */
  private applied: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: CandorSocket,
    private readonly events: SocketBoardDocEvents,
  ) {
    socket.on('board.doc', (data) => this.receive(data as Uint8Array | ArrayBuffer));
  }

  /** After a join: start from a fresh copy and ask for the board. */
  start(): void {
    this.stop();
    const doc = new Y.Doc();
    this.doc = doc;
    this.attempts = 0;
    // 'afterTransaction', not 'update': with an 'update' listener Yjs encodes every applied update again for it
    // (on a reveal, the whole board once more), and nothing here reads those bytes.
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const changed = transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0;
      if (changed && this.doc === doc) this.events.onUpdate(doc);
    });
    this.ask(doc);
  }

  /** The connection ended or was signed out: what arrives from now on belongs to the next join. */
  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.doc?.destroy();
    this.doc = null;
  }

  private ask(doc: Y.Doc): void {
    this.socket.timeout(10_000).emit('board.doc', encodeSyncStep1(Y.encodeStateVector(doc)), (err: Error | null, ack: Ack) => {
      if (this.doc !== doc) return;
      if (!err && ack.ok) return;
      if (!err && !ack.ok && UNTIL_NEXT_JOIN.includes(ack.code)) return this.events.onRefused(ack);
      // DO-9: refused for now (RATE_LIMITED) or not answered: ask again, backing off
      const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempts++) * (0.75 + Math.random() * 0.5);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.doc === doc && this.socket.connected) this.ask(doc);
      }, delay);
    });
  }

  private receive(data: Uint8Array | ArrayBuffer): void {
    const doc = this.doc;
    if (!doc) return;
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    this.applied = this.applied
      .then(async () => {
        let message = decodeYjsMessage(bytes);
        if (message.type === 'compressed') message = decodeYjsMessage(await inflateRaw(message.deflated));
        if (this.doc === doc && (message.type === 'step2' || message.type === 'update')) Y.applyUpdate(doc, message.update, 'server');
      })
      .catch(() => {
        // a message we cannot read leaves this copy incomplete: start over with a fresh one
        if (this.doc === doc) this.start();
      });
  }
}

/** Undoes the server's raw DEFLATE with the browser's own decompressor. */
async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
