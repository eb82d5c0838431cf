import { describe, expect, it } from 'vitest';
import type { PublicCard, PublicGroup } from '@candor/shared';
import { dropOutcome } from './dropOutcome.js';

const card = (id: string, groupId: string | null = null): PublicCard => ({ id, columnId: 'c', text: id, groupId, signedBy: null, edited: false });
const cards = new Map([card('a'), card('b'), card('g1', 'g'), card('g2', 'g')].map((c) => [c.id, c]));
const groups = new Map<string, PublicGroup>([['g', { id: 'g', title: '', columnId: 'c', cardIds: ['g1', 'g2'] }]]);

describe('GR-* UI-13 what letting a dragged card go does (the command sent, and what is announced)', () => {
  it('on another card: the two are grouped', () => {
    expect(dropOutcome(cards.get('a')!, { kind: 'card', id: 'b' }, cards, groups)).toEqual({ kind: 'group', withCardId: 'b' });
  });
  it('on a group: the card joins it, through one of its other cards', () => {
    expect(dropOutcome(cards.get('a')!, { kind: 'group', id: 'g' }, cards, groups)).toEqual({ kind: 'join', groupId: 'g', withCardId: 'g1' });
  });
  it('on a column\'s empty space: a grouped card leaves its group, a card alone goes back', () => {
    expect(dropOutcome(cards.get('g2')!, { kind: 'column', id: 'c' }, cards, groups)).toEqual({ kind: 'ungroup' });
    expect(dropOutcome(cards.get('a')!, { kind: 'column', id: 'c' }, cards, groups)).toEqual({ kind: 'none' });
  });
  it('on itself, on its own group, on a card of its own group or on nothing: nothing', () => {
    for (const target of [{ kind: 'card', id: 'a' }, null] as const) expect(dropOutcome(cards.get('a')!, target, cards, groups)).toEqual({ kind: 'none' });
    expect(dropOutcome(cards.get('g1')!, { kind: 'group', id: 'g' }, cards, groups)).toEqual({ kind: 'none' });
    expect(dropOutcome(cards.get('g1')!, { kind: 'card', id: 'g2' }, cards, groups)).toEqual({ kind: 'none' });
  });
});
