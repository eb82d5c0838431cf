import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server, type Socket } from 'socket.io';
import { WebSocketServer } from 'ws';
import {
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
  CardMovingSignal,
  type CardsMovingBatch,
  type PersonalView,
  type SignOutReason,
  Command,
  DocTicketRequest,
  HandshakeAuth,
  LIMITS,
  PROTOCOL_VERSION,
  describeIssues,
  fail,
  movingRefusal,
} from '@candor/shared';
import type { RoomRegistry } from '../rooms/RoomRegistry.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { RoomSocket } from '../rooms/roomPorts.js';
import type { Logger } from '../logger.js';
import { SharedTokenBucket, TokenBucket } from './rateLimit.js';
import { AddressBuckets } from './addressBuckets.js';
import { ABUSE_LIMITS } from '../abuseLimits.js';
import type { ConnectionCounts } from './connectionGuards.js';
import { MovingCards } from './movingCards.js';
import { BoardDocPackets, type EncodedBoardDoc, type EngineConnection, writeBoardDoc } from './boardDocPackets.js';
import { type BoardDocDeps, type BoardDocSocket, type SocketBoardDoc, receiveBoardDoc, stopBoardDoc } from './socketBoardDoc.js';
import { fitComponentListeners, fitList, fitListenerTable, fitListeners } from './fittedLists.js';
import { SendBuffers, type SendingConnection } from './sendBuffers.js';
import type { HeldPerAddress } from './heldPerAddress.js';
import type { ReadPacing, ReceivingConnection } from './readPacing.js';

/**
 * What a connection keeps. `participantId`: who it joined as (MV-1 checks it; set by a successful join, cleared by
 * a sign-out); `bucket`: its commands and requests (60 at once, then 20 a second, and its address's, AB-14); `movingBucket`: MV-3, from the
 * first move on; `session`: the connection as its room sees it; `boardDoc`: DO-10, while it reads the board document;
 * `malformedDoc`: DO-11, malformed `board.doc` messages so far.
 */
type SocketData = {
  room: BoardRoom;
  participantId?: string;
  bucket: TokenBucket;
  movingBucket?: TokenBucket;
  session: SocketSession;
  boardDoc?: SocketBoardDoc;
  malformedDoc?: number;
};
type CandorSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** the parts of an engine.io socket used here */
interface EngineSocket extends SendingConnection, ReceivingConnection {
  request: IncomingMessage | null;
  transport: SendingConnection['transport'] &
    ReceivingConnection['transport'] & { name: string; socket?: UpgradedWebSocket & { _socket?: Duplex }; removeAllListeners(event: 'headers'): void };
  on(event: 'close', listener: (this: EngineSocket) => void): void;
  on(event: 'packetCreate', listener: (this: SendingConnection, packet: { data?: unknown }) => void): void;
  on(event: 'packet', listener: (this: ReceivingConnection, packet: { data?: unknown }) => void): void;
}

/**
 * ME-16: what every socket's `acks` becomes. Socket.io keeps the callbacks of the server's own emits that ask the
 * client for an answer there (a Map per connection, ~180 bytes); Candor's server never asks, so every socket shares
 * one that stays empty: an ack a client sends unasked finds nothing, as before. Asking would be a programming error
 * that would mix connections' callbacks, so it throws.
 */
class NoServerAcks extends Map<number, unknown> {
  override set(): never {
    throw new Error('Candor emits nothing that asks a client for an ack (ME-16)');
  }
}
/** IN-19: a Socket.io message larger than this closes its connection */
export const SOCKET_MESSAGE_MAX_BYTES = 64 * 1024;
const NO_SERVER_ACKS = new NoServerAcks();

/** what every socket's `handshake` becomes once the connection middleware read it */
const HANDSHAKE_READ: CandorSocket['handshake'] = Object.freeze({ headers: {}, time: '', address: '', xdomain: false, secure: false, issued: 0, url: '', query: {}, auth: {} });

