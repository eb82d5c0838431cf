import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { now, sleep } from '../lib/clock.js';
import { makeCards } from '../lib/cards.js';
import { Commander, createBoard, people } from '../lib/candor.js';
import { type Crowd, mergeOutcomes } from '../lib/loadgens.js';
import { startCandor } from '../lib/procs.js';
import { spread, type Spread } from '../lib/stats.js';

/**
 * Scenario 5: command ack latency. First an idle server: one person sends commands slowly (one at a time,
 * every 100 ms). Then, in the same server process on another board, `n` people each send one command per
 * second: card.add during Write for half the time, then (after the reveal) vote.cast / vote.retract pairs of
 * the same item during Vote for the other half, so the 3-vote budget and the 50-card limit are never hit.
 */
export interface AckResult {
  n: number;
  seconds: number;
  idle: Spread;
  load: Spread;
  loadAdd: Spread;
  loadVote: Spread;
  sent: number;
  errors: Record<string, number>;
  idleErrors: number;
}

export async function ackLatency(crowd: Crowd, o: { n: number; seconds: number; idleSamples?: number }): Promise<AckResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-ack-'));
  const server = await startCandor({ dataDir });
  const commanders: Commander[] = [];
  try {
    const { url } = server;
    const texts = makeCards(200, 7).map((c) => c.text);

    // The idle server: one person, one command at a time.
    const idleBoard = await createBoard(url, 'Idle');
    const solo = await Commander.join(url, idleBoard.boardId, 'Solo', idleBoard.facilitatorKey);
    commanders.push(solo);
    const half = Math.floor((o.idleSamples ?? 60) / 2);
    const idle: number[] = [];
    let idleErrors = 0;
    const timed = async (fields: Record<string, unknown>) => {
      const t = now();
      const ack = await solo.cmd(fields);
      idle.push(now() - t);
      if (!ack.ok) idleErrors++;
      await sleep(100);
      return ack;
    };
    const ids: string[] = [];
    for (let i = 0; i < half; i++) {
      const ack = await timed({ type: 'card.add', columnId: 'start', text: texts[i % texts.length] });
      if (ack.ok) ids.push((ack.data as { cardId: string }).cardId);
    }
    await solo.must({ type: 'phase.set', phase: 'reveal' });
    await solo.must({ type: 'phase.set', phase: 'vote' });
    for (let i = 0; i < half; i++) await timed({ type: i % 2 === 0 ? 'vote.cast' : 'vote.retract', itemId: ids[Math.floor(i / 2) % ids.length] });

    // The busy board: n people at ~1 command per second each.
    const board = await createBoard(url, 'Busy');
    const facilitator = await Commander.join(url, board.boardId, 'Facilitator', board.facilitatorKey);
    commanders.push(facilitator);
    const crowdPeople = people(o.n);
    const joined = mergeOutcomes(await crowd.split(crowdPeople, (mine) => ({ op: 'join', url, boardId: board.boardId, people: mine, concurrency: 25 })));
    if (joined.ok !== o.n) throw new Error(`join: ${JSON.stringify(joined.errors)}`);
    // DO-10: each reads the board document over its joined socket, as the browser does
    const read = mergeOutcomes(await crowd.split(crowdPeople, (mine) => ({ op: 'readBoard', keys: mine.map((p) => p.key), concurrency: 25 })));
    if (read.ok !== o.n) throw new Error(`board document: ${JSON.stringify(read.errors)}`);
    await sleep(300);

    type Load = { latencies: number[]; errors: Record<string, number>; sent: number; cardIds: string[] };
    const durationMs = (o.seconds * 1000) / 2;
    const adds = await crowd.all<Load>({ op: 'ackLoad', durationMs, rateHz: 1, plan: 'card.add', texts, itemIds: [] }, durationMs + 60_000);
    await facilitator.must({ type: 'phase.set', phase: 'reveal' });
    await facilitator.must({ type: 'phase.set', phase: 'vote' });
    const itemIds = adds.flatMap((a) => a.cardIds);
    const votes = await crowd.all<Load>({ op: 'ackLoad', durationMs, rateHz: 1, plan: 'vote', texts, itemIds }, durationMs + 60_000);

    const errors: Record<string, number> = {};
    for (const part of [...adds, ...votes]) for (const [code, k] of Object.entries(part.errors)) errors[code] = (errors[code] ?? 0) + k;
    const addLat = adds.flatMap((a) => a.latencies);
    const voteLat = votes.flatMap((a) => a.latencies);
    return {
      n: o.n,
      seconds: o.seconds,
      idle: spread(idle),
      load: spread([...addLat, ...voteLat]),
      loadAdd: spread(addLat),
      loadVote: spread(voteLat),
      sent: [...adds, ...votes].reduce((a, p) => a + p.sent, 0),
      errors,
      idleErrors,
    };
  } finally {
    for (const c of commanders) c.close();
    await crowd.reset().catch(() => undefined);
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
