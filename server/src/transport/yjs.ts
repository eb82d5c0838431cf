import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  LIMITS,
  MalformedYjsMessage,
  WS_CLOSE,
  YJS_COMPRESS_DEFLATE_RAW,
  YJS_PARAM,
  YJS_PATH,
  decodeYjsMessage,
  encodeSyncStep1,
  type DocName,
} from '@candor/shared';
import type { RoomRegistry } from '../rooms/RoomRegistry.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { DeletedListener } from '../rooms/roomPorts.js';
import type { SignedOutListener } from '../rooms/RoomDoor.js';
import type { DocPeer } from '../rooms/RoomDocuments.js';
import type { WorkAllowance } from '../rooms/CheckedNotes.js';
import type { Logger } from '../logger.js';
import type { SampledWarnings } from '../logSampler.js';
import { TokenBucket } from './rateLimit.js';
import type { AddressBuckets } from './addressBuckets.js';
import { NotesAllowance, notesWorkPerAddress } from './notesAllowance.js';
import { SharedEncodings } from './docEncodings.js';
import { HeldPerAddress, type HeldShare } from './heldPerAddress.js';
import type { OverflowScope } from './sendBuffers.js';
import type { PausableSocket, ReadPacing } from './readPacing.js';
import { ABUSE_LIMITS } from '../abuseLimits.js';

/** After a notes message was dropped for the budget, ask the client to resend what we lack this much later. */
const RESYNC_AFTER_DROP_MS = 2_000;
/** IN-23: messages per connection (burst, then per second), and notes bytes (burst, then per second). */
export const MESSAGE_BURST = 300;
export const MESSAGES_PER_SEC = 100;
export const NOTES_BYTES_BURST = 256 * 1024;
export const NOTES_BYTES_PER_SEC = 32 * 1024;
/** IN-20: a WebSocket message larger than this closes its connection */
export const DOC_MESSAGE_MAX_BYTES = 1024 * 1024;
const ROUTE = new RegExp(`^${YJS_PATH}/([A-Za-z0-9_-]{8,64})/(board|notes)$`);

export interface YjsOptions {
  /** DO-7: bytes held unsent for one connection before it is closed (LIMITS.sendBufferBytes) */
  sendBufferBytes?: number;
  /** the framed (and compressed) updates, shared with the board document's readers over Socket.io */
  encoded?: SharedEncodings;
  /** DO-15: the client address an upgrade comes from (AB-8), which the notes connections' allowance is shared by */
  addressOf?: (req: IncomingMessage) => string;
  /** AB-11: what each address's connections hold unsent together, shared with the Socket.io connections */
  heldPerAddress?: HeldPerAddress;
  /** IN-33: what each connection sends is read at a pace, per connection and per address (shared with Socket.io) */
  readPacing?: ReadPacing;
}

/**
 * The y-websocket protocol adapter: framing, authentication (a single-use ticket, DO-6), limits. Every
 * document change goes through the room (`room.documents`), which stores it before relaying it to its
 * peers; this file only turns bytes into calls and calls into bytes. The board document is read-only for
 * every client; the notes document accepts what the room allows. Awareness is not relayed.
 */
