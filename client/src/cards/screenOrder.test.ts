import { describe, expect, it } from 'vitest';
import type { PublicBoardView, PublicCard, PublicGroup } from '@candor/shared';
import { walkSteps } from './items.js';
import { cardsInScreenOrder } from './screenOrder.js';

const card = (id: string, columnId: string, groupId: string | null = null): PublicCard => ({ id, columnId, text: id, groupId, signedBy: null, edited: false });

describe('GR-10 "Group with…" lists the cards as the board shows them', () => {
  // the server's order is shuffled across the columns (RV-*); the columns draw each its own cards in that order
  const cards = [card('s1', 'stop'), card('k1', 'keep', 'g'), card('s2', 'stop'), card('k2', 'keep'), card('s3', 'stop', 'g'), card('k3', 'keep')];
  const groups = new Map<string, PublicGroup>([['g', { id: 'g', title: '', columnId: 'keep', cardIds: ['k1', 's3'] }]]);
  const columns = [{ id: 'stop' }, { id: 'keep' }];

  it('column by column, in the columns\' order, each top to bottom; a group\'s cards where the group stands (GR-9)', () => {
    const order = cardsInScreenOrder(columns, cards, groups, new Set());
    expect(order.map(({ column, cards: inColumn }) => [column.id, inColumn.map((c) => c.id)])).toEqual([
      ['stop', ['s1', 's2']],
      ['keep', ['k1', 's3', 'k2', 'k3']],
    ]);
  });

  it('a card being deleted is left out, and its group stands at its next card', () => {
    const deleted = new Set(['k1']);
    const order = cardsInScreenOrder(columns, cards.filter((c) => !deleted.has(c.id)), groups, deleted);
    expect(order.map(({ cards: inColumn }) => inColumn.map((c) => c.id))).toEqual([['s1', 's2'], ['k2', 's3', 'k3']]);
  });
});

describe('CW-6 CW-10 the walk\'s steps are the walked column\'s entries as the board shows them', () => {
  // the group lives in "keep" and stands at the place of its first card still there (GR-9)
  const cards = [card('s1', 'stop'), card('k1', 'keep', 'g'), card('k2', 'keep'), card('s2', 'stop', 'g'), card('k3', 'keep')];
  const groups: PublicGroup[] = [{ id: 'g', title: '', columnId: 'keep', cardIds: ['s2', 'k1'] }];
  const board = (walkItemId: string | null) => ({ cards, groups, walkColumnId: 'keep', walkItemId }) as unknown as PublicBoardView;

  it('a card being deleted is no step, and its group stands at its next card (the facilitator\'s steps and the screen\'s count agree)', () => {
    expect(walkSteps(board('k3'))).toEqual({ ids: ['k2', 'g', 'k3'], at: 2 });
    expect(walkSteps(board('k3'), new Set(['s2']))).toEqual({ ids: ['g', 'k2', 'k3'], at: 2 });
    expect(walkSteps(board('k2'), new Set(['k2']))).toEqual({ ids: ['g', 'k3'], at: -1 });
  });
});
