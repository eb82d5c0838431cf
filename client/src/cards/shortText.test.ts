import { describe, expect, it } from 'vitest';
import { shortText } from './shortText.js';
import { endOnce } from './dragSentences.js';

describe('endOnce', () => {
  it('WF-8 drops the full stop after words cut short, a question, an exclamation or a full stop of their own', () => {
    const cut = shortText('The deploy pipeline fails at random when the cache is cold', 40);
    expect(endOnce(`Over the card: ${cut}. Drop to group them.`)).toBe(`Over the card: ${cut} Drop to group them.`);
    expect(endOnce(`Put back: ${cut}.`)).toBe(`Put back: ${cut}`);
    expect(endOnce('Over the column What went well?.')).toBe('Over the column What went well?');
    expect(endOnce('Put back: Ship it!.')).toBe('Put back: Ship it!');
    expect(endOnce('Put back: Merge on Fridays..')).toBe('Put back: Merge on Fridays.');
  });

  it('WF-8 keeps a sentence that ends once as it is, and a stop inside words (v1.2., 3.5)', () => {
    for (const sentence of ['Put back: Late reviews.', 'Picked up card: Release v1.2 went out.', 'Over the card: 3.5 days. Drop to group them.']) {
      expect(endOnce(sentence)).toBe(sentence);
    }
  });
});