export function attachYjs(registry: RoomRegistry, logger: Logger, warnings: SampledWarnings, options: YjsOptions = {}) {
  // The connections are kept in `open` (for `close`), not by ws's client tracking, which would add a closure to each.
  const wss = new WebSocketServer({ noServer: true, maxPayload: DOC_MESSAGE_MAX_BYTES, clientTracking: false });
  const open = new Set<WebSocket>();
  const forget = function (this: WebSocket) {
    open.delete(this);
  };
  const shared: SessionDeps = {
    registry,
    warnings,
    sendBufferBytes: options.sendBufferBytes ?? LIMITS.sendBufferBytes,
    encoded: options.encoded ?? new SharedEncodings(),
    notesWork: notesWorkPerAddress(),
    heldPerAddress: options.heldPerAddress ?? new HeldPerAddress(ABUSE_LIMITS.sendBufferBytesPerAddress),
  };

  /** Takes an upgrade under YJS_PATH that the upgrade router (`upgrades.ts`) hands over. */
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const address = options.addressOf?.(req) ?? 'unknown';
    wss.handleUpgrade(req, socket, head, (ws) => {
      open.add(ws);
      // IN-33: from its first message on, before its ticket is checked (what comes meanwhile is kept)
      options.readPacing?.watchSocket(ws as unknown as PausableSocket, address);
      // ws emits `close` once: a plain listener, without the wrapper `once` would keep per connection
      ws.on('close', forget);
      void accept(ws, url, address).catch((err) => {
        logger.error({ err }, 'yjs connection failed');
        ws.close(1011, 'internal error');
      });
    });
  }

  async function accept(ws: WebSocket, url: URL, address: string): Promise<void> {
    const match = ROUTE.exec(url.pathname);
    if (!match) return ws.close(WS_CLOSE.NOT_FOUND, 'no such document');
    const [, boardId, docName] = match as unknown as [string, string, DocName];
    const ticket = url.searchParams.get(YJS_PARAM.ticket) ?? '';
    const compress = docName === 'board' && url.searchParams.get(YJS_PARAM.compress) === YJS_COMPRESS_DEFLATE_RAW;
    // what the client sends while the board loads and its ticket is checked is kept, then read in order
    const early: unknown[] = [];
    const hold = (data: unknown) => early.push(data);
    ws.on('message', hold);
    const room = await registry.get(boardId);
    if (!room || room.deleted) return ws.close(WS_CLOSE.NOT_FOUND, 'no such board');
    const participantId = await room.redeemDocTicket(ticket, docName);
    if (!participantId) return ws.close(WS_CLOSE.UNAUTHORIZED, 'ask for a ticket over the joined session');
    ws.off('message', hold);
    if (ws.readyState !== ws.OPEN) return; // it closed while the board loaded: nothing to serve
    const work = docName === 'notes' ? new NotesAllowance(shared.notesWork.of(address)) : undefined;
    const session = new DocSession(ws, room, docName, participantId, compress, shared, address, work);
    if (!session.start()) return;
    for (const data of early) ws.emit('message', data, true);
  }

  return {
    handleUpgrade,
    close(): void {
      for (const client of open) client.terminate();
      wss.close();
    },
  };
}

/** What every document connection of the server shares. */
interface SessionDeps {
  registry: RoomRegistry;
  warnings: SampledWarnings;
  /** DO-7: bytes held unsent for one connection before it is closed */
  sendBufferBytes: number;
  encoded: SharedEncodings;
  /** DO-15: per address, what its notes connections may make the server spend */
  notesWork: AddressBuckets;
  /** AB-11: per address, what its connections hold unsent together */
  heldPerAddress: HeldPerAddress;
}

/** the session of each document connection, for the listeners every connection shares (ME-7) */
const sessionOf = new WeakMap<WebSocket, DocSession>();

function onDocMessage(this: WebSocket, data: ArrayBuffer): void {
  sessionOf.get(this)?.onMessage(data);
}

function onDocClose(this: WebSocket): void {
  sessionOf.get(this)?.onClose();
}

/** the session of each document connection's TCP socket, for the `drain` listener every connection shares */
const sessionOfSocket = new WeakMap<Duplex, DocSession>();

/** AB-11: the kernel took everything that waited: the address no longer counts it */
function onSocketDrain(this: Duplex): void {
  sessionOfSocket.get(this)?.settled();
}

/**
 * One document connection: the room's peer, and what the connection's messages become. Its state is fields of
 * one object; its socket's listeners are functions shared by every connection, and the room calls it as an object
 * (sign-out, deletion), so a connection keeps no closure or bound function of its own (issue 13, ME-7).
 */
