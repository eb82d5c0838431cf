import { voteLimit } from '@candor/shared';

/**
 * Why "Vote for" would be refused now, by the server's own rule (`voteLimit`, which `canVote` checks: the budget, then
 * the item's cap), as the refusal's code, so the press is answered in the words of the server's refusal; null when it
 * would add a vote.
 */
export type VoteRefusal = 'VOTE_BUDGET_EXCEEDED' | 'VOTE_CAP_EXCEEDED';

export function voteRefusal(mine: number, left: number, perItemCap: number): VoteRefusal | null {
  const limit = voteLimit(left, mine, perItemCap);
  return limit === 'budget' ? 'VOTE_BUDGET_EXCEEDED' : limit === 'cap' ? 'VOTE_CAP_EXCEEDED' : null;
}
