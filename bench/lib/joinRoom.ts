/**
 * Issue 9's join figure, in-process (no network: the room's own work and its storage): a board of `people`
 * writers × `cardsEach` cards is built and the room rebuilt as after a restart; then
 *   - restart: everyone comes back (the known-participant join, where a restarted room recognises their facts);
 *   - first:   as many newcomers join the same board (a participant row is stored for each).
 * Each pass runs twice: `crowd` — arrivals spread evenly over `arriveMs`, as a room joining, wall time from
 * arrival to ack; and `alone` — one join at a time, wall and CPU time of each.
 *
 * Newcomers: as many as the board still holds (AB-5: 1,000 participants), 499 next to 500 writers.
 *
 * Runs as a child process against a source tree given by `--tree` (this one, or an older checkout: see
 * `scenarios/join.ts`), so it only uses what every version of the room has: `new BoardRoom(loaded, deps)`,
 * `attach`, `handle`, `destroy`, `openSqliteStore`, `Keyring`. Prints one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { JOIN_PARTS } from './joinBundle.js';
import { threadCpuUs } from './threadCpu.js';

const { values: a } = parseArgs({
  options: {
    tree: { type: 'string' },
    people: { type: 'string', default: '500' },
    'cards-each': { type: 'string', default: '3' },
    'arrive-ms': { type: 'string', default: '2000' },
    /** writes a .cpuprofile of the timed passes alone (not of building the boards) */
    profile: { type: 'string' },
    /** writes a .heapprofile of what the timed passes allocated (sampled, collected objects included) */
    'alloc-profile': { type: 'string' },
    /** only these passes (comma-separated), e.g. when profiling one of them */
    passes: { type: 'string', default: 'restartCrowd,restartAlone,firstCrowd,firstAlone' },
    /** writes where the time of the slowest joins went (`joinTrace.ts`) to this file */
    trace: { type: 'string' },
    /**
     * adds each pass's CPU time by thread (Linux): the main thread's and the sum of the others' (V8's compiler
     * and GC helpers, the module loader); run with --no-concurrent-recompilation to see what compiling costs
     */
    threads: { type: 'boolean', default: false },
    /**
     * what this process does: `all` builds the boards and times every pass in the same process (the figures
     * before stop 18); `build` only builds board a into `--dir` and exits; `restart` builds nothing and times
     * the restart passes on the board a `build` process left in `--dir`, as a server restarted on its data
     */
    stage: { type: 'string', default: 'all' },
    /** the data directory (kept afterwards); a temporary one, removed at the end, when not given */
    dir: { type: 'string' },
    /** the tree's parts from this bundle of them (`joinBundle.ts`: what `npm start` runs) rather than from its sources through tsx */
    bundle: { type: 'string' },
    /**
     * Linux: each crowd join's main-thread time waiting for a CPU (the run queue delay in
     * `/proc/thread-self/schedstat`, read just outside the timed window; the kernel adds it when the thread is
     * switched back in) and its switches, for the slowest 1% (`slowestSched`) and over all joins: whether a slow
     * join was the main thread working or waiting to run (preempted), and what the process's other threads used
     */
    sched: { type: 'boolean', default: false },
    /**
     * Linux: each `alone` join's main-thread CPU (`mainCpuP50`, `mainCpuP99`) beside the process's. The process's
     * CPU (getrusage) adds every thread's run time, and another thread's as the kernel last brought it up to date
     * (at its switch or a scheduler tick, 4 ms here): a join of 0.5 ms in which the compiler or a GC helper ran on
     * the other core can count 4 ms. The main thread's is the process's minus the others' run times
     * (`/proc/self/task/<tid>/schedstat`, the same values getrusage adds), read just outside the timed window.
     */
    'main-cpu': { type: 'boolean', default: false },
  },
});
/** the run time so far (ms) of this process's threads other than the main one (Linux, `--main-cpu`) */
const othersRunMs = () => threadCpuUs(process.pid).others / 1000;
const STAGE = a.stage as 'all' | 'build' | 'restart';
if (!['all', 'build', 'restart'].includes(STAGE)) throw new Error(`--stage ${STAGE}: all, build or restart`);
const TREE = path.resolve(a.tree!);
const PEOPLE = Number(a.people);
const CARDS_EACH = Number(a['cards-each']);
const ARRIVE_MS = Number(a['arrive-ms']);

