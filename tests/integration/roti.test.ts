import { describe, expect, it } from 'vitest';
import { personTags, storedAnonymousState } from './atRest.js';
import { Person, createBoard, frameContains, startServer, useServer } from './harness.js';

/**
 * GP-5 on the real server: "was this retro worth our time?" is answered in Act, anonymously as the pulse is (AN-7,
 * AN-9), kept as an anonymous fact of its own at rest (AR-1, AR-2: after a restart each answer is its person's again),
 * and shown in Close as a distribution only.
 */
describe('worth the time (ROTI)', () => {
  const live = useServer();

  it('GP-5 AN-7 AN-9 AR-2 answers in Act show nowhere until Close, survive a restart as their own, then show only as a distribution', async () => {
    const url = live.server.url;
    const { boardId, facilitatorKey } = await createBoard(url, 'Worth the time');
    const [F, A, B, C] = [new Person(url), new Person(url), new Person(url), new Person(url)];
    live.people.push(F, A, B, C);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    await B.connect(boardId, 'Bea');
    await C.connect(boardId, 'Cleo');
    expect(await A.cmd('card.add', { columnId: 'start', text: 'shorter standups' })).toMatchObject({ ok: true });
    expect(await A.cmd('pulse.answer', { value: 2 })).toMatchObject({ ok: true });
    for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    // not before Act
    expect(await A.cmd('roti.answer', { value: 3 })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(await F.cmd('phase.set', { phase: 'act' })).toMatchObject({ ok: true });
    await C.waitFor(() => C.board()?.roti.open === true);

    const given = new Map<Person, number>([[F, 5], [A, 2], [B, 4], [C, 4]]);
    // every answer each person gave: their own view may hold any of them, nobody's another's
    const gave = new Map<Person, number[]>([...given].map(([p, value]) => [p, [value]]));
    for (const [p, value] of given) expect(await p.cmd('roti.answer', { value })).toMatchObject({ ok: true });
    expect(await A.cmd('roti.answer', { value: 1 })).toMatchObject({ ok: true }); // the last answer counts
    given.set(A, 1);
    gave.get(A)!.push(1);
    for (const [p, value] of given) await p.waitFor(() => p.me?.roti === value);

    // AR-1: one stored fact per person, each with a tag of its own: not a person tag, not their pulse answer's
    const stored = storedAnonymousState(live.server.dbFile, boardId);
    expect(stored.roti?.map((r) => r.value).sort()).toEqual([1, 4, 4, 5]);
    const tags = [...stored.roti!.map((r) => r.tag), ...stored.pulse.map((p) => p.tag), ...[F, A, B, C].flatMap((p) => personTags(live.server.keyFile, boardId, p.secret))];
    expect(new Set(tags).size).toBe(tags.length);

    // AR-2: a restart on the same data; each person's answer is theirs again as they rejoin
    for (const p of live.people.splice(0)) await p.disconnect();
    await live.server.close();
    live.server = await startServer({ dbFile: live.server.dbFile });
    for (const p of [F, A, B, C]) {
      live.people.push(p);
      expect(await p.reconnect(live.server.url)).toMatchObject({ ok: true });
    }
    for (const [p, value] of given) expect(p.me?.roti).toBe(value);
    expect(await B.cmd('roti.answer', { value: 3 })).toMatchObject({ ok: true });
    given.set(B, 3);
    gave.get(B)!.push(3);
    await B.waitFor(() => B.me?.roti === 3);

    // Close: the distribution, and no more answers
    expect(await F.cmd('phase.set', { phase: 'closed' })).toMatchObject({ ok: true });
    await C.waitFor(() => C.board()?.roti.distribution);
    expect(C.board()!.roti).toEqual({ open: false, notEnough: false, distribution: { min: 1, counts: [1, 0, 1, 1, 1], total: 4, average: 3.25 } });
    expect(await C.cmd('roti.answer', { value: 1 })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });

    // AN-7: until Close nobody held a distribution, and nobody another's answer; no tag reached anyone on any channel
    for (const p of [F, A, B, C]) {
      expect(p.boardHistory.filter((v) => v.phase !== 'closed').every((v) => v.roti.distribution === null)).toBe(true);
      expect(p.meHistory.every((me) => me.roti === null || gave.get(p)!.includes(me.roti))).toBe(true);
      for (const frame of p.frames) for (const tag of tags) expect(frameContains(frame, tag)).toBe(false);
    }
  });
});
