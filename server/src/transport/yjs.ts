import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  LIMITS,
  MalformedYjsMessage,
  WS_CLOSE,
  YJS_COMPRESS_DEFLATE_RAW,
  YJS_COMPRESS_MIN_BYTES,
  YJS_PARAM,
  YJS_PATH,
  decodeYjsMessage,
  encodeCompressed,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type DocName,
} from '@candor/shared';
import type { RoomRegistry } from '../rooms/RoomRegistry.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { DocPeer } from '../rooms/RoomDocuments.js';
import type { Logger } from '../logger.js';
import type { SampledWarnings } from '../logSampler.js';
import { TokenBucket } from './rateLimit.js';

/** After a notes message was dropped for the budget, ask the client to resend what we lack this much later. */
const RESYNC_AFTER_DROP_MS = 2_000;
/** IN-23: messages per connection (burst, then per second), and notes bytes (burst, then per second). */
const MESSAGE_BURST = 300;
const MESSAGES_PER_SEC = 100;
const NOTES_BYTES_BURST = 256 * 1024;
const NOTES_BYTES_PER_SEC = 32 * 1024;
const ROUTE = new RegExp(`^${YJS_PATH}/([A-Za-z0-9_-]{8,64})/(board|notes)$`);

export interface YjsOptions {
  /** DO-7: bytes held unsent for one connection before it is closed (LIMITS.sendBufferBytes) */
  sendBufferBytes?: number;
}

/**
 * The y-websocket protocol adapter: framing, authentication (a single-use ticket, DO-6), limits. Every
 * document change goes through the room (`room.documents`), which stores it before relaying it to its
 * peers; this file only turns bytes into calls and calls into bytes. The board document is read-only for
 * every client; the notes document accepts what the room allows. Awareness is not relayed.
 */
