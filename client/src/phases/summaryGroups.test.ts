import { describe, expect, it } from 'vitest';
import type { PublicCard, PublicGroup } from '@candor/shared';
import { summaryGroups } from './summaryGroups.js';

const card = (id: string, columnId: string, groupId: string | null = null): PublicCard => ({ id, columnId, text: id, groupId, signedBy: null, edited: false });

describe('the closed summary’s groups', () => {
  const cards = [card('c1', 'continue', 'g'), card('s1', 'stop', 'g'), card('s2', 'stop'), card('k1', 'continue', 'h'), card('k2', 'continue', 'h'), card('k3', 'continue', 'h')];
  const groups: PublicGroup[] = [
    { id: 'g', title: 'Friday demos, they keep us honest', columnId: 'stop', cardIds: ['c1', 's1'] },
    { id: 'h', title: '', columnId: 'continue', cardIds: ['k1', 'k2', 'k3'] },
  ];

  it('EX-5 each group once, with its cards and its votes, which "All cards" gives none of its cards (a group not discussed had its votes nowhere)', () => {
    expect(summaryGroups({ cards, groups, tallies: { g: 3, s2: 1 } })).toEqual([
      { id: 'g', title: 'Friday demos, they keep us honest', cards: 2, votes: 3 },
      { id: 'h', title: '', cards: 3, votes: 0 },
    ]);
  });

  it('VO-4 AN-12 no votes while the tallies are hidden', () => {
    expect(summaryGroups({ cards, groups, tallies: null }).map((g) => g.votes)).toEqual([null, null]);
  });
});
