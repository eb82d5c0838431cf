import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublicBoardView, PublicConsensus } from '@candor/shared';
import { SettledCommands } from './settledCommands.js';
import type { BoardCommand } from './commandQueue.js';

const check: BoardCommand = { id: 'c1', type: 'consensus.start', actionId: 'a1' };

/** A board with one action, seen through the only fields the held commands of these tests look at. */
function boardWith(action: { done: boolean; consensus: PublicConsensus | null }): PublicBoardView {
  return { actions: [{ id: 'a1', ...action }], cards: [] } as unknown as PublicBoardView;
}
const open: PublicConsensus = { open: true, answered: 0, revealed: false, distribution: null, flagged: false };

describe('UI-20 an accepted command is held until the board shows it', () => {
  afterEach(() => vi.useRealTimers());

  it('UI-20 holds an accepted command however late the board document is, not for a fixed time', () => {
    vi.useFakeTimers();
    const settled = new SettledCommands();
    expect(settled.add(check)).toBe(true);
    vi.advanceTimersByTime(10 * 60_000);
    expect(settled.seen(boardWith({ done: false, consensus: null }))).toBe(false);
    expect(settled.all()).toEqual([check]);
  });

  it('UI-20 lets go of a command once the board carries it', () => {
    const settled = new SettledCommands();
    settled.add(check);
    settled.add({ id: 'd1', type: 'action.done', actionId: 'a1', done: true });
    expect(settled.seen(boardWith({ done: false, consensus: open }))).toBe(true);
    expect(settled.all().map((c) => c.id)).toEqual(['d1']);
  });

  it('UI-20 my later command for the same control takes the place of the earlier one', () => {
    const settled = new SettledCommands();
    settled.add({ id: 'd1', type: 'action.done', actionId: 'a1', done: true });
    settled.add({ id: 'd2', type: 'action.done', actionId: 'a1', done: false });
    expect(settled.all().map((c) => c.id)).toEqual(['d2']);
    settled.seen(boardWith({ done: false, consensus: null }));
    expect(settled.all()).toEqual([]);
  });

  it('UI-20 keeps no command that no control holds on screen (they would pile up for the whole session)', () => {
    const settled = new SettledCommands();
    expect(settled.add({ id: 'v1', type: 'vote.cast', itemId: 'card-1' })).toBe(false);
    settled.add({ id: 'e1', type: 'card.edit', cardId: 'card-1', text: 'Deploys on Monday' });
    expect(settled.all().map((c) => c.id)).toEqual(['e1']);
  });
});
