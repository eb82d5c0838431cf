import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { now } from './lib/clock.js';
import { Crowd, type LoadgenMode } from './lib/loadgens.js';
import { BENCH, ROOT } from './lib/procs.js';
import { median } from './lib/stats.js';
import { render, targets, type Results, type RevealSummary } from './report.js';
import { type MemoryMb, abuse } from './scenarios/abuse.js';
import { reactionBurst } from './scenarios/burst.js';
import { ackLatency } from './scenarios/ack.js';
import { JOIN_BASELINE_REF, joinLatency } from './scenarios/join.js';
import { memoryPerBoard } from './scenarios/memory.js';
import { measureBundle } from './scenarios/bundle.js';
import { type ClusterRevealResult, ackOnProcesses, revealOnProcesses } from './scenarios/cluster.js';
import { restartStorm, type StormRun } from './scenarios/storm.js';
import { restartStormOneOfTwo } from './scenarios/stormCluster.js';
import { type RevealResult, type System, revealCandor, revealFloor, revealStock, stockUpdate } from './scenarios/reveal.js';
import type { WireFrame } from './lib/wireRecorder.js';

/**
 * `pnpm bench`: builds Candor as `pnpm start` does, then measures it against the floor and the stock
 * y-websocket server on 127.0.0.1. Prints a table and writes bench/results.json. One scenario at a time:
 *   pnpm bench --only reveal --n 500          (candor, floor, floorz = the floor sending Candor's compressed frames, stock;
 *                                             also floorzsend = floorz with a ws.send per frame, as before stop 22)
 *   pnpm bench --only ack          pnpm bench --only memory --boards 100
 *   pnpm bench --only bundle                  (gzip size of the JavaScript the board page loads first)
 *   pnpm bench --only abuse --seconds 10 --attacks 1,3,5     pnpm bench --only burst --burst-n 100
 *   pnpm bench --only storm --storm-n 500 --storm-cards 1500   (kill -9 and restart, against a bare ws floor)
 *   pnpm bench --only join --join-people 500 --join-runs 3    (in-process, against the commit before anonymity at rest)
 * BENCH_CPU_PROF=1 (or --profile) writes a .cpuprofile of the first Candor reveal server under bench/profiles/.
 */
const SCENARIOS = ['reveal', 'screen', 'growth', 'ack', 'join', 'memory', 'abuse', 'burst', 'bundle', 'cluster', 'storm'] as const;
const DEFAULT_OUT = path.join(BENCH, 'results.json');
/** each scenario's last run also lands in a file of its own, so that a run of one scenario keeps the others' */
const PER_SCENARIO = path.join(BENCH, 'results');

