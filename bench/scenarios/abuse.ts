import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AttackPlan, AttackReport } from '../attacker.js';
import { now, sleep, within } from '../lib/clock.js';
import { makeCards } from '../lib/cards.js';
import { Commander, boardDocUrl, createBoard, people } from '../lib/candor.js';
import { type Crowd, mergeOutcomes } from '../lib/loadgens.js';
import { BENCH, ROOT, type ServerProcess, type Usage, procRss, startCandor } from '../lib/procs.js';
import { spread, type Spread } from '../lib/stats.js';

/**
 * Issue 8's attacks (items 1, 2, 3 and 5) for `seconds` against a board of 300 long cards, while `honest`
 * people on another board vote at one command a second each. The same people are measured first without
 * the attack (the baseline), then under it. The server runs as deployed behind a proxy (TRUST_PROXY, every
 * other limit at its default), so each attacker has an address of its own and the honest people share one.
 */
export interface AbuseResult {
  seconds: number;
  /** the attacks of issue 8 that ran (1, 2, 3, 5) */
  items: number[];
  honest: number;
  /** ack latency of the honest people without, then with the attack */
  baseline: Spread;
  attacked: Spread;
  baselineErrors: Record<string, number>;
  attackedErrors: Record<string, number>;
  /** honest connections (Socket.io or board document) the server dropped during the attack */
  honestDisconnects: number;
  rssBaselineMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
  /** V8 heap in use after a GC, before the attack and `settleSeconds` after it */
  heapBaselineMb: number;
  heapAfterMb: number;
  settleSeconds: number;
  /**
   * Where the memory was, MB: before the attack (after a GC), at the sample of highest RSS during it (no GC:
   * the probe's answer nearest the peak) and after it (after a GC). RSS not accounted for by the V8 heap
   * (`heapTotal`) and `external` is the allocator's and native code's (zlib, OpenSSL, SQLite, libuv).
   */
  memory: { baseline: MemoryMb; peak: MemoryMb | null; after: MemoryMb };
  /** RSS each second after the attack ended (MB over the baseline), before the GC of `memory.after` */
  settleRssMb: number[];
  /** /healthz asked every 500 ms from the baseline to the end: answers, failures (no 200 within 2 s), slowest */
  healthz: { asked: number; failed: number; slowestMs: number };
  /** log lines the server wrote while attacked */
  logLines: number;
  attack: AttackReport | null;
}

