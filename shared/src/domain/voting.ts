import { isPlaceholder } from './atRest.js';
import type { BoardState } from './board.js';
import { talliesVisible } from './phases.js';
import { revealOrder } from './reveal.js';

/**
 * An "item" is what people vote on and discuss: a group, or a revealed card standing alone.
 * A vote names a target (card or group id) and counts toward the item that target belongs to now.
 */
export function itemOf(state: BoardState, targetId: string): string | null {
  if (state.groups.has(targetId)) return targetId;
  const card = state.cards.get(targetId);
  if (!card || !card.revealed) return null;
  return card.groupId ?? card.id;
}

/** the items in reveal order; `order` is the revealed cards' reveal order when the caller has it already */
export function itemIds(state: BoardState, order: readonly string[] = revealedInOrder(state)): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const cardId of order) {
    const item = itemOf(state, cardId);
    if (item && !seen.has(item)) {
      seen.add(item);
      items.push(item);
    }
  }
  return items;
}

function revealedInOrder(state: BoardState): string[] {
  const revealed = [...state.cards.values()].filter((c) => c.revealed);
  return revealOrder(
    revealed.map((c) => c.id),
    state.revealSeed ?? '',
  );
}

/** VO-5: votes per item, summed over everyone. Only shown once voting is closed. */
export function tallyVotes(state: BoardState): Record<string, number> {
  const tallies: Record<string, number> = {};
  for (const item of itemIds(state)) tallies[item] = 0;
  for (const [targetId, byVoter] of state.votes) {
    const item = itemOf(state, targetId);
    if (!item) continue;
    for (const n of byVoter.values()) tallies[item] = (tallies[item] ?? 0) + n;
  }
  return tallies;
}

/** DI-1: items by votes, most first; ties keep the reveal order. */
export function rankItems(state: BoardState): string[] {
  const tallies = tallyVotes(state);
  const order = itemIds(state);
  return order
    .map((id, index) => ({ id, index, votes: tallies[id] ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.index - b.index)
    .map((x) => x.id);
}

/** One voter's votes per item. */
export function votesOf(state: BoardState, voterTag: string): Record<string, number> {
  const mine: Record<string, number> = {};
  for (const [targetId, n] of state.votesByVoter.get(voterTag) ?? []) {
    const item = itemOf(state, targetId);
    if (item) mine[item] = (mine[item] ?? 0) + n;
  }
  return mine;
}

export function votesUsed(state: BoardState, voterTag: string): number {
  return Object.values(votesOf(state, voterTag)).reduce((a, b) => a + b, 0);
}

export type VoteCheck = 'ok' | 'budget' | 'cap' | 'no-item';

/** VO-1/VO-2/VO-3: a vote needs a real item, a vote left in the budget, and room under the per-item cap. */
/**
 * VO-2 VO-3: the limit one more vote would pass — the budget before the item's cap — or null: the server's `canVote`
 * and the page's "Vote for" (which answers a press in the words of the server's refusal) decide by this one rule.
 */
export function voteLimit(left: number, onItem: number, perItemCap: number): 'budget' | 'cap' | null {
  if (left <= 0) return 'budget';
  if (onItem >= perItemCap) return 'cap';
  return null;
}

export function canVote(state: BoardState, voterTag: string, targetId: string): VoteCheck {
  const item = itemOf(state, targetId);
  if (!item) return 'no-item';
  const mine = votesOf(state, voterTag);
  const used = Object.values(mine).reduce((a, b) => a + b, 0);
  return voteLimit(state.settings.voteBudget - used, mine[item] ?? 0, state.settings.perItemCap) ?? 'ok';
}

/** The target a retraction should take a vote from: the voter's vote on the item itself, or on one of its cards. */
export function retractTarget(state: BoardState, voterTag: string, itemId: string): string | null {
  for (const [targetId, n] of state.votesByVoter.get(voterTag) ?? []) {
    if (n > 0 && itemOf(state, targetId) === itemId) return targetId;
  }
  return null;
}

/**
 * AN-12: how many different people voted, at least: those known here by their voter tag, and the stored voters
 * not recognised here yet (`waitingVoters`, which the marks part keeps as it keeps the votes: after a restart, or
 * with several processes, each vote waits under a placeholder of its own until its voter comes back). A part
 * stored before it kept that number makes all its waiting votes one voter (`AnonymousState`): a lower bound,
 * which can only withhold tallies that could have shown, never the reverse.
 */
export function votersAtLeast(state: BoardState): number {
  return knownVoters(state) + state.waitingVoters;
}

/** AN-12: the voters known here by their tags (what the marks part adds its waiting voters to) */
export function knownVoters(state: BoardState): number {
  let known = 0;
  for (const [voterTag, byTarget] of state.votesByVoter) if (byTarget.size > 0 && !isPlaceholder(voterTag)) known++;
  return known;
}

/**
 * AN-12: whether Vote may close with its tallies shown: every viewer, voter or not, must see the votes of at
 * least `minOthersToShow` other people (AN-9's rule for pulse and consensus), so more voters than that.
 */
export function enoughVotersToShow(state: BoardState): boolean {
  return votersAtLeast(state) > state.minOthersToShow;
}

/** VO-4, AN-12: the tallies (and the ranking made from them) show past Vote, unless that vote had too few voters. */
export function talliesShown(state: BoardState): boolean {
  return talliesVisible(state.phase) && !state.talliesWithheld;
}
