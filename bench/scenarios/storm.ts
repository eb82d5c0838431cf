import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { now, sleep } from '../lib/clock.js';
import { makeCards } from '../lib/cards.js';
import { Commander, createBoard, people } from '../lib/candor.js';
import { type Crowd, mergeOutcomes } from '../lib/loadgens.js';
import type { Outcome } from '../lib/loadgenProtocol.js';
import { type ServerProcess, startBenchServer, startCandor } from '../lib/procs.js';
import { spread, type Spread } from '../lib/stats.js';
import type { StormRequest, StormResult, StormTarget } from '../lib/stormClient.js';
import { type WireFrame, WireRecorder, toSent } from '../lib/wireRecorder.js';

/**
 * Issue 13's restart storm (single process): N people on a board of `cards` cards in Vote, each with their
 * Socket.io session open and reading the board document over it, as the browser does (DO-10). The server is
 * killed (SIGKILL) and started again on the same port and data; measured from the kill until every person has
 * joined again, has the whole board document again (asked afresh over the new socket) and has had one vote
 * acked. The floor: the same N bare WebSocket connections to a bare `ws` server, killed and started again, each
 * receiving the very frames Candor's board document answers a fresh socket (each `board.doc` event's text packet
 * and binary attachment), then one echo.
 */

export interface StormRun {
  /** candor2: one of two Candor processes (PostgreSQL + Redis) killed, its people back through the other */
  system: 'candor' | 'candor2' | 'floor';
  n: number;
  cards: number;
  /** kill → the new server answered its readiness check (Candor: /healthz; floor: listening), ms */
  serverBackMs: number;
  /** kill → each person had the whole document again, ms */
  resynced: Spread;
  /** kill → each person's vote (floor: echo) acked, ms; max is "everyone can vote again" */
  voted: Spread;
  /** people who did not make it back within the deadline */
  missing: number;
  /** board-document bytes each person received until resynced: mean, least, most */
  bytesPerClient: number;
  bytesMin: number;
  bytesMax: number;
  attempts: number;
  errors: Record<string, number>;
}

export interface StormOptions {
  n: number;
  cards: number;
  log?: (line: string) => void;
  /** a .cpuprofile of the restarted Candor server under bench/profiles/ (it is then stopped with SIGTERM) */
  cpuProfile?: string;
}

const JOIN_CONCURRENCY = 25;
/** everyone must be back within this long, or the run reports who was not */
const STORM_DEADLINE_MS = 120_000;

function assertAll(what: string, outcome: Outcome, expected: number): void {
  if (outcome.ok !== expected) throw new Error(`${what}: ${outcome.ok} of ${expected} succeeded; errors ${JSON.stringify(outcome.errors)}`);
}

/** Kills `before`, sends the storm (clients start retrying at once), restarts, and waits for everyone. */
export async function killAndStorm(crowd: Crowd, o: StormOptions, system: StormRun['system'], before: ServerProcess, targets: StormTarget[], req: StormRequest, restart: () => Promise<ServerProcess>) {
  const t0 = now();
  await before.stop(0); // SIGKILL: no goodbyes, no flush beyond what was already committed
  const storming = crowd.split<StormTarget, StormResult>(targets, (mine) => ({ op: 'storm', targets: mine, req }), STORM_DEADLINE_MS + 30_000);
  const server = await restart();
  const serverBackMs = now() - t0;
  const parts = await storming;
  const merged: StormResult = { resynced: [], voted: [], bytes: [], attempts: 0, errors: {} };
  for (const p of parts) {
    merged.resynced.push(...p.resynced);
    merged.voted.push(...p.voted);
    merged.bytes.push(...p.bytes.filter((b) => b !== undefined));
    merged.attempts += p.attempts;
    for (const [code, k] of Object.entries(p.errors)) merged.errors[code] = (merged.errors[code] ?? 0) + k;
  }
  const since = (ts: number[]) => ts.filter((t) => Number.isFinite(t)).map((t) => t - t0);
  const run: StormRun = {
    system,
    n: o.n,
    cards: o.cards,
    serverBackMs,
    resynced: spread(since(merged.resynced)),
    voted: spread(since(merged.voted)),
    missing: merged.voted.filter((t) => !Number.isFinite(t)).length,
    bytesPerClient: merged.bytes.length ? merged.bytes.reduce((a, b) => a + b, 0) / merged.bytes.length : 0,
    bytesMin: Math.min(...merged.bytes),
    bytesMax: Math.max(...merged.bytes),
    attempts: merged.attempts,
    errors: merged.errors,
  };
  return { run, server };
}