type Ack = { ok: boolean; message?: string; code?: string };
interface Room {
  attach(socket: unknown): void;
  handle(socketId: string, command: unknown): Promise<Ack>;
  destroy(): void;
}

const from = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(path.join(TREE, rel)).href)) as T;
const bundle = a.bundle ? ((await import(pathToFileURL(path.resolve(a.bundle)).href)) as Record<string, unknown>) : null;
const part = async <T>(name: keyof typeof JOIN_PARTS): Promise<T> => (bundle ? bundle[name] : (await from<Record<string, unknown>>(JOIN_PARTS[name]))[name]) as T;
const BoardRoom = await part<new (loaded: unknown, deps: unknown) => Room>('BoardRoom');
const openSqliteStore = await part<(file: string, o?: unknown) => any>('openSqliteStore');
const Keyring = await part<new (key: Buffer) => { facilitatorHash(b: string, k: string): string }>('Keyring');
const TEMPLATES = await part<{ id: string; columns: { id: string }[] }[]>('TEMPLATES');

if (a.trace && bundle) throw new Error('--trace wraps the classes of the sources: not with --bundle');
const tracer = a.trace ? await import('./joinTrace.js') : null;
if (tracer) {
  // whatever of these the tree has: the room, its parts, the keyring (every HMAC)
  const parts: [string, string, string][] = [
    ['BoardRoom', 'server/src/rooms/BoardRoom.ts', 'BoardRoom'],
    ['StoredCopy', 'server/src/rooms/StoredCopy.ts', 'StoredCopy'],
    ['CommandBatches', 'server/src/rooms/CommandBatches.ts', 'CommandBatches'],
    ['CommandStaging', 'server/src/rooms/CommandStaging.ts', 'CommandStaging'],
    ['Keyring', 'server/src/identity.ts', 'Keyring'],
    ['RoomFanout', 'server/src/rooms/RoomFanout.ts', 'RoomFanout'],
    ['Identities', 'server/src/rooms/RoomJoin.ts', 'Identities'],
    ['AnonymousState', 'server/src/storage/anonymousState.ts', 'AnonymousState'],
    ['RoomDocuments', 'server/src/rooms/RoomDocuments.ts', 'RoomDocuments'],
    ['Presence', 'server/src/rooms/Presence.ts', 'Presence'],
    ['Admission', 'server/src/rooms/admission.ts', 'Admission'],
    ['RoomDoor', 'server/src/rooms/RoomDoor.ts', 'RoomDoor'],
  ];
  for (const [label, rel, name] of parts) {
    if (!fs.existsSync(path.join(TREE, rel))) continue;
    const mod = await from<Record<string, { prototype: object } | undefined>>(rel);
    tracer.traceClass(label, mod[name]?.prototype);
  }
}
const template = TEMPLATES.find((t) => t.id === 'start-stop-continue') ?? TEMPLATES[0]!;
let counter = 0;
const newId = () => `${randomBytes(6).toString('base64url')}${(++counter).toString(36)}`;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function p(samples: number[], q: number): number {
  const s = [...samples].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((q / 100) * s.length) - 1))]!;
}