/**
 * CL-13: the one room-wide emit ("being moved") crossing to other processes. Over the cluster's Redis pub/sub
 * rather than a Socket.io adapter: the streams adapter keeps what it relays in a Redis stream (CL-5).
 */
export interface MovingElsewhere {
  publishMoving(boardId: string, batch: CardsMovingBatch): void;
  onMoving(listener: (boardId: string, batch: CardsMovingBatch) => void): void;
}

/** Socket.io adapter: parse, rate-limit, hand the typed command to the room, ack once. Nothing else. */
export function attachSocketIo(
  httpServer: HttpServer,
  registry: RoomRegistry,
  logger: Logger,
  now: () => number,
  guards: {
    addressOf: (req: IncomingMessage) => string;
    connections: ConnectionCounts;
    sendBufferBytes?: number;
    /** AB-11: what each address's connections hold unsent together, shared with the document connections */
    heldPerAddress: HeldPerAddress;
    /** IN-33: MAX_READ_BYTES_PER_ADDRESS */
    /** AB-14: MAX_COMMANDS_PER_ADDRESS, commands and requests a second of all an address's connections together */
    commandsPerSecondPerAddress: number;
    /** IN-33: what each connection sends is paced, per connection and per address (shared with the documents) */
    readPacing: ReadPacing;
    /** CL-13: with several processes, "being moved" batches also go to (and come from) the others */
    movingElsewhere?: MovingElsewhere | null;
    /** DO-10: what reading the board document over a socket shares */
    boardDoc: BoardDocDeps;
    /** RC-14: PING_INTERVAL_MS and PING_TIMEOUT_MS (`HEARTBEAT` unless set, resolved by the app) */
    heartbeat: { pingIntervalMs: number; pingTimeoutMs: number };
  },
) {
  const sendBufferBytes = guards.sendBufferBytes ?? LIMITS.sendBufferBytes;
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    maxHttpBufferSize: SOCKET_MESSAGE_MAX_BYTES,
    serveClient: false,
    // ME-6: the `ws` Candor depends on (8.23), not engine.io's own (8.21), whose receiver keeps a view into the
    // last chunk it read (the last frame's mask) for as long as the connection is idle.
    wsEngine: WebSocketServer,
    // y-websocket shares the port: leave upgrades that are not ours alone.
    destroyUpgrade: false,
    // RC-14: a silent connection is let go within 9 s of its last answer (why no sooner, and what it costs: heartbeat.ts)
    pingInterval: guards.heartbeat.pingIntervalMs,
    pingTimeout: guards.heartbeat.pingTimeoutMs,
    // AB-2: a connection that has not joined a namespace within the handshake time is closed.
    connectTimeout: ABUSE_LIMITS.handshakeTimeoutMs,
    // AB-12: WebSocket only, as Candor's client connects. Long-polling would hand each poll's packets to an HTTP
    // response that a client need not read, outside what DO-7 and AB-11 count; its handshake is answered 400. (AB-3
    // counts and refuses WebSocket upgrades in the upgrade router, before engine.io sees them.)
    transports: ['websocket'],
  });

  // AB-14: every connection's requests also take from its address's bucket
  const commandsPerAddress = new AddressBuckets({
    burst: guards.commandsPerSecondPerAddress * ABUSE_LIMITS.commandBurstSeconds,
    perSecond: guards.commandsPerSecondPerAddress,
    maxAddresses: ABUSE_LIMITS.addressesTracked,
    now,
  });
  /** the client address of each engine connection, read from its handshake (AB-4 counts joins by it) */
  const addresses = new WeakMap<object, string>();
  // DO-7: every packet queued for a connection (acks and error answers too) counts against its cap, and AB-11 against
  // its address's; one over either is closed. A client can cause this at will, so its warning is sampled (AB-9).
  const sendBuffers = new SendBuffers(sendBufferBytes, guards.heldPerAddress, (conn, heldBytes, scope) =>
    guards.boardDoc.warnings.warn(
      'send-buffer-full',
      { code: 'TOO_SLOW', address: addresses.get(conn) ?? 'unknown', scope, heldBytes, capBytes: scope === 'address' ? guards.heldPerAddress.capBytes : sendBufferBytes },
      'Socket.io connection closed: it did not read what it was sent (TOO_SLOW)',
    ),
  );
  io.engine.on('flush', (conn: SendingConnection, writeBuffer: unknown[]) => sendBuffers.flushed(conn, writeBuffer.length));
  // engine.io emits `drain` right after a flush handed the packets to the WebSocket: what the kernel did not take is left
  io.engine.on('drain', (conn: SendingConnection) => sendBuffers.settled(conn));
  // ME-1, Socket.io's own advice for many connections: once the handshake is read, drop the HTTP request that
  // engine.io would otherwise keep for the connection's lifetime (we never use socket.request).
  io.engine.on('connection', (rawSocket: EngineSocket) => {
    const address = guards.addressOf(rawSocket.request!);
    addresses.set(rawSocket, address);
    dropPreUpgradeErrorListener(rawSocket.transport.socket);
    rawSocket.on('close', terminateTransport);
    sendBuffers.watch(rawSocket, address);
    // IN-33: what it sends is paced before Socket.io decodes it
    guards.readPacing.watch(rawSocket, address);
    rawSocket.request = null;
    // ME-14: lists this connection filled while it opened, at their exact length (its TCP socket's `close`
    // listeners are complete once the WebSocket took the socket)
    fitListeners(rawSocket, 'close');
    fitList(rawSocket, 'cleanupFn');
    fitListeners(rawSocket.transport.socket?._socket, 'close');
    // engine.io gives every transport a `headers` listener (cookies for long-polling responses); a WebSocket
    // transport never emits `headers`. Without it, its listener table is made again for the five events left.
    rawSocket.transport.removeAllListeners('headers');
    fitListenerTable(rawSocket.transport);
  });

  io.use(async (socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error('INVALID_INPUT'));
    if (auth.data.protocolVersion !== PROTOCOL_VERSION) return next(new Error('PROTOCOL_MISMATCH'));
    const room = await registry.get(auth.data.boardId).catch((err) => {
      logger.error({ err }, 'board load failed');
      return null;
    });
    if (!room) return next(new Error('BOARD_NOT_FOUND'));
    socket.data.room = room;
    // Socket.io keeps a copy of the handshake (its time as text, address, query, auth) per socket; what we need
    // of it is read above and nothing reads it later, so every socket points at one shared, empty record.
    (socket as { handshake: CandorSocket['handshake'] }).handshake = HANDSHAKE_READ;
    next();
  });

  const boardDocPackets = new BoardDocPackets(io.encoder);

  /**
   * MV-1: a "being moved" batch goes to the connections of the people joined to the board, encoded once. ME-15:
   * the room knows them already; a Socket.io room of them cost a set and a map entry per connection.
   */
  const relayMoving = (room: BoardRoom, batch: CardsMovingBatch) => {
    const encoded = boardDocPackets.event('cards.moving', batch);
    for (const socket of room.joinedSockets()) if (socket instanceof SocketSession) socket.write(encoded);
  };

  /** MV-1: one relay per loaded board; it goes with the board */
  const moving = new WeakMap<BoardRoom, MovingCards>();
  const movingOf = (room: BoardRoom) => {
    let relay = moving.get(room);
    if (!relay) {
      relay = new MovingCards((batch) => {
        relayMoving(room, batch);
        guards.movingElsewhere?.publishMoving(room.id, batch);
      }, now);
      moving.set(room, relay);
    }
    return relay;
  };

  guards.movingElsewhere?.onMoving((boardId, batch) => {
    const room = registry.peek(boardId);
    if (room) relayMoving(room, batch);
  });
  const handlers = socketHandlers({
    registry,
    logger,
    now,
    movingOf,
    boardDoc: guards.boardDoc,
    droppedConnection: (socket) => moving.get(socket.data.room)?.dropConnection(socket.id),
  });

  // Memory per connection (issue 13): a connection holds its state as data (`socket.data`, a `SocketSession`); its listeners are the same
  // functions for every socket (called with the socket as `this`), so no connection keeps closures of its own. ME-10: every event a
  // client sends goes through one of them (`event`), so a socket's own listener table holds `disconnect` alone.
  io.on('connection', (socket: CandorSocket) => {
    const address = addresses.get(socket.conn) ?? 'unknown';
    socket.data.bucket = new SharedTokenBucket(ABUSE_LIMITS.commandBurstPerConnection, ABUSE_LIMITS.commandsPerSecondPerConnection, now, commandsPerAddress.of(address));
    socket.data.session = new SocketSession(socket, address, sendBuffers, handlers.signedOut, boardDocPackets);
    socket.data.room.attach(socket.data.session);
    socket.onAny(handlers.event);
    socket.on('disconnect', handlers.disconnect);
    (socket as unknown as { acks: Map<number, unknown> }).acks = NO_SERVER_ACKS;
    // ME-14: the `onAny` list and the decoder's listeners, at their exact length
    fitList(socket, '_anyListeners');
    fitComponentListeners((socket.client as unknown as { decoder?: object }).decoder, 'decoded');
    // ME-12: Socket.io put the connection in a room of its own (for `io.to(socketId)`, never used here): a set and a
    // map entry per connection. `leave` would keep the connection's (then empty) set of rooms; this drops it too.
    // ME-15: nor is a joined one in any room ("being moved" goes through the board's room).
    socket.nsp.adapter.delAll(socket.id);
  });

  return io;
}

