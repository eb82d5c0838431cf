import { describe, expect, it } from 'vitest';
import { emojiQuery, suggestEmoji } from './emoji.js';

describe('UI-8 emoji suggestions', () => {
  it('UI-8 `:sm` right before the caret asks for suggestions; a colon inside a word or a time does not', () => {
    expect(emojiQuery('so happy :sm', 12)).toEqual({ start: 9, query: 'sm' });
    expect(emojiQuery(':smile', 6)).toEqual({ start: 0, query: 'smile' });
    expect(emojiQuery('at 10:30', 8)).toBeNull();
    expect(emojiQuery('note:sm', 7)).toBeNull();
    expect(emojiQuery('so :s', 5)).toBeNull();
  });
  it('UI-8 names that start with the query come first, at most six', async () => {
    expect((await suggestEmoji('smile'))[0]).toEqual(['smile', '😄']);
    expect((await suggestEmoji('sm')).map(([n]) => n)).toContain('smile');
    expect((await suggestEmoji('s')).length).toBeLessThanOrEqual(6);
    expect(await suggestEmoji('zzzz')).toEqual([]);
  });
});
