import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { now, sleep, within } from '../lib/clock.js';
import { makeCards } from '../lib/cards.js';
import { Commander, createBoard, healthz, newId, people } from '../lib/candor.js';
import { type Crowd, type LoadgenMode, mergeOutcomes } from '../lib/loadgens.js';
import type { Outcome, WindowStats } from '../lib/loadgenProtocol.js';
import { type ServerProcess, type Usage, keepMainThreadProfile, startBenchServer, startCandor } from '../lib/procs.js';
import { Screen } from '../lib/screen.js';
import { type WireFrame, WireRecorder, toSent } from '../lib/wireRecorder.js';
import { SYNC_STEP1_EMPTY, isSyncStep2, updateMessage } from '../lib/yjsWire.js';
import { median, spread, type Spread } from '../lib/stats.js';

/**
 * Scenario 1–4 and 7: one reveal, measured at every simulated person as the time from the command leaving
 * its sender until the last byte the reveal sent them has arrived. The same crowd of clients is pointed at
 * Candor, at the floor (a bare `ws` server sending the same bytes) and at the stock y-websocket server.
 */

/**
 * floorz: the floor sending the very (compressed) frames Candor sent in the same run, all of a client's in one write;
 * floorzsend: the same frames each in a `ws.send` of its own (two writes a client), as floorz sent them before stop 22;
 * floorzio: floorz's server and writes, read by the same Socket.io clients as Candor's (floorz's people are bare
 * WebSockets that skip the Socket.io packet before each binary frame: less work for the load processes, which share
 * the machine's two cores with the server in the window). A diagnostic, not a floor: Candor's reveal came out faster
 * and cheaper than it (stop 67: p99 0.74–0.91×, CPU 0.71–0.96×), likely as its clients, having read only the greeting,
 * meet the reveal with their Socket.io code cold
 */
export type System = 'candor' | 'floor' | 'floorz' | 'floorzsend' | 'floorzio' | 'stock';

export interface RevealResult {
  system: System;
  n: number;
  cards: number;
  /** per-person delivery, ms from the reveal command until their last frame of the reveal */
  delivery: Spread;
  /**
   * Where a delivery's time goes (the same for every system). `wire`: ms from the reveal command until each person's
   * last chunk of the reveal came off its TCP socket in the load process, before its client decoded it; `clientLag`:
   * from that chunk to the person's count of the message (its client's decoding, and for Socket.io its event).
   */
  wire: Spread;
  clientLag: Spread;
  /** the two load processes' CPU in the window, ms (their clients' reading and decoding of the reveal), and their minor page faults */
  loadgenCpuMs: number;
  loadgenPageFaults: number;
  /** how the load processes treated their own memory (bench/lib/loadgens.ts), set by the bench */
  loadgens?: LoadgenMode;
  /** the server's socket writes in the window (bench/probe.mjs): how many, and ms from the command to the first bytes read (the command arriving), to the first and the last write handed over, and to the last done */
  serverWrites: { count: number; bytes: number; firstReadMs: number; firstMs: number; lastMs: number; lastDoneMs: number };
  /** board-document (or floor/stock WebSocket) bytes each person received in the reveal window */
  bytesPerClient: number;
  bytesMin: number;
  bytesMax: number;
  framesPerClient: number;
  /** Socket.io bytes each person received in the window: Candor's `me` events and, since DO-10, the board document's frames too (also counted as its bytes); 0 elsewhere */
  socketBytesPerClient: number;
  /** server CPU time (process.cpuUsage, user + system) from just before the command until the room went quiet */
  serverCpuMs: number;
  /** of it, in the kernel (system time), ms; and the server's minor page faults in the window */
  serverSysCpuMs: number;
  serverMinorFaults: number;
  /** the same from /proc/<pid>/stat (10 ms ticks), a cross-check */
  serverProcCpuMs: number;
  /** of the server's CPU, what its main (JavaScript) thread used and what its other threads (GC and compiler helpers, libuv) used */
  serverMainThreadCpuMs: number;
  serverOtherThreadsCpuMs: number;
  serverRssMb: number;
  /** the facilitator's ack of phase.set reveal (Candor), ms */
  commandAckMs: number | null;
  /** reveal command → the Chromium page had rendered every card, ms (only with `screen`) */
  screenMs: number | null;
  cardsWritten: number;
  clients: number;
  timedOut: boolean;
  /** the reveals this server had served when measured, this one included (Candor: boards loaded, each revealed once; the floors: fires); null for stock */
  revealsServed: number | null;
  /** the reveal window on the server's monotonic clock (µs), to cut a --cpu-prof profile */
  serverWindowUs: [number, number];
  /** the server's process id, to cut its samples out of a `perf record -a` of the run (bench/perf-summary.ts) */
  serverPid: number;
  errors: Record<string, number>;
}