const dir = a.dir ? path.resolve(a.dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-join-'));
fs.mkdirSync(dir, { recursive: true });
// the server's default durability (SQLITE_SYNCHRONOUS=FULL): a join is acknowledged once it is on disk
const opened = openSqliteStore(path.join(dir, 'candor.sqlite'), { synchronous: 'FULL' });
const store = tracer ? tracer.traceObject('store', opened) : opened;
const serverKey: Buffer = typeof store.serverKey === 'function' ? await store.serverKey() : keptKey(path.join(dir, 'bench-server.key'));
const keyring = new Keyring(serverKey);
const silent = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child() { return silent; } };
const deps = {
  store,
  keyring,
  logger: silent,
  now: () => Date.now(),
  newId,
  newSeed: () => 'seed',
  claimAfterMs: 60_000,
  participantCap: 10_000,
};
const person = (prefix: string, i: number) => ({ participantId: `${prefix}-${i}`.padEnd(12, 'x'), secret: `${prefix}-secret-${i}`.padEnd(40, 'x'), name: `${prefix} ${i}` });
const writers = Array.from({ length: PEOPLE }, (_, i) => person('w', i));
let socketNo = 0;
const socket = () => ({ id: `s${++socketNo}`, address: `10.${socketNo >> 16}.${(socketNo >> 8) & 255}.${socketNo & 255}`, sendMe() {}, signOut() {}, answerKnock() {} });
const must = async (room: Room, socketId: string, body: Record<string, unknown>) => {
  const ack = await room.handle(socketId, { id: newId(), ...body });
  if (!ack.ok) throw new Error(`${String(body.type)}: ${ack.code} ${ack.message}`);
};
const load = async (boardId: string) => new BoardRoom(await store.loadBoard(boardId), deps);

type Person = ReturnType<typeof person>;
/** One join timed from its arrival to its ack; a fresh connection each time. */
async function timedJoin(room: Room, who: Person): Promise<{ wall: number; cpu: number; mainCpu?: number; sched?: Sched }> {
  const s = socket();
  room.attach(s);
  const before = a.sched ? schedNs() : null;
  const othersBefore = a['main-cpu'] ? othersRunMs() : 0;
  const t = performance.now();
  const c = cpuMs();
  await must(room, s.id, { type: 'join', ...who });
  const end = performance.now();
  const cpu = cpuMs() - c;
  const mainCpu = a['main-cpu'] ? cpu - (othersRunMs() - othersBefore) : undefined;
  const after = before ? schedNs() : null;
  tracer?.traceJoin(currentPass, t, end, cpu);
  const sched = before && after ? { waitMs: (after[1] - before[1]) / 1e6, switches: after[2] - before[2], at: t } : undefined;
  return { wall: end - t, cpu, ...(mainCpu === undefined ? {} : { mainCpu }), ...(sched ? { sched } : {}) };
}
interface Sched {
  /** the main thread's time waiting in the run queue during the join (ms), and how often it was switched in */
  waitMs: number;
  switches: number;
  at: number;
}
/**
 * the main thread's time on a CPU and in the run queue so far (ns), and its switches in (Linux). The first is
 * brought up to date only at a switch or a tick, so only the other two are read.
 */
function schedNs(): [number, number, number] {
  const [run, wait, switches] = fs.readFileSync('/proc/thread-self/schedstat', 'utf8').trim().split(' ');
  return [Number(run), Number(wait), Number(switches)];
}
/**
 * the slowest 1% of joins: wall, the main thread's wait for a CPU and switches, the process's CPU beyond the
 * main thread's (all of it minus wall minus wait, as the join runs without sleeping); and over all joins
 */
function schedReport(joins: { wall: number; cpu: number; sched?: Sched }[]) {
  const r = (n: number) => Math.round(n * 1000) / 1000;
  const row = (j: { wall: number; cpu: number; sched?: Sched }) => ({ at: r(j.sched!.at), wall: r(j.wall), mainWait: r(j.sched!.waitMs), switches: j.sched!.switches, othersCpu: r(Math.max(0, j.cpu - (j.wall - j.sched!.waitMs))) });
  const sorted = [...joins].sort((x, y) => y.wall - x.wall);
  const pct = (f: (j: (typeof joins)[number]) => number, q: number) => r(p(joins.map(f), q));
  return {
    slowestSched: sorted.slice(0, Math.max(1, Math.ceil(joins.length / 100))).map(row),
    allSched: {
      notWaitingP50: pct((j) => j.wall - j.sched!.waitMs, 50),
      notWaitingP99: pct((j) => j.wall - j.sched!.waitMs, 99),
      mainWaitP99: pct((j) => j.sched!.waitMs, 99),
      joinsThatWaited: joins.filter((j) => j.sched!.waitMs > 0.05).length,
    },
  };
}
let currentPass = '';
/** Resolves from an I/O callback (the poll phase), where a join read from a socket starts. */
const fromIo = () => new Promise<void>((resolve) => fs.stat(dir, () => resolve()));

