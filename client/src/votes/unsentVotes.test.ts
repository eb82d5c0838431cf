import { describe, expect, it } from 'vitest';
import type { BoardCommand } from '../sync/commandQueue.js';
import { unsentVotes } from './unsentVotes.js';

let n = 0;
const cast = (itemId: string): BoardCommand => ({ type: 'vote.cast', itemId, id: `c${n++}` });
const retract = (itemId: string): BoardCommand => ({ type: 'vote.retract', itemId, id: `r${n++}` });
const card: BoardCommand = { type: 'card.add', columnId: 'start', text: 'not a vote', id: 'card' };

describe('RC-13 my votes the server does not have yet', () => {
  it('RC-13 counts the votes cast and taken back on an item, or on all items, and nothing else', () => {
    const pending = [cast('a'), card, retract('b'), cast('a')];
    expect(unsentVotes(pending, 'a')).toBe(2);
    expect(unsentVotes(pending, 'b')).toBe(1);
    expect(unsentVotes(pending, 'c')).toBe(0);
    expect(unsentVotes(pending)).toBe(3);
    expect(unsentVotes([card])).toBe(0);
  });

  it('RC-13 a vote cast and taken back again while offline, again and again, is no vote not sent: never more than the budget', () => {
    // a budget of 3: cast and taken back three times on a, then a vote on each of a, b, c (9 changes)
    const pending = [cast('a'), retract('a'), cast('a'), retract('a'), cast('a'), retract('a'), cast('a'), cast('b'), cast('c')];
    expect(unsentVotes(pending)).toBe(3);
    expect(unsentVotes(pending, 'a')).toBe(1);
    // taken back and cast again where the server has it: what shows is what it has
    expect(unsentVotes([retract('d'), cast('d')], 'd')).toBe(0);
    expect(unsentVotes([retract('d'), cast('d')])).toBe(0);
  });
});
