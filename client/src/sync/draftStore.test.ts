import { describe, expect, it } from 'vitest';
import { draftFromOtherTab } from './draftStore.js';

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
