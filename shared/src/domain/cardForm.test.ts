import { describe, expect, it } from 'vitest';
import { editedOf, groupOf, signatureOf } from './board.js';
import { addCard, alice, bob, boardWith, moveTo, must } from './testBoard.js';

const BASE = ['id', 'columnId', 'text', 'authorTag', 'revealed'];
const GROWN = [...BASE, 'groupId', 'signature', 'edited'];

describe('ME-9 the form of a card in the room', () => {
  it('ME-9 a card nobody grouped, signed or edited holds five fields; the first late change adds all three late fields, in one order', () => {
    const state = boardWith();
    const plain = addCard(state, alice, 'left alone');
    const grouped = addCard(state, alice, 'grouped');
    const other = addCard(state, bob, 'grouped with');
    const signed = addCard(state, alice, 'signed');
    const edited = addCard(state, alice, 'edited');
    for (const id of [plain, grouped, signed, edited]) expect(Object.keys(state.cards.get(id)!)).toEqual(BASE);
    expect([groupOf(state.cards.get(plain)!), signatureOf(state.cards.get(plain)!), editedOf(state.cards.get(plain)!)]).toEqual([null, null, false]);

    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.sign', cardId: signed, signed: true });
    must(state, alice, { type: 'card.edit', cardId: edited, text: 'edited after the reveal' });
    must(state, alice, { type: 'card.group', cardId: grouped, withCardId: other });

    // one shape for every card that changed, whichever change came first
    for (const id of [signed, edited, grouped, other]) expect(Object.keys(state.cards.get(id)!)).toEqual(GROWN);
    expect(Object.keys(state.cards.get(plain)!)).toEqual(BASE);
    expect(signatureOf(state.cards.get(signed)!)).toBe('Alice');
    expect(editedOf(state.cards.get(edited)!)).toBe(true);
    expect(groupOf(state.cards.get(grouped)!)).not.toBeNull();
    expect(groupOf(state.cards.get(grouped)!)).toBe(groupOf(state.cards.get(other)!));
    expect([signatureOf(state.cards.get(grouped)!), editedOf(state.cards.get(grouped)!)]).toEqual([null, false]);
  });
});
