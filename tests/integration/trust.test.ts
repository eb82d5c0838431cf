import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CreateBoardResponse, type TeamHistory, notesKey } from '@candor/shared';
import { personTags, storedAnonymousState } from './atRest.js';
import { Person, type TestServer, frameContains, startServer, until, franAlexBea } from './harness.js';

/** Trust over time on the real server: teams and Review (RE, TM), pulse (PU), consensus (CO), the facilitator role (FA). */

const CLAIM_AFTER_MS = 300;

describe('trust over time', () => {
  let server: TestServer;
  const people: Person[] = [];
  const person = (url = server.url) => {
    const p = new Person(url);
    people.push(p);
    return p;
  };

  beforeAll(async () => {
    server = await startServer({ claimAfterMs: CLAIM_AFTER_MS });
  });

  afterAll(async () => {
    for (const p of people) await p.disconnect();
    await server?.close();
  });

  async function post<T>(path: string, body: unknown, url = server.url): Promise<T> {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as T;
  }

  async function team(url = server.url): Promise<TeamHistory> {
    const res = await fetch(`${url}/api/teams/${teamId}`);
    expect(res.status).toBe(200);
    return (await res.json()) as TeamHistory;
  }

  let teamId = '';

  /** Runs a team retro from Review to Close; each of `actions` becomes an action that `volunteer` takes on. */
  async function runRetro(name: string, actions: string[], review?: (F: Person, A: Person) => Promise<void>) {
    const { boardId, facilitatorKey } = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name, templateId: 'post-mortem' });
    const F = person();
    const A = person();
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    expect(F.board()).toMatchObject({ phase: 'review', hasReview: true, teamId });
    await review?.(F, A);
    expect(await F.cmd('phase.set', { phase: 'write' })).toMatchObject({ ok: true });
    const card = (await A.cmd('card.add', { columnId: 'system-allowed', text: `${name}: deploys skip review` })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    for (const text of actions) {
      const made = (await F.cmd('action.create', { itemId: card.data.cardId, text })) as { ok: true; data: { actionId: string } };
      expect(await A.cmd('action.volunteer', { actionId: made.data.actionId, volunteer: true })).toMatchObject({ ok: true });
    }
    for (const phase of ['act', 'closed'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    await F.disconnect();
    await A.disconnect();
    return boardId;
  }

  it('RE-1 TM-1 a team retro opens with Review of the earlier promises; marks feed the promises-kept history, which survives a restart', async () => {
    ({ teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Platform' }));
    expect(teamId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const first = await runRetro('Sprint 1', ['Pair on every deploy', 'Write the rollback runbook']);
    expect((await team()).retros.map((r) => r.actions.map((a) => [a.text, a.owners, a.status]))).toEqual([
      [
        ['Pair on every deploy', ['Alex'], 'open'],
        ['Write the rollback runbook', ['Alex'], 'open'],
      ],
    ]);

    await runRetro('Sprint 2', ['Automate the rollback'], async (F, A) => {
      const review = F.board()!.review;
      expect(review.map((r) => [r.text, r.owners, r.fromRetro, r.status])).toEqual([
        ['Pair on every deploy', ['Alex'], 'Sprint 1', null],
        ['Write the rollback runbook', ['Alex'], 'Sprint 1', null],
      ]);
      // RE-2: only the facilitator marks promises
      expect(await A.cmd('review.mark', { ref: review[0]!.ref, status: 'done' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
      expect(await F.cmd('review.mark', { ref: review[0]!.ref, status: 'done' })).toMatchObject({ ok: true });
      expect(
        await F.cmd('review.mark', { ref: review[1]!.ref, status: 'not-done', reason: 'the staging cluster was down all sprint', carry: true }),
      ).toMatchObject({ ok: true });
      await A.waitFor(() => A.board()!.review[1]!.status === 'not-done');
      expect(A.board()!.review[1]).toMatchObject({ reason: 'the staging cluster was down all sprint', carry: true });
    });

    const history = await team();
    expect(history.retros.map((r) => [r.name, r.promises])).toEqual([
      ['Sprint 1', { done: 0, notDone: 0, dropped: 0, unreviewed: 0, keptRate: null }],
      ['Sprint 2', { done: 1, notDone: 1, dropped: 0, unreviewed: 0, keptRate: 0.5 }],
    ]);
    expect(history.retros[0]!.boardId).toBe(first);
    expect(history.retros[0]!.actions.map((a) => a.status)).toEqual(['done', 'open']);
    expect(history.retros.map((r) => r.facilitators)).toEqual([['Fran'], ['Fran']]);
    // FA-5: Alex never facilitated, so Alex is suggested next
    expect(history.suggestedFacilitator).toBe('Alex');

    // TM-2: the history survives a restart of the server on the same data
    await server.close();
    server = await startServer({ dbFile: server.dbFile, claimAfterMs: CLAIM_AFTER_MS });
    expect(await team()).toEqual(history);
    const exported = await fetch(`${server.url}/api/teams/${teamId}/export.json`);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(await exported.json()).toEqual(history);

    // RE-3: the next retro reviews only what is still open: the carried promise and Sprint 2's own
    await runRetro('Sprint 3', [], async (F) => {
      expect(F.board()!.review.map((r) => [r.text, r.fromRetro])).toEqual([
        ['Write the rollback runbook', 'Sprint 1'],
        ['Automate the rollback', 'Sprint 2'],
      ]);
    });
  });

  it('PU-1 AN-7 AN-9 pulse answers never leave the server one by one: nothing shows until each sees 3 others, then only a distribution', async () => {
    const { boardId, facilitatorKey } = await post<CreateBoardResponse>('/api/boards', { name: 'Pulse', templateId: 'mad-sad-glad' });
    const { F, A, B } = await franAlexBea(() => person(), boardId, facilitatorKey);
    expect(await A.cmd('pulse.answer', { value: 1 })).toMatchObject({ ok: true });
    expect(await B.cmd('pulse.answer', { value: 4 })).toMatchObject({ ok: true });
    expect(await F.cmd('pulse.answer', { value: 1 })).toMatchObject({ ok: true });
    await A.waitFor(() => A.me?.pulse === 1);
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.phase === 'reveal');
    // three answers: closed, but nothing to show — B would see only two answers besides their own (AN-9)
    expect(B.board()!.pulse).toEqual({ open: false, distribution: null, notEnough: true });
    expect(await A.cmd('pulse.answer', { value: 5 })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    const exportLike = await B.fetchText(`/api/boards/${boardId}`);
    expect(JSON.parse(exportLike.body).board.pulse).toEqual({ open: false, distribution: null, notEnough: true });
    // B never held a distribution, and never received A's answer in any `me`
    expect(B.boardHistory.every((v) => v.pulse.distribution === null)).toBe(true);
    expect(B.meHistory.every((me) => me.pulse === 4 || me.pulse === null)).toBe(true);

    // with four answers (three besides each one's own) the distribution shows once the pulse has closed
    const { boardId: second, facilitatorKey: key2 } = await post<CreateBoardResponse>('/api/boards', { name: 'Pulse 2', templateId: '4ls' });
    const people3 = [person(), person(), person(), person()];
    await people3[0]!.connect(second, 'Fran', key2);
    await people3[1]!.connect(second, 'Alex');
    await people3[2]!.connect(second, 'Bea');
    await people3[3]!.connect(second, 'Dee');
    for (const [i, p] of people3.entries()) expect(await p.cmd('pulse.answer', { value: [2, 4, 5, 4][i] })).toMatchObject({ ok: true });
    const observer = people3[2]!;
    expect(observer.board()!.pulse.distribution).toBeNull();
    expect(await people3[0]!.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await observer.waitFor(() => observer.board()?.pulse.distribution !== null);
    expect(observer.board()!.pulse).toEqual({ open: false, notEnough: false, distribution: { min: 1, counts: [0, 1, 0, 2, 1], total: 4, average: 3.75 } });
    // while open, no view B or the observer held ever had a distribution
    const openViews = observer.boardHistory.filter((v) => v.pulse.open);
    expect(openViews.length).toBeGreaterThan(0);
    expect(openViews.every((v) => v.pulse.distribution === null)).toBe(true);

    // AN-7: no pulse tag (the keyed stand-in for a person) reached anyone, on any channel
    const stored = [boardId, second].flatMap((id) => storedAnonymousState(server.dbFile, id).pulse.map((p) => p.tag));
    expect(stored.length).toBe(7);
    const tags = [
      ...stored,
      ...[A, B, F].map((p) => personTags(server.keyFile, boardId, p.secret)[2]!),
      ...people3.map((p) => personTags(server.keyFile, second, p.secret)[2]!),
    ];
    for (const p of [A, B, F, ...people3]) for (const frame of p.frames) for (const tag of tags) expect(frameContains(frame, tag)).toBe(false);
  });

  it('CO-1 AN-8 AN-9 a fist of five stays hidden until everyone answered; with 3 answers nothing shows; a low answer flags the action', async () => {
    const { boardId, facilitatorKey } = await post<CreateBoardResponse>('/api/boards', { name: 'Consensus', templateId: 'start-stop-continue' });
    const { F, A, B } = await franAlexBea(() => person(), boardId, facilitatorKey);
    const D = person();
    await D.connect(boardId, 'Dee');
    const card = (await A.cmd('card.add', { columnId: 'start', text: 'smaller pull requests' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    const made = (await F.cmd('action.create', { itemId: card.data.cardId, text: 'Cap PRs at 300 lines' })) as { ok: true; data: { actionId: string } };
    const actionId = made.data.actionId;
    expect(await A.cmd('consensus.start', { actionId })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('consensus.start', { actionId })).toMatchObject({ ok: true });

    // three of four answered, the facilitator reveals early: each of them would see only two others — too few
    // to show, not even the flag Alex's 1 would raise (AN-9)
    expect(await A.cmd('consensus.answer', { actionId, value: 1 })).toMatchObject({ ok: true });
    expect(await B.cmd('consensus.answer', { actionId, value: 5 })).toMatchObject({ ok: true });
    expect(await D.cmd('consensus.answer', { actionId, value: 5 })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()!.actions[0]!.consensus?.answered === 3);
    expect(F.board()!.actions[0]!.consensus).toMatchObject({ open: true, revealed: false, distribution: null, flagged: false });
    expect(await A.cmd('consensus.reveal', { actionId })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('consensus.reveal', { actionId })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.actions[0]!.consensus?.revealed);
    expect(B.board()!.actions[0]!.consensus).toEqual({ open: false, answered: 3, revealed: true, distribution: null, flagged: false });

    // a new round: everyone answers, so it reveals by itself, and Alex's 1 flags the action
    expect(await F.cmd('consensus.start', { actionId })).toMatchObject({ ok: true });
    expect(await A.cmd('consensus.answer', { actionId, value: 1 })).toMatchObject({ ok: true });
    expect(await B.cmd('consensus.answer', { actionId, value: 4 })).toMatchObject({ ok: true });
    expect(await D.cmd('consensus.answer', { actionId, value: 5 })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.actions[0]!.consensus?.answered === 3);
    expect(B.board()!.actions[0]!.consensus!.distribution).toBeNull();
    expect(await F.cmd('consensus.answer', { actionId, value: 5 })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.actions[0]!.consensus?.revealed);
    expect(B.board()!.actions[0]!.consensus).toEqual({
      open: false,
      answered: 4,
      revealed: true,
      distribution: { min: 0, counts: [0, 1, 0, 0, 1, 2], total: 4, average: 3.75 },
      flagged: true,
    });
    // before the reveal, no view anyone held had a distribution
    for (const p of [A, B, D]) {
      expect(p.boardHistory.filter((v) => v.actions[0]?.consensus?.open).every((v) => v.actions[0]!.consensus!.distribution === null)).toBe(true);
    }
    // Each person's own answer comes back to them alone.
    expect(A.me!.consensus).toEqual({ [actionId]: 1 });
    expect(B.meHistory.every((me) => Object.values(me.consensus).every((v) => v === 4 || v === 5))).toBe(true);

    // AN-8: no consensus tag reached anyone, and the export carries only the distribution
    expect(await F.cmd('phase.set', { phase: 'act' })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'closed' })).toMatchObject({ ok: true });
    const md = await B.fetchText(`/api/boards/${boardId}/export.md`);
    expect(md.body).toContain('consensus (fist of five, 0 = block, 5 = fully support): average 3.75 from 4 answers; 0: 0 · 1: 1 · 2: 0 · 3: 0 · 4: 1 · 5: 2 — someone had doubts');
    const json = await B.fetchText(`/api/boards/${boardId}/export.json`);
    expect(json.body).not.toContain(F.participantId);
    const stored = storedAnonymousState(server.dbFile, boardId).consensus.map((c) => c.tag);
    expect(new Set(stored).size).toBe(4);
    const tags = [...stored, ...[A, B, D, F].map((p) => personTags(server.keyFile, boardId, p.secret)[3]!)];
    for (const p of [A, B, D, F]) for (const frame of p.frames) for (const tag of tags) expect(frameContains(frame, tag)).toBe(false);
    expect(notesKey.action(actionId)).toContain(actionId);
  });

  it('AN-9 the facilitator raises the threshold from a raw socket, never lowers it; raised, four answers show nothing', async () => {
    const { boardId, facilitatorKey } = await post<CreateBoardResponse>('/api/boards', { name: 'Threshold', templateId: 'mad-sad-glad' });
    const [F, A, B, D] = [person(), person(), person(), person()];
    await F.connect(boardId, 'Fran', facilitatorKey);
    for (const [p, name] of [[A, 'Alex'], [B, 'Bea'], [D, 'Dee']] as const) await p.connect(boardId, name);
    expect(B.board()!.minOthersToShow).toBe(3);
    expect(await A.cmd('anonymity.raise', { minOthers: 5 })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('anonymity.raise', { minOthers: 2 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await F.cmd('anonymity.raise', { minOthers: 4 })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.minOthersToShow === 4);
    expect(await F.cmd('anonymity.raise', { minOthers: 3 })).toMatchObject({ ok: false, code: 'CONFLICT' });
    for (const [i, p] of [F, A, B, D].entries()) expect(await p.cmd('pulse.answer', { value: [1, 2, 3, 4][i] })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.phase === 'reveal');
    expect(B.board()!.pulse).toEqual({ open: false, distribution: null, notEnough: true });
    expect(B.boardHistory.every((v) => v.pulse.distribution === null)).toBe(true);
  });

  it('FA-1 FA-3 when the facilitator is gone, two people claim the role at once and exactly one wins; handover moves it live', async () => {
    const { boardId, facilitatorKey } = await post<CreateBoardResponse>('/api/boards', { name: 'Rotation', templateId: 'start-stop-continue' });
    const { F, A, B } = await franAlexBea(() => person(), boardId, facilitatorKey);
    expect(A.board()!.facilitator).toMatchObject({ name: 'Fran', online: true, claimableAt: null });
    // while Fran is here nobody can claim
    expect(await A.cmd('facilitator.claim')).toMatchObject({ ok: false, code: 'CONFLICT' });

    await F.disconnect();
    await A.waitFor(() => A.board()!.facilitator?.online === false);
    const claimableAt = A.board()!.facilitator!.claimableAt!;
    expect(claimableAt).toBeGreaterThan(0);
    // the race: both fire at the same moment, after the claim delay
    await until(async () => Date.now() >= claimableAt + 20);
    const [a, b] = await Promise.all([A.cmd('facilitator.claim'), B.cmd('facilitator.claim')]);
    const winners = [a, b].filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' });
    const winner = a.ok ? A : B;
    const loser = a.ok ? B : A;
    await loser.waitFor(() => loser.board()!.facilitator?.name === winner.name);
    expect(loser.board()!.participants.filter((p) => p.facilitator).map((p) => p.name)).toEqual([winner.name]);
    expect(loser.board()!.facilitatorLog).toEqual([
      { name: 'Fran', how: 'created' },
      { name: winner.name, how: 'claim' },
    ]);
    await winner.waitFor(() => winner.me?.isFacilitator === true);

    // Fran comes back with her key: the role stays where it is (exactly one facilitator)
    await F.reconnect();
    expect(F.me!.isFacilitator).toBe(false);
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });

    // handover: only the facilitator, only to someone here, and it moves at once
    const franHandle = winner.board()!.participants.find((p) => p.name === 'Fran')!.handle;
    expect(await loser.cmd('facilitator.handover', { toHandle: franHandle })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await winner.cmd('facilitator.handover', { toHandle: franHandle })).toMatchObject({ ok: true });
    await F.waitFor(() => F.me?.isFacilitator === true);
    await winner.waitFor(() => winner.me?.isFacilitator === false);
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    expect(await winner.cmd('phase.set', { phase: 'vote' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(F.board()!.participants.filter((p) => p.facilitator)).toHaveLength(1);
  });
});
