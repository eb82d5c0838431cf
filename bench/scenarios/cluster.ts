import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { now, sleep } from '../lib/clock.js';
import { makeCards } from '../lib/cards.js';
import { Commander, createBoard, people } from '../lib/candor.js';
import { type Crowd, mergeOutcomes } from '../lib/loadgens.js';
import type { Outcome } from '../lib/loadgenProtocol.js';
import { ROOT, type ServerProcess, type Usage, startCandor } from '../lib/procs.js';
import { spread, type Spread } from '../lib/stats.js';

/**
 * Issue 13, "Two processes": the reveal and the command-ack scenarios with Candor on PostgreSQL, as one process
 * and as two processes sharing one PostgreSQL and one Redis (CL-*), people split between them the way a
 * round-robin balancer would. Both are measured in the same run; the ratio is two over one. PostgreSQL and
 * Redis are Debian's, made ready by `scripts/postgres.sh` and `scripts/redis.sh` (each run gets a database).
 */

export interface ClusterRevealResult {
  processes: number;
  n: number;
  cards: number;
  delivery: Spread;
  /** CPU of every Candor process together, from the command until the room went quiet */
  serverCpuMs: number;
  commandAckMs: number;
  writeMs: number;
  clients: number;
  timedOut: boolean;
}

export interface ClusterAckResult {
  processes: number;
  n: number;
  seconds: number;
  load: Spread;
  /** the same latencies by phase: card.add in Write, votes in Vote */
  adds: Spread;
  votes: Spread;
  sent: number;
  errors: Record<string, number>;
}

const JOIN_CONCURRENCY = 25;
/** cards sent at once while the board is filled (not measured) */
const WRITE_WAVE = 100;

function fromScript(envName: string, script: string): string {
  return (process.env[envName] ?? execFileSync('bash', [path.join(ROOT, 'scripts', script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })).trim();
}

/** `count` Candor processes on a fresh PostgreSQL database (and, for more than one, one Redis). */
export async function startOnPostgres(count: number, cpuProfile?: string): Promise<{ servers: ServerProcess[]; stop: () => Promise<void> }> {
  const base = fromScript('CANDOR_TEST_DATABASE_URL', 'postgres.sh');
  const redisUrl = count > 1 ? fromScript('CANDOR_TEST_REDIS_URL', 'redis.sh') : null;
  const database = `candor_bench_${randomBytes(6).toString('hex')}`;
  execFileSync('psql', [base, '-qc', `CREATE DATABASE ${database}`], { stdio: 'ignore' });
  const url = new URL(base);
  url.pathname = `/${database}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-cl-'));
  const env: Record<string, string> = { DATABASE_URL: url.toString(), CANDOR_KEY: randomBytes(32).toString('hex'), ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
  const servers: ServerProcess[] = [];
  for (let i = 0; i < count; i++) servers.push(await startCandor({ dataDir: path.join(dataDir, 'data'), env, ...(cpuProfile ? { cpuProfile: `${cpuProfile}-${i + 1}.cpuprofile` } : {}) }));
  return {
    servers,
    async stop() {
      // what the servers reported (errors only: LOG_LEVEL=warn), for a run that failed
      for (const [i, s] of servers.entries()) for (const line of s.output.join('').split('\n')) if (/"level":50/.test(line)) console.error(`  process ${i + 1}: ${line.slice(0, 600)}`);
      for (const s of servers) await s.stop();
      execFileSync('psql', [base, '-qc', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`], { stdio: 'ignore' });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function assertAll(what: string, outcome: Outcome, expected: number): void {
  if (outcome.ok !== expected) throw new Error(`${what}: ${outcome.ok} of ${expected} succeeded; errors ${JSON.stringify(outcome.errors)}`);
}

const cpuUs = (usages: Usage[]) => usages.reduce((sum, u) => sum + u.cpuUs, 0);

/** People join the processes in turn (person k on process k mod count), as a round-robin balancer spreads them. */
export async function joinSpread(crowd: Crowd, urls: string[], boardId: string, n: number) {
  const crowdPeople = people(n);
  const outcomes = await Promise.all(
    urls.map((url, i) => crowd.split<(typeof crowdPeople)[number], Outcome>(crowdPeople.filter((p) => p.key % urls.length === i), (mine) => ({ op: 'join', url, boardId, people: mine, concurrency: JOIN_CONCURRENCY }))),
  );
  assertAll('join', mergeOutcomes(outcomes.flat()), n);
  // DO-10: each reads the board document over its joined socket (on the process it joined), as the browser does
  assertAll('board document', mergeOutcomes(await crowd.split(crowdPeople, (mine) => ({ op: 'readBoard', keys: mine.map((p) => p.key), concurrency: JOIN_CONCURRENCY }))), n);
  return crowdPeople;
}