async function alone(room: Room, who: Person[]) {
  const wall: number[] = [];
  const cpu: number[] = [];
  const mainCpu: number[] = [];
  for (const w of who) {
    // Each join starts as one read from the network would: in an I/O callback, after the previous one is answered.
    await fromIo();
    const r = await timedJoin(room, w);
    wall.push(r.wall);
    cpu.push(r.cpu);
    if (r.mainCpu !== undefined) mainCpu.push(r.mainCpu);
  }
  const main = mainCpu.length > 0 ? { mainCpuP50: p(mainCpu, 50), mainCpuP99: p(mainCpu, 99) } : {};
  return { wallP50: p(wall, 50), wallP99: p(wall, 99), cpuP50: p(cpu, 50), cpuP99: p(cpu, 99), ...main };
}
async function crowd(room: Room, who: Person[]) {
  const c = cpuMs();
  const started = performance.now();
  const joins: Promise<{ wall: number; cpu: number; sched?: Sched }>[] = [];
  for (let i = 0; i < who.length; i++) {
    const due = started + (i * ARRIVE_MS) / who.length;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    // as in `alone`: a join arrives as a read from the network, in an I/O callback (the poll phase), not in a
    // timer callback, where other due timers (the room's presence projection) would run before the room's turn
    await fromIo();
    joins.push(timedJoin(room, who[i]!));
  }
  const done = await Promise.all(joins);
  const wall = done.map((r) => r.wall);
  return { ...(a.sched ? schedReport(done) : {}), wallP50: p(wall, 50), wallP90: p(wall, 90), wallP95: p(wall, 95), wallP99: p(wall, 99), wallMax: Math.max(...wall), cpuMsPerJoin: (cpuMs() - c) / who.length, seconds: (performance.now() - started) / 1000 };
}

/** A board where `writers` joined and wrote `CARDS_EACH` cards each; left as after a restart. */
async function buildBoard(boardId: string): Promise<void> {
  await store.createBoard(
    { id: boardId, facilitatorHash: keyring.facilitatorHash(boardId, 'f'.repeat(40)), createdAt: 0 },
    { type: 'board.created', name: 'Join bench', templateId: template.id, columns: template.columns, settings: { voteBudget: 3, perItemCap: 2 } },
  );
  const room = await load(boardId);
  const fac = socket();
  room.attach(fac);
  await must(room, fac.id, { type: 'join', participantId: 'facilitator-x', secret: 'f-secret'.padEnd(40, 'x'), name: 'Fac', facilitatorKey: 'f'.repeat(40) });
  const sockets: string[] = [];
  for (const w of writers) {
    const s = socket();
    room.attach(s);
    await must(room, s.id, { type: 'join', ...w });
    sockets.push(s.id);
  }
  for (let c = 0; c < CARDS_EACH; c++) {
    for (let i = 0; i < PEOPLE; i++) await must(room, sockets[i]!, { type: 'card.add', columnId: template.columns[0]!.id, text: `card ${c} of writer ${i}` });
  }
  room.destroy();
}
if (STAGE !== 'restart') await buildBoard('board-bench-join-a');
if (STAGE === 'all') await buildBoard('board-bench-join-b');
// a board holds at most 1,000 participants (AB-5), the facilitator and the writers among them
const NEWCOMERS = Math.min(PEOPLE, 1000 - PEOPLE - 1);

