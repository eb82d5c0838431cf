import { describe, expect, it } from 'vitest';
import { Person, createBoard, newId, useServer } from './harness.js';

/** CM-3: a command id stands for one command; a resend must be the same command. */

describe('command ids', () => {
  const live = useServer();
  const people = live.people;

  async function board() {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Command ids');
    const F = new Person(live.server.url);
    const A = new Person(live.server.url);
    people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    return { F, A };
  }

  it('CM-3 a resent id with another payload or type is refused with ID_REUSED and changes nothing', async () => {
    const { F, A } = await board();
    const id = newId();
    const first = await A.cmd('card.add', { columnId: 'start', text: 'the first text' }, id);
    expect(first).toMatchObject({ ok: true });
    const cardId = (first as { ok: true; data: { cardId: string } }).data.cardId;

    expect(await A.cmd('card.add', { columnId: 'start', text: 'another text' }, id)).toMatchObject({ ok: false, code: 'ID_REUSED' });
    expect(await A.cmd('card.add', { columnId: 'stop', text: 'the first text' }, id)).toMatchObject({ ok: false, code: 'ID_REUSED' });
    expect(await A.cmd('card.delete', { cardId }, id)).toMatchObject({ ok: false, code: 'ID_REUSED' });
    expect(A.me!.cards.map((c) => c.text)).toEqual(['the first text']);

    // the same command again is still answered with its first result, and applied once
    expect(await A.cmd('card.add', { columnId: 'start', text: 'the first text' }, id)).toEqual(first);
    await A.reconnect();
    expect(await A.cmd('card.add', { columnId: 'start', text: 'the first text' }, id)).toEqual(first);
    expect(A.me!.cards).toHaveLength(1);
    // one writer's cards are not counted in public (AN-10); once revealed, the room sees exactly one
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.phase === 'reveal' && F.board()?.cardCount === 1 && F.board()?.cards.length === 1);
  });

  it('CM-3 the facilitator’s join id cannot be reused for another command', async () => {
    const { F } = await board();
    const joinId = F.lastJoinId;
    expect(joinId).toBeTruthy();
    expect(await F.cmd('card.add', { columnId: 'start', text: 'riding on the join id' }, joinId)).toMatchObject({ ok: false, code: 'ID_REUSED' });
    expect(F.me!.cards).toEqual([]);
  });
});