export interface RevealOptions {
  n: number;
  cards: number;
  seed?: number;
  /** no frame on any client for this long ends the window */
  quietMs?: number;
  timeoutMs?: number;
  /** writes a .cpuprofile of the server (Candor or the floor) under bench/profiles/ */
  cpuProfile?: string;
  /** one more participant as a Chromium page */
  screen?: boolean;
  /** Candor: people open the board document only after the cards are written, not right after joining (see `prepareBoard`) */
  docsLate?: boolean;
  /** the server first serves one unmeasured reveal of the same size (Candor: of another board; the floor: the same frames) */
  warm?: boolean;
  /** for the floor: bytes to send each client */
  bytes?: number;
  /** for the compressed floor: the frames Candor sent a person in its reveal (see `record`) */
  frames?: WireFrame[];
  /** for the compressed floor: each frame in a `ws.send` of its own (floorzsend) rather than all in one write */
  perFrame?: boolean;
  /** for the compressed floor: people read it with Candor's Socket.io clients (floorzio), not bare WebSockets */
  socketIo?: boolean;
  /** for the compressed floor: what Candor sent a person when their board document opened (see `record`) */
  greeting?: WireFrame[];
  /** Candor: receives the board-document frames one more person got in the reveal window, and what it got when its document opened */
  record?: (frames: WireFrame[], greeting: WireFrame[]) => void;
  log?: (line: string) => void;
}

const JOIN_CONCURRENCY = 25;

function summarize(system: System, o: RevealOptions, t0: number, w: WindowStats, before: Usage, after: Usage): Omit<RevealResult, 'commandAckMs' | 'screenMs' | 'cardsWritten' | 'errors' | 'revealsServed'> {
  const delivery = w.wsLast.map((t) => (t > 0 ? t - t0 : Number.NaN)).filter((d) => !Number.isNaN(d));
  const wire = w.rawLast.map((t) => (t > 0 ? t - t0 : Number.NaN)).filter((d) => !Number.isNaN(d));
  const lag = w.wsLast.map((t, i) => (t > 0 && w.rawLast[i]! > 0 ? t - w.rawLast[i]! : Number.NaN)).filter((d) => !Number.isNaN(d));
  const wr = after.writes;
  const since = (t: number) => (t > 0 ? t - t0 : Number.NaN);
  return {
    system,
    n: o.n,
    cards: o.cards,
    delivery: spread(delivery),
    wire: spread(wire),
    clientLag: spread(lag),
    loadgenCpuMs: w.loadgenCpuMs.reduce((a, b) => a + b, 0),
    loadgenPageFaults: w.loadgenPageFaults.reduce((a, b) => a + b, 0),
    serverWrites: { count: wr.count, bytes: wr.bytes, firstReadMs: since(wr.firstRead), firstMs: since(wr.first), lastMs: since(wr.last), lastDoneMs: since(wr.lastDone) },
    bytesPerClient: median(w.wsBytes),
    bytesMin: Math.min(...w.wsBytes),
    bytesMax: Math.max(...w.wsBytes),
    framesPerClient: median(w.wsFrames),
    socketBytesPerClient: median(w.sockBytes),
    serverCpuMs: (after.cpuUs - before.cpuUs) / 1000,
    serverSysCpuMs: (after.systemCpuUs - before.systemCpuUs) / 1000,
    serverMinorFaults: after.minorFaults - before.minorFaults,
    serverProcCpuMs: after.procCpuMs - before.procCpuMs,
    serverMainThreadCpuMs: (after.mainThreadCpuUs - before.mainThreadCpuUs) / 1000,
    serverOtherThreadsCpuMs: (after.otherThreadsCpuUs - before.otherThreadsCpuUs) / 1000,
    serverRssMb: after.rss / 2 ** 20,
    clients: w.keys.length,
    timedOut: w.timedOut,
    serverWindowUs: [before.hrUs, after.hrUs],
    serverPid: after.pid,
  };
}

