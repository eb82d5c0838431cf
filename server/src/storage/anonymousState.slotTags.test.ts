import { describe, expect, it } from 'vitest';
import { type BoardEvent, type BoardState, emptyBoard, evolve } from '@candor/shared';
import { AnonymousState, SLOT_TAGS_KEPT_FROM } from './anonymousState.js';

/**
 * ME-3: a board of fewer than `SLOT_TAGS_KEPT_FROM` people keeps none of its people's slot tags between encodes
 * (it derives them again each time); a bigger one keeps them. Either way it stores the same bytes.
 */
const tags = (n: number) => ({ authorTag: `author-${n}`.padEnd(43, 'x'), voterTag: `voter-${n}`.padEnd(43, 'x'), pulseTag: `pulse-${n}`.padEnd(43, 'x') });

function boardOf(people: number, cardsEach: number): BoardState {
  const state = emptyBoard('b');
  evolve(state, { type: 'board.created', name: 'B', templateId: 't', columns: [{ id: 'c', title: 'C', prompt: '' }], settings: { voteBudget: 3, perItemCap: 2 } });
  for (let p = 0; p < people; p++) {
    state.participants.set(`person-${p}`, { id: `person-${p}`, name: `Person ${p}`, handle: `handle-${p}`, isFacilitator: false, online: true, offlineSince: null });
    for (let c = 0; c < cardsEach; c++) {
      evolve(state, { type: 'card.added', cardId: `card-${p}-${c}`, columnId: 'c', text: `text ${p} ${c}`, authorTag: tags(p).authorTag });
    }
  }
  return state;
}

describe('ME-3 slot tags kept only on big boards', () => {
  it('ME-3 an 8-person board keeps no slot tags between encodes and stores what an encoder that keeps them stores', () => {
    const state = boardOf(8, 30);
    const small = new AnonymousState();
    // the same encodes, so the same slot history, with every person's slot tags kept
    const keeping = new AnonymousState({ keepSlotTagsFrom: 0 });
    const both = () => [Buffer.from(small.encode(state)).toString('utf8'), Buffer.from(keeping.encode(state)).toString('utf8')];
    const changes: BoardEvent[] = [
      { type: 'vote.cast', targetId: 'card-1-1', voterTag: tags(3).voterTag },
      { type: 'vote.cast', targetId: 'card-1-1', voterTag: tags(3).voterTag },
      { type: 'pulse.answered', pulseTag: tags(2).pulseTag, value: 4 },
      { type: 'card.deleted', cardId: 'card-0-3' },
      { type: 'card.added', cardId: 'card-0-new', columnId: 'c', text: 'takes the freed slot', authorTag: tags(0).authorTag },
    ];
    const [first, reference] = both();
    expect(first).toBe(reference);
    for (const event of changes) {
      evolve(state, event);
      const [mine, theirs] = both();
      expect(mine, event.type).toBe(theirs);
    }
    expect(small.keptSlotTags).toBe(0);
    expect(keeping.keptSlotTags).toBeGreaterThan(0);
  });

  it(`ME-3 a board of ${SLOT_TAGS_KEPT_FROM} people keeps its people's slot tags`, () => {
    const state = boardOf(SLOT_TAGS_KEPT_FROM, 2);
    const anonymous = new AnonymousState();
    anonymous.encode(state);
    expect(anonymous.keptSlotTags).toBe(SLOT_TAGS_KEPT_FROM);
  });
});
