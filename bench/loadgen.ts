import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type Ack } from '@candor/shared';
import { withTicket } from './lib/candor.js';
import { now, sleep, within } from './lib/clock.js';
import { SYNC_STEP1_EMPTY, isSyncStep2 } from './lib/yjsWire.js';
import { storm } from './lib/stormClient.js';
import type { LoadgenReply, LoadgenRequest, Person, WindowStats } from './lib/loadgenProtocol.js';

/**
 * One load-generating process: simulated people with real Socket.io and WebSocket connections to
 * 127.0.0.1, driven over IPC by the bench (bench/run.ts). After the y-websocket handshake a person only
 * counts the bytes and arrival times of the frames it receives: nothing is decoded or rendered.
 */

interface Sim {
  key: number;
  sock: Socket | null;
  ws: WebSocket | null;
  /** document connections opened `beside` the first (`ws`), closed with it at reset */
  moreWs: WebSocket[];
  wsBytes: number;
  wsFrames: number;
  wsFirst: number;
  wsLast: number;
  sockBytes: number;
  sockFrames: number;
  /** when the last chunk of bytes was read off this person's TCP socket, before any code of its client saw it */
  rawLast: number;
  /** DO-10: reads the board document over `sock`; its `board.doc` messages are counted as `ws*` */
  readsBoard: boolean;
}

const sims = new Map<number, Sim>();
let armed = false;
let lastFrameAt = 0;
/** this process's CPU and page faults when armed, to tell what its people's clients cost in the window */
let usageAtArm: NodeJS.ResourceUsage | null = null;
/**
 * "settled" (LOADGEN_SETTLED=1, see bench/lib/loadgens.ts): collect this process's garbage when armed, so that what
 * its people left from setting up (joins, cards, documents) is not collected inside the measured window.
 */
const SETTLED = process.env.LOADGEN_SETTLED === '1';

/**
 * Settled: the process touches, once at its start, as much memory as its people's messages of a reveal take (a
 * 1,500-card reveal is about 100 KB to each of 250 people), and frees it; glibc keeps it (see bench/lib/loadgens.ts),
 * so the first measured reveal does not fault in fresh pages while later ones reuse them (it was always Candor's,
 * as Candor runs first in every run).
 */
function settleMemory(): void {
  const touched = Array.from({ length: 300 }, () => Buffer.allocUnsafe(110 * 1024).fill(1));
  touched.length = 0;
  collectGarbage();
}

/** a full GC (the load process runs with --expose-gc) */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
if (SETTLED) settleMemory();

/**
 * Notes when bytes come off a person's TCP socket, ahead of every other listener (ws parses a chunk in its own
 * `data` listener): the same point for a Socket.io client and a bare WebSocket, before either decodes anything.
 */
function watchRaw(s: Sim, socket: NodeJS.EventEmitter | undefined): void {
  socket?.prependListener('data', () => {
    if (armed) s.rawLast = now();
  });
}

function sim(key: number): Sim {
  let s = sims.get(key);
  if (!s) {
    s = { key, sock: null, ws: null, moreWs: [], wsBytes: 0, wsFrames: 0, wsFirst: 0, wsLast: 0, sockBytes: 0, sockFrames: 0, rawLast: 0, readsBoard: false };
    sims.set(key, s);
  }
  return s;
}

const newId = () => randomBytes(12).toString('base64url');

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

function countErrors(errors: Record<string, number>, code: string): void {
  errors[code] = (errors[code] ?? 0) + 1;
}