/** The listeners every Socket.io connection shares; each is called with its socket as `this`. */
function socketHandlers(deps: {
  registry: RoomRegistry;
  logger: Logger;
  now: () => number;
  movingOf: (room: BoardRoom) => MovingCards;
  boardDoc: BoardDocDeps;
  droppedConnection: (socket: CandorSocket) => void;
}) {
  const { registry, logger, now, movingOf } = deps;
  /** JN-2 / MO-1: the connection is no longer anyone's; it stops receiving "being moved" */
  const signedOut = (socket: CandorSocket) => {
    stopBoardDoc(socket.data.session);
    socket.data.participantId = undefined;
    deps.droppedConnection(socket);
  };
  const handlers = {
    signedOut,
    /** ME-10: the one listener for every event a client sends (Socket.io's `onAny`), known or not */
    event(this: CandorSocket, event: unknown, ...args: unknown[]): void {
      switch (event) {
        case 'cmd':
          return handlers.cmd.call(this, args[0], args[1]);
        case 'time.sync':
          return handlers.timeSync.call(this, args[0]);
        case 'doc.ticket':
          return handlers.docTicket.call(this, args[0], args[1]);
        case 'card.moving':
          return handlers.cardMoving.call(this, args[0], args[1]);
        case 'board.doc':
          return handlers.boardDoc.call(this, args[0], args[1]);
        default:
          return handlers.unknownEvent.call(this, event, args[args.length - 1]);
      }
    },
    /** IN-13: any other event is refused, from the same request budget as commands (IN-18) */
    unknownEvent(this: CandorSocket, event: unknown, ack: unknown) {
      if (typeof ack !== 'function') return;
      const reply = ack as (result: Ack) => void;
      if (!this.data.bucket.take()) return reply(fail('RATE_LIMITED', 'Too many requests.'));
      reply(fail('UNKNOWN_EVENT', `Unknown event "${String(event).slice(0, 40)}".`));
    },
    cmd(this: CandorSocket, payload: unknown, ack: unknown) {
      if (typeof ack !== 'function') return; // nobody to answer: drop it
      const reply = ack as (result: Ack) => void;
      if (!this.data.bucket.take()) return reply(fail('RATE_LIMITED', 'Too many changes at once; slow down a little.'));
      const parsed = Command.safeParse(payload);
      if (!parsed.success) return reply(fail('INVALID_INPUT', describeIssues(parsed.error)));
      const command = parsed.data;
      const room = this.data.room;
      room.handle(this.id, command).then((result) => {
        if (command.type === 'join' && result.ok) {
          // DO-10: a join starts over: the browser reads the board afresh (and maybe as someone else now)
          stopBoardDoc(this.data.session);
          this.data.participantId = command.participantId;
        }
        reply(result);
      }, (err) => {
        logger.error({ err }, 'unexpected command failure');
        reply(fail('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
      });
    },
    timeSync(this: CandorSocket, ack: unknown) {
      if (typeof ack !== 'function') return;
      if (!this.data.bucket.take()) return (ack as (r: Ack) => void)(fail('RATE_LIMITED', 'Too many requests.'));
      (ack as (r: Ack) => void)({ ok: true, data: { serverNow: now() } });
    },
    docTicket(this: CandorSocket, payload: unknown, ack: unknown) {
      if (typeof ack !== 'function') return;
      const reply = ack as (result: Ack) => void;
      if (!this.data.bucket.take()) return reply(fail('RATE_LIMITED', 'Too many requests.'));
      const parsed = DocTicketRequest.safeParse(payload);
      if (!parsed.success) return reply(fail('INVALID_INPUT', describeIssues(parsed.error)));
      reply(this.data.room.issueDocTicket(this.id, parsed.data.doc));
    },
    // MV-1, MV-2: "I picked up / put down this card", relayed to the board without a name.
    cardMoving(this: CandorSocket, payload: unknown, ack: unknown) {
      if (typeof ack !== 'function') return;
      const reply = ack as (result: Ack) => void;
      // made at the first move (a bucket starts full either way): nobody moves cards while people write
      this.data.movingBucket ??= new TokenBucket(LIMITS.movingBurst, LIMITS.movingPerSecond, now);
      if (!this.data.movingBucket.take()) return reply(fail('RATE_LIMITED', 'Too many moves at once; slow down a little.'));
      const parsed = CardMovingSignal.safeParse(payload);
      if (!parsed.success) return reply(fail('INVALID_INPUT', describeIssues(parsed.error)));
      const participantId = this.data.participantId;
      if (!participantId) return reply(fail('NOT_JOINED', 'Join the board first.'));
      const room = this.data.room;
      const refusal = parsed.data.moving ? movingRefusal(room.state, participantId, parsed.data.cardId) : null;
      if (refusal) return reply(fail(refusal.code, refusal.message));
      movingOf(room).signal(this.id, parsed.data.cardId, parsed.data.moving);
      reply({ ok: true, data: {} });
    },
    // DO-10, DO-11: the board document over this joined connection
    boardDoc(this: CandorSocket, payload: unknown, ack: unknown) {
      if (typeof ack !== 'function') return;
      const reply = ack as (result: Ack) => void;
      if (!this.data.bucket.take()) return reply(fail('RATE_LIMITED', 'Too many requests.'));
      reply(receiveBoardDoc(this.data.session, payload, deps.boardDoc));
    },
    disconnect(this: CandorSocket) {
      stopBoardDoc(this.data.session);
      deps.droppedConnection(this);
      this.data.room.detach(this.id);
      registry.scheduleUnload(this.data.room);
    },
  };
  return handlers;
}

/** the parts of engine.io's `ws` WebSocket used here */
interface UpgradedWebSocket {
  terminate?(): void;
  listeners(event: 'error'): ((...args: unknown[]) => void)[];
  off(event: 'error', listener: (...args: unknown[]) => void): void;
}

/**
 * ME-6: engine.io puts a no-op `error` listener on a new WebSocket for the moment before its transport exists, and
 * takes it off again only for an upgrade from long-polling; a connection that opened as a WebSocket keeps it (a
 * closure over the upgrade) for its lifetime. By the engine's `connection` the transport's own listener is on.
 */
function dropPreUpgradeErrorListener(ws: UpgradedWebSocket | undefined): void {
  if (!ws) return;
  for (const listener of ws.listeners('error')) if (listener.name === 'onUpgradeError') ws.off('error', listener);
}

/** AB-2: a closed session's WebSocket is dropped at once instead of waiting up to 30 s for a peer that may never answer the close frame (a client that never finished its handshake, above all). */
function terminateTransport(this: EngineSocket): void {
  this.transport.socket?.terminate?.();
}

/** One Socket.io connection as its room sees it (`RoomSocket`), and as a reader of the board document (DO-10). */
class SocketSession implements RoomSocket, BoardDocSocket {
  constructor(
    private readonly socket: CandorSocket,
    readonly address: string,
    private readonly sendBuffers: SendBuffers,
    private readonly signedOut: (socket: CandorSocket) => void,
    private readonly boardDocPackets: BoardDocPackets,
  ) {}

  get id(): string {
    return this.socket.id;
  }

  get data(): SocketData {
    return this.socket.data;
  }

  /** the event's packets as encoded and framed once for every socket (`BoardDocPackets`), written to this connection */
  emit(_event: 'board.doc', message: Uint8Array): void {
    this.write(this.boardDocPackets.of(message));
  }

  /**
   * an event encoded once for many sockets (`BoardDocPackets`), written to this connection while it is connected
   * and has room for it (DO-7: `writeBoardDoc` may write it straight onto the TCP socket, past engine.io's packets)
   */
  write(encoded: EncodedBoardDoc): void {
    if (!this.socket.connected || !this.hasRoomFor(encoded.bytes)) return;
    writeBoardDoc(this.socket.conn as unknown as EngineConnection, encoded);
    // AB-11: counted above as if the kernel took none of it; its address counts what is left
    this.sendBuffers.settled(this.engine);
  }

  /** DO-7: room for `bytes` more without holding more than the cap unsent; past it the connection is closed. */
  hasRoomFor(bytes: number): boolean {
    return this.sendBuffers.hasRoomFor(this.engine, bytes);
  }

  private get engine(): SendingConnection {
    return this.socket.conn as unknown as SendingConnection;
  }

  closeConnection(): void {
    this.socket.conn.close();
  }

  sendMe(view: PersonalView, upTo?: string): void {
    if (this.hasRoomFor(0)) this.socket.emit('me', view, ...(upTo === undefined ? [] : [upTo]));
  }

  signOut(reason: SignOutReason, message: string): void {
    this.signedOut(this.socket);
    this.socket.emit('signedOut', { reason, message });
    // MO-1: a removed person's connection ends; after a new password (JN-2) it stays for the next join.
    if (reason === 'removed') this.socket.disconnect(true);
  }

  answerKnock(admitted: boolean, message: string): void {
    this.socket.emit('knockAnswered', { admitted, message });
  }

  sendDeleted(): void {
    this.socket.emit('board.deleted');
    this.socket.disconnect(true);
  }
}

/**
 * ME-1: hands Socket.io a WebSocket upgrade. engine.io's upgrade leaves a `close` listener on the TCP socket that
 * re-emits `close` on a stand-in HTTP response, for engine.io's HTTP middlewares (`io.engine.use`, which Candor
 * does not use); through that response it holds the upgrade's request, headers and all, for as long as the
 * connection lives. That one listener is taken off again at once; anything else engine.io adds stays.
 */
export function upgradeSocketIo(io: Pick<Server, 'engine'>, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const before = new Set(socket.rawListeners('close'));
  io.engine.handleUpgrade(req, socket, head);
  for (const listener of socket.rawListeners('close')) {
    if (!before.has(listener) && isResponseCloseRelay(listener)) socket.removeListener('close', listener as (...args: unknown[]) => void);
  }
}

/** engine.io's `socket.once("close", () => this.emit("close"))` in its WebSocketResponse, seen through `once`'s wrapper */
function isResponseCloseRelay(listener: unknown): boolean {
  const inner = (listener as { listener?: unknown }).listener;
  return typeof inner === 'function' && inner.toString().replace(/\s+/g, '') === '()=>this.emit("close")';
}
