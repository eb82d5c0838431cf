import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { now, sleep } from '../lib/clock.js';
import { Commander, boardDocUrl, createBoard, people } from '../lib/candor.js';
import { type Crowd, mergeOutcomes } from '../lib/loadgens.js';
import type { Outcome, WindowStats } from '../lib/loadgenProtocol.js';
import { type Usage, startCandor } from '../lib/procs.js';
import { median, spread, type Spread } from '../lib/stats.js';

/**
 * Issue 10, Performance: `n` people on one board in Discuss each raise a hand and send a reaction at once
 * (2 commands each, all fired together), measured against the same `n` people joining (coming back to the
 * board with their documents open: today's batched presence), in the same server process. Delivery is per
 * person, from the first command of the burst leaving until the last board-document frame of it arrived; server
 * CPU is process.cpuUsage over the window. Each run has two bursts: in Vote everyone marks themselves done
 * (DN-1), then in Discuss everyone raises a hand and reacts (RX-4); "the burst" is both together — CPU summed,
 * delivery p99 the larger of the two.
 */
export interface BurstWindow {
  delivery: Spread;
  serverCpuMs: number;
  framesPerClient: number;
  bytesPerClient: number;
  /** how long it took to send every command of the burst (all acknowledged) */
  sendMs: number;
  errors: Record<string, number>;
  timedOut: boolean;
}

export interface BurstResult {
  n: number;
  runs: number;
  join: BurstWindow[];
  /** "I'm done" from everyone (Vote) */
  done: BurstWindow[];
  /** a raised hand and a reaction from everyone (Discuss) */
  burst: BurstWindow[];
  /** medians over the runs */
  median: { join: { p99: number; cpuMs: number }; done: { p99: number; cpuMs: number }; burst: { p99: number; cpuMs: number }; both: { p99: number; cpuMs: number } };
  /** after each burst the public view showed every hand and reaction (n after an "on" burst, 0 after "off") */
  countedAfterEach: { on: boolean; hands: number; reactions: number; done: number }[];
}

function windowOf(t0: number, sendMs: number, w: WindowStats, before: Usage, after: Usage, outcome: Outcome): BurstWindow {
  return {
    delivery: spread(w.wsLast.filter((t) => t > 0).map((t) => t - t0)),
    serverCpuMs: (after.cpuUs - before.cpuUs) / 1000,
    framesPerClient: median(w.wsFrames),
    bytesPerClient: median(w.wsBytes),
    sendMs,
    errors: outcome.errors,
    timedOut: w.timedOut,
  };
}

