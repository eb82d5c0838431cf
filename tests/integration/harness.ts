import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { REPO_ROOT, SERVER_ENTRY } from './spawnedServer.js';
import { SocketBoardReader } from './socketBoardReader.js';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { type App, anonymousStateKey, createApp, loadServerKey, openPostgresStore, type Logger } from '@candor/server';
import { openSqliteStore, type BoardStore } from '@candor/server/testing';
import {
  type Ack,
  type CommandType,
  type CreateBoardResponse,
  type DocName,
  type PersonalView,
  type PublicBoardView,
  PROTOCOL_VERSION,
  YJS_COMPRESS_DEFLATE_RAW,
  YJS_MESSAGE_COMPRESSED,
  YJS_PARAM,
  YJS_PATH,
  decodeYjsMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  notesKey,
  readBoardDoc,
} from '@candor/shared';

/**
 * Integration harness: the real app on port 0 with a real SQLite file, and people who talk to it the way
 * the browser does (Socket.io for commands, y-websocket for the two documents). Every frame a person
 * receives is recorded, byte for byte, so anonymity tests can search everything that ever reached them.
 */

export type TemplateId = 'dont-know' | 'responsibility' | 'start-stop-continue' | 'post-mortem' | 'regaining-trust' | 'mad-sad-glad' | '4ls';

export interface TestServer {
  url: string;
  port: number;
  dbFile: string;
  /** the server key's file, beside the data directory (AR-7) */
  keyFile: string;
  /** the app's HTTP server (ME-1 watches the upgrades it receives) */
  httpServer: Server;
  /** the app's Socket.io server (ME-10 reads a connection's listeners) */
  io: App['io'];
  close(): Promise<void>;
}

export interface StartOptions {
  /** reuse a database file, as a restarted server would */
  dbFile?: string;
  idleUnloadMs?: number;
  /** FA-3 claim delay, shortened in tests */
  claimAfterMs?: number;
  /** wraps the real store, SQLite or PostgreSQL (e.g. with `faultyStore`, to fail or stall writes on demand) */
  wrapStore?: (store: BoardStore) => BoardStore;
  /** DO-7 cap, lowered in tests */
  sendBufferBytes?: number;
  /** AB-11 cap, lowered in tests */
  sendBufferBytesPerAddress?: number;
  /** SU-2: the SMTP server the summary email goes through */
  smtpUrl?: string;
  /** AB-8: Express's `trust proxy`, as TRUST_PROXY sets it */
  trustProxy?: boolean | number | string;
  /** AB-3: open connections per client address */
  connectionsPerAddress?: number;
  /** AB-14: commands a second per address (raised where one address stands for a whole crowd) */
  commandsPerSecondPerAddress?: number;
  /** AB-15: HTTP requests a second per address */
  requestsPerSecondPerAddress?: number;
  /** AB-4 / AB-5 / AB-6, lowered in tests */
  joinBurstPerAddress?: number;
  participantsPerBoard?: number;
  idleJoinerExpiryMs?: number;
  /** a logger of the test's own (e.g. writing to memory), instead of a silent one */
  logger?: Logger;
  /** PG-6: keep the boards in this PostgreSQL schema instead of the SQLite file (the key file stays beside dbFile's directory) */
  postgres?: { url: string; schema: string };
  /** the server's clock (e.g. to create a team's retros days apart) */
  now?: () => number;
  /** the built client to serve (none by default) */
  clientDist?: string;
  /** RC-14: PING_INTERVAL_MS and PING_TIMEOUT_MS */
  heartbeat?: { pingIntervalMs: number; pingTimeoutMs: number };
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dbFile = options.dbFile ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-it-')), 'candor.sqlite');
  const store = options.postgres
    ? // AR-12: the store seals with the key the app loads (its key file beside the data directory, made here if new)
      (options.wrapStore ?? ((s: BoardStore) => s))(
        await openPostgresStore(options.postgres.url, { schema: options.postgres.schema, stateKey: anonymousStateKey(loadServerKey({ keyFile: `${path.dirname(dbFile)}.key` })) }),
      )
    : options.wrapStore?.(openSqliteStore(dbFile));
  const app = await createApp({
    ...(store ? { store } : {}),
    config: {
      dbFile,
      ...(options.sendBufferBytes !== undefined ? { sendBufferBytes: options.sendBufferBytes } : {}),
      ...(options.sendBufferBytesPerAddress !== undefined ? { sendBufferBytesPerAddress: options.sendBufferBytesPerAddress } : {}),
      clientDist: options.clientDist ?? null,
      idleUnloadMs: options.idleUnloadMs ?? 60 * 60 * 1000,
      logLevel: 'silent',
      ...(options.claimAfterMs !== undefined ? { claimAfterMs: options.claimAfterMs } : {}),
      ...(options.smtpUrl !== undefined ? { smtpUrl: options.smtpUrl, smtpFrom: 'Candor <candor@test.example>' } : {}),
      ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
      ...(options.connectionsPerAddress !== undefined ? { connectionsPerAddress: options.connectionsPerAddress } : {}),
      ...(options.joinBurstPerAddress !== undefined ? { joinBurstPerAddress: options.joinBurstPerAddress } : {}),
      ...(options.commandsPerSecondPerAddress !== undefined ? { commandsPerSecondPerAddress: options.commandsPerSecondPerAddress } : {}),
      ...(options.requestsPerSecondPerAddress !== undefined ? { requestsPerSecondPerAddress: options.requestsPerSecondPerAddress } : {}),
      ...(options.participantsPerBoard !== undefined ? { participantsPerBoard: options.participantsPerBoard } : {}),
      ...(options.idleJoinerExpiryMs !== undefined ? { idleJoinerExpiryMs: options.idleJoinerExpiryMs } : {}),
      ...(options.heartbeat ?? {}),
    },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const port = await app.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dbFile,
    keyFile: `${path.dirname(dbFile)}.key`,
    httpServer: app.server,
    io: app.io,
    async close() {
      await app.close();
    },
  };
}

export async function createBoard(url: string, name: string, template: TemplateId = 'start-stop-continue'): Promise<CreateBoardResponse> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, templateId: template }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateBoardResponse;
}

