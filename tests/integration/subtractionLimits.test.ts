import { describe, expect, it } from 'vitest';
import type { Distribution, PublicBoardView } from '@candor/shared';
import { Person, createBoard, useServer, accepted as ok } from './harness.js';

/**
 * What AN-9 and AN-12 do not stop, attacked for real so the README can say it truthfully. AN-9 makes one shown
 * distribution safe against subtracting your own answer. Two routes around it need no bug, only the rules:
 *
 * - the threshold counts identities, and with no accounts one person can join as several (another tab, a private
 *   window, a raw socket): their answers are theirs to subtract too. The room's defence is that every identity is
 *   in everyone's people list, by the name it gave, while it is here (AB-6 forgets one that only answered 10 minutes
 *   after it left, its answer still counted: the last case).
 * - a question asked again (a fist of five started again, CO-5; a new vote after going back, AN-12) is answered
 *   anew, and if the others answer as before while one person came or left in between, the two results differ by
 *   exactly that person's answer.
 *
 * Each case is the attacker's arithmetic on what their own socket received; it must succeed, or the README's
 * sentence about it would be wrong the other way.
 */
describe('what aggregates over few people do not stop, on the wire', () => {
  const live = useServer();
  const person = () => {
    const p = new Person(live.server.url);
    live.people.push(p);
    return p;
  };
  /** counts of one distribution minus another's (or minus single answers), by value */
  const minus = (a: Distribution, b: Distribution | number[]): Record<number, number> => {
    const out: Record<number, number> = {};
    a.counts.forEach((n, i) => {
      const value = a.min + i;
      const less = Array.isArray(b) ? b.filter((v) => v === value).length : (b.counts[i] ?? 0);
      if (n - less !== 0) out[value] = n - less;
    });
    return out;
  };

  it('AN-9 three identities of one person and one real answer: the distribution shows, and the attacker reads the answer; every identity is in the people list', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Two people');
    const [X, V, X2, X3] = [person(), person(), person(), person()];
    await X.connect(boardId, 'Xavier', facilitatorKey);
    await V.connect(boardId, 'Vera');
    await X2.connect(boardId, 'Xavier (phone)');
    await X3.connect(boardId, 'Guest');
    await ok(V, 'pulse.answer', { value: 2 });
    for (const sybil of [X, X2, X3]) await ok(sybil, 'pulse.answer', { value: 5 });
    await ok(X, 'phase.set', { phase: 'reveal' });
    await X.waitFor(() => X.board()?.pulse.distribution);
    // Xavier takes his three answers off what his own board shows: Vera's answer is what is left
    expect(minus(X.board()!.pulse.distribution!, [5, 5, 5])).toEqual({ 2: 1 });
    // what Vera could see: four people in the room, by the names they gave
    expect(V.board()!.participants.map((p) => p.name)).toEqual(['Guest', 'Vera', 'Xavier', 'Xavier (phone)']);
  });

  it('CO-5 a fist of five started again after one person left: the two distributions differ by exactly that person’s answer', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Asked twice');
    const [F, A, B, C, D] = [person(), person(), person(), person(), person()];
    await F.connect(boardId, 'Fran', facilitatorKey);
    for (const [p, name] of [[A, 'Alex'], [B, 'Bea'], [C, 'Cy'], [D, 'Dee']] as const) await p.connect(boardId, name);
    const itemId = (await ok(A, 'card.add', { columnId: 'start', text: 'Ship smaller changes' })).cardId!;
    for (const phase of ['reveal', 'vote', 'discuss'] as const) await ok(F, 'phase.set', { phase });
    await ok(F, 'discuss.select', { itemId });
    const actionId = (await ok(F, 'action.create', { itemId, text: 'Split the release branch' })).actionId!;
    const answers = new Map<Person, number>([[F, 4], [A, 4], [B, 3], [C, 5], [D, 1]]);
    const round = async (who: Person[]): Promise<Distribution> => {
      await ok(F, 'consensus.start', { actionId });
      for (const p of who) await ok(p, 'consensus.answer', { actionId, value: answers.get(p) });
      const revealed = (v: PublicBoardView | null) => v?.actions.find((a) => a.id === actionId)?.consensus?.distribution;
      return A.waitFor(() => revealed(A.board()));
    };
    const first = await round([F, A, B, C, D]); // five answered: it reveals itself (CO-2)
    await D.disconnect();
    await A.waitFor(() => A.board()!.participants.find((p) => p.name === 'Dee')?.online === false);
    const second = await round([F, A, B, C]); // four here, four answered as before: it reveals itself, and shows (AN-9)
    expect(minus(first, second)).toEqual({ 1: 1 }); // Dee's answer, named by who left
  });

  it('AN-12 a new vote after going back, with one late voter and the others voting as before: the tallies differ by that voter’s votes', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Voted twice');
    const [F, A, B, C, E] = [person(), person(), person(), person(), person()];
    await F.connect(boardId, 'Fran', facilitatorKey);
    for (const [p, name] of [[A, 'Alex'], [B, 'Bea'], [C, 'Cy']] as const) await p.connect(boardId, name);
    const one = (await ok(A, 'card.add', { columnId: 'start', text: 'Pairing' })).cardId!;
    const two = (await ok(B, 'card.add', { columnId: 'stop', text: 'Friday deploys' })).cardId!;
    const votes = new Map<Person, string[]>([[F, [one]], [A, [one, two]], [B, [two]], [C, [one]]]);
    const vote = async (who: Person[]) => {
      for (const p of who) for (const itemId of votes.get(p)!) await ok(p, 'vote.cast', { itemId });
      await ok(F, 'phase.set', { phase: 'discuss' });
      return F.waitFor(() => F.board()?.phase === 'discuss' && F.board()!.tallies);
    };
    for (const phase of ['reveal', 'vote'] as const) await ok(F, 'phase.set', { phase });
    const first = { ...(await vote([F, A, B, C])) };
    await ok(F, 'phase.set', { phase: 'vote' }); // a new vote: every vote cleared (AN-12)
    await E.connect(boardId, 'Eli');
    votes.set(E, [two, two]);
    const second = await vote([F, A, B, C, E]);
    expect({ [one]: second[one]! - first[one]!, [two]: second[two]! - first[two]! }).toEqual({ [one]: 0, [two]: 2 }); // Eli's two votes
  });
});

