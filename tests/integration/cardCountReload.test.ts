import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@candor/shared';
import { freshSchema, testDatabaseUrl } from '../../server/src/storage/postgres.testing.js';
import { Person, createBoard, healthz, startServer, until, type TestServer } from './harness.js';

/**
 * AN-10 across a reload. After a restart or an idle unload every stored card waits for its author (AR-2), each
 * with a placeholder of its own, until that author joins again. The count must not take each waiting card for a
 * writer of its own: Alex's 5 cards and Bea's 1 are two writers, fewer than `minWritersToCount`, before the
 * reload and after it, and nobody's return may move the count — a count that dropped from 5 to 0 in the same
 * projection that shows Alex coming back told the room that Alex wrote several of the cards.
 */
describe('the live card count across a reload, as the room receives it', () => {
  const servers: TestServer[] = [];
  const people: Person[] = [];
  afterAll(async () => {
    for (const p of people) await p.disconnect().catch(() => undefined);
    for (const s of servers) await s.close().catch(() => undefined);
  });

  /**
   * Fran (facilitator), Alex, Bea and Cleo in Write; Alex writes 5 cards, Bea 1. Everyone leaves, `reload` loads
   * the board again from storage (and gives the URL to come back to), and they return one at a time — Cleo
   * first, Alex last — while Cleo's board document records every count it is sent. Then Cleo writes a card: the
   * third writer, as without the reload.
   */
  async function writeReloadRejoin(server: TestServer, reload: (server: TestServer) => Promise<TestServer>) {
    const { boardId, facilitatorKey } = await createBoard(server.url, 'Counted across a reload');
    const [F, A, B, C] = Array.from({ length: 4 }, () => new Person(server.url));
    people.push(F!, A!, B!, C!);
    await F!.connect(boardId, 'Fran', facilitatorKey);
    for (const [p, name] of [[A, 'Alex'], [B, 'Bea'], [C, 'Cleo']] as const) await p!.connect(boardId, name);
    for (let i = 0; i < 5; i++) expect(await A!.cmd('card.add', { columnId: 'start', text: `alex ${i}` })).toMatchObject({ ok: true });
    expect(await B!.cmd('card.add', { columnId: 'stop', text: 'bea' })).toMatchObject({ ok: true });
    await C!.boardRoundTrip();
    const before = C!.board()!.cardCount;
    // two writers: the 6 cards are not counted (AN-10)
    expect(before).toBe(0);

    for (const p of [F, A, B, C]) await p!.disconnect();
    const reloaded = await reload(server);
    const fromReload = C!.boardHistory.length;
    const counts: { after: string; count: number }[] = [];
    for (const p of [C, F, B, A]) {
      expect(await p!.reconnect(reloaded.url)).toMatchObject({ ok: true });
      await C!.waitFor(() => C!.board()?.participants.find((x) => x.name === p!.name)?.online);
      await C!.boardRoundTrip();
      counts.push({ after: p!.name, count: C!.board()!.cardCount });
    }
    // every count Cleo was sent after the reload, one per board-document update, is the count before it
    expect(counts).toEqual(['Cleo', 'Fran', 'Bea', 'Alex'].map((after) => ({ after, count: before })));
    expect(new Set(C!.boardHistory.slice(fromReload).map((v) => v.cardCount))).toEqual(new Set([before]));
    // AR-2: the authors have their cards again
    expect(A!.me!.cards).toHaveLength(5);
    expect(B!.me!.cards).toHaveLength(1);

    // Cleo is the third writer: 7 cards, shown as 5 — what the room would see had there been no reload
    expect(await C!.cmd('card.add', { columnId: 'start', text: 'cleo' })).toMatchObject({ ok: true });
    await F!.waitFor(() => F!.board()?.cardCount === LIMITS.cardCountStep);
    for (const p of [F, A, B, C]) await p!.disconnect();
  }

  it('AN-10 AR-2 after a restart, 5 cards by Alex and 1 by Bea stay uncounted as each person comes back (no count moves at anyone’s return)', async () => {
    const server = await startServer();
    servers.push(server);
    await writeReloadRejoin(server, async (old) => {
      await old.close();
      const restarted = await startServer({ dbFile: old.dbFile });
      servers.push(restarted);
      return restarted;
    });
  });

  it('AN-10 AR-2 after an idle unload (nobody connected for IDLE_UNLOAD_MS), the same', async () => {
    const server = await startServer({ idleUnloadMs: 50 });
    servers.push(server);
    await writeReloadRejoin(server, async (same) => {
      await until(async () => (await healthz(same.url)).boardsLoaded === 0);
      return same;
    });
  });

  it('AN-10 AR-2 AR-12 on PostgreSQL (the cards part sealed), after a restart, the same', async () => {
    const postgres = { url: testDatabaseUrl(), schema: freshSchema() };
    const server = await startServer({ postgres });
    servers.push(server);
    await writeReloadRejoin(server, async (old) => {
      await old.close();
      const restarted = await startServer({ dbFile: old.dbFile, postgres });
      servers.push(restarted);
      return restarted;
    });
  });
});
