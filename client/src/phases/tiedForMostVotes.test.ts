import { describe, expect, it } from 'vitest';
import { tiedForMostVotes } from './tiedForMostVotes.js';

describe('DI-13 items tied for the most votes', () => {
  it('names every item sharing the top tally when more than one does', () => {
    expect(tiedForMostVotes({ a: 4, b: 4, c: 2, d: 2 })).toEqual(new Set(['a', 'b']));
    expect(tiedForMostVotes({ a: 3, b: 3, c: 3 })).toEqual(new Set(['a', 'b', 'c']));
  });

  it('names none when one item leads, nobody voted, or the tallies are hidden', () => {
    expect(tiedForMostVotes({ a: 4, b: 3, c: 3 })).toEqual(new Set());
    expect(tiedForMostVotes({ a: 0, b: 0 })).toEqual(new Set());
    expect(tiedForMostVotes({})).toEqual(new Set());
    expect(tiedForMostVotes(null)).toEqual(new Set());
  });
});