const { values: args } = parseArgs({
  options: {
    only: { type: 'string', default: SCENARIOS.join(',') },
    n: { type: 'string', default: '500' },
    cards: { type: 'string', default: '1500' },
    runs: { type: 'string', default: '3' },
    systems: { type: 'string', default: 'candor,floor,floorz,stock' },
    'growth-n': { type: 'string', default: '100,250' },
    'growth-cards': { type: 'string', default: '300,750' },
    'growth-runs': { type: 'string', default: '1' },
    'ack-n': { type: 'string', default: '100' },
    'ack-seconds': { type: 'string', default: '30' },
    boards: { type: 'string', default: '1000' },
    'board-people': { type: 'string', default: '8' },
    'board-cards': { type: 'string', default: '30' },
    /** memory: heap snapshots of the server at the baseline, with every board active and once all are unloaded, under bench/profiles/ */
    'memory-snapshots': { type: 'boolean', default: false },
    /** memory: each person also opens the notes document, as the browser does (2 connections a person, not 1: the board document rides on Socket.io, DO-10) */
    'memory-notes': { type: 'boolean', default: false },
    /** memory: this many more rounds of as many other boards after the first unloaded, to see what stays round after round */
    'memory-rounds': { type: 'string', default: '0' },
    'quiet-ms': { type: 'string', default: '1500' },
    /** abuse: how long the baseline and the attack each last (60 s in the full run) */
    seconds: { type: 'string', default: '60' },
    'abuse-honest': { type: 'string', default: '20' },
    /** abuse: which of issue 8's attacks run (item 2 is the document amplification) */
    attacks: { type: 'string', default: '1,2,3,5' },
    /** burst: people who raise a hand and react at once, against the same people joining */
    'burst-n': { type: 'string', default: '500' },
    'burst-runs': { type: 'string', default: '3' },
    /** join: writers on the board (3 cards each), newcomers, runs; the baseline is a git ref of this repository */
    'join-people': { type: 'string', default: '500' },
    'join-runs': { type: 'string', default: '3' },
    'join-arrive-ms': { type: 'string', default: '2000' },
    'join-baseline': { type: 'string', default: JOIN_BASELINE_REF },
    /** cluster (issue 13): the reveal and ack scenarios on PostgreSQL, one process against two (+ Redis) */
    'cluster-n': { type: 'string', default: '500' },
    'cluster-cards': { type: 'string', default: '1500' },
    'cluster-ack-n': { type: 'string', default: '100' },
    'cluster-ack-seconds': { type: 'string', default: '30' },
    /** which of the cluster scenario's two parts run (both by default) */
    'cluster-parts': { type: 'string', default: 'reveal,ack' },
    /** the cluster reveal: runs of one process then two, interleaved; the target is the ratio of their median p99s */
    'cluster-reveal-runs': { type: 'string', default: '3' },
    /** writes a .cpuprofile of each Candor process of the ack part under bench/profiles/ */
    'cluster-profile': { type: 'boolean', default: false },
    /** storm (issue 13): people and cards of the board whose server is killed and restarted */
    'storm-n': { type: 'string', default: '500' },
    'storm-cards': { type: 'string', default: '1500' },
    /** writes a .cpuprofile of the restarted Candor server of the storm under bench/profiles/ */
    'storm-profile': { type: 'boolean', default: false },
    /** storm: also the variant with one of two processes (PostgreSQL + Redis) killed */
    'storm-two': { type: 'boolean', default: true },
    profile: { type: 'boolean', default: process.env.BENCH_CPU_PROF === '1' },
    /** reveal: each server (Candor and the floors, not stock) first serves one unmeasured reveal of the same size */
    'reveal-warm': { type: 'boolean', default: false },
    'reveal-docs-late': { type: 'boolean', default: false },
    /**
     * reveal: how its two load processes treat their own memory (bench/lib/loadgens.ts): `settled` (the default
     * since stop 22), `plain` (as before), or `both`: every system of every run once with each, the figures kept apart
     */
    'reveal-loadgens': { type: 'string', default: 'settled' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string', default: DEFAULT_OUT },
  },
  allowPositionals: true,
});

const only = new Set(args.only!.split(',').map((s) => s.trim()));
const list = (s: string) => s.split(',').filter(Boolean).map(Number);
const N = Number(args.n);
const CARDS = Number(args.cards);
const RUNS = Number(args.runs);
const QUIET = Number(args['quiet-ms']);
const systems = args.systems!.split(',') as System[];
const log = (line: string) => console.log(`  ${line}`);

function summarize(runs: RevealResult[]): RevealSummary | undefined {
  if (runs.length === 0) return undefined;
  const pick = (f: (r: RevealResult) => number) => median(runs.map(f));
  return {
    system: runs[0]!.system,
    n: runs[0]!.n,
    cards: runs[0]!.cards,
    runs: runs.length,
    p50: pick((r) => r.delivery.p50),
    p99: pick((r) => r.delivery.p99),
    max: pick((r) => r.delivery.max),
    bytesPerClient: pick((r) => r.bytesPerClient),
    socketBytesPerClient: pick((r) => r.socketBytesPerClient),
    serverCpuMs: pick((r) => r.serverCpuMs),
    serverProcCpuMs: pick((r) => r.serverProcCpuMs),
    serverMainThreadCpuMs: pick((r) => r.serverMainThreadCpuMs),
    serverOtherThreadsCpuMs: pick((r) => r.serverOtherThreadsCpuMs),
    serverRssMb: pick((r) => r.serverRssMb),
  };
}

/** The commit measured, marked when the work tree differs from it (the figures are then of uncommitted code). */
function commitOf(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no -- server shared client bench', { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

/** `bench/results/<scenario>.json`: the machine, the options and what this run measured of that scenario. */
function keepPerScenario(results: Results): void {
  fs.mkdirSync(PER_SCENARIO, { recursive: true });
  for (const name of SCENARIOS) {
    const measured = (results as unknown as Record<string, unknown>)[name];
    if (measured === undefined || results.failures?.some((f) => f.startsWith(`${name}:`))) continue;
    const kept = { machine: results.machine, options: results.options, seconds: results.seconds, [name]: measured, targets: results.targets };
    fs.writeFileSync(path.join(PER_SCENARIO, `${name}.json`), JSON.stringify(kept, null, 2) + '\n');
    console.log(`wrote ${path.relative(ROOT, path.join(PER_SCENARIO, `${name}.json`))}`);
  }
}

function line(r: RevealResult): string {
  const extra = r.screenMs !== null ? `, screen ${r.screenMs.toFixed(0)} ms` : '';
  const warn = r.timedOut ? ' (TIMED OUT: not every client got a frame)' : '';
  const w = r.serverWrites;
  const where = `\n         where: server read the command at ${w.firstReadMs.toFixed(1)} ms, writes ${w.count} from ${w.firstMs.toFixed(1)} to ${w.lastMs.toFixed(1)} ms (done ${w.lastDoneMs.toFixed(1)}); off the wire p50 ${r.wire.p50.toFixed(0)} / p99 ${r.wire.p99.toFixed(0)} ms; client decode p50 ${r.clientLag.p50.toFixed(2)} / p99 ${r.clientLag.p99.toFixed(2)} ms; load processes' CPU ${r.loadgenCpuMs.toFixed(0)} ms, page faults ${r.loadgenPageFaults}`;
  return `${r.system.padEnd(6)} N=${r.n} cards=${r.cards}: p50 ${r.delivery.p50.toFixed(0)} / p99 ${r.delivery.p99.toFixed(0)} / max ${r.delivery.max.toFixed(0)} ms, ${r.bytesPerClient} B/client (${r.bytesMin}–${r.bytesMax}), server CPU ${r.serverCpuMs.toFixed(0)} ms (main thread ${r.serverMainThreadCpuMs.toFixed(1)}, others ${r.serverOtherThreadsCpuMs.toFixed(1)}; kernel ${r.serverSysCpuMs.toFixed(1)}, ${r.serverMinorFaults} page faults)${extra}${warn}${where}`;
}

async function main(): Promise<void> {
  const started = now();
  // Every data directory, the server key beside each and any other temporary file of the run (its processes
  // inherit TMPDIR) go under one directory, removed at the end: a run leaves no database or key behind.
  // (What is kept between runs on purpose, the join baseline's checkout, stays in the machine's own.)
  process.env.CANDOR_BENCH_KEPT_DIR ??= os.tmpdir();
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-run-'));
  process.env.TMPDIR = tmpRoot;
  if (!args['no-build']) {
    console.log('› building (pnpm build)');
    execSync('pnpm build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const results: Results = {
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}`, date: new Date().toISOString(), commit: commitOf() },
    options: { ...args, only: [...only] },
    seconds: 0,
  };
  const failures: string[] = [];
  if (only.has('bundle')) {
    console.log('› bundle: gzip size of what the board page loads first (client/dist)');
    results.bundle = measureBundle(path.join(ROOT, 'client/dist'));
    log(`board first load ${(results.bundle.boardFirstLoad / 1024).toFixed(1)} KB gzip (${results.bundle.boardFiles.join(', ')})`);
  }
  const needsCrowd = [...only].some((s) => s !== 'bundle');
  const crowd = needsCrowd ? await Crowd.start(2) : null;
  /** A failing scenario is reported and the others still run. */
  const guard = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
      console.error(`  ${name} FAILED: ${(err as Error).stack ?? err}`);
    }
  };
  try {

    if (crowd) {
    if (only.has('reveal')) await guard('reveal', async () => {
      // the stock server would need a warm-up of its own (a room and writer of its own): not built
      if (args['reveal-warm'] && systems.includes('stock')) throw new Error('--reveal-warm warms Candor and the floors only: leave stock out of --systems');
      const modes: LoadgenMode[] = args['reveal-loadgens'] === 'both' ? ['settled', 'plain'] : [args['reveal-loadgens'] as LoadgenMode];
      if (!modes.every((m) => m === 'settled' || m === 'plain')) throw new Error('--reveal-loadgens is settled, plain or both');
      console.log(`› reveal: N=${N}, ${CARDS} cards, ${RUNS} runs of ${systems.join(', ')}, interleaved${args['reveal-warm'] ? ', each server warm' : ''}${args['reveal-docs-late'] ? ', documents opened after the writing' : ''}; load processes ${modes.join(' and ')}`);
      // the bench's own load processes are plain; settled ones are started for the reveal and stopped after it
      const crowds = new Map<LoadgenMode, Crowd>([['plain', crowd]]);
      const runs: RevealResult[] = [];
      try {
      for (let run = 1; run <= RUNS; run++) for (const mode of modes) {
        const crowd = crowds.get(mode) ?? (await Crowd.start(2, mode));
        crowds.set(mode, crowd);
        /** what Candor put on the wire in this run's reveal, for the compressed floor */
        let candorFrames: WireFrame[] | null = null;
        let candorGreeting: WireFrame[] = [];
        for (const system of systems) {
          const o = { n: N, cards: CARDS, seed: run, quietMs: QUIET, warm: args['reveal-warm'], docsLate: args['reveal-docs-late'], log };
          let r: RevealResult;
          if (system === 'candor') {
            r = await revealCandor(crowd, {
              ...o,
              record: (frames, greeting) => {
                candorFrames = frames;
                candorGreeting = greeting;
              },
            });
          } else if (system === 'floorz' || system === 'floorzsend' || system === 'floorzio') {
            if (!candorFrames) throw new Error(`${system} sends the frames Candor sent: list candor before it in --systems`);
            r = await revealFloor(crowd, { ...o, frames: candorFrames, greeting: candorGreeting, perFrame: system === 'floorzsend', socketIo: system === 'floorzio' });
          } else if (system === 'floor') {
            // The floor sends what an uncompressed reveal would: a plain Yjs update of the same cards in one
            // y-websocket message (Candor compresses its reveal, so it may send fewer bytes than this).
            r = await revealFloor(crowd, { ...o, bytes: stockUpdate(CARDS, run).length + 4 });
          } else r = await revealStock(crowd, o);
          r.loadgens = mode;
          runs.push(r);
          log(`run ${run}${modes.length > 1 ? ` (load processes ${mode})` : ''}: ${line(r)}`);
        }
      }
      } finally {
        await Promise.all([...crowds.values()].filter((c) => c !== crowd).map((c) => c.stop()));
      }
      const medians = (mode: LoadgenMode) => {
        const of = (s: System) => summarize(runs.filter((r) => r.system === s && r.loadgens === mode));
        return { candor: of('candor'), floor: of('floor'), floorz: of('floorz'), floorzsend: of('floorzsend'), floorzio: of('floorzio'), stock: of('stock') };
      };
      results.reveal = { n: N, cards: CARDS, warm: args['reveal-warm'], docsLate: args['reveal-docs-late'], loadgens: modes[0]!, runs: runs.filter((r) => r.loadgens === modes[0]), median: medians(modes[0]!) };
      if (modes.length > 1) {
        results.reveal.otherLoadgens = { loadgens: modes[1]!, runs: runs.filter((r) => r.loadgens === modes[1]), median: medians(modes[1]!) };
        for (const mode of modes) {
          const m = medians(mode);
          for (const floor of [m.floorz, m.floorzsend, m.floorzio]) if (m.candor && floor) log(`load processes ${mode}: candor/${floor.system} p99 ${(m.candor.p99 / floor.p99).toFixed(2)}×, CPU ${(m.candor.serverCpuMs / floor.serverCpuMs).toFixed(2)}× (medians of ${m.candor.runs})`);
        }
      }
    });

    if (args.profile) await guard('profile', async () => {
      // a run of its own, kept out of the medians: the profiler costs the server CPU
      const file = `candor-reveal-n${N}-c${CARDS}-${Date.now()}.cpuprofile`;
      console.log(`› profiled Candor reveal (N=${N}, ${CARDS} cards) → bench/profiles/${file}`);
      let frames: WireFrame[] | null = null;
      let greeting: WireFrame[] = [];
      const record = (f: WireFrame[], g: WireFrame[]) => {
        frames = f;
        greeting = g;
      };
      results.profiled = { file: `bench/profiles/${file}`, run: await revealCandor(crowd, { n: N, cards: CARDS, seed: 50, quietMs: QUIET, cpuProfile: file, log, record }) };
      log(`${line(results.profiled.run)}; summary: node --import tsx bench/profile-summary.ts ${results.profiled.file}`);
      // the compressed floor sending the very frames of that reveal, profiled the same way, to compare with
      const floorFile = file.replace(/^candor-/, 'floorz-');
      console.log(`› profiled compressed floor, the same frames → bench/profiles/${floorFile}`);
      results.profiledFloor = { file: `bench/profiles/${floorFile}`, run: await revealFloor(crowd, { n: N, cards: CARDS, quietMs: QUIET, frames: frames!, greeting, cpuProfile: floorFile, log }) };
      log(`${line(results.profiledFloor.run)}; summary: node --import tsx bench/profile-summary.ts ${results.profiledFloor.file}`);
    });

    if (only.has('screen')) await guard('screen', async () => {
      console.log(`› reveal to screen: N=${N} + one Chromium page, ${CARDS} cards`);
      results.screen = await revealCandor(crowd, { n: N, cards: CARDS, seed: 99, quietMs: QUIET, screen: true, log });
      log(line(results.screen));
    });

    if (only.has('growth')) await guard('growth', async () => {
      const configs = [...list(args['growth-n']!).map((n) => ({ n, cards: CARDS })), ...list(args['growth-cards']!).map((cards) => ({ n: N, cards }))];
      console.log(`› growth: ${configs.map((c) => `${c.n}×${c.cards}`).join(', ')} (${args['growth-runs']} run each)`);
      const growth: RevealSummary[] = [];
      for (const c of configs) {
        const runs: RevealResult[] = [];
        for (let run = 1; run <= Number(args['growth-runs']); run++) {
          const r = await revealCandor(crowd, { ...c, seed: 10 + run, quietMs: QUIET });
          log(line(r));
          runs.push(r);
        }
        growth.push(summarize(runs)!);
      }
      if (results.reveal?.median.candor) growth.push(results.reveal.median.candor);
      growth.sort((a, b) => a.n - b.n || a.cards - b.cards);
      results.growth = growth;
    });

    if (only.has('ack')) await guard('ack', async () => {
      console.log(`› command ack latency: ${args['ack-n']} people × 1 command/s for ${args['ack-seconds']} s`);
      results.ack = await ackLatency(crowd, { n: Number(args['ack-n']), seconds: Number(args['ack-seconds']) });
      log(`idle p99 ${results.ack.idle.p99.toFixed(1)} ms, active p99 ${results.ack.load.p99.toFixed(1)} ms, errors ${JSON.stringify(results.ack.errors)}`);
    });

    if (only.has('join')) await guard('join', async () => {
      console.log(`› join: ${args['join-people']} people × ${Number(args['join-people']) * 3} cards, in-process, ${args['join-runs']} runs, against ${args['join-baseline']} (before anonymity at rest)`);
      results.join = joinLatency({
        people: Number(args['join-people']),
        cardsEach: 3,
        arriveMs: Number(args['join-arrive-ms']),
        runs: Number(args['join-runs']),
        baselineRef: args['join-baseline']!,
        log,
      });
    });

    if (only.has('memory')) await guard('memory', async () => {
      console.log(`› memory: ${args.boards} boards × ${args['board-people']} people × ${args['board-cards']} cards`);
      results.memory = await memoryPerBoard(crowd, { boards: Number(args.boards), people: Number(args['board-people']), cards: Number(args['board-cards']), notes: args['memory-notes'], rounds: Number(args['memory-rounds']), log, ...(args['memory-snapshots'] ? { snapshots: path.join(BENCH, 'profiles') } : {}) });
    });

    if (only.has('abuse')) await guard('abuse', async () => {
      console.log(`› abuse: issue 8's attacks for ${args.seconds} s against a 300-long-card board, ${args['abuse-honest']} honest people voting on another`);
      results.abuse = await abuse(crowd, { seconds: Number(args.seconds), honest: Number(args['abuse-honest']), items: list(args.attacks!), log });
      const a = results.abuse;
      log(`honest ack p99 ${a.baseline.p99.toFixed(1)} → ${a.attacked.p99.toFixed(1)} ms, RSS ${a.rssBaselineMb.toFixed(0)} / peak ${a.rssPeakMb.toFixed(0)} / after ${a.rssAfterMb.toFixed(0)} MB, disconnects ${a.honestDisconnects}, healthz failed ${a.healthz.failed}/${a.healthz.asked}`);
      const m = (x: MemoryMb | null) => (x ? `RSS ${x.rss.toFixed(0)}, heap ${x.heapUsed.toFixed(0)}/${x.heapTotal.toFixed(0)}, external ${x.external.toFixed(0)} (buffers ${x.arrayBuffers.toFixed(0)})` : 'no answer');
      log(`memory (MB): before ${m(a.memory.baseline)} | peak ${m(a.memory.peak)} | after ${m(a.memory.after)}; RSS over the baseline each second after: ${a.settleRssMb.map((x) => x.toFixed(0)).join(' ')}`);
    });

    if (only.has('cluster')) await guard('cluster', async () => {
      const [n, cards, ackN, ackSeconds] = ['cluster-n', 'cluster-cards', 'cluster-ack-n', 'cluster-ack-seconds'].map((k) => Number(args[k as 'cluster-n']));
      console.log(`› cluster: on PostgreSQL, one process against two (with Redis): reveal of ${cards} cards to ${n} people, ack at ${ackN} active`);
      const parts = new Set(args['cluster-parts']!.split(','));
      // one reveal is one sample of a p99 that moves by half from run to run: runs of one process and of two,
      // interleaved, compared by their medians (as the single-process reveal is)
      const reveal: { one: ClusterRevealResult[]; two: ClusterRevealResult[] } = { one: [], two: [] };
      const revealRuns = parts.has('reveal') ? Number(args['cluster-reveal-runs']) : 0;
      for (let run = 1; run <= revealRuns; run++) {
        for (const processes of [1, 2] as const) {
          const r = await revealOnProcesses(crowd, { processes, n: n!, cards: cards!, quietMs: QUIET, log });
          log(`run ${run}: ${processes} process(es): reveal p50 ${r.delivery.p50.toFixed(0)} p99 ${r.delivery.p99.toFixed(0)} ms, CPU ${r.serverCpuMs.toFixed(0)} ms, ${r.clients} clients${r.timedOut ? ' (timed out)' : ''}`);
          reveal[processes === 1 ? 'one' : 'two'].push(r);
        }
      }
      const ack = [];
      for (const processes of parts.has('ack') ? [1, 2] : []) {
        const a = await ackOnProcesses(crowd, { processes, n: ackN!, seconds: ackSeconds!, ...(args['cluster-profile'] ? { cpuProfile: `candor-ack-${processes}p-${Date.now()}` } : {}) });
        log(`${processes} process(es): ack p50 ${a.load.p50.toFixed(1)} p99 ${a.load.p99.toFixed(1)} ms (card.add p50 ${a.adds.p50.toFixed(1)} p99 ${a.adds.p99.toFixed(1)}, vote p50 ${a.votes.p50.toFixed(1)} p99 ${a.votes.p99.toFixed(1)}), ${a.sent} sent, errors ${JSON.stringify(a.errors)}`);
        ack.push(a);
      }
      results.cluster = {
        ...(revealRuns > 0 ? { reveal: { one: medianRun(reveal.one), two: medianRun(reveal.two), runs: reveal } } : {}),
        ...(ack.length === 2 ? { ack: { one: ack[0]!, two: ack[1]! } } : {}),
      };
    });

    if (only.has('storm')) await guard('storm', async () => {
      const [n, cards] = [Number(args['storm-n']), Number(args['storm-cards'])];
      console.log(`› restart storm: ${n} people on ${cards} cards, kill -9 and restart (one process), against ${n} bare WebSocket reconnects`);
      results.storm = await restartStorm(crowd, { n, cards, log, ...(args['storm-profile'] ? { cpuProfile: `candor-storm-${Date.now()}.cpuprofile` } : {}) });
      const show = (r: StormRun) => `${r.system.padEnd(6)} server back ${r.serverBackMs.toFixed(0)} ms, resynced p50 ${r.resynced.p50.toFixed(0)} / max ${r.resynced.max.toFixed(0)} ms, voted p50 ${r.voted.p50.toFixed(0)} / max ${r.voted.max.toFixed(0)} ms, ${r.bytesPerClient.toFixed(0)} B/client, ${r.attempts} attempts, missing ${r.missing}, errors ${JSON.stringify(r.errors)}`;
      log(show(results.storm.candor));
      log(show(results.storm.floor));
      if (args['storm-two']) {
        console.log(`› restart storm, one of two processes killed (PostgreSQL + Redis): its ${Math.ceil(n / 2)} people come back through the other`);
        results.storm.oneOfTwo = await restartStormOneOfTwo(crowd, { n, cards, log });
        log(show(results.storm.oneOfTwo));
      }
    });

    if (only.has('burst')) await guard('burst', async () => {
      console.log(`› burst: ${args['burst-n']} people raise a hand and react at once, vs the same people joining (${args['burst-runs']} runs)`);
      results.burst = await reactionBurst(crowd, { n: Number(args['burst-n']), runs: Number(args['burst-runs']), quietMs: QUIET, log });
    });
    }
  } finally {
    await crowd?.stop();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
  results.failures = failures;
  results.targets = targets(results);
  results.seconds = (now() - started) / 1000;
  fs.writeFileSync(args.out!, JSON.stringify(results, null, 2) + '\n');
  console.log('\n' + render(results));
  console.log(`\nwrote ${path.relative(ROOT, args.out!)}`);
  if (args.out === DEFAULT_OUT) keepPerScenario(results);
  if (failures.length) throw new Error(`${failures.length} scenario(s) failed:\n${failures.join('\n')}`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);

/** the run whose delivery p99 is the median of `runs` (`median`: the lower middle one of an even number) */
function medianRun(runs: ClusterRevealResult[]): ClusterRevealResult {
  const p99 = median(runs.map((r) => r.delivery.p99));
  return runs.find((r) => r.delivery.p99 === p99)!;
}