class DocSession implements DocPeer, SignedOutListener, DeletedListener {
  /** IN-23: messages per connection */
  private readonly bucket = new TokenBucket(MESSAGE_BURST, MESSAGES_PER_SEC);
  // Notes are typed by people: 256 KiB at once and 32 KiB a second per connection is far above typing speed.
  private readonly bytes = new TokenBucket(NOTES_BYTES_BURST, NOTES_BYTES_PER_SEC);
  private malformed = 0;
  private closing = false;
  private resyncTimer: NodeJS.Timeout | undefined;
  /** in the document's peers (and the room's deletion listeners) */
  private joined = false;
  /** AB-11: this connection's part in what its address holds unsent */
  private readonly held: HeldShare;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: BoardRoom,
    private readonly docName: DocName,
    readonly participantId: string,
    private readonly compress: boolean,
    private readonly deps: SessionDeps,
    /** the client address it comes from (AB-8) */
    private readonly address: string,
    /** DO-15: a notes connection's allowance (the board document takes no updates) */
    readonly work?: WorkAllowance,
  ) {
    this.held = deps.heldPerAddress.share(address);
  }

  /** Joins the document and starts the handshake; false (and the connection closed) when the document is full. */
  start(): boolean {
    const { ws, room } = this;
    sessionOf.set(ws, this);
    ws.on('close', onDocClose);
    // JN-2/MO-1: a person signed out of the board loses its documents at once.
    room.watchDocConnection(this.participantId, this);
    if (!room.documents.join(this.docName, this)) {
      ws.close(WS_CLOSE.TOO_MANY, 'too many connections to this document');
      return false;
    }
    this.joined = true;
    room.hold();
    // BD-2: a deleted board ends its document connections.
    room.onDeleted(this);
    ws.binaryType = 'arraybuffer';
    ws.on('message', onDocMessage);
    ws.on('error', terminate);
    const raw = rawSocketOf(ws);
    if (raw) {
      sessionOfSocket.set(raw, this);
      raw.on('drain', onSocketDrain);
    }
    // Start the handshake (what the client sends back is ignored for the read-only board document).
    this.sendStep1();
    return true;
  }

  sendUpdate(update: Uint8Array): void {
    this.send(this.deps.encoded.update(update, this.compress));
  }

  encodeAhead(update: Uint8Array): void {
    this.deps.encoded.update(update, this.compress);
  }

  resync(): void {
    this.close(WS_CLOSE.RESYNC, 'not stored; reconnect and send again');
  }

  refuseCostly(reason: string): void {
    this.deps.warnings.warn('notes-update-too-costly', { board: this.room.id, reason }, 'notes update refused: too costly');
    this.close(WS_CLOSE.TOO_COSTLY, `too costly: ${reason}`.slice(0, 120));
  }

  refuseLocked(): void {
    this.close(WS_CLOSE.LOCKED, 'the board is locked');
  }

  signedOut(): void {
    this.ws.close(WS_CLOSE.FORBIDDEN, 'signed out');
  }

  boardDeleted(): void {
    this.close(WS_CLOSE.NOT_FOUND, 'board deleted');
  }

  private close(code: number, reason: string): void {
    this.closing = true;
    this.ws.close(code, reason);
  }

  /** AB-11: what this connection holds now, counted for its address (after a write, and when its socket drained) */
  settled(): void {
    this.deps.heldPerAddress.count(this.held, this.ws.bufferedAmount);
  }

  // DO-7: what we hold unsent for this socket is bounded; a reader that falls that far behind starts over. AB-11: so is
  // what its address's connections hold together; the one whose message would take it past that starts over too.
  private send(message: Uint8Array): void {
    const ws = this.ws;
    if (this.closing || ws.readyState !== ws.OPEN) return;
    const { heldPerAddress, sendBufferBytes } = this.deps;
    const held = ws.bufferedAmount + message.length;
    const total = heldPerAddress.count(this.held, held);
    if (held > sendBufferBytes) return this.tooSlow({ scope: 'connection', heldBytes: held, capBytes: sendBufferBytes });
    if (total > heldPerAddress.capBytes) return this.tooSlow({ scope: 'address', heldBytes: total, capBytes: heldPerAddress.capBytes });
    ws.send(message);
    this.settled();
  }

  /** closes a connection whose message was not written for going over `over`'s cap, and logs it (sampled, AB-9) */
  private tooSlow(over: { scope: OverflowScope; heldBytes: number; capBytes: number }): void {
    this.settled(); // the message was not written
    this.deps.warnings.warn('send-buffer-full', { code: 'TOO_SLOW', address: this.address, doc: this.docName, ...over }, 'document connection closed: it did not read what it was sent (TOO_SLOW)');
    this.close(WS_CLOSE.TOO_SLOW, 'too far behind; reconnect');
  }

  /** Sync step 1 (our state vector): the client answers with whatever we lack. */
  private sendStep1(): void {
    // (the room's document as it is now: a rebuild, CL-8, or a reveal made ready, RV-11, replaces the object)
    this.send(encodeSyncStep1(Y.encodeStateVector(this.room.documents.doc(this.docName))));
  }

  // A message dropped for going over the budget is asked for again once the budget has refilled, so an
  // honest client that pasted a lot is not left out of step (the protocol would not resend it by itself).
  private resyncLater(): void {
    this.resyncTimer ??= setTimeout(() => {
      this.resyncTimer = undefined;
      this.sendStep1();
    }, RESYNC_AFTER_DROP_MS);
  }

  // DO-5: a few malformed messages are dropped; past that the connection is closed, and warnings are sampled.
  private onMalformed(err: unknown): void {
    this.malformed++;
    this.deps.warnings.warn('bad-yjs-message', { board: this.room.id, doc: this.docName, reason: err instanceof Error ? err.message : String(err) }, 'bad yjs message dropped');
    if (this.malformed >= LIMITS.malformedDocMessages) this.close(WS_CLOSE.MALFORMED, 'too many malformed messages');
  }

  onMessage(data: ArrayBuffer): void {
    if (this.closing) return;
    if (!this.bucket.take() || !this.bytes.take(data.byteLength)) return this.docName === 'notes' ? this.resyncLater() : undefined;
    const documents = this.room.documents;
    try {
      const message = decodeYjsMessage(new Uint8Array(data));
      switch (message.type) {
        case 'step1':
          return this.send(this.deps.encoded.answer(documents.answer(this.docName, this, message.stateVector), this.compress));
        case 'step2':
        case 'update':
          return void documents.receive(this.docName, this, message.update).then(
            (verdict) => {
              if (verdict === 'malformed') this.onMalformed(new MalformedYjsMessage('update Yjs cannot apply'));
              // DO-15: dropped for the allowance, like a message over the byte budget: asked for again later
              else if (verdict === 'busy') this.resyncLater();
            },
            (err: unknown) => this.onMalformed(err),
          );
        case 'ignored':
          return;
        case 'compressed':
          throw new MalformedYjsMessage('clients do not send compressed messages');
      }
    } catch (err) {
      this.onMalformed(err);
    }
  }

  onClose(): void {
    // its socket is gone, and what it held with it
    this.deps.heldPerAddress.count(this.held, 0);
    this.room.unwatchDocConnection(this.participantId, this);
    if (!this.joined) return;
    this.joined = false;
    clearTimeout(this.resyncTimer);
    this.room.offDeleted(this);
    this.room.documents.leave(this.docName, this);
    this.room.release();
    this.deps.registry.scheduleUnload(this.room);
  }
}

function terminate(this: WebSocket): void {
  this.terminate();
}

/** the TCP socket under a `ws` WebSocket (its private `_socket`) */
function rawSocketOf(ws: WebSocket): Duplex | undefined {
  return (ws as unknown as { _socket?: Duplex })._socket;
}
