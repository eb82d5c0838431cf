import { describe, expect, it } from 'vitest';
import type { BoardCommand } from '../sync/commandQueue.js';
import { answeredVotes, unsentVoteChanges } from './unsentVotes.js';

let n = 0;
const cast = (itemId: string): BoardCommand => ({ type: 'vote.cast', itemId, id: `c${n++}` });
const retract = (itemId: string): BoardCommand => ({ type: 'vote.retract', itemId, id: `r${n++}` });
const card: BoardCommand = { type: 'card.add', columnId: 'start', text: 'not a vote', id: 'card' };

describe('RC-13 my vote changes the server has not answered', () => {
  it('RC-13 counts casts and retracts on an item, or on all items, and nothing else', () => {
    const pending = [cast('a'), card, retract('b'), cast('a')];
    expect(unsentVoteChanges(pending, 'a')).toBe(2);
    expect(unsentVoteChanges(pending, 'b')).toBe(1);
    expect(unsentVoteChanges(pending, 'c')).toBe(0);
    expect(unsentVoteChanges(pending)).toBe(3);
    expect(unsentVoteChanges([card])).toBe(0);
  });

  it('RC-13 the votes the server has answered are those shown less the unsent casts and plus the unsent retracts, within 0 and the cap', () => {
    // two shown, one of them cast offline: one answered
    expect(answeredVotes(2, [cast('a')], 'a', 2)).toBe(1);
    // none shown, one taken back offline: the server still has it
    expect(answeredVotes(0, [retract('a')], 'a', 2)).toBe(1);
    // cast and taken back again: what the server has is what is shown
    expect(answeredVotes(1, [cast('a'), retract('a')], 'a', 2)).toBe(1);
    // another item's changes are not this one's
    expect(answeredVotes(1, [cast('b'), retract('b')], 'a', 2)).toBe(1);
    expect(answeredVotes(0, [cast('a'), cast('a')], 'a', 2)).toBe(0);
    expect(answeredVotes(2, [retract('a'), retract('a'), retract('a')], 'a', 2)).toBe(2);
  });
});
