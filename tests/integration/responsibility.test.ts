import { describe, expect, it } from 'vitest';
import { type CreateBoardResponse, defaultDueDate, notesKey, type Phase, type TeamHistory } from '@candor/shared';
import { Person, startServer, useServer } from './harness.js';

/**
 * OF/AK/SS/RM on the real server: offers of help, asks of people outside the room, their review in the next
 * team retro, and the team's responsibility figures across a restart. Every refusal comes from a socket that
 * talks to the server directly, as any hostile client could.
 */
describe('the move to responsibility-focus', () => {
  const live = useServer();

  async function post<T>(pathname: string, body: unknown): Promise<T> {
    const res = await fetch(`${live.server.url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as T;
  }

  async function teamHistory(teamId: string): Promise<TeamHistory> {
    const res = await fetch(`${live.server.url}/api/teams/${teamId}`);
    expect(res.status).toBe(200);
    return (await res.json()) as TeamHistory;
  }

  function person(): Person {
    const p = new Person(live.server.url);
    live.people.push(p);
    return p;
  }

  /** The facilitator steps the board to `target`, one phase at a time. */
  async function stepTo(F: Person, path: Phase[]): Promise<void> {
    for (const phase of path) expect(await F.cmd('phase.set', { phase }), phase).toMatchObject({ ok: true });
  }

  /** Fran, Alex and Bea in a retro with one "not my job" card, in Discuss on that card. */
  async function discussing(board: CreateBoardResponse, inTeam: boolean) {
    const [F, A, B] = [person(), person(), person()];
    await F.connect(board.boardId, 'Fran', board.facilitatorKey);
    await A.connect(board.boardId, 'Alex');
    await B.connect(board.boardId, 'Bea');
    await stepTo(F, inTeam ? ['write'] : []);
    const card = await A.cmd('card.add', { columnId: 'not-my-job', text: 'The deploy script belongs to ops' });
    expect(card).toMatchObject({ ok: true });
    const itemId = (card as { data: { cardId: string } }).data.cardId;
    await stepTo(F, ['reveal', 'vote', 'discuss']);
    expect(await F.cmd('discuss.select', { itemId })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.currentItemId === itemId);
    return { F, A, B, itemId };
  }

  it('OF-1 OF-2 OF-3 OF-4 offers are named, only their author withdraws one, and the facilitator makes one an action in one command', async () => {
    const { F, A, B, itemId } = await discussing(await post<CreateBoardResponse>('/api/boards', { name: 'Offers', templateId: 'responsibility' }), false);
    const offered = await A.cmd('offer.add', { itemId, text: 'I can pair on the deploy' });
    expect(offered).toMatchObject({ ok: true });
    const offerId = (offered as { data: { offerId: string } }).data.offerId;
    expect(await B.cmd('offer.add', { itemId, text: 'I can review the runbook' })).toMatchObject({ ok: true });
    expect(await B.cmd('offer.add', { itemId: 'nosuchitem1', text: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await B.cmd('offer.add', { itemId, text: '' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });

    await B.waitFor(() => B.board()?.offers.length === 2);
    expect(B.board()!.offers.map((o) => [o.name, o.text, o.actionId])).toEqual([
      ['Alex', 'I can pair on the deploy', null],
      ['Bea', 'I can review the runbook', null],
    ]);
    await A.waitFor(() => A.me?.offerIds.includes(offerId));

    expect(await B.cmd('offer.withdraw', { offerId })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await F.cmd('offer.withdraw', { offerId })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await A.cmd('offer.accept', { offerId })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });

    const accepted = await F.cmd('offer.accept', { offerId });
    expect(accepted).toMatchObject({ ok: true });
    const actionId = (accepted as { data: { actionId: string } }).data.actionId;
    await B.waitFor(() => B.board()?.actions.length === 1 && B.notes(notesKey.action(actionId)) !== undefined);
    expect(B.board()!.actions[0]).toMatchObject({ id: actionId, itemId, owners: ['Alex'], kind: 'ours', askOf: null });
    expect(B.notes(notesKey.action(actionId))).toBe('I can pair on the deploy');
    expect(B.board()!.offers.find((o) => o.id === offerId)!.actionId).toBe(actionId);
    await A.waitFor(() => A.me?.actionIds.includes(actionId));
    expect(await F.cmd('offer.accept', { offerId })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await A.cmd('offer.withdraw', { offerId })).toMatchObject({ ok: false, code: 'CONFLICT' });

    // Bea withdraws her own offer, which leaves everyone's board.
    const bea = B.board()!.offers.find((o) => o.name === 'Bea')!;
    expect(await B.cmd('offer.withdraw', { offerId: bea.id })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.offers.length === 1);
  });

  it('AK-1 AK-2 AK-3 an ask names someone outside the room; what someone here took is ours', async () => {
    const { F, A, B, itemId } = await discussing(await post<CreateBoardResponse>('/api/boards', { name: 'Asks', templateId: 'responsibility' }), false);
    const asked = await F.cmd('action.create', { itemId, text: 'A staging cluster we can rely on', askOf: 'Platform team' });
    expect(asked).toMatchObject({ ok: true });
    const askId = (asked as { data: { actionId: string } }).data.actionId;
    const untaken = await B.cmd('action.create', { itemId, text: 'Someone should fix the docs' });
    const untakenId = (untaken as { data: { actionId: string } }).data.actionId;
    await B.waitFor(() => B.board()?.actions.length === 2);
    expect(B.board()!.actions.map((a) => [a.kind, a.askOf])).toEqual([
      ['ask', 'Platform team'],
      ['untaken', null],
    ]);
    expect(await B.cmd('action.ask', { actionId: askId, askOf: 'x'.repeat(101) })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await B.cmd('action.ask', { actionId: 'nosuchaction', askOf: 'Ops' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    expect(await A.cmd('action.volunteer', { actionId: untakenId, volunteer: true })).toMatchObject({ ok: true });
    expect(await B.cmd('action.ask', { actionId: untakenId, askOf: 'Docs team' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await A.cmd('action.volunteer', { actionId: askId, volunteer: true })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.actions.every((a) => a.kind === 'ours'));
    expect(B.board()!.actions.map((a) => [a.kind, a.askOf, a.owners])).toEqual([
      ['ours', null, ['Alex']],
      ['ours', null, ['Alex']],
    ]);
    await stepTo(F, ['act', 'closed']);
    expect(await B.cmd('action.ask', { actionId: askId, askOf: 'Ops' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('TL-1 TL-3 TL-4 TL-10 trust-lens taps show as counts only after the room moved on and once 4 people tapped', async () => {
    const { F, A, B, itemId } = await discussing(await post<CreateBoardResponse>('/api/boards', { name: 'Lens', templateId: 'responsibility' }), false);
    const D = person();
    await D.connect(F.boardId, 'Dev');
    expect(await A.cmd('lens.tap', { itemId, part: 'reliability', on: true })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await A.cmd('lens.set', { on: true })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('lens.set', { on: true })).toMatchObject({ ok: true });
    expect(await A.cmd('lens.tap', { itemId, part: 'trust-me', on: true })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    for (const who of [F, A, B]) expect(await who.cmd('lens.tap', { itemId, part: 'reliability', on: true })).toMatchObject({ ok: true });
    expect(await A.cmd('lens.tap', { itemId, part: 'self-interest', on: true })).toMatchObject({ ok: true });
    await D.waitFor(() => D.board()?.lens[0]?.tappers === 3);
    expect(D.board()!.lens).toEqual([{ itemId, tappers: 3, counts: null }]);
    expect(await D.cmd('lens.tap', { itemId, part: 'empathy', on: true })).toMatchObject({ ok: true });
    await D.waitFor(() => D.board()?.lens[0]?.tappers === 4);
    expect(D.board()!.lens[0]!.counts).toBeNull(); // still being discussed
    // TL-10: moving on to Act moves the room on from the item: the breakdown shows, and the lens takes no more taps.
    await stepTo(F, ['act']);
    await B.waitFor(() => B.board()?.phase === 'act');
    expect(B.board()!.lens).toEqual([{ itemId, tappers: 4, counts: { credibility: 0, reliability: 3, empathy: 1, 'self-interest': 1 } }]);
    expect(await B.cmd('lens.tap', { itemId, part: 'empathy', on: true })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    await stepTo(F, ['closed']);
    await B.waitFor(() => B.board()?.phase === 'closed');
    expect(B.board()!.lens).toEqual([{ itemId, tappers: 4, counts: { credibility: 0, reliability: 3, empathy: 1, 'self-interest': 1 } }]);
    expect(await A.cmd('lens.tap', { itemId, part: 'empathy', on: true })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('SS-1 SS-2 SS-4 in a team that meets weekly, a new action is due at the next retro, a week on, and overdue by the server\'s day after it', async () => {
    const DAY = 24 * 60 * 60 * 1000;
    let clock = Date.UTC(2031, 2, 3, 9, 0);
    const weekly = await startServer({ now: () => clock });
    const people: Person[] = [];
    try {
      const create = async <T>(pathname: string, body: unknown): Promise<T> => {
        const res = await fetch(`${weekly.url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(res.status).toBe(201);
        return (await res.json()) as T;
      };
      const { teamId } = await create<{ teamId: string }>('/api/teams', { name: 'Weekly' });
      await create<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Week 1', templateId: 'responsibility' });
      clock += 7 * DAY;
      await create<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Week 2', templateId: 'responsibility' });
      clock += 7 * DAY;
      const week3 = await create<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Week 3', templateId: 'responsibility' });
      const [F, A] = [new Person(weekly.url), new Person(weekly.url)];
      people.push(F, A);
      await F.connect(week3.boardId, 'Fran', week3.facilitatorKey);
      await A.connect(week3.boardId, 'Alex');
      await stepTo(F, ['write']);
      const card = (await A.cmd('card.add', { columnId: 'not-my-job', text: 'Flaky tests are QA’s job' })) as { data: { cardId: string } };
      await stepTo(F, ['reveal', 'vote', 'discuss']);
      expect(await F.cmd('discuss.select', { itemId: card.data.cardId })).toMatchObject({ ok: true });
      expect(await A.cmd('action.create', { itemId: card.data.cardId, text: 'Quarantine one flaky test' })).toMatchObject({ ok: true });
      await A.waitFor(() => A.board()?.actions.length === 1);
      // Week 3 is on 17 March; the team meets every 7 days, so the action is due on 24 March.
      expect(A.board()!.actions[0]!.dueDate).toBe('2031-03-24');
      // SS-4: the team history reads "overdue" by the server's clock, not the reader's: not on its due day, the day after
      const overdue = async () => {
        const history = (await (await fetch(`${weekly.url}/api/teams/${teamId}`)).json()) as TeamHistory;
        return history.retros.at(-1)!.actions.map((a) => [a.status, a.overdue]);
      };
      clock = Date.UTC(2031, 2, 24, 23, 0);
      expect(await overdue()).toEqual([['open', false]]);
      clock = Date.UTC(2031, 2, 25, 0, 30);
      expect(await overdue()).toEqual([['open', true]]);
    } finally {
      for (const p of people) await p.disconnect();
      await weekly.close();
    }
  });

  it('AK-4 SS-2 RM-1 RM-2 RM-3 TM-10 TM-14 an ask is reviewed in the next team retro, and the team figures survive a restart', async () => {
    const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Platform' });
    const first = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 1', templateId: 'responsibility' });
    const before = Date.now();
    const s1 = await discussing(first, true);
    for (const [who, text] of [[s1.A, 'I can pair on the deploy'], [s1.B, 'I can review the runbook']] as const) {
      const offer = await who.cmd('offer.add', { itemId: s1.itemId, text });
      expect(await s1.F.cmd('offer.accept', { offerId: (offer as { data: { offerId: string } }).data.offerId })).toMatchObject({ ok: true });
    }
    expect(await s1.F.cmd('action.create', { itemId: s1.itemId, text: 'A staging cluster we can rely on', askOf: 'Platform team' })).toMatchObject({ ok: true });
    await s1.B.waitFor(() => s1.B.board()?.actions.length === 3);
    // SS-2: a team's first retro has no cadence yet, so every action is due in two weeks
    const due = s1.B.board()!.actions.map((a) => a.dueDate);
    expect(due.every((d) => d === defaultDueDate(before, null) || d === defaultDueDate(Date.now(), null))).toBe(true);
    await stepTo(s1.F, ['act', 'closed']);

    const second = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 2', templateId: 'responsibility' });
    const F = person();
    await F.connect(second.boardId, 'Fran', second.facilitatorKey);
    const review = F.board()!.review;
    expect(review.map((r) => [r.text, r.owners, r.askOf ?? null])).toEqual([
      ['I can pair on the deploy', ['Alex'], null],
      ['I can review the runbook', ['Bea'], null],
      ['A staging cluster we can rely on', [], 'Platform team'],
    ]);
    // The ask was answered, the pair happened, the runbook review did not.
    expect(await F.cmd('review.mark', { ref: review[2]!.ref, status: 'done' })).toMatchObject({ ok: true });
    expect(await F.cmd('review.mark', { ref: review[0]!.ref, status: 'done' })).toMatchObject({ ok: true });
    expect(await F.cmd('review.mark', { ref: review[1]!.ref, status: 'not-done', reason: 'on call all week' })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()!.review.every((r) => r.status !== null));

    const history = await teamHistory(teamId);
    expect(history.retros.map((r) => r.name)).toEqual(['Sprint 1', 'Sprint 2']);
    expect(history.retros[0]!.metrics).toEqual({
      actions: 3,
      ours: 2,
      asks: 1,
      untaken: 0,
      responsibilityShare: 2 / 3,
      asksReviewed: 1,
      asksAnswered: 1,
      // the pair, done by its due date; the answered ask is in asksAnswered, not a small win of ours too (RM-3)
      smallWins: 1,
      trust: null,
    });
    expect(history.retros[0]!.actions.map((a) => [a.kind, a.askOf, a.status])).toEqual([
      ['ours', null, 'done'],
      ['ours', null, 'not-done'],
      ['ask', 'Platform team', 'done'],
    ]);

    // TM-2 for the new figures: the same history, and the same export, after a restart on the same data.
    for (const p of live.people.splice(0)) await p.disconnect();
    await live.server.close();
    live.server = await startServer({ dbFile: live.server.dbFile });
    expect(await teamHistory(teamId)).toEqual(history);
    const exported = await fetch(`${live.server.url}/api/teams/${teamId}/export.json`);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.headers.get('content-type')).toMatch(/^application\/json/);
    const file = await exported.text();
    expect((JSON.parse(file) as TeamHistory).retros[0]!.metrics).toEqual(history.retros[0]!.metrics);
    // TM-10: the download is a file to read, indented by 2 as a retro's JSON export is (it was one line); the page's
    // own read stays compact
    expect(file).toBe(JSON.stringify(history, null, 2));
    expect(await (await fetch(`${live.server.url}/api/teams/${teamId}`)).text()).toBe(JSON.stringify(history));
    // TM-14: every action of the team as CSV, a file too, each with its status as the history reads it
    const actions = await fetch(`${live.server.url}/api/teams/${teamId}/actions.csv`);
    expect(actions.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(actions.headers.get('content-disposition')).toBe('attachment; filename="Platform-actions.csv"');
    const rows = (await actions.text()).trimEnd().split('\r\n');
    expect(rows[0]).toBe('"retro","retro date","action","kind","owners","asked of","due","status","overdue","carried forward","what got in the way"');
    // (no cell here holds a quote or a comma: each row is its cells between '","')
    const cells = rows.slice(1).map((row) => row.slice(1, -1).split('","'));
    expect(cells.map((row) => [0, 2, 3, 4, 5, 7, 10].map((i) => row[i]))).toEqual([
      ['Sprint 1', 'I can pair on the deploy', 'ours', 'Alex', '', 'done', ''],
      ['Sprint 1', 'I can review the runbook', 'ours', 'Bea', '', 'not-done', 'on call all week'],
      ['Sprint 1', 'A staging cluster we can rely on', 'ask', '', 'Platform team', 'done', ''],
    ]);
  });
});
