import { describe, expect, it } from 'vitest';
import type { Ack } from '@candor/shared';
import { Person, createBoard, healthz, newId, startServer, until, useServer } from './harness.js';

/** RC: a lost connection loses nothing, and a resent command is applied once. */

describe('reconnect', () => {
  const live = useServer();
  const people = live.people;

  async function board() {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Reconnect');
    const F = new Person(live.server.url);
    const A = new Person(live.server.url);
    people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    return { boardId, F, A };
  }

  const cardIdOf = (ack: Ack) => {
    expect(ack).toMatchObject({ ok: true });
    return (ack as { ok: true; data: { cardId: string } }).data.cardId;
  };

  it('RC-1 a participant who reconnects with the same id and secret is the same person, with their cards and votes', async () => {
    const { F, A } = await board();
    const c1 = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'one' }));
    const c2 = cardIdOf(await A.cmd('card.add', { columnId: 'stop', text: 'two' }));
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: c1 })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: c2 })).toMatchObject({ ok: true });
    await A.waitFor(() => A.me?.votesLeft === 1);
    const before = A.me!;

    await A.disconnect();
    await F.waitFor(() => F.board()?.participants.find((p) => p.name === 'Alex')?.online === false);
    const rejoined = await A.reconnect();
    expect(rejoined).toEqual({ ok: true, data: { participantId: A.participantId, isFacilitator: false } });
    expect(A.me).toEqual(before);
    expect(A.me!.participantId).toBe(A.participantId);
    expect(A.me!.cards.map((c) => c.id)).toEqual([c1, c2]);
    expect(A.me!.votes).toEqual({ [c1]: 1, [c2]: 1 });
    await F.waitFor(() => F.board()?.participants.find((p) => p.name === 'Alex')?.online === true);
    expect(F.board()!.participants.filter((p) => p.name === 'Alex')).toHaveLength(1);
    // still the same person to the rules: the remaining vote is the only one left
    expect(await A.cmd('vote.cast', { itemId: c1 })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: c2 })).toMatchObject({ ok: false, code: 'VOTE_BUDGET_EXCEEDED' });
  });

  it('RC-2 a command resent with the same id, across reconnects and concurrently, is applied once with the same result', async () => {
    const { F, A } = await board();
    const commandId = newId();
    const first = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'only once' }, commandId));
    await A.reconnect();
    const second = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'only once' }, commandId));
    await A.reconnect();
    const more = await Promise.all([1, 2, 3].map(() => A.cmd('card.add', { columnId: 'start', text: 'only once' }, commandId)));
    expect([second, ...more.map(cardIdOf)]).toEqual([first, first, first, first]);
    expect(A.me!.cards).toEqual([{ id: first, columnId: 'start', text: 'only once', signed: false }]);

    // the same holds for a vote: resending does not spend a second vote
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.phase === 'vote' && F.board()?.cardCount === 1 && F.board()?.cards.length === 1);
    const voteId = newId();
    expect(await A.cmd('vote.cast', { itemId: first }, voteId)).toMatchObject({ ok: true });
    await A.reconnect();
    expect(await A.cmd('vote.cast', { itemId: first }, voteId)).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: first }, voteId)).toMatchObject({ ok: true });
    expect(A.me!.votes).toEqual({ [first]: 1 });
    expect(A.me!.votesLeft).toBe(2);
  });

  it('RC-3 a command whose ack was lost (sent, then the connection dropped) is applied once when resent', async () => {
    const { F, A } = await board();
    const texts: string[] = [];
    for (let round = 0; round < 6; round++) {
      const text = `lost ack ${round}`;
      texts.push(text);
      const commandId = newId();
      const socket = A.socket!;
      socket.emit('cmd', { id: commandId, type: 'card.add', columnId: 'continue', text }, () => undefined);
      // round 0–1: drop at once; 2–3: after the packet left; 4–5: after the server applied it (the ack is ignored)
      if (round >= 4) await A.waitFor(() => A.me?.cards.some((c) => c.text === text));
      else if (round >= 2) await new Promise((resolve) => setImmediate(resolve));
      await A.reconnect();
      const resent = cardIdOf(await A.cmd('card.add', { columnId: 'continue', text }, commandId));
      expect(A.me!.cards.filter((c) => c.text === text).map((c) => c.id)).toEqual([resent]);
      // resending once more still answers with the same card
      expect(cardIdOf(await A.cmd('card.add', { columnId: 'continue', text }, commandId))).toBe(resent);
    }
    // A's own view lists every card A has, once each (the room sees no count of one writer's cards, AN-10)
    expect(A.me!.cards.map((c) => c.text)).toEqual(texts);
  });

  it('RC-4 command ids are per person: another participant reusing an id gets their own result, not a replay', async () => {
    const { F, A } = await board();
    const commandId = newId();
    const a = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'from A' }, commandId));
    const f = cardIdOf(await F.cmd('card.add', { columnId: 'start', text: 'from F' }, commandId));
    expect(f).not.toBe(a);
    expect(F.me!.cards.map((c) => c.text)).toEqual(['from F']);
    expect(A.me!.cards.map((c) => c.text)).toEqual(['from A']);
  });

  it('RC-5 after reconnecting, both documents catch up on what changed while away', async () => {
    const { F, A } = await board();
    const card = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'away' }));
    for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.phase === 'discuss');
    await A.disconnect();
    expect(await F.cmd('discuss.select', { itemId: card })).toMatchObject({ ok: true });
    await F.waitFor(() => F.notes(`item:${card}`) !== undefined);
    F.typeNote(`item:${card}`, 'written while A was away');
    expect(await F.cmd('phase.set', { phase: 'act' })).toMatchObject({ ok: true });
    expect(A.board()?.phase).toBe('discuss');
    await A.reconnect();
    await A.waitFor(() => A.board()?.phase === 'act' && A.notes(`item:${card}`) === 'written while A was away');
    await A.waitFor(() => JSON.stringify(A.board()) === JSON.stringify(F.board()));
  });

  it('RC-6 after a board is unloaded for being idle and loaded again, returning clients keep their documents in step', async () => {
    const idle = await startServer({ idleUnloadMs: 30 });
    const { boardId, facilitatorKey } = await createBoard(idle.url, 'Idle');
    const F = new Person(idle.url);
    const A = new Person(idle.url);
    try {
      await F.connect(boardId, 'Fran', facilitatorKey);
      await A.connect(boardId, 'Alex');
      const card = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'kept' }));
      for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
      expect(await F.cmd('discuss.select', { itemId: card })).toMatchObject({ ok: true });
      await A.waitFor(() => A.notes(`item:${card}`) !== undefined);
      for (let round = 1; round <= 4; round++) {
        await F.disconnect();
        await A.disconnect();
        await until(async () => (await healthz(idle.url)).boardsLoaded === 0);
        await F.reconnect();
        await A.reconnect();
        A.typeNote(`item:${card}`, `line ${round}. `);
        expect(await F.cmd('timer.start', { durationSec: 60 * round })).toMatchObject({ ok: true });
        await A.waitFor(() => A.board()?.timer.durationMs === 60_000 * round);
        await F.waitFor(() => F.notes(`item:${card}`)?.endsWith(`line ${round}. `));
        await A.waitFor(() => JSON.stringify(A.board()) === JSON.stringify(F.board()));
      }
      expect(F.notes(`item:${card}`)).toBe('line 1. line 2. line 3. line 4. ');
    } finally {
      await F.disconnect();
      await A.disconnect();
      await idle.close();
    }
  });
});
