import { describe, expect, it } from 'vitest';
import type { PublicBoardView, PublicCard } from '@candor/shared';
import type { BoardCommand } from '../sync/commandQueue.js';
import { withPendingGroupings } from './pendingGroupings.js';

const card = (id: string, columnId: string, groupId: string | null = null): PublicCard => ({ id, columnId, text: `${id} words`, groupId, signedBy: null, edited: false });
// in reveal order: b before a, so a new group of the two is titled from b (GR-6)
const board = {
  cards: [card('b', 'stop'), card('a', 'start'), card('g1', 'stop', 'g'), card('g2', 'stop', 'g'), card('c', 'start')],
  groups: [{ id: 'g', title: 'G', columnId: 'stop', cardIds: ['g1', 'g2'] }],
} as unknown as PublicBoardView;
const group = (id: string, cardId: string, withCardId: string): BoardCommand => ({ type: 'card.group', id, cardId, withCardId });
const members = (shown: PublicBoardView) => Object.fromEntries(shown.groups.map((g) => [g.id, g.cardIds]));

describe('OW-1 my unsent groupings, as the board will show them', () => {
  it('two cards alone make a group, in the column of the card dropped onto, titled from the first in reveal order', () => {
    const { board: shown, waiting } = withPendingGroupings(board, [group('q1', 'b', 'a')]);
    expect(shown.groups.find((g) => g.id === 'pending:q1')).toEqual({ id: 'pending:q1', title: 'b words', columnId: 'start', cardIds: ['b', 'a'] });
    expect(shown.cards.find((c) => c.id === 'a')?.groupId).toBe('pending:q1');
    expect([...waiting]).toEqual(['pending:q1']);
  });

  it('a card joins the group of the card dropped onto, and a group left with one card is gone', () => {
    const { board: shown, waiting } = withPendingGroupings(board, [group('q1', 'g1', 'c')]);
    expect(members(shown)).toEqual({ 'pending:q1': ['g1', 'c'] });
    expect(shown.cards.find((c) => c.id === 'g2')?.groupId).toBeNull();
    expect([...waiting]).toEqual(['pending:q1']);
    const joined = withPendingGroupings(board, [group('q2', 'a', 'g2')]);
    expect(members(joined.board)).toEqual({ g: ['a', 'g1', 'g2'] });
    expect([...joined.waiting]).toEqual(['g']);
  });

  it('what the server would do nothing with changes nothing: the same group, a card gone, a lone card taken out, other commands', () => {
    const pending: BoardCommand[] = [
      group('q1', 'g1', 'g2'),
      group('q2', 'a', 'gone'),
      { type: 'card.ungroup', id: 'q3', cardId: 'a' },
      { type: 'card.ungroup', id: 'q4', cardId: 'gone' },
      { type: 'card.edit', id: 'q5', cardId: 'g1', text: 'new words' },
    ];
    const { board: shown, waiting, waitingCards } = withPendingGroupings(board, pending);
    expect(members(shown)).toEqual({ g: ['g1', 'g2'] });
    expect(waiting.size).toBe(0);
    expect(waitingCards.size).toBe(0);
    expect(withPendingGroupings(board, []).board).toBe(board);
  });

  it('WG-2 a card taken out of its group offline stands alone at once, marked, and a group left with one card is gone', () => {
    const ungroup = (id: string, cardId: string): BoardCommand => ({ type: 'card.ungroup', id, cardId });
    // out of the room's group of two: no group left, the card marked as waiting
    const out = withPendingGroupings(board, [ungroup('q1', 'g1')]);
    expect(members(out.board)).toEqual({});
    expect(out.board.cards.find((c) => c.id === 'g1')?.groupId).toBeNull();
    expect(out.board.cards.find((c) => c.id === 'g2')?.groupId).toBeNull();
    expect([...out.waitingCards]).toEqual(['g1']);
    // out of a group of three (one joined offline first): the group stays, with the two others, marked
    const three = withPendingGroupings(board, [group('q1', 'c', 'g2'), ungroup('q2', 'g1')]);
    expect(members(three.board)).toEqual({ g: ['g2', 'c'] });
    expect([...three.waiting]).toEqual(['g']);
    expect([...three.waitingCards]).toEqual(['g1']);
    // in order: a group made offline and undone offline is no group at all
    const undone = withPendingGroupings(board, [group('q1', 'b', 'a'), ungroup('q2', 'b')]);
    expect(members(undone.board)).toEqual({ g: ['g1', 'g2'] });
    expect(undone.waiting.size).toBe(0);
    // and a card taken out, then grouped again offline, is in its new group (not marked alone)
    const again = withPendingGroupings(board, [ungroup('q1', 'g1'), group('q2', 'g1', 'c')]);
    expect(members(again.board)).toEqual({ 'pending:q2': ['g1', 'c'] });
    expect(again.waitingCards.size).toBe(0);
  });
});
