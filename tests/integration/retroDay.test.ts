import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateBoardResponse, TeamHistory } from '@candor/shared';
import { Person, useServer } from './harness.js';

/**
 * EX-12 over the wire: the day a retro was held is the facilitator's day, worked out by the server from its own clock
 * in the time zone a browser sends (with the board's making, or with the first step), never from a browser's time.
 */
describe("EX-12 the day held is the facilitator's day", () => {
  // 20:00 UTC on Dec 6 is 09:00 on Dec 7 in Auckland and 12:00 on Dec 6 in Los Angeles
  let clock = Date.parse('2026-12-06T20:00:00Z');
  const live = useServer({ now: () => clock });
  const people: Person[] = [];
  // a minute between tests: creating is paced by the server's clock (AB-7)
  beforeEach(() => {
    clock += 60_000;
  });
  afterEach(async () => {
    for (const p of people.splice(0)) await p.disconnect();
  });

  const create = (body: Record<string, unknown>) =>
    fetch(`${live.server.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ templateId: 'start-stop-continue', ...body }) });
  async function facilitating(body: Record<string, unknown>): Promise<Person> {
    const res = await create(body);
    expect(res.status).toBe(201);
    const { boardId, facilitatorKey } = (await res.json()) as CreateBoardResponse;
    const F = new Person(live.server.url);
    people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    return F;
  }

  it('EX-12 a board made in Auckland is held on Auckland’s day when its first step names no zone (the UTC day is the day before)', async () => {
    const F = await facilitating({ name: 'Made in Auckland', timeZone: 'Pacific/Auckland' });
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await expect.poll(() => F.board()?.heldOn).toBe('2026-12-07');
  });

  it('EX-12 every reader of a board has the day it was made, from the server\'s record, in the zone it was made in', async () => {
    const F = await facilitating({ name: 'Made days ahead', timeZone: 'Pacific/Auckland' });
    const A = new Person(live.server.url);
    people.push(A);
    await A.connect(F.board()!.id, 'Alex');
    await expect.poll(() => A.board()?.createdOn).toBe('2026-12-07');
    expect(A.board()?.heldOn).toBeNull();
    const G = await facilitating({ name: 'Made in UTC' });
    expect(G.board()?.createdOn).toBe('2026-12-06');
  });

  it('EX-12 the first step’s own zone wins over the board’s: a facilitator in Los Angeles holds the Auckland board on her day', async () => {
    const F = await facilitating({ name: 'Handed to LA', timeZone: 'Pacific/Auckland' });
    expect(await F.cmd('phase.set', { phase: 'reveal', timeZone: 'America/Los_Angeles' })).toMatchObject({ ok: true });
    await expect.poll(() => F.board()?.heldOn).toBe('2026-12-06');
    // nothing of the zone is in what the room sees: only the day
    expect(JSON.stringify(F.board())).not.toMatch(/Auckland|Los_Angeles/);
  });

  it('EX-12 TM-14 the team history and its actions CSV date a retro by the day it was held, not the day its board was made', async () => {
    const team = await fetch(`${live.server.url}/api/teams`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Platform' }) });
    const { teamId } = (await team.json()) as { teamId: string };
    // made on a Friday evening (UTC), held on Monday morning in Auckland
    clock = Date.parse('2026-12-11T18:00:00Z');
    const res = await fetch(`${live.server.url}/api/teams/${teamId}/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Sprint 9', templateId: 'start-stop-continue' }),
    });
    const { boardId, facilitatorKey } = (await res.json()) as CreateBoardResponse;
    const F = new Person(live.server.url);
    people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const history = async () => (await (await fetch(`${live.server.url}/api/teams/${teamId}`)).json()) as TeamHistory;
    // not held yet: the day it was made
    expect((await history()).retros.map((r) => [r.createdOn, r.heldOn])).toEqual([['2026-12-11', null]]);
    clock = Date.parse('2026-12-13T21:00:00Z');
    expect(await F.cmd('phase.set', { phase: 'write', timeZone: 'Pacific/Auckland' })).toMatchObject({ ok: true });
    const card = (await F.cmd('card.add', { columnId: 'stop', text: 'Friday deploys' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote', 'discuss']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    expect(await F.cmd('action.create', { itemId: card.data.cardId, text: 'No deploys after Thursday' })).toMatchObject({ ok: true });
    expect((await history()).retros.map((r) => [r.createdOn, r.heldOn])).toEqual([['2026-12-11', '2026-12-14']]);
    const csv = await (await fetch(`${live.server.url}/api/teams/${teamId}/actions.csv`)).text();
    expect(csv.trimEnd().split('\r\n').slice(1).map((row) => row.split(',').slice(0, 2))).toEqual([['"Sprint 9"', '"2026-12-14"']]);
  });

  it('EX-12 a junk time zone is refused with BAD_TIME_ZONE: no board is made, no step is taken', async () => {
    for (const junk of ['Mars/Olympus_Mons', 'Pacific/Auckland; DROP TABLE boards']) {
      const res = await create({ name: 'Junk', timeZone: junk });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('BAD_TIME_ZONE');
    }
    expect((await create({ name: 'Too long', timeZone: 'Europe/' + 'x'.repeat(100) })).status).toBe(400);
    const F = await facilitating({ name: 'Junk step' });
    expect(await F.cmd('phase.set', { phase: 'reveal', timeZone: 'Mars/Olympus_Mons' })).toMatchObject({ ok: false, code: 'BAD_TIME_ZONE' });
    expect(F.board()?.phase).toBe('write');
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    // without any zone, the server's UTC day
    await expect.poll(() => F.board()?.heldOn).toBe(new Date(clock).toISOString().slice(0, 10));
  });
});
