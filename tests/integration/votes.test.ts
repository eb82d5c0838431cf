import { describe, expect, it } from 'vitest';
import type { Ack } from '@candor/shared';
import { Person, createBoard, getBoard, useServer } from './harness.js';

/** VO: budgets and caps hold under concurrency, and tallies stay hidden until voting closes. */

describe('votes', () => {
  const live = useServer();
  const people = live.people;

  /** A board in Vote with `cardCount` revealed single cards; returns the people and the item ids. */
  async function boardInVote(voters: number, cardCount = 3, settings?: { voteBudget: number; perItemCap: number }) {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Votes');
    const F = new Person(live.server.url);
    people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const voterList: Person[] = [];
    for (let i = 0; i < voters; i++) {
      const p = new Person(live.server.url);
      people.push(p);
      await p.connect(boardId, `Voter ${i + 1}`);
      voterList.push(p);
    }
    const items: string[] = [];
    for (let i = 0; i < cardCount; i++) {
      const ack = (await F.cmd('card.add', { columnId: 'start', text: `idea ${i + 1}` })) as { ok: true; data: { cardId: string } };
      items.push(ack.data.cardId);
    }
    if (settings) expect(await F.cmd('settings.update', settings)).toMatchObject({ ok: true });
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    await Promise.all(voterList.map((p) => p.waitFor(() => p.board()?.phase === 'vote')));
    return { boardId, F, voters: voterList, items };
  }

  const codes = (acks: Ack[]) => acks.reduce<Record<string, number>>((m, a) => ((m[a.ok ? 'ok' : a.code] = (m[a.ok ? 'ok' : a.code] ?? 0) + 1), m), {});
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

  it('VO-2 (AN-12) twenty concurrent votes over several items: exactly the budget of 3 is accepted; one voter alone gets no tallies', async () => {
    const { boardId, F, voters, items } = await boardInVote(1);
    const [A] = voters as [Person];
    // fired all at once, nothing awaited in between
    const acks = await Promise.all(Array.from({ length: 20 }, (_, i) => A.cmd('vote.cast', { itemId: items[i % items.length] })));
    expect(codes(acks)).toEqual({ ok: 3, VOTE_BUDGET_EXCEEDED: 17 });
    await A.waitFor(() => A.me?.votesLeft === 0);
    expect(sum(A.me!.votes)).toBe(3);
    expect(A.board()!.tallies).toBeNull();
    expect((await getBoard(live.server.url, boardId, F)).board.tallies).toBeNull();

    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.phase === 'discuss');
    // AN-12: tallies of one voter would be that voter's votes, for the facilitator and anyone else to read
    expect(A.board()).toMatchObject({ tallies: null, ranking: null });
    expect((await getBoard(live.server.url, boardId, F)).board).toMatchObject({ tallies: null, ranking: null });
    expect(sum(A.me!.votes)).toBe(3);
  });

  it('VO-3 twenty concurrent votes on one item: exactly the per-item cap of 2 is accepted, the rest VOTE_CAP_EXCEEDED', async () => {
    const { F, voters, items } = await boardInVote(1);
    const [A] = voters as [Person];
    const acks = await Promise.all(Array.from({ length: 20 }, () => A.cmd('vote.cast', { itemId: items[0] })));
    expect(codes(acks)).toEqual({ ok: 2, VOTE_CAP_EXCEEDED: 18 });
    await A.waitFor(() => A.me?.votesLeft === 1);
    expect(A.me!.votes).toEqual({ [items[0]!]: 2 });
    // the one vote left can still go elsewhere, and then the budget is spent
    expect(await A.cmd('vote.cast', { itemId: items[1] })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: items[2] })).toMatchObject({ ok: false, code: 'VOTE_BUDGET_EXCEEDED' });
    await A.waitFor(() => A.me?.votesLeft === 0);
    expect(A.me!.votes).toEqual({ [items[0]!]: 2, [items[1]!]: 1 });
  });

  it('VO-4 (VO-5, AN-12) four voters firing at once each get exactly their own budget; tallies stay null throughout Vote, then sum up', async () => {
    const { F, voters, items } = await boardInVote(3, 4);
    const all = await Promise.all(
      voters.map((p, v) => Promise.all(Array.from({ length: 20 }, (_, i) => p.cmd('vote.cast', { itemId: items[(i + v) % items.length] })))),
    );
    for (const acks of all) expect(codes(acks)).toEqual({ ok: 3, VOTE_BUDGET_EXCEEDED: 17 });
    // F votes too, so the total is 3 × 3 + 1
    expect(await F.cmd('vote.cast', { itemId: items[3] })).toMatchObject({ ok: true });
    for (const p of voters) await p.waitFor(() => p.me?.votesLeft === 0);
    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    for (const p of voters) await p.waitFor(() => p.board()?.tallies);
    for (const p of voters) {
      expect(sum(p.board()!.tallies!)).toBe(10);
      for (const view of p.boardHistory) if (view.phase === 'vote' || view.phase === 'reveal' || view.phase === 'write') expect(view.tallies).toBeNull();
    }
    // the ranking follows the tallies
    const { tallies, ranking } = voters[0]!.board()!;
    const counts = ranking!.map((id) => tallies![id]!);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });

  it('VO-6 (VO-8, VO-9) a retracted vote returns to the budget; the facilitator’s budget and cap are what the server enforces', async () => {
    const { F, voters, items } = await boardInVote(1, 2, { voteBudget: 5, perItemCap: 4 });
    const [A] = voters as [Person];
    const acks = await Promise.all(Array.from({ length: 10 }, () => A.cmd('vote.cast', { itemId: items[0] })));
    expect(codes(acks)).toEqual({ ok: 4, VOTE_CAP_EXCEEDED: 6 });
    expect(await A.cmd('vote.cast', { itemId: items[1] })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: items[1] })).toMatchObject({ ok: false, code: 'VOTE_BUDGET_EXCEEDED' });
    expect(await A.cmd('vote.retract', { itemId: items[0] })).toMatchObject({ ok: true });
    await A.waitFor(() => A.me?.votesLeft === 1);
    expect(await A.cmd('vote.retract', { itemId: items[1] })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.retract', { itemId: items[1] })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const again = await Promise.all(Array.from({ length: 5 }, () => A.cmd('vote.cast', { itemId: items[1] })));
    expect(codes(again)).toEqual({ ok: 2, VOTE_BUDGET_EXCEEDED: 3 });
    await A.waitFor(() => A.me?.votesLeft === 0);
    expect(A.me!.votes).toEqual({ [items[0]!]: 3, [items[1]!]: 2 });
  });

  it('VO-7 votes outside Vote are refused with WRONG_PHASE and the board is unchanged', async () => {
    const { boardId, F, voters, items } = await boardInVote(1);
    const [A] = voters as [Person];
    expect(await A.cmd('vote.cast', { itemId: items[0] })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.phase === 'discuss');
    const before = await getBoard(live.server.url, boardId, F);
    expect(await A.cmd('vote.cast', { itemId: items[1] })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(await A.cmd('vote.retract', { itemId: items[0] })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect((await getBoard(live.server.url, boardId, F)).board).toEqual(before.board);
    expect(A.me!.votes).toEqual({ [items[0]!]: 1 });
  });
});
