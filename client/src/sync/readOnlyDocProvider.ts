import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { WS_CLOSE, YJS_MESSAGE_COMPRESSED } from '@candor/shared';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MAX_BACKOFF_MS = 5000;
const REFUSED_CODES: readonly number[] = [WS_CLOSE.UNAUTHORIZED, WS_CLOSE.FORBIDDEN, WS_CLOSE.NOT_FOUND];

export interface ReadOnlyDocEvents {
  /** called after every change of the current document (a new one after each reconnection) */
  onUpdate: (doc: Y.Doc) => void;
  onStatus: (connected: boolean) => void;
  /** the server said no (4401/4403/4404); the provider stops until `connect()` is called again */
  onRefused: (code: number) => void;
}

/**
 * Reads a document only the server writes, over the y-websocket protocol. Every connection starts from a
 * FRESH Y.Doc: the server rebuilds its document after a restart, and merging an old copy into the new one
 * would resurrect deleted cards. Local updates are never sent.
 */
export class ReadOnlyDocProvider {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;

  constructor(
    private readonly url: string,
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
    const doc = new Y.Doc();
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;

    doc.on('update', () => {
      if (this.ws === ws) this.events.onUpdate(doc);
    });

    ws.onopen = () => {
      this.attempts = 0;
      this.events.onStatus(true);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, doc);
      ws.send(encoding.toUint8Array(encoder));
    };

    // Messages are applied strictly in arrival order, even when one has to be decompressed first.
    let applied: Promise<void> = Promise.resolve();
    ws.onmessage = (event: MessageEvent) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const bytes = new Uint8Array(event.data);
      applied = applied
        .then(async () => {
          const message = bytes[0] === YJS_MESSAGE_COMPRESSED ? await inflateRaw(bytes.subarray(1)) : bytes;
          if (this.ws === ws) applySyncMessage(message, doc);
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
      const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
      this.attempts++;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (!this.stopped) this.open();
      }, delay);
    };
  }
}

function applySyncMessage(message: Uint8Array, doc: Y.Doc): void {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_AWARENESS || type !== MESSAGE_SYNC) return;
  // The reply (our own state for the server's step 1) is not sent: this client never writes.
  const reply = encoding.createEncoder();
  encoding.writeVarUint(reply, MESSAGE_SYNC);
  syncProtocol.readSyncMessage(decoder, reply, doc, 'server');
}

/** Undoes the server's raw DEFLATE with the browser's own decompressor. */
async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
