import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/procs.js';
import { median } from '../lib/stats.js';

/**
 * Issue 9, Performance: "keep join p99 at 500 people × 1,500 cards within 1.2× of today's". Today's is the
 * room as it was before anonymity at rest (`JOIN_BASELINE_REF`: the parent of the commit that brought per-fact
 * tags, the rollback journal and the anonymous-state blob). Both run `lib/joinRoom.ts` in a child process of
 * their own, interleaved, in this run: the baseline from a checkout of that commit (`git archive`, wired to
 * this tree's installed dependencies), Candor from this tree. Same machine, same durability (synchronous=FULL).
 *
 * The join after a restart is timed in a process of its own (`fresh`): one child builds the board into a data
 * directory and exits, a second opens that directory as a restarted server would and times the passes. A real
 * restart is a new process in both trees; timed in the process that built the board (`restartCrowd`,
 * `restartAlone`, kept for comparison), the baseline's restart path — replaying the log, the same code that
 * built the board — is warm while Candor's — loading its stored state — runs for the first time.
 */
export const JOIN_BASELINE_REF = 'c6f8108^';

/** garbage collection during a pass (`joinRoom.ts`, `gcWatch`) */
export interface PassGc {
  collections: number;
  scavenges: number;
  /** full collections (absent from results before stop 18's second bench change) */
  markCompacts?: number;
  pauseMs: number;
  longestMs: number;
  kbAllocatedPerJoin: number;
}
interface Alone {
  gc?: PassGc;
  wallP50: number;
  wallP99: number;
  cpuP50: number;
  cpuP99: number;
}
interface Crowd {
  gc?: PassGc;
  wallP50: number;
  wallP99: number;
  cpuMsPerJoin: number;
  seconds: number;
}
export interface JoinRun {
  restartCrowd: Crowd;
  restartAlone: Alone;
  firstCrowd: Crowd;
  firstAlone: Alone;
  /** the restart passes again, in a process that did not build the board */
  fresh: { restartCrowd: Crowd; restartAlone: Alone };
}
export interface JoinResult {
  people: number;
  cards: number;
  arriveMs: number;
  baselineRef: string;
  baselineCommit: string;
  runs: { candor: JoinRun[]; baseline: JoinRun[] };
  /** medians over the runs of the figures the target names */
  median: Record<'candor' | 'baseline', JoinFigures>;
}
export interface JoinFigures {
  /** a room joining: arrivals spread over `arriveMs`, arrival → ack */
  firstCrowdWallP99: number;
  /** in a fresh process: the target's figure */
  freshRestartCrowdWallP99: number;
  freshRestartCrowdCpuPerJoin: number;
  freshRestartAloneWallP99: number;
  freshRestartAloneCpuP99: number;
  /** in the process that built the board (the figure before stop 18) */
  restartCrowdWallP99: number;
  firstCrowdCpuPerJoin: number;
  restartCrowdCpuPerJoin: number;
  /** one join at a time */
  firstAloneWallP99: number;
  restartAloneWallP99: number;
  firstAloneCpuP99: number;
  restartAloneCpuP99: number;
}

function figures(runs: JoinRun[]): JoinFigures {
  const m = (f: (r: JoinRun) => number) => median(runs.map(f));
  return {
    firstCrowdWallP99: m((r) => r.firstCrowd.wallP99),
    freshRestartCrowdWallP99: m((r) => r.fresh.restartCrowd.wallP99),
    freshRestartCrowdCpuPerJoin: m((r) => r.fresh.restartCrowd.cpuMsPerJoin),
    freshRestartAloneWallP99: m((r) => r.fresh.restartAlone.wallP99),
    freshRestartAloneCpuP99: m((r) => r.fresh.restartAlone.cpuP99),
    restartCrowdWallP99: m((r) => r.restartCrowd.wallP99),
    firstCrowdCpuPerJoin: m((r) => r.firstCrowd.cpuMsPerJoin),
    restartCrowdCpuPerJoin: m((r) => r.restartCrowd.cpuMsPerJoin),
    firstAloneWallP99: m((r) => r.firstAlone.wallP99),
    restartAloneWallP99: m((r) => r.restartAlone.wallP99),
    firstAloneCpuP99: m((r) => r.firstAlone.cpuP99),
    restartAloneCpuP99: m((r) => r.restartAlone.cpuP99),
  };
}

/**
 * A checkout of `ref` in the temp directory whose imports resolve to this tree's installed packages, except
 * `@candor/shared`, which is the checkout's own. Kept between runs, keyed by commit and by this tree (its
 * links point into this tree's node_modules), and made again when a link no longer resolves (a removed
 * worktree, a reinstall).
 */