function assertAll(what: string, outcome: Outcome, expected: number): void {
  if (outcome.ok !== expected) throw new Error(`${what}: ${outcome.ok} of ${expected} succeeded; errors ${JSON.stringify(outcome.errors)}`);
}

async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-'));
  try {
    return await work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A board of N people with the cards written (acknowledged) and every person's board document open. The browser
 * opens the board document as soon as its join is acknowledged (`BoardSession`), so people read it while cards are
 * written and see the card count and presence move; `docsLate` opens them only after the writing (the bench's order
 * before stop 24), to compare.
 */
async function prepareBoard(
  server: ServerProcess,
  crowd: Crowd,
  o: RevealOptions,
  name: string,
  record = false,
): Promise<{ boardId: string; facilitator: Commander; written: Outcome; recorder: WireRecorder | null }> {
  const log = o.log ?? (() => undefined);
  const { url } = server;
  const { boardId, facilitatorKey } = await createBoard(url, name);
  const facilitator = await Commander.join(url, boardId, 'Facilitator', facilitatorKey);
  let recorder: WireRecorder | null = null;
  const crowdPeople = people(o.n);
  const openDocuments = async () => {
    const t = now();
    // DO-10: each person reads the board document over its joined socket, as the browser does
    const readers = crowdPeople.map((p) => ({ key: p.key }));
    assertAll('board document', mergeOutcomes(await crowd.split(readers, (mine) => ({ op: 'readBoard', keys: mine.map((r) => r.key), concurrency: JOIN_CONCURRENCY }))), o.n);
    log(`opened ${o.n} board documents in ${(now() - t).toFixed(0)} ms`);
  };
  try {
    // the facilitator's browser reads the board document from its join as well: the recorder is that reader
    if (record && !o.docsLate) recorder = await WireRecorder.overSocket(facilitator);
    let t = now();
    assertAll('join', mergeOutcomes(await crowd.split(crowdPeople, (mine) => ({ op: 'join', url, boardId, people: mine, concurrency: JOIN_CONCURRENCY }))), o.n);
    log(`joined ${o.n} in ${(now() - t).toFixed(0)} ms`);
    if (!o.docsLate) await openDocuments();

    // Cards spread over the people, written with acks before anything is measured.
    t = now();
    const cards = makeCards(o.cards, o.seed ?? 1);
    const items = cards.map((c, i) => ({ key: i % o.n, cmd: { type: 'card.add', columnId: c.columnId, text: c.text } }));
    const written = mergeOutcomes(await crowd.split(items, (mine) => ({ op: 'cmds', items: mine }), 600_000));
    assertAll('card.add', written, o.cards);
    log(`wrote ${o.cards} cards in ${(now() - t).toFixed(0)} ms`);

    if (o.docsLate) {
      await openDocuments();
      if (record) recorder = await WireRecorder.overSocket(facilitator);
    }
    return { boardId, facilitator, written, recorder };
  } catch (err) {
    recorder?.stop();
    facilitator.close();
    throw err;
  }
}

/**
 * `warm`: before the measured board, the same server reveals another board of the same size to the same crowd,
 * unmeasured: the measured reveal is then not the process's first, whose code V8 compiles while it runs.
 */
async function warmUp(server: ServerProcess, crowd: Crowd, o: RevealOptions): Promise<void> {
  const { facilitator } = await prepareBoard(server, crowd, o, `Warm-up ${o.n}×${o.cards}`);
  try {
    await sleep(300);
    await crowd.all({ op: 'arm' });
    const ack = await facilitator.cmd({ type: 'phase.set', phase: 'reveal' }, 60_000);
    if (!ack.ok) throw new Error(`warm-up reveal refused: ${ack.code} ${ack.message}`);
    await crowd.collect(o.quietMs ?? 1500, o.timeoutMs ?? 60_000);
  } finally {
    facilitator.close();
    await crowd.reset();
  }
}

/**
 * RC-14: Candor pings each connection every 4 s; 500 people connected within a second or two are pinged in bursts of
 * hundreds, and one landed in nearly every reveal's window (which runs until the room has been quiet for 1.5 s) and
 * stretched it to 1.7 s: 200-440 more writes and 60-110 ms more CPU, counted as the reveal's (the floors ping nobody). The reveal runs
 * with a ping a minute (`PING_INTERVAL_MS`), so that what it measures is the reveal; what the heartbeat costs is in the
 * README (Configuration, PING_TIMEOUT_MS).
 */
const REVEAL_PING_INTERVAL_MS = '60000';

/** Candor: N people join, write the cards (acknowledged, before measuring), open the board document; then reveal. */
export async function revealCandor(crowd: Crowd, o: RevealOptions): Promise<RevealResult> {
  return withTempDir(async (dataDir) => {
    const server = await startCandor({ dataDir, cpuProfile: o.cpuProfile, env: { PING_INTERVAL_MS: REVEAL_PING_INTERVAL_MS } });
    let facilitator: Commander | null = null;
    let screen: Screen | null = null;
    let recorder: WireRecorder | null = null;
    try {
      if (o.warm) await warmUp(server, crowd, o);
      const board = await prepareBoard(server, crowd, o, `Bench ${o.n}×${o.cards}`, o.record !== undefined);
      ({ facilitator, recorder } = board);
      const { url } = server;
      if (o.screen) screen = await Screen.join(url, board.boardId);
      await sleep(300);

      await crowd.all({ op: 'arm' });
      recorder?.arm();
      const before = await server.usage();
      const t0 = now();
      const ack = await facilitator.cmd({ type: 'phase.set', phase: 'reveal' }, 60_000);
      const commandAckMs = now() - t0;
      if (!ack.ok) throw new Error(`reveal refused: ${ack.code} ${ack.message}`);
      const window = await crowd.collect(o.quietMs ?? 1500, o.timeoutMs ?? 60_000);
      const after = await server.usage();
      const { boardsLoaded } = await healthz(url);
      if (recorder) o.record!(recorder.stop(), recorder.greeting);
      let screenMs: number | null = null;
      if (screen) {
        const at = await screen.renderedAt(o.cards, 60_000);
        screenMs = at === null ? null : at - t0;
      }
      return { ...summarize('candor', o, t0, window, before, after), commandAckMs, screenMs, cardsWritten: board.written.ok, errors: board.written.errors, revealsServed: boardsLoaded };
    } finally {
      // killed first (gracefully only to write a profile): 500 goodbyes would cost it seconds nobody measures
      recorder?.stop();
      await server.stop(o.cpuProfile ? 60_000 : 0);
      await crowd.reset().catch(() => undefined);
      facilitator?.close();
      await screen?.close().catch(() => undefined);
    }
  });
}

/**
 * The floor: the same people connect to a bare `ws` server, which sends each `bytes` bytes in one message,
 * or, given `frames`, Candor's own reveal frames (the compressed floor, compressing as Candor does).
 */
export async function revealFloor(crowd: Crowd, o: RevealOptions): Promise<RevealResult> {
  const system: System = o.frames ? (o.perFrame ? 'floorzsend' : o.socketIo ? 'floorzio' : 'floorz') : 'floor';
  const server = await startBenchServer(system, 'floor-server.ts', o.cpuProfile ? { cpuProfile: o.cpuProfile } : {});
  try {
    if (o.frames) {
      const loaded = await server.request<{ ok: boolean; error?: string }>({ op: 'load', frames: toSent(o.frames), greeting: toSent(o.greeting ?? []), perFrame: o.perFrame === true });
      if (!loaded.ok) throw new Error(`compressed floor: ${loaded.error}`);
    }
    const targets = Array.from({ length: o.n }, (_, key) => ({ key, url: `ws://127.0.0.1:${server.port}/` }));
    // with a greeting, each client waits for the whole document in it, as it did from Candor
    const handshake = (o.greeting?.length ?? 0) > 0;
    if (o.socketIo) {
      // as Candor's people: a Socket.io connection each, then the board document asked for over it
      const url = `http://127.0.0.1:${server.port}`;
      assertAll('floor connect', mergeOutcomes(await crowd.split(targets, (mine) => ({ op: 'connectOnly', url, keys: mine.map((t) => t.key), concurrency: JOIN_CONCURRENCY }))), o.n);
      if (handshake) assertAll('floor board document', mergeOutcomes(await crowd.split(targets, (mine) => ({ op: 'readBoard', keys: mine.map((t) => t.key), concurrency: JOIN_CONCURRENCY }))), o.n);
    } else assertAll('floor connect', mergeOutcomes(await crowd.split(targets, (mine) => ({ op: 'openWs', targets: mine, handshake, concurrency: JOIN_CONCURRENCY }))), o.n);
    await sleep(300);
    if (o.warm) {
      await crowd.all({ op: 'arm' });
      await server.request({ op: 'fire', ...(o.frames ? {} : { bytes: o.bytes ?? 0 }) });
      await crowd.collect(o.quietMs ?? 1500, o.timeoutMs ?? 60_000);
    }
    await crowd.all({ op: 'arm' });
    const before = await server.usage();
    const fired = await server.request<{ t0: number; sent: number; fired: number }>(o.frames ? { op: 'fire' } : { op: 'fire', bytes: o.bytes ?? 0 });
    const window = await crowd.collect(o.quietMs ?? 1500, o.timeoutMs ?? 60_000);
    const after = await server.usage();
    return { ...summarize(system, o, fired.t0, window, before, after), commandAckMs: null, screenMs: null, cardsWritten: 0, errors: {}, revealsServed: fired.fired };
  } finally {
    await crowd.reset().catch(() => undefined);
    await server.stop(o.cpuProfile ? 60_000 : undefined);
    if (o.cpuProfile) keepMainThreadProfile(o.cpuProfile);
  }
}

/** The same cards as Candor's board document holds them (RV-7): one list of card entries, inserted in one run. */
export function stockUpdate(cardCount: number, seed: number): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  const cards = makeCards(cardCount, seed);
  doc.transact(() => {
    const list = new Y.Array<unknown>();
    doc.getMap<unknown>('board').set('cards', list);
    // each card its public fields in a fixed order (id, column, text, group, edited, signed by), as Candor writes it
    list.insert(0, cards.map((c) => [newId(16).slice(0, 21), c.columnId, c.text, null, false, null]));
  });
  return update!;
}

