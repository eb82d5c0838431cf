import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { deflateRawSync } from 'node:zlib';
import { WS_CLOSE, YJS_COMPRESS_MIN_BYTES, YJS_MESSAGE_COMPRESSED, YJS_PATH, type DocName } from '@candor/shared';
import type { RoomRegistry } from '../rooms/RoomRegistry.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { Logger } from '../logger.js';
import type { SampledWarnings } from '../logSampler.js';
import { TokenBucket } from './rateLimit.js';

const MESSAGE_SYNC = 0;
/** After a notes message was dropped for the budget, ask the client to resend what we lack this much later. */
const RESYNC_AFTER_DROP_MS = 2_000;
const MESSAGE_AWARENESS = 1;
const ROUTE = new RegExp(`^${YJS_PATH}/([A-Za-z0-9_-]{8,64})/(board|notes)$`);

/**
 * The y-websocket protocol, served by us so that we decide who may write. The board document is read-only
 * for every client (only the room writes it); the notes document accepts edits until the board closes.
 * Awareness is not relayed: it would only carry identities we do not need to share.
 */
export function attachYjs(registry: RoomRegistry, logger: Logger, warnings: SampledWarnings) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const connections = new Map<Y.Doc, { name: DocName; peers: Set<WebSocket>; onUpdate: (update: Uint8Array, origin: unknown) => void }>();

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
    const room = await registry.get(boardId);
    if (!room || room.deleted) return ws.close(WS_CLOSE.NOT_FOUND, 'no such board');
    const pid = url.searchParams.get('pid') ?? '';
    const secret = url.searchParams.get('secret') ?? '';
    if (!room.authenticate(pid, secret)) return ws.close(WS_CLOSE.UNAUTHORIZED, 'join the board first');
    // JN-2/MO-1: a person signed out of the board loses its documents at once.
    const unwatch = room.watchDocConnection(pid, () => ws.close(WS_CLOSE.FORBIDDEN, 'signed out'));
    ws.once('close', unwatch);
    serve(ws, room, docName);
  }

  function serve(ws: WebSocket, room: BoardRoom, docName: DocName): void {
    const doc = docName === 'board' ? room.boardDoc : room.notesDoc;
    // The board document takes nothing from clients; the notes document takes what the room allows.
    const accepts = (update: Uint8Array) => docName === 'notes' && room.acceptsNotesUpdate(update);
    const bucket = new TokenBucket(300, 100);
    // Notes are typed by people: 256 KiB at once and 32 KiB a second per connection is far above typing speed.
    const bytes = new TokenBucket(256 * 1024, 32 * 1024);
    room.hold();
    let entry = connections.get(doc);
    if (!entry) {
      const onUpdate = (update: Uint8Array, origin: unknown) => broadcast(doc, update, origin);
      entry = { name: docName, peers: new Set(), onUpdate };
      connections.set(doc, entry);
      doc.on('update', onUpdate);
    }
    const { peers } = entry;
    peers.add(ws);
    // BD-2: a deleted board ends its document connections.
    const stopListening = room.onDeleted(() => ws.close(WS_CLOSE.NOT_FOUND, 'board deleted'));

    // Sync step 1 (our state vector): the client answers with whatever we lack.
    const sendStep1 = () => {
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(step1, doc);
      if (ws.readyState === ws.OPEN) ws.send(encoding.toUint8Array(step1));
    };
    // A message dropped for going over the budget is asked for again once the budget has refilled, so an
    // honest client that pasted a lot is not left out of step (the protocol would not resend it by itself).
    let resync: NodeJS.Timeout | undefined;
    const resyncLater = () => {
      resync ??= setTimeout(() => {
        resync = undefined;
        sendStep1();
      }, RESYNC_AFTER_DROP_MS);
    };

    ws.binaryType = 'arraybuffer';
    ws.on('message', (data: ArrayBuffer) => {
      if (!bucket.take() || !bytes.take(data.byteLength)) return docName === 'notes' ? resyncLater() : undefined;
      try {
        const reply = handleMessage(new Uint8Array(data), doc, accepts, ws);
        if (reply) ws.send(docName === 'board' ? compressed(reply) : reply);
      } catch (err) {
        warnings.warn('bad-yjs-message', { err, board: room.id, doc: docName }, 'bad yjs message dropped');
      }
    });
    ws.on('close', () => {
      clearTimeout(resync);
      stopListening();
      peers.delete(ws);
      if (peers.size === 0 && connections.get(doc) === entry) {
        doc.off('update', entry!.onUpdate);
        connections.delete(doc);
      }
      room.release();
      registry.scheduleUnload(room);
    });
    ws.on('error', () => ws.terminate());

    // Start the handshake (what the client sends back is ignored for the read-only board document).
    sendStep1();
  }

  function broadcast(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
    const entry = connections.get(doc);
    if (!entry || entry.peers.size === 0) return;
    const peers = entry.peers;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    // Encoded (and, for the board document, compressed) once; every socket gets the same bytes.
    const plain = encoding.toUint8Array(encoder);
    const message = entry.name === 'board' ? compressed(plain) : plain;
    for (const peer of peers) if (peer !== origin && peer.readyState === peer.OPEN) peer.send(message);
  }

  return {
    handleUpgrade,
    close(): void {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/** Answers one y-websocket message; drops writes to read-only documents. Returns the reply, if any. */
function handleMessage(message: Uint8Array, doc: Y.Doc, accepts: (update: Uint8Array) => boolean, origin: WebSocket): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_AWARENESS) return null;
  if (type !== MESSAGE_SYNC) return null;
  const syncType = decoding.readVarUint(decoder);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1:
      syncProtocol.writeSyncStep2(encoder, doc, decoding.readVarUint8Array(decoder));
      return encoding.toUint8Array(encoder);
    case syncProtocol.messageYjsSyncStep2:
    case syncProtocol.messageYjsUpdate: {
      const update = decoding.readVarUint8Array(decoder);
      if (accepts(update)) Y.applyUpdate(doc, update, origin);
      return null;
    }
    default:
      return null;
  }
}

/**
 * A large board-document message, compressed once with raw DEFLATE behind our own message type (see
 * YJS_MESSAGE_COMPRESSED). Only our read-only board client reads it; the notes document stays plain
 * y-websocket so any stock provider can edit it.
 */
function compressed(message: Uint8Array): Uint8Array {
  if (message.length < YJS_COMPRESS_MIN_BYTES) return message;
  const body = deflateRawSync(message, { level: 1 });
  const out = new Uint8Array(body.length + 1);
  out[0] = YJS_MESSAGE_COMPRESSED;
  out.set(body, 1);
  return out;
}