export function attachYjs(registry: RoomRegistry, logger: Logger, warnings: SampledWarnings, options: YjsOptions = {}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const sendBufferBytes = options.sendBufferBytes ?? LIMITS.sendBufferBytes;
  const encoded = new SharedEncodings();

  /** Takes an upgrade under YJS_PATH that the upgrade router (`upgrades.ts`) hands over. */
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    wss.handleUpgrade(req, socket, head, (ws) => {
      void accept(ws, url).catch((err) => {
        logger.error({ err }, 'yjs connection failed');
        ws.close(1011, 'internal error');
      });
    });
  }

  async function accept(ws: WebSocket, url: URL): Promise<void> {
    const match = ROUTE.exec(url.pathname);
    if (!match) return ws.close(WS_CLOSE.NOT_FOUND, 'no such document');
    const [, boardId, docName] = match as unknown as [string, string, DocName];
    // what the client sends while the board loads and its ticket is checked is kept, then read in order
    const early: unknown[] = [];
    const hold = (data: unknown) => early.push(data);
    ws.on('message', hold);
    const room = await registry.get(boardId);
    if (!room || room.deleted) return ws.close(WS_CLOSE.NOT_FOUND, 'no such board');
    const participantId = await room.redeemDocTicket(url.searchParams.get(YJS_PARAM.ticket) ?? '', docName);
    if (!participantId) return ws.close(WS_CLOSE.UNAUTHORIZED, 'ask for a ticket over the joined session');
    const compress = docName === 'board' && url.searchParams.get(YJS_PARAM.compress) === YJS_COMPRESS_DEFLATE_RAW;
    // JN-2/MO-1: a person signed out of the board loses its documents at once.
    const unwatch = room.watchDocConnection(participantId, () => ws.close(WS_CLOSE.FORBIDDEN, 'signed out'));
    ws.once('close', unwatch);
    serve(ws, room, docName, participantId, compress);
    ws.off('message', hold);
    for (const data of early) ws.emit('message', data, true);
  }

  function serve(ws: WebSocket, room: BoardRoom, docName: DocName, participantId: string, compress: boolean): void {
    const documents = room.documents;
    const doc = documents.doc(docName);
    const bucket = new TokenBucket(MESSAGE_BURST, MESSAGES_PER_SEC);
    // Notes are typed by people: 256 KiB at once and 32 KiB a second per connection is far above typing speed.
    const bytes = new TokenBucket(NOTES_BYTES_BURST, NOTES_BYTES_PER_SEC);
    let malformed = 0;
    let closing = false;

    const close = (code: number, reason: string) => {
      closing = true;
      ws.close(code, reason);
    };
    // DO-7: what we hold unsent for this socket is bounded; a reader that falls that far behind starts over.
    const send = (message: Uint8Array) => {
      if (closing || ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount + message.length > sendBufferBytes) return close(WS_CLOSE.TOO_SLOW, 'too far behind; reconnect');
      ws.send(message);
    };
    const peer: DocPeer = {
      participantId,
      sendUpdate: (update) => send(encoded.update(update, compress)),
      resync: () => close(WS_CLOSE.RESYNC, 'not stored; reconnect and send again'),
    };
    if (!documents.join(docName, peer)) return ws.close(WS_CLOSE.TOO_MANY, 'too many connections to this document');
    room.hold();
    // BD-2: a deleted board ends its document connections.
    const stopListening = room.onDeleted(() => close(WS_CLOSE.NOT_FOUND, 'board deleted'));

    // Sync step 1 (our state vector): the client answers with whatever we lack.
    const sendStep1 = () => send(encodeSyncStep1(Y.encodeStateVector(doc)));
    // A message dropped for going over the budget is asked for again once the budget has refilled, so an
    // honest client that pasted a lot is not left out of step (the protocol would not resend it by itself).
    let resync: NodeJS.Timeout | undefined;
    const resyncLater = () => {
      resync ??= setTimeout(() => {
        resync = undefined;
        sendStep1();
      }, RESYNC_AFTER_DROP_MS);
    };
    // DO-5: a few malformed messages are dropped; past that the connection is closed, and warnings are sampled.
    const onMalformed = (err: unknown) => {
      malformed++;
      warnings.warn('bad-yjs-message', { board: room.id, doc: docName, reason: err instanceof Error ? err.message : String(err) }, 'bad yjs message dropped');
      if (malformed >= LIMITS.malformedDocMessages) close(WS_CLOSE.MALFORMED, 'too many malformed messages');
    };

    ws.binaryType = 'arraybuffer';
    ws.on('message', (data: ArrayBuffer) => {
      if (closing) return;
      if (!bucket.take() || !bytes.take(data.byteLength)) return docName === 'notes' ? resyncLater() : undefined;
      try {
        const message = decodeYjsMessage(new Uint8Array(data));
        switch (message.type) {
          case 'step1':
            return send(encoded.answer(documents.answer(docName, peer, message.stateVector), compress));
          case 'step2':
          case 'update':
            return void documents.receive(docName, peer, message.update).then((verdict) => {
              if (verdict === 'malformed') onMalformed(new MalformedYjsMessage('update Yjs cannot apply'));
            }, onMalformed);
          case 'ignored':
            return;
          case 'compressed':
            throw new MalformedYjsMessage('clients do not send compressed messages');
        }
      } catch (err) {
        onMalformed(err);
      }
    });
    ws.on('close', () => {
      clearTimeout(resync);
      stopListening();
      documents.leave(docName, peer);
      room.release();
      registry.scheduleUnload(room);
    });
    ws.on('error', () => ws.terminate());

    // Start the handshake (what the client sends back is ignored for the read-only board document).
    sendStep1();
  }

  return {
    handleUpgrade,
    close(): void {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/**
 * Each update (and each whole-document answer) is framed, and compressed for clients that asked, once: the
 * room hands every peer the same bytes, so the encodings are remembered by those bytes.
 */
class SharedEncodings {
  private readonly updates = new WeakMap<Uint8Array, Framed>();
  private readonly answers = new WeakMap<Uint8Array, Framed>();

  update(update: Uint8Array, compress: boolean): Uint8Array {
    return this.framed(this.updates, update, encodeUpdate, compress);
  }

  answer(update: Uint8Array, compress: boolean): Uint8Array {
    return this.framed(this.answers, update, encodeSyncStep2, compress);
  }

  private framed(cache: WeakMap<Uint8Array, Framed>, update: Uint8Array, frame: (u: Uint8Array) => Uint8Array, compress: boolean): Uint8Array {
    let entry = cache.get(update);
    if (!entry) {
      entry = { plain: frame(update) };
      cache.set(update, entry);
    }
    if (!compress || entry.plain.length < YJS_COMPRESS_MIN_BYTES) return entry.plain;
    entry.compressed ??= encodeCompressed(deflateRawSync(entry.plain, { level: 1 }));
    return entry.compressed;
  }
}

interface Framed {
  plain: Uint8Array;
  compressed?: Uint8Array;
}
