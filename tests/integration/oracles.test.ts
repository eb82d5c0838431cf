import { describe, expect, it } from 'vitest';
import { Person, createBoard, useServer } from './harness.js';

/**
 * An attacker who asks instead of listening: a command whose answer depends on something nobody may see yet is
 * an oracle, even when no frame to anyone else changes. Here the facilitator's own refusals: in a room of two,
 * "this column has cards" while the count shows nothing (AN-10) says which column the other person wrote in, and
 * when. The answer to a facilitator's command may depend on public facts only.
 */
describe('refusals that would answer what nobody may see', () => {
  const live = useServer();

  it('TE-3 AN-10 removing a column answers the same whether or not someone wrote in it unseen; the unseen cards move to the first column, seen by their author alone', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Two of us');
    const [F, A] = [new Person(live.server.url), new Person(live.server.url)];
    live.people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    const cardId = ((await A.cmd('card.add', { columnId: 'stop', text: 'Stop the Friday deploys' })) as { ok: true; data: { cardId: string } }).data.cardId;
    expect(F.board()!.cardCount).toBe(0); // one writer: nothing shown (AN-10)

    // Fran tidies the board: she removes "Continue" (nobody wrote there), then "Stop" (Alex did)
    const columns = () => F.board()!.columns.map(({ id, title, prompt }) => ({ id, title, prompt }));
    const without = (id: string) => columns().filter((c) => c.id !== id);
    expect(await F.cmd('columns.set', { columns: without('continue') })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()!.columns.length === 2);
    expect(await F.cmd('columns.set', { columns: without('stop') }), 'the same answer as for an empty column').toMatchObject({ ok: true });
    await A.waitFor(() => A.board()!.columns.length === 1);

    // Alex's card is still his, now in the first column; nothing public says it exists
    await A.waitFor(() => A.me!.cards[0]?.columnId === 'start');
    expect(A.me!.cards).toEqual([{ id: cardId, columnId: 'start', text: 'Stop the Friday deploys', signed: false }]);
    expect(F.board()!.cardCount).toBe(0);
    expect(F.meHistory.every((me) => me.cards.length === 0)).toBe(true);
    // and at the reveal it is there, in the column that is left
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()!.cards.length === 1);
    expect(F.board()!.cards[0]).toMatchObject({ id: cardId, columnId: 'start' });
  });
});