/** Candor, then the floor with the bytes Candor answered a fresh client in the same run. */
export async function restartStorm(crowd: Crowd, o: StormOptions): Promise<{ candor: StormRun; floor: StormRun }> {
  const log = o.log ?? (() => undefined);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-storm-'));
  let server: ServerProcess | null = null;
  let facilitator: Commander | null = null;
  let greeting: WireFrame[] = [];
  let candor!: StormRun;
  try {
    server = await startCandor({ dataDir });
    const { url, port } = server;
    const { boardId, facilitatorKey } = await createBoard(url, `Storm ${o.n}×${o.cards}`);
    facilitator = await Commander.join(url, boardId, 'Facilitator', facilitatorKey);
    const crowdPeople = people(o.n);
    assertAll('join', mergeOutcomes(await crowd.split(crowdPeople, (mine) => ({ op: 'join', url, boardId, people: mine, concurrency: JOIN_CONCURRENCY }))), o.n);
    const items = makeCards(o.cards, 1).map((c, i) => ({ key: i % o.n, cmd: { type: 'card.add', columnId: c.columnId, text: c.text } }));
    const written = await crowd.split<(typeof items)[number], Outcome & { results: { data: unknown }[] }>(items, (mine) => ({ op: 'cmds', items: mine }), 600_000);
    assertAll('card.add', mergeOutcomes(written), o.cards);
    const cardIds = written.flatMap((w) => w.results.map((r) => (r.data as { cardId: string }).cardId));
    await facilitator.must({ type: 'phase.set', phase: 'reveal' });
    await facilitator.must({ type: 'phase.set', phase: 'vote' });
    assertAll('board document', mergeOutcomes(await crowd.split(crowdPeople, (mine) => ({ op: 'readBoard', keys: mine.map((p) => p.key), concurrency: JOIN_CONCURRENCY }))), o.n);
    const recorder = await WireRecorder.overSocket(facilitator);
    greeting = recorder.greeting;
    recorder.stop();
    facilitator.close();
    facilitator = null;
    log(`${o.n} people on ${o.cards} cards in Vote, documents open; killing Candor`);
    await sleep(300);

    const targets = crowdPeople.map((p) => ({ key: p.key, person: p, itemId: cardIds[p.key % cardIds.length]! }));
    const req: StormRequest = { mode: 'candor', url, boardId, greetingBytes: 0, deadlineMs: STORM_DEADLINE_MS };
    const done = await killAndStorm(crowd, o, 'candor', server, targets, req, () => startCandor({ dataDir, port, ...(o.cpuProfile ? { cpuProfile: o.cpuProfile } : {}) }));
    server = done.server;
    candor = done.run;
  } finally {
    facilitator?.close();
    await server?.stop(o.cpuProfile ? 10_000 : 0);
    await crowd.reset().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const greetingFile = path.join(os.tmpdir(), `candor-storm-greeting-${process.pid}.json`);
  fs.writeFileSync(greetingFile, JSON.stringify(toSent(greeting)));
  const env = { FLOOR_GREETING_FILE: greetingFile };
  let floorServer: ServerProcess | null = null;
  try {
    floorServer = await startBenchServer('floor', 'floor-server.ts', { env });
    const url = `ws://127.0.0.1:${floorServer.port}/`;
    const greetingBytes = greeting.reduce((sum, f) => sum + (typeof f === 'string' ? 0 : f.length), 0);
    const targets = Array.from({ length: o.n }, (_, key) => ({ key, url }));
    assertAll('floor connect', mergeOutcomes(await crowd.split(targets, (mine) => ({ op: 'openWs', targets: mine, handshake: false, concurrency: JOIN_CONCURRENCY }))), o.n);
    await sleep(300);
    const stormTargets = people(o.n).map((p) => ({ key: p.key, person: p, itemId: '' }));
    const req: StormRequest = { mode: 'floor', url, boardId: '', greetingBytes, deadlineMs: STORM_DEADLINE_MS };
    const port = floorServer.port;
    const done = await killAndStorm(crowd, o, 'floor', floorServer, stormTargets, req, () => startBenchServer('floor', 'floor-server.ts', { port, env }));
    floorServer = done.server;
    return { candor, floor: done.run };
  } finally {
    await floorServer?.stop(0);
    await crowd.reset().catch(() => undefined);
    fs.rmSync(greetingFile, { force: true });
  }
}
