import { describe, expect, it } from 'vitest';
import { voteRefusal } from './voteRefusal.js';

describe('VO-2 VO-3 why a vote would be refused, as the server says it', () => {
  it('VO-2 VO-3 the budget is told before the cap, as canVote checks them; a vote under both is no refusal', () => {
    expect(voteRefusal(1, 1, 2)).toBeNull();
    expect(voteRefusal(2, 1, 2)).toBe('VOTE_CAP_EXCEEDED');
    expect(voteRefusal(1, 0, 2)).toBe('VOTE_BUDGET_EXCEEDED');
    expect(voteRefusal(2, 0, 2)).toBe('VOTE_BUDGET_EXCEEDED');
  });
});