/** Who reads over HTTP (JN-6): a participant's id and secret, sent as `Authorization: Candor <id> <secret>`. */
export interface Reader {
  participantId: string;
  secret: string;
}

export function readerHeaders(reader: Reader): Record<string, string> {
  return { authorization: `Candor ${reader.participantId} ${reader.secret}` };
}

/** GET /api/boards/:id as parsed JSON, read by someone in the room: the public view (JN-6). */
export async function getBoard(url: string, boardId: string, reader: Reader): Promise<{ door: { id: string; name: string }; board: PublicBoardView }> {
  const res = await fetch(`${url}/api/boards/${boardId}`, { headers: readerHeaders(reader) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { door: { id: string; name: string }; board?: PublicBoardView };
  if (!body.board) throw new Error(`${reader.participantId} may not read board ${boardId}`);
  return body as { door: { id: string; name: string }; board: PublicBoardView };
}

/** GET /api/boards/:id with the link alone: what anyone holding it learns (JN-6). */
export async function getDoor(url: string, boardId: string): Promise<{ id: string; name: string }> {
  const res = await fetch(`${url}/api/boards/${boardId}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { door: { id: string; name: string } }).door;
}

export async function healthz(url: string): Promise<{ ok: boolean; boardsLoaded: number }> {
  const res = await fetch(`${url}/healthz`);
  expect(res.status).toBe(200);
  return (await res.json()) as { ok: boolean; boardsLoaded: number };
}

/**
 * A test's people: `person(name)` makes one with that name against the server `url()` names at that moment (a restart may
 * change it), kept in `people` to disconnect at the end.
 */
/** Sends `type` as `who` and expects the room to take it: the ack's data (the ids it made). */
export async function accepted(who: Person, type: Parameters<Person['cmd']>[0], fields: Record<string, unknown> = {}): Promise<Record<string, string>> {
  const ack = await who.cmd(type, fields);
  expect(ack, `${who.name} ${type}`).toMatchObject({ ok: true });
  return (ack as { ok: true; data: Record<string, string> }).data;
}

/**
 * RE-13: a team retro (`boardId`) taken to Discuss by its facilitator `fran`, where Ada's card "deploys skip review"
 * gets the action "Pair on every deploy" and Ada volunteers for it; the retro stays in Discuss.
 */
export async function adaPromisesToPair(fran: Person, ada: Person): Promise<{ item: string; actionId: string }> {
  await accepted(fran, 'phase.set', { phase: 'write' });
  const item = (await accepted(ada, 'card.add', { columnId: 'system-allowed', text: 'deploys skip review' })).cardId!;
  for (const phase of ['reveal', 'vote', 'discuss'] as const) await accepted(fran, 'phase.set', { phase });
  await accepted(fran, 'discuss.select', { itemId: item });
  const actionId = (await accepted(fran, 'action.create', { itemId: item, text: 'Pair on every deploy' })).actionId!;
  await accepted(ada, 'action.volunteer', { actionId, volunteer: true });
  return { item, actionId };
}

/**
 * RE-13: the team Platform and its first retro, Sprint 1, made with `post`: Fran (who facilitates, `person('Fran')`) and
 * Ada join, Ada promises to pair (`adaPromisesToPair`) and Fran closes the retro.
 */
export async function closedWithAdasPromise(
  post: <T>(path: string, body: unknown) => Promise<T>,
  person: (name: string) => Person,
): Promise<{ teamId: string; first: CreateBoardResponse; F: Person; A: Person; actionId: string }> {
  const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Platform' });
  const first = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 1', templateId: 'post-mortem' });
  const [F, A] = [person('Fran'), person('Ada')];
  await F.connect(first.boardId, 'Fran', first.facilitatorKey);
  await A.connect(first.boardId, 'Ada');
  const { actionId } = await adaPromisesToPair(F, A);
  for (const phase of ['act', 'closed'] as const) await accepted(F, 'phase.set', { phase });
  return { teamId, first, F, A, actionId };
}

export function namedPeople(url: () => string): { people: Person[]; person: (name: string) => Person } {
  const people: Person[] = [];
  const person = (name: string) => {
    const p = new Person(url());
    p.name = name;
    people.push(p);
    return p;
  };
  return { people, person };
}

/** POSTs `body` as JSON to `url` + `path` (creating a board, a team, a team's retro) and returns what its 201 holds. */
export async function postCreated<T>(url: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as T;
}

/** A random url-safe id, like the client's nanoid(). */
export function newId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

/** Retries `fn` until it returns something other than false/null/undefined (or stops throwing). Never sleeps blindly. */
export async function until<T>(fn: () => T | Promise<T>, timeout = 5000): Promise<Exclude<T, false | null | undefined>> {
  // Created here so that a timeout points at the line that waited, not at vi.waitFor's internals.
  const origin = new Error(`condition not met within ${timeout} ms`);
  try {
    return await vi.waitFor(
      async () => {
        const value = await fn();
        if (value === false || value === null || value === undefined) throw new Error('condition not met yet');
        return value as Exclude<T, false | null | undefined>;
      },
      { timeout, interval: 10 },
    );
  } catch (err) {
    if ((err as Error).message !== 'condition not met yet') origin.message += `: ${(err as Error).message}`;
    throw origin;
  }
}

export type Channel = 'socket.io' | 'board' | 'notes' | 'http';

export interface Frame {
  /** global arrival order across every person and channel */
  seq: number;
  channel: Channel;
  bytes: Buffer;
}

/**
 * A heartbeat that stays out of a test's way (RC-14's default pings every 4 s and gives up 5 s after an unanswered one):
 * - for a test that compares every Socket.io frame someone received over a stretch of acts (none at all, or the same
 *   in a run and its swap): engine.io's ping, the one-byte frame "2", comes whatever anyone does, and in a loaded run
 *   one fell inside a step in one run and not in the other (silentActs, swappedAuthors);
 * - for a test whose socket stops reading on purpose until the server's cap closes it (DO-7): its own client gave up
 *   9 s after the last ping it read (reason "ping timeout", its transport gone) when a loaded run's flood took longer.
 * With this one no ping comes within a test's time: every frame the acts cause is compared as before, and only the cap
 * can close a socket that stopped reading.
 */
export const PINGS_OUT_OF_THE_WAY = { pingIntervalMs: 600_000, pingTimeoutMs: 5_000 } as const;

let frameSeq = 0;
/** the sequence number the next recorded frame will get: mark a moment, then compare frames to it */
export function frameMark(): number {
  return frameSeq;
}

/** True when `needle` occurs in the frame, searched as raw UTF-8 bytes and as latin1/utf8-decoded text. */
export function frameContains(frame: Frame, needle: string): boolean {
  if (frame.bytes.indexOf(Buffer.from(needle, 'utf8')) !== -1) return true;
  if (frame.bytes.toString('latin1').includes(needle)) return true;
  return frame.bytes.toString('utf8').includes(needle);
}

const REMOTE = Symbol('remote');

/** One y-websocket connection, speaking the sync protocol the way y-websocket's provider does. */
export class DocConnection {
  readonly ws: WebSocket;
  synced = false;
  closed: { code: number; reason: string } | null = null;
  private readonly opened: Promise<void>;

  constructor(
    url: string,
    readonly doc: Y.Doc,
    private readonly record: (bytes: Buffer) => void,
  ) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
      this.ws.once('close', (code) => reject(new Error(`closed with ${code} before opening`)));
    });
    this.opened.catch(() => undefined);
    this.ws.on('open', () => this.ws.send(encodeSyncStep1(Y.encodeStateVector(doc))));
    this.ws.on('message', (data: ArrayBuffer | Buffer) => {
      const raw = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      this.record(raw);
      // A compressed board-document message is also recorded decompressed, so searches see its content.
      const bytes = raw[0] === YJS_MESSAGE_COMPRESSED ? inflateRawSync(raw.subarray(1)) : raw;
      if (bytes !== raw) this.record(bytes);
      const message = decodeYjsMessage(new Uint8Array(bytes));
      if (message.type === 'step1') {
        // what the server lacks, as y-websocket's provider answers
        if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(doc, message.stateVector)));
      } else if (message.type === 'step2' || message.type === 'update') {
        Y.applyUpdate(doc, message.update, REMOTE);
        if (message.type === 'step2') this.synced = true;
      }
    });
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
    this.ws.on('error', () => undefined);
    doc.on('update', this.onLocalUpdate);
  }

  /** Local edits travel to the server, as a collaborative client's would. */
  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(encodeUpdate(update));
  };

  open(): Promise<void> {
    return this.opened;
  }

  sendRaw(bytes: Uint8Array | Buffer): void {
    this.ws.send(bytes);
  }

  /**
   * Resolves once the server has answered a fresh syncStep1: every message sent before it has been handled.
   * Rejects if the connection closes first.
   */
  async roundTrip(): Promise<void> {
    if (this.ws.readyState !== WebSocket.OPEN) throw new Error('the connection is not open');
    const answered = new Promise<void>((resolve, reject) => {
      this.ws.once('close', (code) => reject(new Error(`closed with ${code} before answering`)));
      const onMessage = (data: ArrayBuffer | Buffer) => {
        const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        const message = decodeYjsMessage(new Uint8Array(bytes[0] === YJS_MESSAGE_COMPRESSED ? inflateRawSync(bytes.subarray(1)) : bytes));
        if (message.type === 'step2') {
          this.ws.off('message', onMessage);
          resolve();
        }
      };
      this.ws.on('message', onMessage);
    });
    this.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await answered;
  }

  async waitClosed(timeout = 5000): Promise<{ code: number; reason: string }> {
    return until(() => this.closed, timeout);
  }

  close(): void {
    this.doc.off('update', this.onLocalUpdate);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }
}

/** A document connection's URL: a ticket (DO-6) and, for Candor's own board reader, the wish for compression (DO-4). */
export function docUrl(serverUrl: string, boardId: string, doc: DocName, ticket: string, options: { compress?: boolean } = {}): string {
  const base = serverUrl.replace(/^http/, 'ws');
  const params = new URLSearchParams({ [YJS_PARAM.ticket]: ticket });
  if (options.compress) params.set(YJS_PARAM.compress, YJS_COMPRESS_DEFLATE_RAW);
  return `${base}${YJS_PATH}/${boardId}/${doc}?${params}`;
}

/** DO-6: asks a joined Socket.io session for a single-use document ticket. */
export async function docTicket(socket: Socket, doc: DocName): Promise<string> {
  const ack = (await socket.timeout(10_000).emitWithAck('doc.ticket', { doc })) as Ack<{ ticket: string }>;
  if (!ack.ok) throw new Error(`no ticket: ${ack.code} ${ack.message}`);
  return ack.data.ticket;
}

export interface OpenSocketOptions {
  boardId?: string;
  protocolVersion?: unknown;
  auth?: unknown;
}

/** A Socket.io connection without a join; resolves once connected, rejects with the connect_error. */
export async function openSocket(url: string, options: OpenSocketOptions & { boardId: string }, onRaw?: (bytes: Buffer, text: boolean) => void): Promise<Socket> {
  const auth = options.auth ?? { boardId: options.boardId, protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION };
  const socket = io(url, { transports: ['websocket'], auth: auth as Record<string, unknown>, reconnection: false, forceNew: true });
  if (onRaw) {
    // Record the raw engine.io frames as they come off the wire, before any decoding.
    const transport = (socket.io.engine as unknown as { transport: { onData(data: unknown): void } }).transport;
    const onData = transport.onData.bind(transport);
    transport.onData = (data: unknown) => {
      onRaw(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data as ArrayBuffer), typeof data === 'string');
      onData(data);
    };
  }
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
  return socket;
}

/**
 * DO-10: sorts a socket's raw frames into the board document's (a `board.doc` event: its text header and its
 * binary attachments, byte for byte as they arrived) and the rest, so that each channel's checks still see
 * exactly what that channel carried, now that one connection carries both.
 */
export function boardDocFrames(record: (channel: Channel, bytes: Buffer) => void): (bytes: Buffer, text: boolean) => void {
  let attachments = 0;
  return (bytes, text) => {
    if (!text && attachments > 0) {
      attachments--;
      return record('board', bytes);
    }
    // engine.io message (4), Socket.io binary event (5), its number of attachments, then the event's name
    const header = text ? /^45(\d+)-\["board\.doc"/.exec(bytes.toString('utf8')) : null;
    if (header) attachments = Number(header[1]);
    record(header ? 'board' : 'socket.io', bytes);
  };
}

/** Sends one command with an ack, as the client does; fails the test if no ack arrives in time. */
export async function sendCommand(socket: Socket, payload: unknown, timeout = 10_000): Promise<Ack> {
  return (await socket.timeout(timeout).emitWithAck('cmd', payload)) as Ack;
}

/**
 * One person in a browser: a participant id and secret made on their device, one Socket.io connection for
 * commands, and the two y-websocket documents. Records every frame it receives.
 */
export class Person {
  readonly participantId = newId();
  readonly secret = newId(32);
  name = '';
  boardId = '';
  facilitatorKey: string | undefined;
  socket: Socket | null = null;
  /** the board document of the current connection: a fresh copy each time, as the browser does (AR-4) */
  boardDoc = new Y.Doc();
  readonly notesDoc = new Y.Doc();
  /**
   * How this person reads the board document: over the joined Socket.io connection, as the browser does
   * (DO-10), or over its own y-websocket connection (DO-6's ticket; raw tools, and tests of that endpoint).
   */
  boardOver: 'socket' | 'websocket' = 'socket';
  boardConn: DocConnection | null = null;
  boardReader: SocketBoardReader | null = null;
  notesConn: DocConnection | null = null;
  me: PersonalView | null = null;
  /** the command id of the last join this person sent */
  lastJoinId = '';
  readonly meHistory: PersonalView[] = [];
  /** the public view as this person's board document held it after every update it received */
  readonly boardHistory: PublicBoardView[] = [];
  readonly frames: Frame[] = [];

  constructor(public url: string) {}

  private freshBoardDoc(): Y.Doc {
    const doc = new Y.Doc();
    doc.on('update', () => {
      const view = readBoardDoc(doc);
      if (view) this.boardHistory.push(structuredClone(view));
    });
    this.boardDoc = doc;
    return doc;
  }

  record(channel: Channel, bytes: Buffer): void {
    this.frames.push({ seq: frameSeq++, channel, bytes });
  }

  async connect(boardId: string, name: string, facilitatorKey?: string): Promise<Ack> {
    this.boardId = boardId;
    this.name = name;
    this.facilitatorKey = facilitatorKey;
    return this.open();
  }

  /** Opens the socket, joins, then opens both documents and waits for their first sync. */
  private async open(): Promise<Ack> {
    this.me = null;
    const socket = await openSocket(this.url, { boardId: this.boardId }, boardDocFrames((channel, bytes) => this.record(channel, bytes)));
    this.socket = socket;
    socket.on('me', (view: PersonalView) => {
      this.me = view;
      this.meHistory.push(view);
    });
    this.lastJoinId = newId();
    const joined = await this.cmd(
      'join',
      {
        participantId: this.participantId,
        secret: this.secret,
        name: this.name,
        ...(this.facilitatorKey ? { facilitatorKey: this.facilitatorKey } : {}),
      },
      this.lastJoinId,
    );
    if (!joined.ok) throw new Error(`join failed: ${joined.code} ${joined.message}`);
    // Like the browser: a fresh board document per join, read over the joined socket (DO-10), whose messages
    // come compressed when large; the notes are plain y-websocket, opened with a single-use ticket (DO-6).
    if (this.boardOver === 'socket') {
      this.boardReader = new SocketBoardReader(socket, this.freshBoardDoc(), (b) => this.record('board', b));
      const asked = await this.boardReader.start();
      if (!asked.ok) throw new Error(`board.doc refused: ${asked.code} ${asked.message}`);
    } else {
      this.boardConn = new DocConnection(await this.docUrl('board', { compress: true }), this.freshBoardDoc(), (b) => this.record('board', b));
    }
    this.notesConn = new DocConnection(await this.docUrl('notes'), this.notesDoc, (b) => this.record('notes', b));
    await Promise.all([this.boardConn?.open(), this.notesConn.open()]);
    // Joined means the room can see it too: presence is projected in short batches, so wait for our own entry.
    await until(
      () =>
        (this.boardConn ?? this.boardReader)!.synced &&
        this.notesConn!.synced &&
        this.me !== null &&
        this.board()?.participants.some((p) => p.name === this.name && p.online),
    );
    return joined;
  }

  /** A fresh single-use URL for one more connection to a document of this person's board (DO-6). */
  async docUrl(doc: DocName, options: { compress?: boolean } = {}): Promise<string> {
    if (!this.socket) throw new Error('not connected');
    return docUrl(this.url, this.boardId, doc, await docTicket(this.socket, doc), options);
  }

  /** Sends a command with a fresh (or given) client command id and resolves with its ack. */
  cmd(type: CommandType, fields: Record<string, unknown> = {}, id: string = newId()): Promise<Ack> {
    if (!this.socket) throw new Error('not connected');
    return sendCommand(this.socket, { id, type, ...fields });
  }

  /** Resolves once everything the server sent this person's board document before the call has arrived. */
  async boardRoundTrip(): Promise<void> {
    if (this.boardConn) return this.boardConn.roundTrip();
    if (!this.boardReader) throw new Error('not reading the board document');
    return this.boardReader.roundTrip();
  }

  /** The public board as this person's board document holds it now. */
  board(): PublicBoardView | null {
    return readBoardDoc(this.boardDoc);
  }

  notes(key: string): string | undefined {
    const text = this.notesDoc.getMap<Y.Text>('notes').get(key);
    return text instanceof Y.Text ? text.toString() : undefined;
  }

  /** Types into a shared note the server created; the edit travels as a y-websocket update. */
  typeNote(key: string, text: string): void {
    const note = this.notesDoc.getMap<Y.Text>('notes').get(key);
    if (!(note instanceof Y.Text)) throw new Error(`no shared text ${key}`);
    note.insert(note.length, text);
  }

  /** Erases the first occurrence of `text` from a shared note, as someone selecting it and pressing Delete. */
  eraseNote(key: string, text: string): void {
    const note = this.notesDoc.getMap<Y.Text>('notes').get(key);
    if (!(note instanceof Y.Text)) throw new Error(`no shared text ${key}`);
    const at = note.toString().indexOf(text);
    if (at < 0) throw new Error(`${key} does not hold ${text}`);
    note.delete(at, text.length);
  }

  waitFor<T>(predicate: (person: this) => T, timeout = 5000): Promise<Exclude<T, false | null | undefined>> {
    return until(() => predicate(this), timeout);
  }

  /** Fetches a path over HTTP as this person would, recording the body. */
  async fetchText(pathname: string): Promise<{ status: number; body: string }> {
    const res = await fetch(`${this.url}${pathname}`, { headers: readerHeaders(this) });
    const bytes = Buffer.from(await res.arrayBuffer());
    this.record('http', bytes);
    return { status: res.status, body: bytes.toString('utf8') };
  }

  socketFrames(): string[] {
    return this.frames.filter((f) => f.channel === 'socket.io').map((f) => f.bytes.toString('utf8'));
  }

  async disconnect(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.boardConn?.close();
    this.boardReader?.stop();
    this.boardReader = null;
    this.notesConn?.close();
    if (socket?.connected) {
      await new Promise<void>((resolve) => {
        socket.once('disconnect', () => resolve());
        socket.disconnect();
      });
    } else socket?.close();
    await Promise.all(
      [this.boardConn, this.notesConn].map((c) => (c && c.ws.readyState !== WebSocket.CLOSED ? c.waitClosed() : undefined)),
    );
  }

  /** A new socket (and documents' connections) with the same identity, as after a page reload or lost network. */
  async reconnect(url: string = this.url): Promise<Ack> {
    await this.disconnect();
    this.url = url;
    return this.open();
  }
}

/**
 * A real server for one `describe` block and a list of the people connected to it; afterwards everyone
 * disconnects and the server closes. `live.server` may be replaced (a restart) and is closed all the same.
 */
export function useServer(options: StartOptions = {}): { server: TestServer; people: Person[] } {
  const live = { server: undefined as unknown as TestServer, people: [] as Person[] };
  beforeAll(async () => {
    live.server = await startServer(options);
  });
  afterAll(async () => {
    for (const p of live.people) await p.disconnect();
    await live.server?.close();
  });
  return live;
}

/** The repository root and the built server, for tests that run it as a child process (`spawnedServer.ts`). */
export { REPO_ROOT, SERVER_ENTRY };

/** Newest modification time of the files under `dir`. */
function newestUnder(dir: string): number {
  let latest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (item.isFile()) latest = Math.max(latest, fs.statSync(path.join(item.parentPath, item.name)).mtimeMs);
  }
  return latest;
}

/** Builds the server bundle when it is missing or older than its sources, so a test runs today's code. */
export function ensureServerBuilt(): void {
  const sources = Math.max(newestUnder(path.join(REPO_ROOT, 'server/src')), newestUnder(path.join(REPO_ROOT, 'shared/src')));
  if (fs.existsSync(SERVER_ENTRY) && fs.statSync(SERVER_ENTRY).mtimeMs >= sources) return;
  execSync('pnpm --filter @candor/server build', { cwd: REPO_ROOT, stdio: 'pipe' });
}

/** Fran (who facilitates), Alex and Bea join the board in that order; `person` makes each (and keeps it for cleanup). */
export async function franAlexBea(person: () => Person, boardId: string, facilitatorKey: string): Promise<{ F: Person; A: Person; B: Person }> {
  const [F, A, B] = [person(), person(), person()];
  await F.connect(boardId, 'Fran', facilitatorKey);
  await A.connect(boardId, 'Alex');
  await B.connect(boardId, 'Bea');
  return { F, A, B };
}

/**
 * A new board moved to Discuss with one card selected, so it has one shared note: F (facilitator) and A
 * are connected and pushed to `people` for cleanup. Returns the note's key. A joins through `urlOfA` (another
 * process of a cluster, CL-*), F and the board through `url`.
 */
export async function boardWithNote(url: string, people: Person[], names: [string, string] = ['Fran', 'Alex'], urlOfA = url) {
  const { boardId, facilitatorKey } = await createBoard(url, 'With a note');
  const F = new Person(url);
  const A = new Person(urlOfA);
  people.push(F, A);
  await F.connect(boardId, names[0], facilitatorKey);
  await A.connect(boardId, names[1]);
  const card = (await A.cmd('card.add', { columnId: 'start', text: 'topic' })) as { ok: true; data: { cardId: string } };
  for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
  expect(await F.cmd('discuss.select', { itemId: card.data.cardId })).toMatchObject({ ok: true });
  const key = notesKey.item(card.data.cardId);
  await A.waitFor(() => A.notes(key) !== undefined);
  return { boardId, F, A, key };
}