export interface MemoryMb {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

const LONG_CARDS = 300;

/** Long card texts (about 900 characters each): the victim board's document is large. */
function longTexts(count: number): string[] {
  const parts = makeCards(count * 8, 21).map((c) => c.text);
  return Array.from({ length: count }, (_, i) => parts.slice(i * 8, i * 8 + 8).join(' ').slice(0, 900));
}

export async function abuse(
  crowd: Crowd,
  o: { seconds: number; honest: number; items: number[]; settleSeconds?: number; log: (line: string) => void },
): Promise<AbuseResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-abuse-'));
  const server = await startCandor({
    dataDir,
    exposeGc: true,
    env: { TRUST_PROXY: 'true', MAX_CONNECTIONS_PER_ADDRESS: '256', MAX_JOINS_PER_ADDRESS: '60', MAX_READ_BYTES_PER_ADDRESS: '1048576', MAX_COMMANDS_PER_ADDRESS: '200', MAX_REQUESTS_PER_ADDRESS: '100', LOG_LEVEL: 'warn' },
  });
  const commanders: Commander[] = [];
  let attacker: ChildProcess | null = null;
  let logLines = 0;
  let counting = false;
  server.child.stdout?.on('data', (d: Buffer) => {
    if (counting) logLines += d.toString().split('\n').filter(Boolean).length;
  });
  const health = { asked: 0, failed: 0, slowestMs: 0 };
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const t = now();
      health.asked++;
      const ok = await within(2_000, 'healthz', fetch(`${server.url}/healthz`).then((r) => r.ok)).catch(() => false);
      if (!ok) health.failed++;
      health.slowestMs = Math.max(health.slowestMs, now() - t);
      await sleep(500);
    }
  })();
  try {
    const { url } = server;
    // The victim board: 300 long cards, revealed, written by six people who then leave.
    const victim = await createBoard(url, 'Victim');
    const victimFacilitator = await Commander.join(url, victim.boardId, 'Victim facilitator', victim.facilitatorKey);
    commanders.push(victimFacilitator);
    const writers = people(6, 0);
    const wrote = mergeOutcomes(await crowd.split(writers, (mine) => ({ op: 'join', url, boardId: victim.boardId, people: mine, concurrency: 6 })));
    if (wrote.ok !== writers.length) throw new Error(`victim writers: ${JSON.stringify(wrote.errors)}`);
    const texts = longTexts(LONG_CARDS);
    const items = texts.map((text, i) => ({ key: writers[i % writers.length]!.key, cmd: { type: 'card.add', columnId: ['start', 'stop', 'continue'][i % 3], text } }));
    const added = mergeOutcomes(await crowd.split(items, (mine) => ({ op: 'cmds', items: mine }), 120_000));
    if (added.ok !== LONG_CARDS) throw new Error(`victim cards: ${JSON.stringify(added.errors)}`);
    await victimFacilitator.must({ type: 'phase.set', phase: 'reveal' });
    await crowd.reset();

    // The honest board: `honest` people, each with the board document open, voting in Vote.
    const board = await createBoard(url, 'Honest');
    const facilitator = await Commander.join(url, board.boardId, 'Facilitator', board.facilitatorKey);
    commanders.push(facilitator);
    const crowdPeople = people(o.honest, 100);
    const joined = mergeOutcomes(await crowd.split(crowdPeople, (mine) => ({ op: 'join', url, boardId: board.boardId, people: mine, concurrency: 10 })));
    if (joined.ok !== o.honest) throw new Error(`honest join: ${JSON.stringify(joined.errors)}`);
    const targets = crowdPeople.map((p) => ({ key: p.key, url: boardDocUrl(url, board.boardId) }));
    const opened = mergeOutcomes(await crowd.split(targets, (mine) => ({ op: 'openWs', targets: mine, handshake: true, concurrency: 10 })));
    if (opened.ok !== o.honest) throw new Error(`honest documents: ${JSON.stringify(opened.errors)}`);
    const cards = crowdPeople.map((p, i) => ({ key: p.key, cmd: { type: 'card.add', columnId: 'start', text: `honest card ${i}` } }));
    await crowd.split(cards, (mine) => ({ op: 'cmds', items: mine }));
    await facilitator.must({ type: 'phase.set', phase: 'reveal' });
    await facilitator.must({ type: 'phase.set', phase: 'vote' });
    const view = await facilitator.publicView<{ cards: { id: string }[] }>(url, board.boardId);
    const ids = view.cards.map((c) => c.id);
    if (ids.length === 0) throw new Error('honest board has no revealed cards');

    type Load = { latencies: number[]; errors: Record<string, number>; sent: number };
    const durationMs = o.seconds * 1000;
    const voteLoad = () => crowd.all<Load>({ op: 'ackLoad', durationMs, rateHz: 1, plan: 'vote', texts: [], itemIds: ids }, durationMs + 60_000);
    const merge = (parts: Load[]) => {
      const errors: Record<string, number> = {};
      for (const p of parts) for (const [c, k] of Object.entries(p.errors)) errors[c] = (errors[c] ?? 0) + k;
      return { latencies: parts.flatMap((p) => p.latencies), errors };
    };

    o.log(`baseline: ${o.honest} honest people voting for ${o.seconds} s, no attack`);
    const baseline = merge(await voteLoad());
    const memoryBaseline = await memoryOf(server, true);
    const rssBaseline = memoryBaseline.rss;

    o.log(`attack: items ${o.items.join(', ')} for ${o.seconds} s while the same people vote`);
    const plan: AttackPlan = { url, victimBoardId: victim.boardId, seconds: o.seconds, amplifiers: 5, idleSockets: 300, items: o.items };
    attacker = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH, 'attacker.ts'), JSON.stringify(plan)], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const reportPromise = new Promise<AttackReport | null>((resolve) => {
      attacker!.on('message', (m: { report?: AttackReport }) => m.report && resolve(m.report));
      attacker!.on('exit', () => resolve(null));
    });
    await within(30_000, 'attacker start', new Promise<void>((resolve) => attacker!.on('message', (m: { started?: boolean }) => m.started && resolve())));
    counting = true;
    let rssPeak = rssBaseline;
    let peakSample: MemoryMb | null = null;
    let sampling = true;
    // read from /proc, not the server's probe: a server drowning in the attack may not answer its probe
    const sampler = (async () => {
      while (sampling) {
        rssPeak = Math.max(rssPeak, procRss(server.child.pid!) ?? Number.NaN);
        await sleep(1_000);
      }
    })();
    // what the memory is made of, near the peak: the probe (no GC) when it answers within a second
    const breakdown = (async () => {
      while (sampling) {
        const usage = await within(1_000, 'probe', server.usage(false)).catch(() => null);
        if (usage && (!peakSample || mb(usage.rss) > peakSample.rss)) peakSample = inMb(usage);
        await sleep(2_000);
      }
    })();
    const attacked = merge(await voteLoad());
    const attack = await within(o.seconds * 1000 + 60_000, 'attacker report', reportPromise).catch(() => null);
    counting = false;
    sampling = false;
    await Promise.all([sampler, breakdown]);
    const status = await crowd.all<{ people: number; socketsDown: number; wsDown: number }>({ op: 'status' });
    const honestDisconnects = status.reduce((a, s) => a + s.socketsDown + s.wsDown, 0);

    // What the attack left behind, once it has stopped and a GC ran.
    const settleSeconds = o.settleSeconds ?? 10;
    const settleRssMb: number[] = [];
    for (let s = 0; s < settleSeconds; s++) {
      await sleep(1_000);
      settleRssMb.push(mb((procRss(server.child.pid!) ?? Number.NaN) - rssBaseline));
    }
    const memoryAfter = await memoryOf(server, true);
    const rssAfter = memoryAfter.rss;
    return {
      seconds: o.seconds,
      items: o.items,
      honest: o.honest,
      baseline: spread(baseline.latencies),
      attacked: spread(attacked.latencies),
      baselineErrors: baseline.errors,
      attackedErrors: attacked.errors,
      honestDisconnects,
      rssBaselineMb: mb(rssBaseline),
      rssPeakMb: mb(rssPeak),
      rssAfterMb: mb(rssAfter),
      heapBaselineMb: mb(memoryBaseline.heapUsed),
      heapAfterMb: mb(memoryAfter.heapUsed),
      settleSeconds,
      memory: { baseline: inMb(memoryBaseline), peak: peakSample, after: inMb(memoryAfter) },
      settleRssMb,
      healthz: health,
      logLines,
      attack,
    };
  } finally {
    polling = false;
    await poller;
    attacker?.kill('SIGKILL');
    for (const c of commanders) c.close();
    await crowd.reset().catch(() => undefined);
    await stopQuietly(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The server's RSS after a GC; from /proc without the GC when the server is too busy to answer its probe for a minute. */
async function rssOf(server: ServerProcess, gc: boolean): Promise<number> {
  return (await memoryOf(server, gc)).rss;
}

type Memory = Pick<Usage, 'rss' | 'heapUsed' | 'heapTotal' | 'external' | 'arrayBuffers'>;
const mb = (bytes: number) => bytes / (1024 * 1024);
const inMb = (m: Memory): MemoryMb => ({ rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) });

/** RSS and V8 heap (after a GC when asked): heap back at its baseline with RSS above it is the allocator keeping pages. */
async function memoryOf(server: ServerProcess, gc: boolean): Promise<Memory> {
  for (let tries = 0; tries < 6; tries++) {
    const usage = await server.usage(gc).catch(() => null);
    if (usage) return usage;
  }
  return { rss: procRss(server.child.pid!) ?? Number.NaN, heapUsed: Number.NaN, heapTotal: Number.NaN, external: Number.NaN, arrayBuffers: Number.NaN };
}

async function stopQuietly(server: ServerProcess): Promise<void> {
  await server.stop(0).catch(() => undefined);
}
