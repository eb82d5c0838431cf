import * as Y from 'yjs';
import { WS_CLOSE, decodeYjsMessage, encodeSyncStep1 } from '@candor/shared';

const MAX_BACKOFF_MS = 5000;
/** Closes after which retrying is pointless until the session has joined again (DO-6 tickets come from there). */
const REFUSED_CODES: readonly number[] = [WS_CLOSE.FORBIDDEN, WS_CLOSE.NOT_FOUND, WS_CLOSE.MALFORMED];

export interface ReadOnlyDocEvents {
  /** called after every change of the current document (a new one after each reconnection) */
  onUpdate: (doc: Y.Doc) => void;
  onStatus: (connected: boolean) => void;
  /** the server said no (4403/4404/4400), or no ticket was to be had; the provider stops until `connect()` */
  onRefused: (code: number) => void;
}

/**
 * Reads a document only the server writes, over the y-websocket protocol. Every connection starts from a
 * FRESH Y.Doc: the server rebuilds its document after a restart, and merging an old copy into the new one
 * would resurrect deleted cards. Local updates are never sent. Each connection opens with a URL made
 * for it (a fresh single-use ticket, DO-6); null means there is none to be had now.
 */
export class ReadOnlyDocProvider {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;

  constructor(
    private readonly url: () => Promise<string | null>,
    private readonly events: ReadOnlyDocEvents,
  ) {}

  get running(): boolean {
    return !this.stopped;
  }

  connect(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  destroy(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }

  private open(): void {
    void this.url().then(
      (url) => {
        if (this.stopped) return;
        if (url) return this.openAt(url);
        this.stopped = true;
        this.events.onRefused(WS_CLOSE.UNAUTHORIZED);
      },
      () => this.retryLater(),
    );
  }

  private openAt(url: string): void {
    const doc = new Y.Doc();
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;

    // 'afterTransaction', not 'update': with an 'update' listener Yjs encodes every applied update again for it
    // (on a reveal, the whole board once more), and nothing here reads those bytes.
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const changed = transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0;
      if (changed && this.ws === ws) this.events.onUpdate(doc);
    });

    ws.onopen = () => {
      this.events.onStatus(true);
      ws.send(encodeSyncStep1(Y.encodeStateVector(doc)));
    };

    // Messages are applied strictly in arrival order, even when one has to be decompressed first.
    let applied: Promise<void> = Promise.resolve();
    ws.onmessage = (event: MessageEvent) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const bytes = new Uint8Array(event.data);
      applied = applied
        .then(async () => {
          let message = decodeYjsMessage(bytes);
          if (message.type === 'compressed') message = decodeYjsMessage(await inflateRaw(message.deflated));
          // Our answer to the server's step 1 is not sent: this client never writes.
          if (this.ws === ws && (message.type === 'step2' || message.type === 'update')) Y.applyUpdate(doc, message.update, 'server');
          this.attempts = 0; // served: the next trouble starts the backoff afresh
        })
        .catch(() => ws.close());
    };

    ws.onclose = (event: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      doc.destroy();
      this.events.onStatus(false);
      if (this.stopped) return;
      if (REFUSED_CODES.includes(event.code)) {
        this.stopped = true;
        this.events.onRefused(event.code);
        return;
      }
      // Anything else (RESYNC, TOO_SLOW, a ticket that expired, a lost network): start over with a fresh copy.
      this.retryLater();
    };
  }

  private retryLater(): void {
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
    this.attempts++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }
}

/** Undoes the server's raw DEFLATE with the browser's own decompressor. */
async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
