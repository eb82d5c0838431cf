import { describe, expect, it } from 'vitest';
import { type BoardEvent, type BoardState, emptyBoard, evolve } from '@candor/shared';
import { AnonymousState, SLOT_TAGS_KEPT_FROM } from './anonymousState.js';
import { storedText, testWriters } from './anonymousState.testing.js';

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
    const small = new AnonymousState(testWriters);
    // the same encodes, so the same slot history, with every person's slot tags kept
    const keeping = new AnonymousState(testWriters, { keepSlotTagsFrom: 0 });
    const both = () => [storedText(small.encode(state)), storedText(keeping.encode(state))];
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
    const anonymous = new AnonymousState(testWriters);
    anonymous.encode(state);
    expect(anonymous.keptSlotTags).toBe(SLOT_TAGS_KEPT_FROM);
  });
});

/** each card's stored tag in a blob */
const storedTags = (blob: { cards: Uint8Array | null; marks: Uint8Array | null }) => new Map((JSON.parse(storedText(blob)) as { cards: { id: string; tag: string }[] }).cards.map((c) => [c.id, c.tag]));

describe('ME-4 card slots kept per author', () => {
  it('ME-4 AR-2 a card keeps its stored tag for its life; a new card takes the slot a deleted one freed, also after a restart', () => {
    const state = boardOf(8, 30);
    const anonymous = new AnonymousState(testWriters);
    const first = storedTags(anonymous.encode(state));
    expect(new Set(first.values()).size).toBe(240);
    evolve(state, { type: 'card.deleted', cardId: 'card-0-3' });
    const afterDelete = storedTags(anonymous.encode(state));
    for (const [id, tag] of afterDelete) expect(tag, id).toBe(first.get(id));
    evolve(state, { type: 'card.added', cardId: 'card-0-new', columnId: 'c', text: 'new', authorTag: tags(0).authorTag });
    const blob = anonymous.encode(state);
    const afterAdd = storedTags(blob);
    expect(afterAdd.get('card-0-new')).toBe(first.get('card-0-3'));
    for (const [id, tag] of afterDelete) expect(afterAdd.get(id), id).toBe(tag);

    // a restart: every card waits for its author; once they are back, the same tags, and the next new card takes a free slot
    const restarted = boardOf(0, 0);
    const reloaded = new AnonymousState(testWriters);
    reloaded.load(restarted, blob);
    expect(storedTags(reloaded.encode(restarted))).toEqual(afterAdd);
    for (let p = 0; p < 8; p++) reloaded.recognise(restarted, { ...tags(p), consensusTag: `c${p}`, trustTag: `t${p}`, reactionTag: `r${p}` });
    expect(storedTags(reloaded.encode(restarted))).toEqual(afterAdd);
    evolve(restarted, { type: 'card.deleted', cardId: 'card-1-0' });
    evolve(restarted, { type: 'card.added', cardId: 'card-1-new', columnId: 'c', text: 'again', authorTag: tags(1).authorTag });
    const later = storedTags(reloaded.encode(restarted));
    expect(later.get('card-1-new')).toBe(afterAdd.get('card-1-0'));
    expect(new Set(later.values()).size).toBe(later.size);
  });
});
