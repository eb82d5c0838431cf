import { describe, expect, it } from 'vitest';
import { PLACEHOLDER } from './atRest.js';
import { evolve, type BoardState } from './board.js';
import { addCard, addPerson, alice, bob, boardWith, fran, moveTo, must, run } from './testBoard.js';
import { personalViewOf, viewOf } from './visibility.js';
import { canVote, itemIds, itemOf, rankItems, retractTarget, tallyVotes, votersAtLeast, votesOf, votesUsed } from './voting.js';

/** A board in Vote with three revealed cards a, b, c and a group of d + e. */
function votingBoard(settings?: { voteBudget: number; perItemCap: number }) {
  const state = boardWith();
  if (settings) must(state, fran, { type: 'settings.update', ...settings });
  const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((t) => addCard(state, t < 'c' ? alice : bob, `card ${t}`));
  moveTo(state, 'reveal');
  must(state, alice, { type: 'card.group', cardId: d, withCardId: e });
  const group = state.cards.get(d)!.groupId!;
  moveTo(state, 'vote');
  return { state, a, b, c, d, e, group };
}

const vote = (state: BoardState, who: typeof alice, itemId: string) => run(state, who, { type: 'vote.cast', itemId });

describe('voting', () => {
  it('VO-1 treats a group and each revealed card standing alone as items', () => {
    const { state, a, b, c, d, group } = votingBoard();
    expect(itemIds(state).sort()).toEqual([a, b, c, group].sort());
    expect(itemOf(state, d)).toBe(group);
    expect(itemOf(state, a)).toBe(a);
    expect(itemOf(state, 'nosuchcard')).toBeNull();
  });

  it('VO-1 has no item for a card that is not revealed', () => {
    const state = boardWith();
    const hidden = addCard(state, alice, 'hidden');
    expect(itemOf(state, hidden)).toBeNull();
    expect(itemIds(state)).toEqual([]);
  });

  it('VO-2 refuses a fourth vote when the budget is 3', () => {
    const { state, a, b, c } = votingBoard();
    expect(state.settings).toEqual({ voteBudget: 3, perItemCap: 2 });
    for (const item of [a, b, c]) expect(vote(state, alice, item).ok).toBe(true);
    expect(canVote(state, alice.voterTag, a)).toBe('budget');
    expect(vote(state, alice, a)).toMatchObject({ ok: false, code: 'VOTE_BUDGET_EXCEEDED' });
    expect(votesUsed(state, alice.voterTag)).toBe(3);
  });

  it('VO-2 counts the budget per voter: one voter spending it leaves the others theirs', () => {
    const { state, a, b, c } = votingBoard();
    for (const item of [a, b, c]) vote(state, alice, item);
    expect(canVote(state, bob.voterTag, a)).toBe('ok');
  });

  it('VO-3 refuses a third vote on one item when the cap is 2', () => {
    const { state, a } = votingBoard();
    expect(vote(state, alice, a).ok).toBe(true);
    expect(vote(state, alice, a).ok).toBe(true);
    expect(vote(state, alice, a)).toMatchObject({ ok: false, code: 'VOTE_CAP_EXCEEDED' });
    expect(votesOf(state, alice.voterTag)).toEqual({ [a]: 2 });
  });

  it('VO-3 counts votes through any card of a group against the group cap', () => {
    const { state, d, e, group } = votingBoard();
    expect(vote(state, alice, d).ok).toBe(true);
    expect(vote(state, alice, e).ok).toBe(true);
    expect(canVote(state, alice.voterTag, group)).toBe('cap');
    expect(votesOf(state, alice.voterTag)).toEqual({ [group]: 2 });
  });

  it('VO-2 checks the budget before the cap', () => {
    const { state, a, b } = votingBoard({ voteBudget: 2, perItemCap: 2 });
    vote(state, alice, a);
    vote(state, alice, a);
    expect(canVote(state, alice.voterTag, a)).toBe('budget');
    expect(canVote(state, alice.voterTag, b)).toBe('budget');
  });

  it('VO-5 tallies every voter per item, with zero for items nobody voted on', () => {
    const { state, a, b, c, group } = votingBoard();
    vote(state, alice, a);
    vote(state, bob, a);
    vote(state, bob, group);
    expect(tallyVotes(state)).toEqual({ [a]: 2, [b]: 0, [c]: 0, [group]: 1 });
  });

  it('VO-5 counts a vote toward the item its target belongs to now', () => {
    const { state, a, b } = votingBoard();
    vote(state, alice, a);
    vote(state, bob, b);
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.group', cardId: a, withCardId: b });
    const group = state.cards.get(a)!.groupId!;
    expect(tallyVotes(state)[group]).toBe(2);
    expect(votesOf(state, alice.voterTag)).toEqual({ [group]: 1 });
  });

  it('VO-3 VO-5 RC-7 the cap is on casting: votes cast within it stay when their cards are grouped later, even past it', () => {
    const { state, a, b } = votingBoard();
    vote(state, alice, a);
    vote(state, alice, a);
    vote(state, alice, b);
    moveTo(state, 'reveal');
    // refusing the grouping, or dropping a vote, would tell the room that someone voted on both cards
    must(state, bob, { type: 'card.group', cardId: a, withCardId: b });
    const group = state.cards.get(a)!.groupId!;
    moveTo(state, 'vote');
    expect(votesOf(state, alice.voterTag)).toEqual({ [group]: 3 });
    expect(canVote(state, alice.voterTag, group)).toBe('budget');
    expect(vote(state, alice, group)).toMatchObject({ ok: false });
  });

  it('VO-6 retracts from the vote on the item itself or on one of its cards', () => {
    const { state, d, group } = votingBoard();
    vote(state, alice, d);
    expect(retractTarget(state, alice.voterTag, group)).toBe(group);
    expect(retractTarget(state, bob.voterTag, group)).toBeNull();
  });

  it('DI-1 ranks items by votes, most first, ties in reveal order', () => {
    const { state, a, b, c, group } = votingBoard();
    vote(state, alice, c);
    vote(state, bob, c);
    vote(state, bob, a);
    const order = itemIds(state);
    const ranking = rankItems(state);
    expect(ranking[0]).toBe(c);
    expect(ranking[1]).toBe(a);
    const tied = [b, group].sort((x, y) => order.indexOf(x) - order.indexOf(y));
    expect(ranking.slice(2)).toEqual(tied);
  });

  it('DI-1 ranks in reveal order when nobody voted', () => {
    const { state } = votingBoard();
    expect(rankItems(state)).toEqual(itemIds(state));
  });
});

