import { describe, expect, it } from 'vitest';
import { Command } from '../protocol/messages.js';
import type { BoardState } from './board.js';
import { LIMITS } from './limits.js';
import { addCard, addPerson, alice, bob, boardWith, everyone, fran, moveTo, must, run, teamBoardWith } from './testBoard.js';
import { viewOf, type Viewer } from './visibility.js';

const PUBLIC: Viewer = { kind: 'public' };
const as = (who: typeof alice): Viewer => ({ kind: 'participant', ...who });
const pulseOf = (state: BoardState) => viewOf(state, PUBLIC).board.pulse;
const publicJson = (state: BoardState) => JSON.stringify(viewOf(state, PUBLIC).board);

/** Dana, a fourth person, answers through `as dana` below: the test boards hold fran, alice and bob. */
const DANA = 'Dana';

/** A team retro where each given person answered the pulse with the given value, then moved on to Reveal. */
function answered(values: [typeof alice | typeof DANA, number][], closeTo: 'reveal' | 'closed' = 'reveal') {
  const state = teamBoardWith();
  const dana = addPerson(state, DANA);
  for (const [who, value] of values) must(state, who === DANA ? dana : who, { type: 'pulse.answer', value });
  moveTo(state, 'write');
  addCard(state, alice, 'something to reveal');
  moveTo(state, closeTo);
  return state;
}

describe('trust pulse', () => {
  it('PU-1 answers are whole numbers from 1 to 5', () => {
    for (const value of [1, 5]) expect(Command.safeParse({ id: 'cmd-00000001', type: 'pulse.answer', value }).success).toBe(true);
    for (const value of [0, 6, 2.5, '3', null, -1]) expect(Command.safeParse({ id: 'cmd-00000001', type: 'pulse.answer', value }).success, String(value)).toBe(false);
  });

  it('PU-2 anyone answers in Review and in Write', () => {
    const state = teamBoardWith();
    must(state, alice, { type: 'pulse.answer', value: 2 });
    moveTo(state, 'write');
    must(state, bob, { type: 'pulse.answer', value: 4 });
    expect(state.pulse).toEqual(new Map([[alice.pulseTag, 2], [bob.pulseTag, 4]]));
    const plain = boardWith();
    must(plain, alice, { type: 'pulse.answer', value: 3 });
    expect(plain.pulse.size).toBe(1);
  });

  it('PU-2 the pulse closes at the first Reveal and never opens again, even back in Write', () => {
    const state = teamBoardWith();
    moveTo(state, 'reveal');
    expect(run(state, alice, { type: 'pulse.answer', value: 3 })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    moveTo(state, 'write');
    expect(run(state, alice, { type: 'pulse.answer', value: 3 })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    moveTo(state, 'review');
    expect(run(state, alice, { type: 'pulse.answer', value: 3 })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(state.pulse.size).toBe(0);
    expect(pulseOf(state).open).toBe(false);
  });

  it('PU-1 my answer replaces my previous one: one tag, one answer', () => {
    const state = teamBoardWith();
    must(state, alice, { type: 'pulse.answer', value: 1 });
    must(state, alice, { type: 'pulse.answer', value: 5 });
    const aliceOnAnotherTab = { ...alice, participantId: 'pid-alice-other-tab' };
    must(state, aliceOnAnotherTab, { type: 'pulse.answer', value: 4 });
    expect(state.pulse).toEqual(new Map([[alice.pulseTag, 4]]));
  });

  it('PU-3 while open the public view shows nothing about the answers, not even how many', () => {
    const state = teamBoardWith();
    const before = publicJson(state);
    for (const who of everyone) must(state, who, { type: 'pulse.answer', value: 1 });
    expect(pulseOf(state)).toEqual({ open: true, distribution: null, notEnough: false });
    expect(publicJson(state)).toBe(before);
  });

  it(`PU-3 AN-9 once closed, shows the distribution when each who answered sees at least ${LIMITS.minOthersToShow} other answers`, () => {
    const state = answered([
      [fran, 5],
      [alice, 2],
      [bob, 2],
      [DANA, 3],
    ]);
    expect(pulseOf(state)).toEqual({ open: false, distribution: { min: 1, counts: [0, 2, 1, 0, 1], total: 4, average: 3 }, notEnough: false });
  });

  it(`PU-3 AN-9 once closed with ${LIMITS.minOthersToShow} answers or fewer, shows no distribution but "not enough"`, () => {
    for (const values of [[], [[alice, 1]], [[alice, 1], [bob, 5]], [[alice, 1], [bob, 5], [fran, 2]]] as [typeof alice, number][][]) {
      expect(pulseOf(answered(values)), `${values.length} answers`).toEqual({ open: false, distribution: null, notEnough: true });
    }
  });

  it('PU-4 AN-7 the serialized public view never holds a pulse tag, and with 3 answers or fewer nothing that depends on them', () => {
    const low = answered([[alice, 1], [bob, 1], [fran, 1]], 'closed');
    const high = answered([[alice, 5], [bob, 4], [fran, 5]], 'closed');
    const none = answered([], 'closed');
    expect(publicJson(low)).toBe(publicJson(high));
    expect(publicJson(low)).toBe(publicJson(none));
    for (const state of [low, high, answered([...everyone.map((w): [typeof alice, number] => [w, 3]), [DANA, 4]])]) {
      const json = publicJson(state);
      for (const who of everyone) expect(json).not.toContain(who.pulseTag);
      expect(json).not.toContain('pulsetag');
    }
  });

  it('PU-4 AN-7 the public view does not change while the pulse is open, whatever the answers', () => {
    const a = teamBoardWith();
    const b = teamBoardWith();
    must(a, alice, { type: 'pulse.answer', value: 1 });
    must(b, bob, { type: 'pulse.answer', value: 5 });
    must(b, fran, { type: 'pulse.answer', value: 5 });
    expect(publicJson(a)).toBe(publicJson(b));
  });

  it('PU-1 the personal view holds only my own answer', () => {
    const state = teamBoardWith();
    must(state, alice, { type: 'pulse.answer', value: 2 });
    must(state, bob, { type: 'pulse.answer', value: 5 });
    expect(viewOf(state, as(alice)).me!.pulse).toBe(2);
    expect(viewOf(state, as(bob)).me!.pulse).toBe(5);
    expect(viewOf(state, as(fran)).me!.pulse).toBeNull();
    const me = JSON.stringify(viewOf(state, as(alice)).me);
    expect(me).not.toContain(bob.pulseTag);
    expect(me).not.toContain(alice.pulseTag);
  });
});
