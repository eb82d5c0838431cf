import { describe, expect, it } from 'vitest';
import { TEAM_COLUMNS, type CreateBoardResponse, type TeamHistory } from '@candor/shared';
import { faultyStore, type FaultControls } from '@candor/server/testing';
import { Person, healthz, useServer } from './harness.js';

const WRITES = ['createBoard', 'createTeam', 'upsertParticipant', 'commit', 'commitBatch', 'appendDocUpdate', 'compactDoc'];

describe('team history', () => {
  let counted!: FaultControls;
  const live = useServer({
    idleUnloadMs: 50,
    wrapStore: (store) => {
      const wrapped = faultyStore(store);
      counted = wrapped;
      return wrapped;
    },
  });
  const writes = () => WRITES.reduce((n, m) => n + (counted.calls[m] ?? 0), 0);

  async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${live.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as T;
  }

  it('TM-6 reading a team’s history loads no retro as a live room and writes nothing', async () => {
    const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Platform' });
    const boardIds: string[] = [];
    for (const name of ['One', 'Two', 'Three']) {
      const { boardId, facilitatorKey } = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name, templateId: 'post-mortem' });
      boardIds.push(boardId);
      // each retro has been used once (and is unloaded again once everyone left)
      const F = new Person(live.server.url);
      await F.connect(boardId, 'Fran', facilitatorKey);
      expect(await F.cmd('phase.set', { phase: 'write' })).toMatchObject({ ok: true });
      await F.disconnect();
    }
    await expect.poll(async () => (await healthz(live.server.url)).boardsLoaded).toBe(0);

    const before = { writes: writes(), loads: counted.calls.loadBoard ?? 0 };
    const res = await fetch(`${live.server.url}/api/teams/${teamId}`);
    expect(res.status).toBe(200);
    const history = (await res.json()) as TeamHistory;
    expect(history.retros.map((r) => r.name)).toEqual(['One', 'Two', 'Three']);
    expect(history.retros.map((r) => r.phase)).toEqual(['write', 'write', 'write']);
    expect(writes()).toBe(before.writes);
    expect((await healthz(live.server.url)).boardsLoaded).toBe(0);
    // each retro read once from the store
    expect((counted.calls.loadBoard ?? 0) - before.loads).toBe(boardIds.length);
  });

  it('SM-3 TM-9 a team retro asked to start on the team’s own columns gets the ones its last retro ended with; the server finds them', async () => {
    const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Columns' });
    const asOwn = (path: string) => fetch(`${live.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Next', templateId: TEAM_COLUMNS }) });
    // no retro yet, or one on its template's columns: nothing of its own to start on; nor outside a team
    expect((await asOwn(`/api/teams/${teamId}/boards`)).status).toBe(400);
    const first = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 1', templateId: 'start-stop-continue' });
    expect((await asOwn(`/api/teams/${teamId}/boards`)).status).toBe(400);
    expect((await asOwn('/api/boards')).status).toBe(400);

    const F = new Person(live.server.url);
    await F.connect(first.boardId, 'Fran', first.facilitatorKey);
    expect(await F.cmd('phase.set', { phase: 'write' })).toMatchObject({ ok: true });
    const edited = [...F.board()!.columns.map((c, i) => ({ id: c.id, title: i === 0 ? 'Wins' : c.title, prompt: c.prompt })), { title: 'Kudos', prompt: '' }];
    expect(await F.cmd('columns.set', { columns: edited })).toMatchObject({ ok: true });
    await F.disconnect();

    const res = await asOwn(`/api/teams/${teamId}/boards`);
    expect(res.status).toBe(201);
    const next = (await res.json()) as CreateBoardResponse;
    const G = new Person(live.server.url);
    await G.connect(next.boardId, 'Fran', next.facilitatorKey);
    expect(G.board()!.columns.map((c) => c.title)).toEqual(['Wins', 'Stop', 'Continue', 'Kudos']);
    // it keeps the template it came from (TM-8), so the team page still suggests it and its stock columns are one click away
    expect(G.board()!.templateId).toBe('start-stop-continue');
    await G.disconnect();
  });
  it('TM-16 a retro left open in Vote is closed from the team page by its facilitator only, a step at a time, as the board would', async () => {
    const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Long view' });
    const { boardId, facilitatorKey } = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 4', templateId: 'start-stop-continue' });
    const F = new Person(live.server.url);
    const A = new Person(live.server.url);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Ada');
    expect(await F.cmd('phase.set', { phase: 'write' })).toMatchObject({ ok: true });
    const card = (await A.cmd('card.add', { columnId: 'start', text: 'Pairing on releases' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    // Ada says she is done voting: a public act, so the room still knows her once it is unloaded (AB-6 forgets at the
    // unload whoever did nothing public: her card and vote are anonymous). Without it the close below met a room still
    // loaded (NOT_FACILITATOR) or, 50 ms after everyone left, unloaded with Ada forgotten (BAD_CREDENTIALS): a race
    expect(await A.cmd('done.mark', { done: true })).toMatchObject({ ok: true });
    // and everyone leaves: the retro stays in Vote, and the team's next retro starts
    await F.disconnect();
    await A.disconnect();
    await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 5', templateId: 'start-stop-continue' });
    // left open, as a retro is days later: unloaded, and loaded again by the close
    await expect.poll(async () => (await healthz(live.server.url)).boardsLoaded).toBe(0);
    const close = (who: Person, body: Record<string, unknown> = {}) =>
      fetch(`${live.server.url}/api/boards/${boardId}/close`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ participantId: who.participantId, secret: who.secret, name: who.name, from: 'vote', ...body }),
      });
    const refusal = async (res: Response) => [res.status, ((await res.json()) as { code: string }).code];
    const phase = async () => ((await (await fetch(`${live.server.url}/api/teams/${teamId}`)).json()) as TeamHistory).retros.find((r) => r.name === 'Sprint 4')!.phase;
    // Ada was there, but is not its facilitator: refused, and nothing moved
    expect(await refusal(await close(A))).toEqual([403, 'NOT_FACILITATOR']);
    // nor does someone who was not there get in, facilitator key or not
    const stranger = new Person(live.server.url);
    stranger.name = 'Mallory';
    expect(await refusal(await close(stranger, { facilitatorKey }))).toEqual([403, 'BAD_CREDENTIALS']);
    // seen before Reveal, it is not closed from the team page (that would reveal cards with nobody there)
    expect(await refusal(await close(F, { facilitatorKey, from: 'write' }))).toEqual([409, 'WRONG_PHASE']);
    // seen in another phase than it is in (it moved on meanwhile): nothing is done (PH-2)
    expect(await refusal(await close(F, { facilitatorKey, from: 'discuss' }))).toEqual([409, 'CONFLICT']);
    expect(await phase()).toBe('vote');
    // its facilitator closes it, through Discuss and Act, as the board would
    const byFran = await close(F, { facilitatorKey });
    expect(byFran.status).toBe(200);
    const history = (await (await fetch(`${live.server.url}/api/teams/${teamId}`)).json()) as TeamHistory;
    expect(history.retros.find((r) => r.name === 'Sprint 4')).toMatchObject({ phase: 'closed', leftOpen: false });
    // AN-12 held as Vote closed: one voter, so no tallies, ever
    await F.connect(boardId, 'Fran', facilitatorKey);
    expect(F.board()).toMatchObject({ phase: 'closed', tallies: null });
    await F.disconnect();
    // nothing leaves Close: asked again, it is refused
    expect((await close(F, { facilitatorKey, from: 'act' })).status).toBe(409);
  });
});