describe('what the people list shows of identities that only answered, then left', () => {
  // AB-6 forgets, after IDLE ms (10 minutes in Candor), someone who left having done nothing public: an answer keeps
  // nobody listed, or who stayed listed would say who answered
  const IDLE = 300;
  const live = useServer({ idleJoinerExpiryMs: IDLE });

  it('AN-9 AB-6 identities that answered and left drop out of the people list while their answers stay in the distribution: the names can be counted while they are here', async () => {
    const people = (url: string) => {
      const p = new Person(url);
      live.people.push(p);
      return p;
    };
    const url = live.server.url;
    const { boardId, facilitatorKey } = await createBoard(url, 'Sybils who left');
    const [X, V, X2, X3] = [people(url), people(url), people(url), people(url)];
    await X.connect(boardId, 'Xavier', facilitatorKey);
    await V.connect(boardId, 'Vera');
    await X2.connect(boardId, 'Xavier (phone)');
    await X3.connect(boardId, 'Guest');
    for (const [who, value] of [[V, 2], [X, 5], [X2, 5], [X3, 5]] as const) expect(await who.cmd('pulse.answer', { value })).toMatchObject({ ok: true });
    // while they are here, Vera counts four names
    await V.waitFor(() => V.board()?.participants.length === 4);
    await X2.disconnect();
    await X3.disconnect();
    await V.waitFor(() => V.board()?.participants.length === 2, 5_000 + IDLE);
    expect(V.board()!.participants.map((p) => p.name)).toEqual(['Vera', 'Xavier']);
    expect(await X.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await V.waitFor(() => V.board()?.pulse.distribution);
    // four answers, two names: the room can see the difference in the total, not who the others were
    expect(V.board()!.pulse.distribution).toMatchObject({ total: 4 });
    expect(V.board()!.participants).toHaveLength(2);
  });
});