function baselineTree(ref: string): { dir: string; commit: string } {
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  const tree = createHash('sha1').update(ROOT).digest('hex').slice(0, 8);
  // "-esm": since stop 24 the tree's server/package.json comes with it, so its `"type": "module"` holds (its server
  // code ran as CommonJS under tsx before, where Candor's runs as ES modules); an older extraction is not reused
  const dir = path.join(process.env.CANDOR_BENCH_KEPT_DIR ?? os.tmpdir(), `candor-join-baseline-${commit}-${tree}-esm`);
  if (fs.existsSync(path.join(dir, '.ready')) && linksResolve(path.join(dir, 'server/node_modules'))) return { dir, commit };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tar = execFileSync('git', ['archive', '--format=tar', commit, 'server/src', 'server/package.json', 'shared/src', 'shared/package.json', 'tsconfig.json'], { cwd: ROOT, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.symlinkSync(path.join(ROOT, 'shared/node_modules'), path.join(dir, 'shared/node_modules'));
  const serverModules = path.join(dir, 'server/node_modules');
  fs.mkdirSync(path.join(serverModules, '@candor'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(ROOT, 'server/node_modules'))) {
    if (entry === '@candor' || entry === '.bin') continue;
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'server/node_modules', entry)), path.join(serverModules, entry));
  }
  fs.symlinkSync(path.join(dir, 'shared'), path.join(serverModules, '@candor/shared'));
  fs.writeFileSync(path.join(dir, '.ready'), commit);
  return { dir, commit };
}

function linksResolve(modules: string): boolean {
  return fs.readdirSync(modules).every((entry) => fs.existsSync(path.join(modules, entry)));
}

function child(tree: string, o: { people: number; cardsEach: number; arriveMs: number }, more: string[] = []): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/lib/joinRoom.ts'), '--tree', tree, '--people', String(o.people), '--cards-each', String(o.cardsEach), '--arrive-ms', String(o.arriveMs), ...more],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

/** Every pass in one process as before, then the restart passes again in a process that did not build the board. */
function runOnce(tree: string, o: { people: number; cardsEach: number; arriveMs: number }): JoinRun {
  const inProcess = child(tree, o) as unknown as Omit<JoinRun, 'fresh'>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-join-fresh-'));
  try {
    child(tree, o, ['--stage', 'build', '--dir', dir]);
    const fresh = child(tree, o, ['--stage', 'restart', '--dir', dir]) as unknown as JoinRun['fresh'];
    return { ...inProcess, fresh: { restartCrowd: fresh.restartCrowd, restartAlone: fresh.restartAlone } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function gcShown(r: JoinRun): string {
  const passes: [string, { gc?: PassGc }][] = [['first crowd', r.firstCrowd], ['first alone', r.firstAlone], ['fresh restart crowd', r.fresh.restartCrowd], ['fresh restart alone', r.fresh.restartAlone]];
  return passes.map(([name, { gc }]) => (gc ? `${name} ${gc.collections} (${gc.markCompacts ?? '?'} full), ${gc.pauseMs.toFixed(1)}, ${gc.kbAllocatedPerJoin.toFixed(0)}` : `${name} –`)).join('; ');
}

export function joinLatency(o: { people: number; cardsEach: number; arriveMs: number; runs: number; baselineRef: string; log: (line: string) => void }): JoinResult {
  const baseline = baselineTree(o.baselineRef);
  const runs: JoinResult['runs'] = { candor: [], baseline: [] };
  const f = (n: number) => n.toFixed(2);
  const show = (r: JoinRun) =>
    `first: crowd p99 ${f(r.firstCrowd.wallP99)} ms (${f(r.firstCrowd.cpuMsPerJoin)} ms CPU/join), alone p99 ${f(r.firstAlone.wallP99)} ms / CPU ${f(r.firstAlone.cpuP99)} ms | ` +
    `after restart, fresh process: crowd p99 ${f(r.fresh.restartCrowd.wallP99)} ms (${f(r.fresh.restartCrowd.cpuMsPerJoin)} ms CPU/join), alone p99 ${f(r.fresh.restartAlone.wallP99)} ms / CPU ${f(r.fresh.restartAlone.cpuP99)} ms | ` +
    `after restart, building process: crowd p99 ${f(r.restartCrowd.wallP99)} ms (${f(r.restartCrowd.cpuMsPerJoin)} ms CPU/join), alone p99 ${f(r.restartAlone.wallP99)} ms / CPU ${f(r.restartAlone.cpuP99)} ms | ` +
    `GC (collections, ms, KB allocated/join): ${gcShown(r)}`;
  for (let run = 1; run <= o.runs; run++) {
    const b = runOnce(baseline.dir, o);
    runs.baseline.push(b);
    o.log(`run ${run} baseline ${baseline.commit}: ${show(b)}`);
    const c = runOnce(ROOT, o);
    runs.candor.push(c);
    o.log(`run ${run} candor:          ${show(c)}`);
  }
  return {
    people: o.people,
    cards: o.people * o.cardsEach,
    arriveMs: o.arriveMs,
    baselineRef: o.baselineRef,
    baselineCommit: baseline.commit,
    runs,
    median: { candor: figures(runs.candor), baseline: figures(runs.baseline) },
  };
}
