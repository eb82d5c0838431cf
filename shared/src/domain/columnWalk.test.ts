import { describe, expect, it } from 'vitest';
import type { BoardState } from './board.js';
import { EVENT_AT_REST } from './atRest.js';
import { addCard, alice, boardWith, fran, moveTo, must, run } from './testBoard.js';
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
