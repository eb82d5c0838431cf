import { describe, expect, it } from 'vitest';
import { emptyBoard, evolve } from './board.js';
import { RevealKeys, revealOrder } from './reveal.js';
import { addCard, alice, bob, boardWith, fran, moveTo, must, run } from './testBoard.js';
import { viewOf } from './visibility.js';

const ids = Array.from({ length: 20 }, (_, i) => `card${String(i).padStart(4, '0')}`);

describe('reveal', () => {
  it('RV-2 orders cards by seed and id alone, not by the order they were written', () => {
    const forward = revealOrder(ids, 'seed-a');
    const backward = revealOrder([...ids].reverse(), 'seed-a');
    expect(backward).toEqual(forward);
    expect([...forward].sort()).toEqual(ids);
    expect(forward).not.toEqual(ids);
  });

  it('RV-2 keeps the order boards were revealed in before the seed was hashed once per reveal (cyrb53 of seed:id)', () => {
    expect(revealOrder(ids.slice(0, 8), 'seed-a')).toEqual(['card0003', 'card0000', 'card0001', 'card0007', 'card0004', 'card0006', 'card0002', 'card0005']);
    expect(revealOrder(['x', 'y', 'zz', 'Ümlaut-ø'], '')).toEqual(['Ümlaut-ø', 'zz', 'x', 'y']);
  });

  it('RV-2 gives a card id that comes twice its place twice (equal keys go by id)', () => {
    const order = revealOrder([...ids.slice(0, 6), ids[2]!], 'seed-a');
    expect(order.filter((id) => id === ids[2])).toHaveLength(2);
    expect(order.filter((id) => id !== ids[2])).toEqual(revealOrder(ids.slice(0, 6), 'seed-a').filter((id) => id !== ids[2]));
  });

  it('RV-2 gives a different order for a different seed', () => {
    expect(revealOrder(ids, 'seed-a')).not.toEqual(revealOrder(ids, 'seed-b'));
  });

  it('RV-2 keeps the relative order of the other cards when one is removed or added', () => {
    const full = revealOrder(ids, 'seed-a');
    const without = revealOrder(ids.filter((id) => id !== full[3]), 'seed-a');
    expect(without).toEqual(full.filter((id) => id !== full[3]));
    const more = revealOrder([...ids, 'cardlater1'], 'seed-a');
    expect(more.filter((id) => id !== 'cardlater1')).toEqual(full);
  });

  it('RV-10 orders the cards kept as they were written exactly as hashing their ids then would', () => {
    const keys = new RevealKeys('seed-a');
    for (const id of ids.slice(0, 12)) keys.keep(id);
    keys.forget(ids[4]!);
    const kept = ids.slice(0, 12).filter((id) => id !== ids[4]);
    // every card kept, some of them (given in any order); none when a card is not kept, or under another seed
    expect(keys.orderOf(kept, 'seed-a')).toEqual(revealOrder(kept, 'seed-a'));
    expect(keys.orderOf(kept.slice(3, 9).reverse(), 'seed-a')).toEqual(revealOrder(kept.slice(3, 9), 'seed-a'));
    expect(keys.orderOf(ids, 'seed-a')).toBeUndefined();
    expect(keys.orderOf([ids[4]!], 'seed-a')).toBeUndefined();
    expect(keys.orderOf(kept, 'seed-b')).toBeUndefined();
  });

  it('RV-10 keeps the cards in reveal order as they are written and forgotten, in any order', () => {
    const keys = new RevealKeys('seed-a');
    for (const id of [...ids].reverse()) keys.keep(id);
    for (const id of ids.slice(0, 5)) keys.keep(id);
    expect(keys.orderOf(ids, 'seed-a')).toEqual(revealOrder(ids, 'seed-a'));
    keys.forget(ids[7]!);
    keys.forget('never-kept');
    const rest = ids.filter((id) => id !== ids[7]);
    expect(keys.orderOf([...rest].reverse(), 'seed-a')).toEqual(revealOrder(rest, 'seed-a'));
    // only for cards kept, and under their seed
    expect(keys.orderOf(ids, 'seed-a')).toBeUndefined();
    expect(keys.orderOf(rest.slice(1), 'seed-a')).toEqual(revealOrder(rest.slice(1), 'seed-a'));
    expect(keys.orderOf(rest, 'seed-b')).toBeUndefined();
  });

  it('RV-1 reveals every card at once on entering Reveal', () => {
    const state = boardWith();
    addCard(state, alice, 'alpha');
    addCard(state, bob, 'beta');
    expect([...state.cards.values()].every((c) => !c.revealed)).toBe(true);
    expect(viewOf(state, { kind: 'public' }).board.cards).toEqual([]);
    moveTo(state, 'reveal');
    expect([...state.cards.values()].every((c) => c.revealed)).toBe(true);
    expect(viewOf(state, { kind: 'public' }).board.cards.map((c) => c.text).sort()).toEqual(['alpha', 'beta']);
  });

  it('RV-2 shows revealed cards in revealOrder of their ids with the board seed', () => {
    const state = boardWith();
    for (let i = 0; i < 8; i++) addCard(state, i % 2 ? alice : bob, `card ${i}`);
    moveTo(state, 'reveal');
    const shown = viewOf(state, { kind: 'public' }).board.cards.map((c) => c.id);
    expect(shown).toEqual(revealOrder([...state.cards.keys()], state.revealSeed!));
  });

  it('RV-3 draws the seed on the first Reveal and keeps it afterwards', () => {
    const state = boardWith();
    expect(state.revealSeed).toBeNull();
    const first = run(state, fran, { type: 'phase.set', phase: 'reveal' });
    // (the room's first step also carries its day, EX-12; the second reveal is no first step)
    expect(first.ok && first.events).toEqual([{ type: 'phase.changed', phase: 'reveal', revealSeed: 'seed-for-tests', on: '2023-11-14' }]);
    must(state, fran, { type: 'phase.set', phase: 'write' });
    const again = run(state, fran, { type: 'phase.set', phase: 'reveal' });
    expect(again.ok && again.events).toEqual([{ type: 'phase.changed', phase: 'reveal' }]);
    expect(state.revealSeed).toBe('seed-for-tests');
  });

  it('RV-4 hides nothing again when the facilitator goes back to Write', () => {
    const state = boardWith();
    addCard(state, alice, 'already public');
    moveTo(state, 'reveal');
    moveTo(state, 'write');
    expect(viewOf(state, { kind: 'public' }).board.cards.map((c) => c.text)).toEqual(['already public']);
  });

  it('RV-5 keeps cards written after going back to Write private until the next Reveal', () => {
    const state = boardWith();
    addCard(state, alice, 'first round');
    moveTo(state, 'reveal');
    moveTo(state, 'write');
    const late = addCard(state, bob, 'second round secret');
    const board = () => viewOf(state, { kind: 'public' }).board;
    expect(JSON.stringify(board())).not.toContain('second round secret');
    expect(board().cardCount).toBe(1); // the revealed card; the new one is not counted (AN-10)
    moveTo(state, 'reveal');
    expect(board().cards.map((c) => c.id)).toContain(late);
    expect(board().cards.map((c) => c.id)).toEqual(revealOrder([...state.cards.keys()], state.revealSeed!));
  });

  it('RV-1 reveals through the phase.changed event alone, so replaying the log gives the same board', () => {
    const state = emptyBoard('b1234567');
    evolve(state, { type: 'card.added', cardId: 'card0001', columnId: 'start', text: 'x', authorTag: 't' });
    evolve(state, { type: 'phase.changed', phase: 'reveal', revealSeed: 's' });
    evolve(state, { type: 'phase.changed', phase: 'write' });
    evolve(state, { type: 'card.added', cardId: 'card0002', columnId: 'start', text: 'y', authorTag: 't' });
    expect(state.cards.get('card0001')!.revealed).toBe(true);
    expect(state.cards.get('card0002')!.revealed).toBe(false);
    expect(state.revealSeed).toBe('s');
  });
});
