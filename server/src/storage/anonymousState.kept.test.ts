import { describe, expect, it } from 'vitest';
import { type BoardEvent, type BoardState, emptyBoard, evolve } from '@candor/shared';
import { AnonymousState, STORED_CARDS_KEPT_FROM } from './anonymousState.js';
import { storedText, testWriters } from './anonymousState.testing.js';

/**
 * A big board keeps the stored form of its cards between encodes (`STORED_CARDS_KEPT_FROM`): what it stores
 * must be byte for byte what a fresh encoder of the same state stores, whatever changed in between.
 */
const tags = (n: number) => ({ authorTag: `author-${n}`.padEnd(43, 'x'), voterTag: `voter-${n}`.padEnd(43, 'x') });
const PEOPLE = 40;

function bigBoard(): BoardState {
  const state = emptyBoard('big');
  evolve(state, { type: 'board.created', name: 'Big', templateId: 't', columns: [{ id: 'c', title: 'C', prompt: '' }], settings: { voteBudget: 3, perItemCap: 2 } });
  for (let i = 0; i < STORED_CARDS_KEPT_FROM + 20; i++) {
    evolve(state, { type: 'card.added', cardId: `card${String(i).padStart(4, '0')}`, columnId: 'c', text: `text ${i}`, authorTag: tags(i % PEOPLE).authorTag });
  }
  return state;
}

/** where two stored forms first differ, so that a failure shows a few characters rather than the whole board */
function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 40), i + 40)}… vs …${b.slice(Math.max(0, i - 40), i + 40)}…`;
}

describe('anonymous state kept for big boards', () => {
  it('AR-1 a big board stores the same bytes as an encoder that keeps nothing, after votes, an edit, a grouping, an added and a signed card, the reveal and a deletion', () => {
    const state = bigBoard();
    const anonymous = new AnonymousState(testWriters);
    // the reference rebuilds every card's entry at every encode (the same encodes, so the same slot history)
    const reference = new AnonymousState(testWriters, { keepCardsFrom: Number.POSITIVE_INFINITY });
    const encode = () => storedText(anonymous.encode(state));
    const freshly = () => storedText(reference.encode(state));
    expect(firstDifference(encode(), freshly())).toBeNull();
    const changes: BoardEvent[][] = [
      [{ type: 'vote.cast', targetId: 'card0001', voterTag: tags(3).voterTag }],
      [{ type: 'card.edited', cardId: 'card0002', text: 'changed after the first encode' }],
      [{ type: 'vote.cast', targetId: 'card0002', voterTag: tags(4).voterTag }],
      [
        { type: 'card.grouped', cardId: 'card0005', groupId: 'g1' },
        { type: 'card.grouped', cardId: 'card0006', groupId: 'g1' },
      ],
      [{ type: 'group.titled', groupId: 'g1', title: 'Together' }],
      [{ type: 'card.added', cardId: 'card0003b', columnId: 'c', text: 'added "later", with quotes \\ and a backslash', authorTag: tags(5).authorTag }],
      [{ type: 'card.signed', cardId: 'card0008', name: 'Ada' }],
      [{ type: 'phase.changed', phase: 'reveal', revealSeed: 'seed' }],
      [{ type: 'card.deleted', cardId: 'card0007' }],
      [{ type: 'vote.retracted', targetId: 'card0001', voterTag: tags(3).voterTag }],
    ];
    for (const events of changes) {
      for (const event of events) evolve(state, event);
      expect(firstDifference(encode(), freshly()), events.map((e) => e.type).join()).toBeNull();
    }
    const last = JSON.parse(encode()) as { cards: { id: string; text: string; revealed: boolean; group: string | null }[]; groups: { title: string }[] };
    expect(last.cards.find((c) => c.id === 'card0002')?.text).toBe('changed after the first encode');
    expect(last.cards.every((c) => c.revealed)).toBe(true);
    expect(last.groups.map((g) => g.title)).toEqual(['Together']);
  });
});