export async function revealOnProcesses(crowd: Crowd, o: { processes: number; n: number; cards: number; quietMs?: number; log?: (line: string) => void }): Promise<ClusterRevealResult> {
  const log = o.log ?? (() => undefined);
  const { servers, stop } = await startOnPostgres(o.processes);
  let facilitator: Commander | null = null;
  try {
    const urls = servers.map((s) => s.url);
    const { boardId, facilitatorKey } = await createBoard(urls[0]!, `Bench ${o.processes}p ${o.n}×${o.cards}`);
    facilitator = await Commander.join(urls[0]!, boardId, 'Facilitator', facilitatorKey);
    await joinSpread(crowd, urls, boardId, o.n);
    let t = now();
    const items = makeCards(o.cards, 1).map((c, i) => ({ key: i % o.n, cmd: { type: 'card.add', columnId: c.columnId, text: c.text } }));
    // written in waves, so that no command waits behind a thousand others (PostgreSQL commits one at a time per board)
    const outcomes: Outcome[] = [];
    for (let i = 0; i < items.length; i += WRITE_WAVE) outcomes.push(...(await crowd.split<(typeof items)[number], Outcome>(items.slice(i, i + WRITE_WAVE), (mine) => ({ op: 'cmds', items: mine }), 900_000)));
    assertAll('card.add', mergeOutcomes(outcomes), o.cards);
    const writeMs = now() - t;
    log(`${o.processes} process(es): wrote ${o.cards} cards in ${writeMs.toFixed(0)} ms`);
    await sleep(1_000);

    await crowd.all({ op: 'arm' });
    const before = await Promise.all(servers.map((s) => s.usage()));
    const t0 = now();
    const ack = await facilitator.cmd({ type: 'phase.set', phase: 'reveal' }, 60_000);
    const commandAckMs = now() - t0;
    if (!ack.ok) throw new Error(`reveal refused: ${ack.code} ${ack.message}`);
    const window = await crowd.collect(o.quietMs ?? 1500, 120_000);
    const after = await Promise.all(servers.map((s) => s.usage()));
    const delivery = window.wsLast.map((last) => (last > 0 ? last - t0 : Number.NaN)).filter((d) => !Number.isNaN(d));
    return {
      processes: o.processes,
      n: o.n,
      cards: o.cards,
      delivery: spread(delivery),
      serverCpuMs: (cpuUs(after) - cpuUs(before)) / 1000,
      commandAckMs,
      writeMs,
      clients: window.keys.length,
      timedOut: window.timedOut,
    };
  } finally {
    facilitator?.close();
    await crowd.reset().catch(() => undefined);
    await stop();
  }
}

/** `n` people split over the processes each send about one command a second: card.add in Write, then vote pairs in Vote. */
export async function ackOnProcesses(crowd: Crowd, o: { processes: number; n: number; seconds: number; cpuProfile?: string }): Promise<ClusterAckResult> {
  const { servers, stop } = await startOnPostgres(o.processes, o.cpuProfile);
  let facilitator: Commander | null = null;
  try {
    const urls = servers.map((s) => s.url);
    const board = await createBoard(urls[0]!, 'Busy');
    facilitator = await Commander.join(urls[0]!, board.boardId, 'Facilitator', board.facilitatorKey);
    await joinSpread(crowd, urls, board.boardId, o.n);
    await sleep(300);
    type Load = { latencies: number[]; errors: Record<string, number>; sent: number; cardIds: string[] };
    const texts = makeCards(200, 7).map((c) => c.text);
    const durationMs = (o.seconds * 1000) / 2;
    const adds = await crowd.all<Load>({ op: 'ackLoad', durationMs, rateHz: 1, plan: 'card.add', texts, itemIds: [] }, durationMs + 120_000);
    await facilitator.must({ type: 'phase.set', phase: 'reveal' });
    await facilitator.must({ type: 'phase.set', phase: 'vote' });
    const itemIds = adds.flatMap((a) => a.cardIds);
    const votes = await crowd.all<Load>({ op: 'ackLoad', durationMs, rateHz: 1, plan: 'vote', texts, itemIds }, durationMs + 120_000);
    const errors: Record<string, number> = {};
    for (const part of [...adds, ...votes]) for (const [code, k] of Object.entries(part.errors)) errors[code] = (errors[code] ?? 0) + k;
    return {
      processes: o.processes,
      n: o.n,
      seconds: o.seconds,
      load: spread([...adds, ...votes].flatMap((a) => a.latencies)),
      adds: spread(adds.flatMap((a) => a.latencies)),
      votes: spread(votes.flatMap((a) => a.latencies)),
      sent: [...adds, ...votes].reduce((a, p) => a + p.sent, 0),
      errors,
    };
  } finally {
    facilitator?.close();
    await crowd.reset().catch(() => undefined);
    await stop();
  }
}
