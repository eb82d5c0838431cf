import { describe, expect, it } from 'vitest';
import type { CreateBoardResponse, TeamHistory } from '@candor/shared';
import { freshSchema, testDatabaseUrl } from '../../server/src/storage/postgres.testing.js';
import { Person, type StartOptions, healthz, startServer, postCreated, namedPeople, accepted as ok } from './harness.js';

/**
 * TM-4, TL-6, TM-6: a retro's figures on the team page are the same whether its board is loaded as a live room or
 * read straight from the store once everyone left and it was unloaded. The pulse, the trust lens and the fist of five
 * are anonymous facts, kept apart from the public log (AR-1): a read of the store that folds only the log lost them,
 * and the team page said "no data" for a closed retro a minute after its room emptied.
 */
describe('a team’s history, its retros loaded or not', () => {
  const stores: Record<string, () => StartOptions> = { sqlite: () => ({}), postgres: () => ({ postgres: { url: testDatabaseUrl(), schema: freshSchema() } }) };

  it.each(Object.keys(stores))('TM-4 TL-6 TM-6 TM-17 a closed retro’s pulse, lens counts, “worth the time?” and promises read the same once its board is unloaded (%s)', async (kind) => {
    const server = await startServer({ ...stores[kind]!(), idleUnloadMs: 50 });
    const { people, person } = namedPeople(() => server.url);
    try {
      const post = <T>(path: string, body: unknown) => postCreated<T>(server.url, path, body);
      const read = async (path: string): Promise<TeamHistory> => {
        const res = await fetch(`${server.url}${path}`);
        expect(res.status).toBe(200);
        return (await res.json()) as TeamHistory;
      };

      const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Platform' });
      const first = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Retro 1', templateId: 'post-mortem' });
      const [F, A, B, C, D] = [person('Fran'), person('Alex'), person('Bea'), person('Cy'), person('Dee')];
      await F.connect(first.boardId, 'Fran', first.facilitatorKey);
      for (const p of [A, B, C, D]) await p.connect(first.boardId, p.name);

      // PU-1: four answer the pulse in Review (AN-9: each then sees three besides their own)
      for (const [p, value] of [[F, 2], [A, 3], [B, 4], [C, 4]] as const) await ok(p, 'pulse.answer', { value });
      await ok(F, 'phase.set', { phase: 'write' });
      const item = (await ok(A, 'card.add', { columnId: 'system-allowed', text: 'deploys skip review' })).cardId!;
      for (const phase of ['reveal', 'vote', 'discuss'] as const) await ok(F, 'phase.set', { phase });
      await ok(F, 'discuss.select', { itemId: item });
      // TL-2: five tap the lens on the item
      await ok(F, 'lens.set', { on: true });
      for (const [p, part] of [[F, 'reliability'], [A, 'reliability'], [B, 'credibility'], [C, 'reliability'], [D, 'empathy']] as const) {
        await ok(p, 'lens.tap', { itemId: item, part, on: true });
      }
      // RM-1: one action ours, one an ask; CO-2: everyone answers the fist of five on ours
      const ours = (await ok(F, 'action.create', { itemId: item, text: 'Pair on every deploy' })).actionId!;
      await ok(A, 'action.volunteer', { actionId: ours, volunteer: true });
      await ok(F, 'action.create', { itemId: item, text: 'Give us a staging cluster', askOf: 'the platform team' });
      await ok(F, 'consensus.start', { actionId: ours });
      for (const [p, value] of [[F, 4], [A, 5], [B, 3], [C, 4], [D, 5]] as const) await ok(p, 'consensus.answer', { actionId: ours, value });
      // GP-5, TM-17: four say whether it was worth the time, at the end of Act
      await ok(F, 'phase.set', { phase: 'act' });
      for (const [p, value] of [[F, 4], [A, 5], [B, 2], [C, 4]] as const) await ok(p, 'roti.answer', { value });
      await ok(F, 'phase.set', { phase: 'closed' });
      await F.waitFor(() => F.board()?.phase === 'closed' && F.board()!.pulse.distribution !== null);

      // RE-4: the next retro reviews Retro 1's promises (its facilitator stays, so both boards are loaded)
      const second = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Retro 2', templateId: 'post-mortem' });
      const F2 = person('Fran');
      await F2.connect(second.boardId, 'Fran', second.facilitatorKey);
      const [kept, asked] = F2.board()!.review;
      await ok(F2, 'review.mark', { ref: kept!.ref, status: 'done' });
      await ok(F2, 'review.mark', { ref: asked!.ref, status: 'not-done', reason: 'no budget yet', carry: false });

      const path = `/api/teams/${teamId}`;
      expect((await healthz(server.url)).boardsLoaded).toBe(2);
      const loaded = await read(path);
      const [retro1, retro2] = loaded.retros;
      // the figures of a loaded retro, as the team page showed them right after the close
      expect(retro1!.pulse).toEqual({ min: 1, counts: [0, 1, 1, 2, 0], total: 4, average: 3.25 });
      expect(retro1!.roti).toEqual({ min: 1, counts: [0, 1, 0, 2, 1], total: 4, average: 3.75 });
      expect(retro1!.metrics).toMatchObject({ actions: 2, ours: 1, asks: 1, responsibilityShare: 0.5, asksReviewed: 1, asksAnswered: 0 });
      expect(retro1!.metrics.trust).toEqual({ credibility: 1, reliability: 3, empathy: 1, 'self-interest': 0 });
      // RE-4: the ask not answered is RM-2's (asksAnswered 0 above), not a promise of ours not kept
      expect(retro2!.promises).toEqual({ done: 1, notDone: 0, dropped: 0, unreviewed: 0, keptRate: 1 });

      // everyone leaves; both boards unload (IDLE_UNLOAD_MS), and the history is read from the store
      for (const p of people) await p.disconnect();
      await expect.poll(async () => (await healthz(server.url)).boardsLoaded).toBe(0);
      expect(await read(path)).toEqual(loaded);
      expect(await read(`${path}/export.json`)).toEqual(loaded);
      expect((await healthz(server.url)).boardsLoaded).toBe(0);
    } finally {
      for (const p of people) await p.disconnect();
      await server.close();
    }
  }, 30_000);
});
