import { describe, expect, it } from 'vitest';
import { draftFromOtherTab, draftOfSlot, draftSlot } from './draftStore.js';

describe('a draft changed in another tab', () => {
  it("RC-7 another tab's typing in this column's draft is this tab's draft too, its sending empties it", () => {
    expect(draftFromOtherTab({ key: 'candor:draft:b1:stop', newValue: 'We start too much' }, 'b1', 'stop')).toBe('We start too much');
    expect(draftFromOtherTab({ key: 'candor:draft:b1:stop', newValue: null }, 'b1', 'stop')).toBe('');
  });

  it('RC-7 a change to another column, another board or anything else leaves this draft alone; clearing all storage empties it', () => {
    expect(draftFromOtherTab({ key: 'candor:draft:b1:start', newValue: 'x' }, 'b1', 'stop')).toBeNull();
    expect(draftFromOtherTab({ key: 'candor:draft:b2:stop', newValue: 'x' }, 'b1', 'stop')).toBeNull();
    expect(draftFromOtherTab({ key: 'candor:identity:b1', newValue: 'x' }, 'b1', 'stop')).toBeNull();
    expect(draftFromOtherTab({ key: null, newValue: null }, 'b1', 'stop')).toBe('');
  });
});

describe('where a draft is kept', () => {
  it('AC-10 a card\'s, an action\'s and an offer\'s draft each read back as what it was typed for', () => {
    expect(draftSlot('card', 'stop')).toBe('stop');
    for (const kind of ['card', 'action', 'offer'] as const) {
      for (const of of ['stop', 'item1', 'group:a1:b2']) expect(draftOfSlot(draftSlot(kind, of))).toEqual({ kind, of });
    }
    expect(draftSlot('action', 'item1')).not.toBe(draftSlot('offer', 'item1'));
  });
});
