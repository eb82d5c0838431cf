import { beforeEach, describe, expect, it } from 'vitest';
import type { CreateBoardResponse, PublicBoardView } from '@candor/shared';
import { Person, useServer } from './harness.js';

/**
 * TM-16 as an outsider tries it: `POST /api/boards/:id/close` with raw HTTP, while someone is still in the retro
 * reading every update of the board they receive.
 */
describe('TM-16 closing a retro left open, attacked', () => {
  // the server's clock, moved on by a test to make a retro days old
  let clock = Date.parse('2026-12-07T10:00:00Z');
  const live = useServer({ idleUnloadMs: 50, now: () => clock });
  // a minute between tests: creating and closing are paced by the server's clock (AB-7)
  beforeEach(() => {
    clock += 60_000;
  });

  async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${live.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as T;
  }
  const close = async (boardId: string, who: Person, body: Record<string, unknown> = {}) => {
    const res = await fetch(`${live.server.url}/api/boards/${boardId}/close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ participantId: who.participantId, secret: who.secret, name: who.name, from: 'vote', ...body }),
    });
    return [res.status, ((await res.json()) as { code?: string }).code ?? 'ok'];
  };
  // who is here, and FA-3's moment from which anyone may take the role over (the facilitator being away)
  const people = (view: PublicBoardView) =>
    JSON.stringify([view.participants.map(({ name, online, facilitator }) => ({ name, online, facilitator })), view.facilitator]);

  /** Fran (facilitator) and Ada leave a retro in Vote; Bo stays on its page. The team's next retro has started since. */
  async function leftInVote() {
    const running = await runningInVote();
    clock += 3_600_000;
    await post<CreateBoardResponse>(`/api/teams/${running.teamId}/boards`, { name: 'Sprint 5', templateId: 'start-stop-continue' });
    return running;
  }

  /** as `leftInVote`, but the team's latest retro, started today: running, not left open */
  async function runningInVote() {
    const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Long view' });
    const { boardId, facilitatorKey } = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 4', templateId: 'start-stop-continue' });
    const [F, A, B] = [new Person(live.server.url), new Person(live.server.url), new Person(live.server.url)];
    live.people.push(F, A, B);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Ada');
    await B.connect(boardId, 'Bo');
    expect(await F.cmd('phase.set', { phase: 'write' })).toMatchObject({ ok: true });
    expect(await A.cmd('card.add', { columnId: 'start', text: 'Pairing on releases' })).toMatchObject({ ok: true });
    for (const phase of ['reveal', 'vote']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    await A.disconnect();
    await F.disconnect();
    await B.waitFor((b) => b.board()?.participants.every((p) => p.name === 'Bo' || !p.online));
    return { teamId, boardId, facilitatorKey, F, A, B };
  }

  it('TM-16 closing from the team page, or trying to, shows nobody in the room a join or a leave: the people list stays as it was', async () => {
    const { boardId, facilitatorKey, F, A, B } = await leftInVote();
    const before = people(B.board()!);
    const mark = B.boardHistory.length;
    // Ada, not its facilitator; Fran with a phase the board is not in; then Fran closing it, a step at a time
    expect(await close(boardId, A)).toEqual([403, 'NOT_FACILITATOR']);
    expect(await close(boardId, A, { facilitatorKey })).toEqual([403, 'NOT_FACILITATOR']);
    expect(await close(boardId, F, { facilitatorKey, from: 'discuss' })).toEqual([409, 'CONFLICT']);
    expect(await close(boardId, F, { facilitatorKey })).toEqual([200, 'ok']);
    await B.waitFor((b) => b.board()?.phase === 'closed');
    await B.boardRoundTrip();
    // Bo saw the retro move on to Close, and nobody come or go: Fran and Ada were never in the room again, and Fran's
    // absence was not cut short (the role could be taken over when it could before)
    const seen = B.boardHistory.slice(mark);
    expect(seen.map((v) => v.phase)).toContain('closed');
    for (const view of seen) expect(people(view)).toBe(before);
  });

  it('TM-16 JN-6 MO-1 a removed person, a wrong secret and someone never in it are answered alike: nothing says whose id exists', async () => {
    const { boardId, facilitatorKey, F, A, B } = await leftInVote();
    // Fran comes back and removes Bo, then leaves again
    await F.connect(boardId, 'Fran', facilitatorKey);
    const handle = F.board()!.participants.find((p) => p.name === 'Bo')!.handle;
    expect(await F.cmd('participant.remove', { handle })).toMatchObject({ ok: true });
    await F.disconnect();
    const answer = async (body: Record<string, unknown>) => {
      const res = await fetch(`${live.server.url}/api/boards/${boardId}/close`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'vote', name: 'X', ...body }) });
      return [res.status, await res.text()];
    };
    const stranger = new Person(live.server.url);
    const refusals = [
      await answer({ participantId: B.participantId, secret: B.secret, facilitatorKey }),
      await answer({ participantId: A.participantId, secret: stranger.secret }),
      await answer({ participantId: F.participantId, secret: stranger.secret, facilitatorKey }),
      await answer({ participantId: stranger.participantId, secret: stranger.secret, facilitatorKey }),
    ];
    for (const refusal of refusals) expect(refusal).toEqual([403, JSON.stringify({ ok: false, code: 'BAD_CREDENTIALS', message: 'You were not in this retro.' })]);
  });

  it('TM-16 a close that says it saw the retro closed while it is in Vote is refused, not answered as done', async () => {
    const { boardId, facilitatorKey, F, B } = await leftInVote();
    expect(await close(boardId, F, { facilitatorKey, from: 'closed' })).toEqual([409, 'CONFLICT']);
    await B.boardRoundTrip();
    expect(B.board()!.phase).toBe('vote');
  });

  it('TM-16 a retro still running is not closed from outside it: its facilitator is refused until it was left open, a stranger learns nothing', async () => {
    const { teamId, boardId, facilitatorKey, F, B } = await runningInVote();
    const raw = async (body: Record<string, unknown>) => {
      const res = await fetch(`${live.server.url}/api/boards/${boardId}/close`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'vote', name: 'X', ...body }) });
      return [res.status, await res.text()];
    };
    // the team page offers no "Close it now" for it (it is happening now); a request made by hand is refused, and
    // nothing moves for Bo, who is still in it
    const history = (await (await fetch(`${live.server.url}/api/teams/${teamId}`)).json()) as { retros: { leftOpen: boolean }[] };
    expect(history.retros.map((r) => r.leftOpen)).toEqual([false]);
    expect(await close(boardId, F, { facilitatorKey })).toEqual([409, 'NOT_LEFT_OPEN']);
    await B.boardRoundTrip();
    expect(B.board()!.phase).toBe('vote');
    // someone never in it is answered as for any board: the same bytes as at a left-open one
    const stranger = new Person(live.server.url);
    expect(await raw({ participantId: stranger.participantId, secret: stranger.secret, facilitatorKey })).toEqual([403, JSON.stringify({ ok: false, code: 'BAD_CREDENTIALS', message: 'You were not in this retro.' })]);
    // three days on, with no later retro, it was left open: its facilitator closes it from the team page
    clock += 3 * 86_400_000;
    expect(await close(boardId, F, { facilitatorKey })).toEqual([200, 'ok']);
    await B.waitFor((b) => b.board()?.phase === 'closed');
  });
});