async function connectSocket(s: Sim, url: string, boardId: string): Promise<Socket> {
  const sock = io(url, { transports: ['websocket'], auth: { boardId, protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true, timeout: 20_000 });
  // count the raw engine.io frames as they come off the wire, before any decoding
  const transport = (sock.io.engine as unknown as { transport: { onData(data: unknown): void } }).transport;
  const onData = transport.onData.bind(transport);
  transport.onData = (data: unknown) => {
    if (armed) {
      s.sockBytes += typeof data === 'string' ? Buffer.byteLength(data) : (data as ArrayBuffer).byteLength;
      s.sockFrames++;
    }
    onData(data);
  };
  s.sock = sock;
  await within(
    20_000,
    'socket.io connect',
    new Promise<void>((resolve, reject) => {
      sock.once('connect', () => resolve());
      sock.once('connect_error', (err) => reject(err));
    }),
  );
  watchRaw(s, (sock.io.engine as unknown as { transport: { ws?: { _socket?: NodeJS.EventEmitter } } }).transport.ws?._socket);
  return sock;
}

async function command(sock: Socket, cmd: Record<string, unknown>, timeoutMs = 20_000): Promise<Ack> {
  try {
    return (await sock.timeout(timeoutMs).emitWithAck('cmd', { id: newId(), ...cmd } as never)) as Ack;
  } catch {
    return { ok: false, code: 'TIMEOUT' as never, message: 'no ack' };
  }
}

async function join(url: string, boardId: string, people: Person[], concurrency: number) {
  const errors: Record<string, number> = {};
  let ok = 0;
  await pool(people, concurrency, async (p) => {
    const s = sim(p.key);
    try {
      const sock = await connectSocket(s, url, p.boardId ?? boardId);
      const ack = await command(sock, { type: 'join', participantId: p.pid, secret: p.secret, name: p.name });
      if (ack.ok) ok++;
      else countErrors(errors, ack.code);
    } catch (err) {
      countErrors(errors, `connect: ${(err as Error).message}`);
    }
  });
  return { ok, errors };
}

/** Opens a WebSocket per target; with `handshake`, sends syncStep1 of an empty doc and waits for syncStep2. */
async function openWs(targets: { key: number; url: string }[], handshake: boolean, concurrency: number, beside = false) {
  const errors: Record<string, number> = {};
  let ok = 0;
  await pool(targets, concurrency, async (t) => {
    const s = sim(t.key);
    try {
      const url = await ticketed(s, t.url);
      await within(
        20_000,
        'websocket open',
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(url, { perMessageDeflate: false });
          if (beside) s.moreWs.push(ws);
          else s.ws = ws;
          let done = !handshake;
          ws.on('open', () => {
            if (!beside) watchRaw(s, (ws as unknown as { _socket?: NodeJS.EventEmitter })._socket);
            if (handshake) ws.send(SYNC_STEP1_EMPTY);
            else resolve();
          });
          ws.on('message', (data: Buffer, isBinary: boolean) => {
            // a text frame is the Socket.io event packet the compressed floor sends before each board-document
            // message, as Candor frames it (DO-10): counted as Candor's people count it, with its message
            if (!isBinary) return;
            if (!done && isSyncStep2(data)) {
              done = true;
              resolve();
            }
            countDocMessage(s, data);
          });
          ws.on('close', (code) => reject(new Error(`closed with ${code}`)));
          ws.on('error', (err) => reject(err));
        }),
      );
      ok++;
    } catch (err) {
      countErrors(errors, (err as Error).message);
    }
  });
  return { ok, errors };
}

/** floorzio: a Socket.io connection to the floor for each person (no join: the floor takes none) */
async function connectOnly(url: string, keys: number[], concurrency: number) {
  const errors: Record<string, number> = {};
  let ok = 0;
  await pool(keys, concurrency, async (key) => {
    try {
      await connectSocket(sim(key), url, 'floor');
      ok++;
    } catch (err) {
      countErrors(errors, `connect: ${(err as Error).message}`);
    }
  });
  return { ok, errors };
}

/** a board-document message one person received, counted once measuring has started (WebSocket or `board.doc`) */
function countDocMessage(s: Sim, data: Buffer): void {
  if (!armed) return;
  const at = now();
  if (s.wsFrames === 0) s.wsFirst = at;
  s.wsFrames++;
  s.wsBytes += data.length;
  s.wsLast = at;
  lastFrameAt = at;
}

/**
 * DO-10: each person reads the board document over its joined socket, as the browser does: a sync step 1 as a
 * binary `board.doc` event, then waits for the answer; later messages are counted like a document WebSocket's.
 */
async function readBoard(keys: number[], concurrency: number) {
  const errors: Record<string, number> = {};
  let ok = 0;
  await pool(keys, concurrency, async (key) => {
    const s = sims.get(key);
    const sock = s?.sock;
    if (!s || !sock) return void countErrors(errors, 'NOT_CONNECTED');
    try {
      await within(
        20_000,
        'board.doc',
        new Promise<void>((resolve, reject) => {
          let done = false;
          sock.on('board.doc' as never, (data: Buffer) => {
            if (!done && isSyncStep2(data)) {
              done = true;
              resolve();
            }
            countDocMessage(s, data);
          });
          sock.emit('board.doc' as never, SYNC_STEP1_EMPTY as never, ((ack: Ack) => (ack.ok ? undefined : reject(new Error(ack.code)))) as never);
        }),
      );
      s.readsBoard = true;
      ok++;
    } catch (err) {
      countErrors(errors, (err as Error).message);
    }
  });
  return { ok, errors };
}

