import { describe, expect, it } from 'vitest';
import { type BoardEvent, type BoardState, emptyBoard, evolve } from '@candor/shared';
import { AnonymousState, type StoredParts } from './anonymousState.js';
import { PREFIX_FILTER_FROM } from './factTags.js';
import { storedText, tagsOf, testWriters } from './anonymousState.testing.js';

/** A big board after a restart: a join tests its slots against the waiting facts' prefixes first (`WaitingPrefixes`). */
const person = tagsOf;
const PEOPLE = 120;
const people = Array.from({ length: PEOPLE }, (_, n) => person(n));
const created: BoardEvent = { type: 'board.created', name: 'Big', templateId: 't', columns: [{ id: 'c', title: 'C', prompt: '' }], settings: { voteBudget: 3, perItemCap: 2 } };

/** each person writes three cards and deletes the middle one (a gap in their slots), then casts two votes */
function live(): { state: BoardState; blob: StoredParts } {
  const state = emptyBoard('big');
  evolve(state, created);
  people.forEach((p, n) => {
    for (let c = 0; c < 3; c++) evolve(state, { type: 'card.added', cardId: `card-${n}-${c}`, columnId: 'c', text: `text ${n} ${c}`, authorTag: p.authorTag });
  });
  const encoder = new AnonymousState(testWriters);
  encoder.encode(state); // every card gets its slot (0, 1, 2) while all three exist
  people.forEach((_, n) => evolve(state, { type: 'card.deleted', cardId: `card-${n}-1` }));
  people.forEach((p, n) => {
    evolve(state, { type: 'vote.cast', targetId: `card-${(n + 1) % PEOPLE}-0`, voterTag: p.voterTag });
    evolve(state, { type: 'vote.cast', targetId: `card-${(n + 2) % PEOPLE}-2`, voterTag: p.voterTag });
  });
  return { state, blob: encoder.encode(state) };
}

describe('anonymous state: the prefix filter of a big board', () => {
  it('AR-2 after a restart each of 120 people gets back exactly their own cards (slots 0 and 2) and votes', () => {
    const { blob } = live();
    const restarted = emptyBoard('big');
    evolve(restarted, created);
    const anonymous = new AnonymousState(testWriters);
    anonymous.load(restarted, blob);
    expect(restarted.cards.size + PEOPLE * 2).toBeGreaterThanOrEqual(PREFIX_FILTER_FROM); // the filter is in use

    for (const [n, p] of people.entries()) {
      anonymous.recognise(restarted, p);
      expect([...(restarted.cardsByAuthor.get(p.authorTag) ?? [])].sort()).toEqual([`card-${n}-0`, `card-${n}-2`]);
      expect([...(restarted.votesByVoter.get(p.voterTag) ?? [])].map(([target]) => target).sort()).toEqual([`card-${(n + 1) % PEOPLE}-0`, `card-${(n + 2) % PEOPLE}-2`].sort());
    }
    // nothing is left waiting, and the restarted state stores what the live one did
    expect([...restarted.cards.values()].every((c) => !c.authorTag.startsWith('~'))).toBe(true);
    expect(storedText(anonymous.encode(restarted))).toBe(storedText(blob));
  });
});
