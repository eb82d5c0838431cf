import { describe, expect, it } from 'vitest';
import { lensPanel } from './lensPanel.js';

const counts = { credibility: 0, reliability: 4, empathy: 0, 'self-interest': 0 };
const board = (over: Partial<Parameters<typeof lensPanel>[0]> = {}): Parameters<typeof lensPanel>[0] => ({
  phase: 'discuss',
  currentItemId: 'item-a',
  leftItemIds: [],
  trustLens: true,
  lens: [],
  ...over,
});

describe('TL-10 the lens panel after the room has moved on to Act', () => {
  it('TL-10 in Act the last item discussed takes no tap and shows its counts, or says too few tapped', () => {
    expect(lensPanel(board({ phase: 'act', leftItemIds: ['item-a'], lens: [{ itemId: 'item-a', tappers: 4, counts }] }), 'item-a')).toMatchObject({ canTap: false, line: 'counts' });
    // a board whose item was not marked left (stored before TL-10) reads the same: the phase decides
    expect(lensPanel(board({ phase: 'act', lens: [{ itemId: 'item-a', tappers: 2, counts: null }] }), 'item-a')).toMatchObject({ canTap: false, line: 'tooFew' });
  });

  it('TL-10 in Act an item nobody tapped shows no lens panel, the lens on or off', () => {
    expect(lensPanel(board({ phase: 'act', leftItemIds: ['item-a'] }), 'item-a')).toBeNull();
    expect(lensPanel(board({ phase: 'act', leftItemIds: ['item-a'] }), 'item-b')).toBeNull();
    expect(lensPanel(board({ phase: 'act', trustLens: false, lens: [{ itemId: 'item-a', tappers: 2, counts: null }] }), 'item-a')).toBeNull();
  });

  it('TL-3 TL-4 in Discuss the item being discussed takes taps and its counts are still to come', () => {
    expect(lensPanel(board(), 'item-a')).toMatchObject({ canTap: true, line: 'waiting', closed: false });
    expect(lensPanel(board({ lens: [{ itemId: 'item-a', tappers: 3, counts: null }] }), 'item-a')).toMatchObject({ canTap: true, line: 'waiting' });
  });

  it('TL-9 an item selected again after the room left it takes no tap and says why', () => {
    expect(lensPanel(board({ leftItemIds: ['item-a'] }), 'item-a')).toMatchObject({ canTap: false, closed: true, line: 'waiting' });
  });
});