export async function reactionBurst(crowd: Crowd, o: { n: number; runs: number; quietMs: number; log: (line: string) => void }): Promise<BurstResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-burst-'));
  const server = await startCandor({ dataDir });
  let facilitator: Commander | null = null;
  try {
    const { url } = server;
    const { boardId, facilitatorKey } = await createBoard(url, `Burst ${o.n}`);
    facilitator = await Commander.join(url, boardId, 'Facilitator', facilitatorKey);
    const crowdPeople = people(o.n);
    const joined = mergeOutcomes(await crowd.split(crowdPeople, (mine) => ({ op: 'join', url, boardId, people: mine, concurrency: 25 })));
    if (joined.ok !== o.n) throw new Error(`join: ${JSON.stringify(joined.errors)}`);
    const targets = crowdPeople.map((p) => ({ key: p.key, url: boardDocUrl(url, boardId) }));
    await crowd.split(targets, (mine) => ({ op: 'openWs', targets: mine, handshake: true, concurrency: 25 }));

    // One item in discussion, so hands and reactions have somewhere to go.
    const { cardId } = (await facilitator.must({ type: 'card.add', columnId: 'start', text: 'What slowed us down' })) as { cardId: string };
    for (const phase of ['reveal', 'vote']) await facilitator.must({ type: 'phase.set', phase });
    await sleep(o.quietMs);

    const join: BurstWindow[] = [];
    const doneBursts: BurstWindow[] = [];
    const burst: BurstWindow[] = [];
    const keys = crowdPeople.map((p) => p.key);
    const counted: BurstResult['countedAfterEach'] = [];
    for (let run = 1; run <= o.runs; run++) {
      // The same people come back: Socket.io connect + join, all at once, with their documents open.
      await crowd.split(crowdPeople, (mine) => ({ op: 'dropSockets', keys: mine.map((p) => p.key) }));
      await sleep(o.quietMs);
      await crowd.all({ op: 'arm' });
      let before = await server.usage();
      let t0 = now();
      const back = mergeOutcomes(await crowd.split(crowdPeople, (mine) => ({ op: 'join', url, boardId, people: mine, concurrency: mine.length })));
      let sendMs = now() - t0;
      let window = await crowd.collect(o.quietMs, 60_000);
      join.push(windowOf(t0, sendMs, window, before, await server.usage(), back));

      const on = run % 2 === 1;
      // Vote: everyone says they are done (on), or takes it back (off), at once.
      await sleep(o.quietMs);
      await crowd.all({ op: 'arm' });
      before = await server.usage();
      t0 = now();
      const doneItems = keys.map((key) => ({ key, cmd: { type: 'done.mark', done: on } }));
      const doneSent = mergeOutcomes(await crowd.split(doneItems, (mine) => ({ op: 'cmds', items: mine }), 120_000));
      sendMs = now() - t0;
      window = await crowd.collect(o.quietMs, 60_000);
      doneBursts.push(windowOf(t0, sendMs, window, before, await server.usage(), doneSent));
      const doneView = await facilitator!.publicView<{ progress: { done: number } | null }>(url, boardId);
      const doneCount = doneView.progress?.done ?? -1;

      // Discuss: every person raises a hand and reacts (on, then off in the next run, so each run changes the room).
      await facilitator.must({ type: 'phase.set', phase: 'discuss' });
      await facilitator.must({ type: 'discuss.select', itemId: cardId });
      await sleep(o.quietMs);
      await crowd.all({ op: 'arm' });
      before = await server.usage();
      t0 = now();
      const items = keys.flatMap((key) => [
        { key, cmd: { type: 'hand.raise', raised: on } },
        { key, cmd: { type: 'reaction.toggle', itemId: cardId, reaction: 'agree', on } },
      ]);
      const sent = mergeOutcomes(await crowd.split(items, (mine) => ({ op: 'cmds', items: mine }), 120_000));
      sendMs = now() - t0;
      window = await crowd.collect(o.quietMs, 60_000);
      burst.push(windowOf(t0, sendMs, window, before, await server.usage(), sent));
      const view = await facilitator!.publicView<{ raisedHands: unknown[]; reactions: Record<string, { agree?: number }> }>(url, boardId);
      counted.push({ on, hands: view.raisedHands.length, reactions: view.reactions[cardId]?.agree ?? 0, done: doneCount });
      await facilitator!.must({ type: 'phase.set', phase: 'vote' });
      const b = burst.at(-1)!;
      const d = doneBursts.at(-1)!;
      const j = join.at(-1)!;
      o.log(
        `run ${run}: join p99 ${j.delivery.p99.toFixed(0)} ms, CPU ${j.serverCpuMs.toFixed(0)} ms, ${j.framesPerClient} frames/person | ` +
          `done p99 ${d.delivery.p99.toFixed(0)} ms (sent in ${d.sendMs.toFixed(0)} ms), CPU ${d.serverCpuMs.toFixed(0)} ms, acks ok ${doneSent.ok}/${doneItems.length} | ` +
          `hands+reactions p99 ${b.delivery.p99.toFixed(0)} ms (sent in ${b.sendMs.toFixed(0)} ms), CPU ${b.serverCpuMs.toFixed(0)} ms, ${b.framesPerClient} frames/person, acks ok ${sent.ok}/${items.length}`,
      );
    }

    const pick = (ws: BurstWindow[], f: (w: BurstWindow) => number) => median(ws.map(f));
    const both = burst.map((b, i) => ({ p99: Math.max(b.delivery.p99, doneBursts[i]!.delivery.p99), cpuMs: b.serverCpuMs + doneBursts[i]!.serverCpuMs }));
    return {
      n: o.n,
      runs: o.runs,
      join,
      done: doneBursts,
      burst,
      median: {
        join: { p99: pick(join, (w) => w.delivery.p99), cpuMs: pick(join, (w) => w.serverCpuMs) },
        done: { p99: pick(doneBursts, (w) => w.delivery.p99), cpuMs: pick(doneBursts, (w) => w.serverCpuMs) },
        burst: { p99: pick(burst, (w) => w.delivery.p99), cpuMs: pick(burst, (w) => w.serverCpuMs) },
        both: { p99: median(both.map((w) => w.p99)), cpuMs: median(both.map((w) => w.cpuMs)) },
      },
      countedAfterEach: counted,
    };
  } finally {
    await server.stop(0);
    await crowd.reset().catch(() => undefined);
    facilitator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
