import { now, sleep } from '../lib/clock.js';
import { makeCards } from '../lib/cards.js';
import { Commander, createBoard } from '../lib/candor.js';
import { type Crowd, mergeOutcomes } from '../lib/loadgens.js';
import type { Outcome } from '../lib/loadgenProtocol.js';
import type { StormRequest } from '../lib/stormClient.js';
import { joinSpread, startOnPostgres } from './cluster.js';
import { type StormOptions, type StormRun, killAndStorm } from './storm.js';

/**
 * Issue 13's restart storm with one of two processes killed: N people on a board of `cards` cards in Vote,
 * split over two Candor processes on one PostgreSQL and one Redis (person k on process k mod 2, each with their
 * Socket.io session and board document there). One process is killed (SIGKILL) and not started again: its
 * people come back through the other one, as a load balancer would send them, each retrying at once. Measured
 * from the kill until every one of them has the whole board document again and has had one vote acked.
 */

/** everyone must be back within this long, or the run reports who was not */
const STORM_DEADLINE_MS = 120_000;

export async function restartStormOneOfTwo(crowd: Crowd, o: StormOptions): Promise<StormRun> {
  const log = o.log ?? (() => undefined);
  const { servers, stop } = await startOnPostgres(2);
  let facilitator: Commander | null = null;
  try {
    const [killed, survivor] = servers as [(typeof servers)[number], (typeof servers)[number]];
    const { boardId, facilitatorKey } = await createBoard(survivor.url, `Storm 2p ${o.n}×${o.cards}`);
    facilitator = await Commander.join(survivor.url, boardId, 'Facilitator', facilitatorKey);
    const crowdPeople = await joinSpread(crowd, [killed.url, survivor.url], boardId, o.n);
    const items = makeCards(o.cards, 1).map((c, i) => ({ key: i % o.n, cmd: { type: 'card.add', columnId: c.columnId, text: c.text } }));
    const written: (Outcome & { results: { data: unknown }[] })[] = [];
    // in waves, so that no command waits behind a thousand others (PostgreSQL commits one at a time per board)
    for (let i = 0; i < items.length; i += 100) written.push(...(await crowd.split<(typeof items)[number], Outcome & { results: { data: unknown }[] }>(items.slice(i, i + 100), (mine) => ({ op: 'cmds', items: mine }), 600_000)));
    const merged = mergeOutcomes(written);
    if (merged.ok !== o.cards) throw new Error(`card.add: ${merged.ok} of ${o.cards}; errors ${JSON.stringify(merged.errors)}`);
    const cardIds = written.flatMap((w) => w.results.map((r) => (r.data as { cardId: string }).cardId));
    await facilitator.must({ type: 'phase.set', phase: 'reveal' });
    await facilitator.must({ type: 'phase.set', phase: 'vote' });
    await sleep(500);
    const mine = crowdPeople.filter((p) => p.key % 2 === 0);
    log(`${o.n} people on ${o.cards} cards in Vote over two processes; killing the one ${mine.length} of them are on`);
    const targets = mine.map((p) => ({ key: p.key, person: p, itemId: cardIds[p.key % cardIds.length]! }));
    const req: StormRequest = { mode: 'candor', url: survivor.url, boardId, greetingBytes: 0, deadlineMs: STORM_DEADLINE_MS };
    const t0 = now();
    const { run } = await killAndStorm(crowd, { ...o, n: mine.length }, 'candor2', killed, targets, req, async () => survivor);
    log(`one of two killed: all ${mine.length} back through the other ${(now() - t0).toFixed(0)} ms after the kill`);
    return run;
  } finally {
    facilitator?.close();
    await crowd.reset().catch(() => undefined);
    await stop();
  }
}