/** DO-6: a document URL gets its single-use ticket from the person's joined socket (none without a socket). */
async function ticketed(s: Sim, url: string): Promise<string> {
  return s.sock ? withTicket(s.sock, url) : url;
}

/** Each person sends their commands one after another, each after the previous ack. */
async function commands(items: { key: number; cmd: Record<string, unknown> }[]) {
  const byKey = new Map<number, Record<string, unknown>[]>();
  for (const item of items) byKey.set(item.key, [...(byKey.get(item.key) ?? []), item.cmd]);
  const errors: Record<string, number> = {};
  const results: { key: number; data: unknown }[] = [];
  let ok = 0;
  await Promise.all(
    [...byKey].map(async ([key, cmds]) => {
      const sock = sims.get(key)?.sock;
      if (!sock) return void countErrors(errors, 'NOT_CONNECTED');
      for (const cmd of cmds) {
        const ack = await command(sock, cmd);
        if (ack.ok) {
          ok++;
          results.push({ key, data: ack.data });
        } else countErrors(errors, ack.code);
      }
    }),
  );
  return { ok, errors, results };
}

/** Ends people's Socket.io connections but keeps their documents open, so a later `join` is them coming back. */
async function dropSockets(keys: number[]) {
  let dropped = 0;
  await Promise.all(
    keys.map(async (key) => {
      const s = sims.get(key);
      const sock = s?.sock;
      if (!s || !sock) return;
      s.sock = null;
      s.readsBoard = false; // DO-10: what it read over that socket ends with it
      if (sock.connected) await new Promise<void>((resolve) => (sock.once('disconnect', () => resolve()), sock.disconnect()));
      else sock.close();
      dropped++;
    }),
  );
  return { dropped };
}

/** BENCH_LOADGEN_PROFILE_DIR: each measured window of this process as a .cpuprofile there (what its clients cost) */
const PROFILE_DIR = process.env.BENCH_LOADGEN_PROFILE_DIR;
let profiler: Session | null = null;
let windows = 0;

function startProfile(): void {
  if (!PROFILE_DIR || profiler) return;
  profiler = new Session();
  profiler.connect();
  profiler.post('Profiler.enable');
  profiler.post('Profiler.start');
}

function stopProfile(): void {
  const session = profiler;
  if (!session) return;
  profiler = null;
  const file = path.join(PROFILE_DIR!, `loadgen-${process.pid}-${++windows}.cpuprofile`);
  session.post('Profiler.stop', (err, result) => {
    if (!err) fs.writeFileSync(file, JSON.stringify(result.profile));
    session.disconnect();
  });
}

function arm() {
  if (SETTLED) collectGarbage();
  startProfile();
  for (const s of sims.values()) Object.assign(s, { wsBytes: 0, wsFrames: 0, wsFirst: 0, wsLast: 0, sockBytes: 0, sockFrames: 0, rawLast: 0 });
  lastFrameAt = 0;
  usageAtArm = process.resourceUsage();
  armed = true;
  return { at: now() };
}

/** Waits until every WebSocket has had a frame and none has come for `quietMs` (or `timeoutMs`). */
async function collect(quietMs: number, timeoutMs: number): Promise<WindowStats> {
  const started = now();
  const withWs = [...sims.values()].filter((s) => s.ws || s.readsBoard);
  let timedOut = false;
  for (;;) {
    const t = now();
    const everyone = withWs.every((s) => s.wsFrames > 0);
    if (everyone && t - lastFrameAt >= quietMs) break;
    if (t - started > timeoutMs) {
      timedOut = true;
      break;
    }
    await sleep(25);
  }
  armed = false;
  const usage = process.resourceUsage();
  stopProfile();
  return {
    keys: withWs.map((s) => s.key),
    rawLast: withWs.map((s) => s.rawLast),
    loadgenCpuMs: [(usage.userCPUTime + usage.systemCPUTime - usageAtArm!.userCPUTime - usageAtArm!.systemCPUTime) / 1000],
    loadgenPageFaults: [usage.minorPageFault - usageAtArm!.minorPageFault],
    wsBytes: withWs.map((s) => s.wsBytes),
    wsFrames: withWs.map((s) => s.wsFrames),
    wsFirst: withWs.map((s) => s.wsFirst),
    wsLast: withWs.map((s) => s.wsLast),
    sockBytes: withWs.map((s) => s.sockBytes),
    sockFrames: withWs.map((s) => s.sockFrames),
    timedOut,
  };
}