/** The stock y-websocket server: the same people sync a room, then one writer sends every card in one transaction. */
export async function revealStock(crowd: Crowd, o: RevealOptions): Promise<RevealResult> {
  const server = await startBenchServer('stock', 'stock-server.ts');
  let writer: WebSocket | null = null;
  try {
    const room = `ws://127.0.0.1:${server.port}/bench-room`;
    const targets = Array.from({ length: o.n }, (_, key) => ({ key, url: room }));
    assertAll('stock connect', mergeOutcomes(await crowd.split(targets, (mine) => ({ op: 'openWs', targets: mine, handshake: true, concurrency: JOIN_CONCURRENCY }))), o.n);
    const ws = new WebSocket(room, { perMessageDeflate: false });
    writer = ws;
    await within(
      20_000,
      'stock writer',
      new Promise<void>((resolve, reject) => {
        ws.on('open', () => ws.send(SYNC_STEP1_EMPTY));
        ws.on('message', (data: Buffer) => isSyncStep2(data) && resolve());
        ws.on('error', reject);
      }),
    );
    const message = updateMessage(stockUpdate(o.cards, o.seed ?? 1));
    await sleep(300);
    await crowd.all({ op: 'arm' });
    const before = await server.usage();
    const t0 = now();
    ws.send(message);
    const window = await crowd.collect(o.quietMs ?? 1500, o.timeoutMs ?? 60_000);
    const after = await server.usage();
    return { ...summarize('stock', o, t0, window, before, after), commandAckMs: null, screenMs: null, cardsWritten: o.cards, errors: {}, revealsServed: null };
  } finally {
    writer?.terminate();
    await crowd.reset().catch(() => undefined);
    await server.stop();
  }
}

export function revealRunner(system: System): (crowd: Crowd, o: RevealOptions) => Promise<RevealResult> {
  return {
    candor: revealCandor,
    floor: revealFloor,
    floorz: revealFloor,
    floorzsend: (crowd: Crowd, o: RevealOptions) => revealFloor(crowd, { ...o, perFrame: true }),
    floorzio: (crowd: Crowd, o: RevealOptions) => revealFloor(crowd, { ...o, socketIo: true }),
    stock: revealStock,
  }[system];
}

export type { ServerProcess };
