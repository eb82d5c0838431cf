/**
 * Why "Vote for" would be refused now, checked in the server's order (`canVote`: the budget, then the item's cap), as
 * the refusal's code, so the press is answered in the words of the server's refusal; null when it would add a vote.
 */
export type VoteRefusal = 'VOTE_BUDGET_EXCEEDED' | 'VOTE_CAP_EXCEEDED';

export function voteRefusal(mine: number, left: number, perItemCap: number): VoteRefusal | null {
  if (left <= 0) return 'VOTE_BUDGET_EXCEEDED';
  if (mine >= perItemCap) return 'VOTE_CAP_EXCEEDED';
  return null;
}
