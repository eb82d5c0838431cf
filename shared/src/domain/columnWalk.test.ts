import { describe, expect, it } from 'vitest';
import type { BoardState } from './board.js';
import { EVENT_AT_REST } from './atRest.js';
import { addCard, alice, bob, boardWith, fran, moveTo, must, run } from './testBoard.js';
import { viewOf } from './visibility.js';

const walking = (state: BoardState) => viewOf(state, { kind: 'public' }).board.walkColumnId;

function revealed(): BoardState {
  const state = boardWith();
  addCard(state, alice, 'Reviews wait for days', 'stop');
  moveTo(state, 'reveal');
  return state;
}

describe('column walk', () => {
  it('CW-1 the facilitator focuses one column for everyone, moves it and ends the walk', () => {
    const state = revealed();
    expect(walking(state)).toBeNull();
    must(state, fran, { type: 'walk.focus', columnId: 'start' });
    expect(walking(state)).toBe('start');
    must(state, fran, { type: 'walk.focus', columnId: 'stop' });
    expect(walking(state)).toBe('stop');
    must(state, fran, { type: 'walk.focus', columnId: null });
    expect(walking(state)).toBeNull();
  });

  it('CW-2 a participant cannot move or end the walk (NOT_FACILITATOR); a column that does not exist is NOT_FOUND', () => {
    const state = revealed();
    must(state, fran, { type: 'walk.focus', columnId: 'start' });
    expect(run(state, alice, { type: 'walk.focus', columnId: 'stop' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(run(state, alice, { type: 'walk.focus', columnId: null })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(run(state, fran, { type: 'walk.focus', columnId: 'no-such-column' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(walking(state)).toBe('start');
    expect(run(state, fran, { type: 'walk.focus', columnId: 'start' })).toMatchObject({ ok: true, events: [] });
  });

  it('CW-3 only in Reveal; leaving Reveal ends the walk, and coming back starts without one', () => {
    const state = boardWith();
    expect(run(state, fran, { type: 'walk.focus', columnId: 'start' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    addCard(state, alice, 'Reviews wait for days', 'stop');
    moveTo(state, 'reveal');
    must(state, fran, { type: 'walk.focus', columnId: 'stop' });
    moveTo(state, 'vote');
    expect(walking(state)).toBeNull();
    expect(run(state, fran, { type: 'walk.focus', columnId: 'start' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    moveTo(state, 'reveal');
    expect(walking(state)).toBeNull();
  });

  it('CW-1 the focused column is a public fact, the same for every viewer', () => {
    expect(EVENT_AT_REST['walk.focused']).toBe('public-log');
    const state = revealed();
    must(state, fran, { type: 'walk.focus', columnId: 'continue' });
    expect(viewOf(state, { kind: 'participant', ...alice }).board.walkColumnId).toBe('continue');
  });
});

const spotlit = (state: BoardState) => viewOf(state, { kind: 'public' }).board.walkItemId;

/** Reveal with two cards in Stop and one in Start, the walk on Stop. */
function walkingStop() {
  const state = boardWith();
  const first = addCard(state, alice, 'Reviews wait for days', 'stop');
  const second = addCard(state, bob, 'Standups run long', 'stop');
  const elsewhere = addCard(state, alice, 'Pair on reviews', 'start');
  moveTo(state, 'reveal');
  must(state, fran, { type: 'walk.focus', columnId: 'stop' });
  return { state, first, second, elsewhere };
}

describe('card spotlight', () => {
  it('CW-6 the facilitator spotlights a card of the walked column for everyone, moves it and clears it', () => {
    const { state, first, second } = walkingStop();
    expect(spotlit(state)).toBeNull();
    must(state, fran, { type: 'walk.spotlight', itemId: first });
    expect(spotlit(state)).toBe(first);
    expect(viewOf(state, { kind: 'participant', ...bob }).board.walkItemId).toBe(first);
    must(state, fran, { type: 'walk.spotlight', itemId: second });
    expect(spotlit(state)).toBe(second);
    expect(run(state, fran, { type: 'walk.spotlight', itemId: second })).toMatchObject({ ok: true, events: [] });
    must(state, fran, { type: 'walk.spotlight', itemId: null });
    expect(spotlit(state)).toBeNull();
    expect(EVENT_AT_REST['walk.spotlit']).toBe('public-log');
  });

  it('CW-7 only the facilitator (NOT_FACILITATOR), only in Reveal (WRONG_PHASE), only a card or group shown in the walked column (NOT_FOUND)', () => {
    const { state, first, elsewhere } = walkingStop();
    expect(run(state, alice, { type: 'walk.spotlight', itemId: first })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(run(state, fran, { type: 'walk.spotlight', itemId: elsewhere })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(run(state, fran, { type: 'walk.spotlight', itemId: 'nosuchcard00' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    must(state, fran, { type: 'walk.focus', columnId: null });
    expect(run(state, fran, { type: 'walk.spotlight', itemId: first })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(spotlit(state)).toBeNull();
    const writing = boardWith();
    const unrevealed = addCard(writing, alice, 'Not read yet', 'stop');
    expect(run(writing, fran, { type: 'walk.spotlight', itemId: unrevealed })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('CW-7 a card in a group is presented with its group: the group is the step, not its cards', () => {
    const { state, first, second } = walkingStop();
    must(state, alice, { type: 'card.group', cardId: second, withCardId: first });
    const groupId = state.cards.get(first)!.groupId!;
    expect(run(state, fran, { type: 'walk.spotlight', itemId: second })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    must(state, fran, { type: 'walk.spotlight', itemId: groupId });
    expect(spotlit(state)).toBe(groupId);
  });

  it('CW-8 moving the walk to another column, ending it or leaving Reveal clears the spotlight', () => {
    const { state, first, elsewhere } = walkingStop();
    must(state, fran, { type: 'walk.spotlight', itemId: first });
    must(state, fran, { type: 'walk.focus', columnId: 'start' });
    expect(spotlit(state)).toBeNull();
    must(state, fran, { type: 'walk.spotlight', itemId: elsewhere });
    must(state, fran, { type: 'walk.focus', columnId: null });
    expect(spotlit(state)).toBeNull();
    must(state, fran, { type: 'walk.focus', columnId: 'start' });
    expect(spotlit(state)).toBeNull();
    must(state, fran, { type: 'walk.spotlight', itemId: elsewhere });
    moveTo(state, 'vote');
    moveTo(state, 'reveal');
    must(state, fran, { type: 'walk.focus', columnId: 'start' });
    expect(spotlit(state)).toBeNull();
  });

  it('CW-9 a spotlighted card grouped onto another of the column: the room reads its group; hidden or deleted, nothing is spotlighted', () => {
    const { state, first, second } = walkingStop();
    must(state, fran, { type: 'walk.spotlight', itemId: first });
    must(state, alice, { type: 'card.group', cardId: first, withCardId: second });
    const groupId = state.cards.get(first)!.groupId!;
    expect(spotlit(state)).toBe(groupId);
    must(state, fran, { type: 'walk.spotlight', itemId: groupId });
    must(state, alice, { type: 'card.ungroup', cardId: first });
    expect(spotlit(state)).toBeNull();
    must(state, fran, { type: 'walk.spotlight', itemId: second });
    must(state, fran, { type: 'card.hide', cardId: second });
    expect(spotlit(state)).toBeNull();
    must(state, fran, { type: 'walk.spotlight', itemId: first });
    must(state, alice, { type: 'card.delete', cardId: first });
    expect(spotlit(state)).toBeNull();
  });

  it('CW-9 a spotlighted card grouped into a group of another column is no longer spotlighted', () => {
    const { state, first, elsewhere } = walkingStop();
    must(state, fran, { type: 'walk.spotlight', itemId: first });
    must(state, alice, { type: 'card.group', cardId: first, withCardId: elsewhere });
    expect(spotlit(state)).toBeNull();
  });
});
