import { describe, expect, it } from 'vitest';
import { type BoardState, emptyBoard, evolve } from '@candor/shared';
import { StoredCardsBuilder, storedCardsJson } from './storedCards.js';
import { sealWritersOf } from './anonymousState.testing.js';

const tagOf = (card: { authorTag: string }) => `tag-${card.authorTag}`;
const sealWriters = sealWritersOf('b');

function board(cards: [id: string, text: string][]): BoardState {
  const state = emptyBoard('b');
  evolve(state, { type: 'board.created', name: 'S', templateId: 't', columns: [{ id: 'c', title: 'C', prompt: '' }], settings: { voteBudget: 3, perItemCap: 2 } });
  for (const [id, text] of cards) evolve(state, { type: 'card.added', cardId: id, columnId: 'c', text, authorTag: `author-${id}` });
  return state;
}

describe('stored cards part', () => {
  it('CL-17 takes in only the cards another part adds, whatever their text holds (braces, quotes, backslashes), in id order', () => {
    const before = board([['b1', 'plain'], ['d1', 'a {brace}']]);
    const builder = new StoredCardsBuilder();
    builder.build(before, tagOf, sealWriters);
    const after = board([['a1', 'quote " and \\ and }'], ['b1', 'plain'], ['c1', '{"id":"x"}'], ['d1', 'a {brace}'], ['e1', 'last']]);
    const json = storedCardsJson(after, tagOf, sealWriters);
    const added = builder.takeAdded(json, (tag) => `~${tag}`);
    expect(added?.map((c) => [c.id, c.text])).toEqual([
      ['a1', 'quote " and \\ and }'],
      ['c1', '{"id":"x"}'],
      ['e1', 'last'],
    ]);
    expect(builder.makes(json)).toBe(true);
    // and the part it then builds for the same cards is the same bytes
    expect(builder.build(after, tagOf, sealWriters)).toBe(json);
  });

  it('CL-17 refuses a part that changes or drops a card it knows, or changes the groups: nothing is taken in', () => {
    const base = () => {
      const builder = new StoredCardsBuilder();
      builder.build(board([['b1', 'one'], ['d1', 'two']]), tagOf, sealWriters);
      return builder;
    };
    const edited = storedCardsJson(board([['b1', 'one!'], ['d1', 'two']]), tagOf, sealWriters);
    const dropped = storedCardsJson(board([['d1', 'two'], ['e1', 'three']]), tagOf, sealWriters);
    const grouped = board([['b1', 'one'], ['d1', 'two']]);
    evolve(grouped, { type: 'card.grouped', cardId: 'd1', groupId: 'g1' });
    for (const json of [edited, dropped, storedCardsJson(grouped, tagOf, sealWriters)]) {
      const builder = base();
      expect(builder.takeAdded(json, (tag) => `~${tag}`)).toBeNull();
      expect(builder.makes(json)).toBe(false);
    }
  });
});