describe('tallies that cannot be subtracted (AN-12)', () => {
  const viewerOf = (who: typeof alice) => ({ kind: 'participant' as const, ...who });
  const publicOf = (state: BoardState) => viewOf(state, { kind: 'public' }).board;
  const room = (state: BoardState) => ['Carol', 'Dana', 'Erin'].map((name) => addPerson(state, name));

  it('AN-12 with three voters Vote closes with its tallies withheld: no counts, no ranking, items in reveal order and "next" follows it', () => {
    const { state } = votingBoard();
    const [carol] = room(state);
    // the most voted item is the last in reveal order, so a ranking would put it first
    const [first, , , last] = itemIds(state);
    for (const [who, item] of [[alice, last], [bob, last], [carol!, first]] as const) must(state, who, { type: 'vote.cast', itemId: item! });
    moveTo(state, 'discuss');
    const board = publicOf(state);
    expect(board).toMatchObject({ tallies: null, ranking: null });
    expect(board.discussOrder).toEqual(itemIds(state));
    must(state, fran, { type: 'discuss.next' });
    expect(state.currentItemId).toBe(first); // the reveal order's first, not the most voted
    expect(personalViewOf(state, viewerOf(bob)).votes).toEqual({ [last!]: 1 }); // my own votes stay mine to see
  });

  it('AN-12 with a fourth voter the same vote shows its tallies; the choice is made once, when Vote closes', () => {
    const { state, b, c } = votingBoard();
    const [carol, dana, erin] = room(state);
    for (const [who, item] of [[alice, c], [bob, c], [carol!, b], [dana!, b]] as const) must(state, who, { type: 'vote.cast', itemId: item });
    moveTo(state, 'discuss');
    expect(publicOf(state).tallies).toMatchObject({ [b]: 2, [c]: 2 });
    expect(publicOf(state).ranking!.slice(0, 2)).toEqual([b, c].sort((x, y) => itemIds(state).indexOf(x) - itemIds(state).indexOf(y)));
    expect(state.talliesWithheld).toBe(false);
    // erin votes nothing: four voters are enough in a room of six
    expect(erin).toBeDefined();
  });

  it('AN-12 back to Vote from Discuss starts a new vote: a late voter alone is never the difference between two tallies', () => {
    const { state, b, c } = votingBoard();
    const [carol, dana, erin] = room(state);
    for (const [who, item] of [[alice, c], [bob, c], [carol!, b], [dana!, b]] as const) must(state, who, { type: 'vote.cast', itemId: item });
    moveTo(state, 'discuss');
    const first = publicOf(state).tallies;
    expect(first).not.toBeNull();
    moveTo(state, 'vote');
    expect(personalViewOf(state, viewerOf(alice))).toMatchObject({ votes: {}, votesLeft: state.settings.voteBudget });
    must(state, erin!, { type: 'vote.cast', itemId: c });
    must(state, erin!, { type: 'vote.cast', itemId: b });
    moveTo(state, 'discuss');
    // the new vote has one voter: withheld, so nobody subtracts the first tallies from the second to get Erin's
    expect(publicOf(state)).toMatchObject({ tallies: null, ranking: null });
  });

  it('AN-12 going back from Vote to Reveal (tallies never shown) keeps the votes (PH-4)', () => {
    const { state, c } = votingBoard();
    must(state, alice, { type: 'vote.cast', itemId: c });
    moveTo(state, 'reveal');
    moveTo(state, 'vote');
    expect(personalViewOf(state, viewerOf(alice)).votes).toEqual({ [c]: 1 });
  });

  it('AN-12 after a load, votes waiting under placeholders are not voters each: the stored number of voters stands for them', () => {
    const { state, b, c } = votingBoard();
    must(state, alice, { type: 'vote.cast', itemId: c });
    // (AR-2: four votes loaded from storage, each under a placeholder until its voter comes back, from two voters)
    for (const [i, item] of [b, b, c, c].entries()) evolve(state, { type: 'vote.cast', targetId: item, voterTag: `${PLACEHOLDER}stored-${i}` });
    state.waitingVoters = 2;
    expect(votersAtLeast(state)).toBe(3);
    moveTo(state, 'discuss');
    expect(publicOf(state).tallies).toBeNull();
  });
});
