import { describe, expect, it } from 'vitest';
import { type CreateBoardResponse, LIMITS } from '@candor/shared';
import { faultyStore, type FaultControls } from '@candor/server/testing';
import { ABUSE_LIMITS } from '../../server/src/abuseLimits.js';
import { Person, healthz, readerHeaders, useServer } from './harness.js';

/**
 * AB-13: reading boards over HTTP makes the server work in proportion to their size: a team's history replays every
 * retro of the team from the store, a board's view and its exports project the whole board. Nothing asked for a
 * login or counted these reads, so one address asking for a big team's history in a loop kept a core busy (an
 * independent attack: 19 retros of 1,000 cards, 64 requests at a time from one address, the server at 100 % of a
 * core and another board's acks at p99 3.2 s instead of 5 ms). The work is counted here as the server counts it:
 * boards read from the store for the attacker's requests, and answers that had to project a whole board.
 */

/** the attacker's and a bystander's addresses, as a trusted proxy reports them (AB-8) */
const ATTACKER = { 'x-forwarded-for': '203.0.113.9' };
const BYSTANDER = { 'x-forwarded-for': '198.51.100.4' };
const WRITERS = 20;
const CARDS_EACH = 50;
/** a board's size in AB-13's items: its cards (stored, each about a KiB of anonymous state), besides its people and its log */
const CARDS = WRITERS * CARDS_EACH;
const CARD_TEXT = 'x'.repeat(LIMITS.cardText - 20);
const REQUESTS = 300;
const AT_ONCE = 16;
/**
 * each test first writes 1,000-card boards through real connections (10–16 s alone here): beside six other test files
 * on two cores that once passed Vitest's 30 s, so these two may take longer (a bound on a hang, not a timing claim)
 */
const BUILDS_BIG_BOARDS_MS = 120_000;

describe('AB-13 what reading boards over HTTP makes the server do is bounded per address', () => {
  let counted!: FaultControls;
  // the clock stands still, so no allowance refills while the test runs: what is served is what the burst allows
  const frozen = Date.parse('2026-12-03T12:00:00Z');
  const live = useServer({
    idleUnloadMs: 50,
    trustProxy: true,
    // both tests' writers join and write from one address while the clock stands still
    joinBurstPerAddress: 200,
    commandsPerSecondPerAddress: 2_000,
    now: () => frozen,
    wrapStore: (store) => {
      const wrapped = faultyStore(store);
      counted = wrapped;
      return wrapped;
    },
  });

  async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${live.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as T;
  }

  /** a retro of `WRITERS` people with `CARDS_EACH` cards each, closed when asked, everyone gone; returns one of them */
  async function fullBoard(path: string, close: boolean): Promise<{ boardId: string; reader: Person }> {
    const { boardId, facilitatorKey } = await post<CreateBoardResponse>(path, { templateId: 'start-stop-continue' });
    const F = new Person(live.server.url);
    live.people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    // a team's retro opens with Review
    if (F.board()?.phase !== 'write') expect(await F.cmd('phase.set', { phase: 'write' })).toMatchObject({ ok: true });
    const writers = Array.from({ length: WRITERS }, () => new Person(live.server.url));
    live.people.push(...writers);
    for (const [i, W] of writers.entries()) await W.connect(boardId, `W${i}`);
    await Promise.all(
      writers.map(async (W, i) => {
        for (let c = 0; c < CARDS_EACH; c++) expect(await W.cmd('card.add', { columnId: 'start', text: `card ${i}-${c} ${CARD_TEXT}` })).toMatchObject({ ok: true });
      }),
    );
    if (close) for (const phase of ['reveal', 'vote', 'discuss', 'act', 'closed']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    for (const W of writers) await W.disconnect();
    return { boardId, reader: F };
  }

  /** `REQUESTS` GETs of `path` from the attacker, `AT_ONCE` at a time; the statuses and error codes answered */
  async function flood(path: string, headers: Record<string, string>): Promise<{ served: number; refused: number; codes: Set<string> }> {
    let served = 0;
    let refused = 0;
    const codes = new Set<string>();
    let next = 0;
    await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        while (next++ < REQUESTS) {
          const res = await fetch(`${live.server.url}${path}`, { headers: { ...ATTACKER, ...headers } });
          if (res.status === 200) {
            served++;
            await res.arrayBuffer();
          } else {
            refused++;
            expect(res.status).toBe(429);
            codes.add(((await res.json()) as { code: string }).code);
          }
        }
      }),
    );
    return { served, refused, codes };
  }

  it('AB-13 a team’s history asked for again and again reads its retros from the store for a burst’s worth, then is refused; another address is served', async () => {
    const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Big team' });
    const boards = 2;
    for (let i = 0; i < boards; i++) {
      const { reader } = await fullBoard(`/api/teams/${teamId}/boards`, false);
      await reader.disconnect();
    }
    await expect.poll(async () => (await healthz(live.server.url)).boardsLoaded).toBe(0);

    const loadsBefore = counted.calls.loadBoard ?? 0;
    const { served, refused, codes } = await flood(`/api/teams/${teamId}`, {});
    const loads = (counted.calls.loadBoard ?? 0) - loadsBefore;
    // each retro read costs at least its cards: the burst pays for so many of them, and one history may start on
    // the last of it (the reads of one address run one after another)
    const affordable = Math.floor(ABUSE_LIMITS.readWorkBurstPerAddress / CARDS) + boards;
    expect(loads).toBeLessThanOrEqual(affordable);
    expect(served).toBeLessThan(REQUESTS);
    expect(refused).toBeGreaterThan(0);
    expect([...codes]).toEqual(['RATE_LIMITED']);

    const bystander = await fetch(`${live.server.url}/api/teams/${teamId}`, { headers: BYSTANDER });
    expect(bystander.status).toBe(200);
  }, BUILDS_BIG_BOARDS_MS);

  it('AB-13 a closed retro’s export downloaded again and again is refused past the address’s burst; a colleague elsewhere still downloads it', async () => {
    const { boardId, reader } = await fullBoard('/api/boards', true);
    const { served, refused, codes } = await flood(`/api/boards/${boardId}/export.json`, readerHeaders(reader));
    expect(served).toBeLessThanOrEqual(Math.floor(ABUSE_LIMITS.readWorkBurstPerAddress / CARDS) + 1);
    expect(refused).toBeGreaterThan(0);
    expect([...codes]).toEqual(['RATE_LIMITED']);

    const colleague = await fetch(`${live.server.url}/api/boards/${boardId}/export.json`, { headers: { ...BYSTANDER, ...readerHeaders(reader) } });
    expect(colleague.status).toBe(200);
    expect(((await colleague.json()) as { board: { cards: unknown[] } }).board.cards).toHaveLength(CARDS);
  }, BUILDS_BIG_BOARDS_MS);
});