const result: Record<string, unknown> = { tree: TREE, stage: STAGE, people: PEOPLE, cards: PEOPLE * CARDS_EACH, newcomers: NEWCOMERS, arriveMs: ARRIVE_MS };
const passes: [string, string, (room: Room) => Promise<unknown>][] = [
  ['restartCrowd', 'board-bench-join-a', (room) => crowd(room, writers)],
  ['restartAlone', 'board-bench-join-a', (room) => alone(room, writers)],
  ['firstCrowd', 'board-bench-join-a', (room) => crowd(room, Array.from({ length: NEWCOMERS }, (_, i) => person('n', i)))],
  ['firstAlone', 'board-bench-join-b', (room) => alone(room, Array.from({ length: NEWCOMERS }, (_, i) => person('m', i)))],
];
const profiler = a.profile ? await startProfile() : null;
const allocations = a['alloc-profile'] ? await startAllocationProfile() : null;
tracer?.startTrace();
const wanted = STAGE === 'build' ? [] : STAGE === 'restart' ? ['restartCrowd', 'restartAlone'] : a.passes!.split(',');
for (const [pass, boardId, run] of passes.filter(([name]) => wanted.includes(name) && a.passes!.split(',').includes(name))) {
  const loadStarted = performance.now();
  const room = await load(boardId);
  const loadMs = performance.now() - loadStarted;
  currentPass = pass;
  const ticks = a.threads ? threadTicks() : null;
  const gc = gcWatch();
  const joins = (pass.startsWith('restart') ? writers.length : NEWCOMERS);
  const figures = await run(room);
  result[pass] = { ...(figures as object), loadMs, gc: gc.stop(joins) };
  if (ticks) result[pass] = { ...(result[pass] as object), cpuMsByThread: threadCpuSince(ticks) };
  room.destroy();
}
if (profiler) fs.writeFileSync(a.profile!, JSON.stringify(await profiler.stop()));
if (allocations) fs.writeFileSync(a['alloc-profile']!, JSON.stringify(await allocations.stop()));
if (tracer) fs.writeFileSync(a.trace!, JSON.stringify(await tracer.traceReport(), null, 2));
await store.close();
if (!a.dir) fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(result));
process.exit(0);

async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // every 50 µs: a join after a restart takes 0.2–0.4 ms
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
  return { stop: async () => (await session.post('Profiler.stop')).profile };
}

async function startAllocationProfile() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  // every allocation sampled, also what the young-generation and full collections freed since (a join's garbage)
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as object);
  return { stop: async () => (await session.post('HeapProfiler.stopSampling')).profile };
}

/** CPU clock ticks (1/100 s) so far of each thread of this process, from /proc (Linux only) */
function threadTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    // fields after the command name: state is the first, utime the 12th, stime the 13th
    const fields = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks.set(tid, Number(fields[11]) + Number(fields[12]));
  }
  return ticks;
}
function threadCpuSince(before: Map<string, number>): { main: number; others: number } {
  let others = 0;
  for (const [tid, t] of threadTicks()) if (tid !== String(process.pid)) others += (t - (before.get(tid) ?? 0)) * 10;
  const main = (threadTicks().get(String(process.pid))! - before.get(String(process.pid))!) * 10;
  return { main, others };
}

/** the baseline's server key when its store keeps none: made by the `build` process, read by the `restart` one */
function keptKey(file: string): Buffer {
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32));
  return fs.readFileSync(file);
}

/**
 * Garbage collection during a pass: how many collections (scavenges of the young generation, and the rest), the
 * pauses' sum and longest (from V8's GC profiler, as the main thread saw them), and the bytes the pass allocated
 * per join (the heap's growth plus what each collection freed).
 */
function gcWatch() {
  const profiler = new v8.GCProfiler();
  const before = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  return {
    stop(joins: number) {
      const { statistics } = profiler.stop() as { statistics: { gcType: string; cost: number; beforeGC: { heapStatistics: { usedHeapSize: number } }; afterGC: { heapStatistics: { usedHeapSize: number } } }[] };
      const after = v8.getHeapStatistics().used_heap_size;
      let freed = 0;
      let pauseMs = 0;
      let longestMs = 0;
      let scavenges = 0;
      let markCompacts = 0;
      for (const g of statistics) {
        freed += g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize;
        pauseMs += g.cost / 1000;
        longestMs = Math.max(longestMs, g.cost / 1000);
        if (g.gcType === 'Scavenge') scavenges++;
        if (g.gcType === 'MarkSweepCompact') markCompacts++;
      }
      return { collections: statistics.length, scavenges, markCompacts, pauseMs, longestMs, kbAllocatedPerJoin: (after - before + freed) / 1024 / joins };
    },
  };
}