/**
 * Steady command load: every person sends one command per 1/rateHz seconds, offsets spread evenly, for
 * `durationMs`. `card.add` with the given texts, or `vote`: vote.cast then vote.retract of the same item.
 */
async function ackLoad(durationMs: number, rateHz: number, plan: 'card.add' | 'vote', texts: string[], itemIds: string[]) {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const cardIds: string[] = [];
  let sent = 0;
  const people = [...sims.values()].filter((s) => s.sock);
  const period = 1000 / rateHz;
  const start = now() + 50;
  await Promise.all(
    people.map(async (s, i) => {
      const offset = (i / people.length) * period;
      const inFlight: Promise<void>[] = [];
      let cast: string | null = null;
      for (let k = 0; ; k++) {
        const due = start + offset + k * period;
        if (due - start >= durationMs) break;
        const wait = due - now();
        if (wait > 0) await sleep(wait);
        let cmd: Record<string, unknown>;
        if (plan === 'card.add') cmd = { type: 'card.add', columnId: ['start', 'stop', 'continue'][k % 3], text: texts[(i * 31 + k) % texts.length] };
        else if (cast === null) {
          cast = itemIds[Math.floor(Math.random() * itemIds.length)]!;
          cmd = { type: 'vote.cast', itemId: cast };
        } else {
          cmd = { type: 'vote.retract', itemId: cast };
          cast = null;
        }
        const sentAt = now();
        sent++;
        inFlight.push(
          command(s.sock!, cmd, 10_000).then((ack) => {
            latencies.push(now() - sentAt);
            if (!ack.ok) countErrors(errors, ack.code);
            else if (plan === 'card.add') cardIds.push((ack.data as { cardId: string }).cardId);
          }),
        );
      }
      await Promise.all(inFlight);
    }),
  );
  return { latencies, errors, sent, cardIds };
}

/** How many people are still connected (nobody reconnects by themselves: a drop shows here). */
function status(): { people: number; socketsDown: number; wsDown: number } {
  const all = [...sims.values()];
  return {
    people: all.length,
    socketsDown: all.filter((s) => s.sock && !s.sock.connected).length,
    wsDown: all.filter((s) => s.ws && s.ws.readyState !== WebSocket.OPEN).length,
  };
}

async function reset(): Promise<{ closed: number }> {
  const all = [...sims.values()];
  sims.clear();
  armed = false;
  const closing: Promise<void>[] = [];
  for (const s of all) {
    s.sock?.close();
    for (const ws of [s.ws, ...s.moreWs]) {
      if (ws && ws.readyState !== WebSocket.CLOSED) {
        closing.push(new Promise<void>((resolve) => ws.once('close', () => resolve())));
        ws.close();
      }
    }
  }
  await within(10_000, 'closing', Promise.all(closing)).catch(() => all.forEach((s) => [s.ws, ...s.moreWs].forEach((ws) => ws?.terminate())));
  return { closed: all.length };
}

async function handle(req: LoadgenRequest): Promise<unknown> {
  switch (req.op) {
    case 'join':
      return join(req.url, req.boardId, req.people, req.concurrency);
    case 'openWs':
      return openWs(req.targets, req.handshake, req.concurrency, req.beside);
    case 'readBoard':
      return readBoard(req.keys, req.concurrency);
    case 'connectOnly':
      return connectOnly(req.url, req.keys, req.concurrency);
    case 'cmds':
      return commands(req.items);
    case 'dropSockets':
      return dropSockets(req.keys);
    case 'arm':
      return arm();
    case 'collect':
      return collect(req.quietMs, req.timeoutMs);
    case 'ackLoad':
      return ackLoad(req.durationMs, req.rateHz, req.plan, req.texts, req.itemIds);
    case 'storm':
      return storm(req.targets, req.req, (key, sock, ws) => {
        // what the killed server left behind is dead: drop it, keep the new connections for reset
        const s = sim(key);
        if (sock && s.sock !== sock) s.sock?.close();
        if (ws && s.ws !== ws) s.ws?.terminate();
        s.sock = sock ?? s.sock;
        s.ws = ws ?? s.ws;
      });
    case 'status':
      return status();
    case 'reset':
      return reset();
    case 'exit':
      await reset();
      setImmediate(() => process.exit(0));
      return { bye: true };
  }
}

process.on('message', (req: LoadgenRequest) => {
  handle(req).then(
    (data) => process.send!({ reqId: req.reqId, ok: true, data } satisfies LoadgenReply),
    (err: Error) => process.send!({ reqId: req.reqId, ok: false, error: err.stack ?? err.message } satisfies LoadgenReply),
  );
});
// the bench went away: do not linger
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
