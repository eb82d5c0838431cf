import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandQueue } from './commandQueue.js';
import { memoryStorage } from './memoryStorage.testing.js';

describe('RC-8 the unsent commands of two tabs of one board', () => {
  beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('RC-8 a command one tab made offline survives another tab of the board making, and settling, its own', () => {
    const first = new CommandQueue('board1');
    const second = new CommandQueue('board1');
    const card = first.add({ type: 'card.add', columnId: 'stop', text: 'Written on the train' });
    const vote = second.add({ type: 'vote.cast', itemId: 'item1' });
    // the first tab is reloaded (or closed and the board opened again) before the connection returns
    expect(new CommandQueue('board1').all().map((c) => c.id)).toEqual([card.id, vote.id]);
    // the second tab's command is answered: the first tab's is still waiting to be sent
    second.remove(vote.id);
    expect(new CommandQueue('board1').all().map((c) => c.id)).toEqual([card.id]);
    first.remove(card.id);
    expect(localStorage.getItem('candor:queue:board1')).toBeNull();
  });

  it('RC-8 a tab sends its own commands, in order, and is told of no one else’s by the queue it holds', () => {
    const first = new CommandQueue('board1');
    const second = new CommandQueue('board1');
    const a = first.add({ type: 'vote.cast', itemId: 'item1' });
    second.add({ type: 'vote.cast', itemId: 'item2' });
    const b = first.add({ type: 'vote.retract', itemId: 'item1' });
    expect(first.all().map((c) => c.id)).toEqual([a.id, b.id]);
  });
});
