import { describe, expect, it } from 'vitest';
import { Command } from '../protocol/messages.js';
import type { BoardState } from './board.js';
import { PHASES } from './phases.js';
import { addCard, addPerson, alice, bob, boardWith, fran, moveTo, must, run } from './testBoard.js';
import { viewOf, type Viewer } from './visibility.js';

/** GP-5: "was this retro worth our time?" (ROTI), asked in Act, shown in Close, anonymous as the pulse is. */
const PUBLIC: Viewer = { kind: 'public' };
const as = (who: typeof alice): Viewer => ({ kind: 'participant', ...who });
const rotiOf = (state: BoardState) => viewOf(state, PUBLIC).board.roti;
const publicJson = (state: BoardState) => JSON.stringify(viewOf(state, PUBLIC).board);

/** A retro in Act, with a card discussed on the way, and a fourth person, Dana. */
function inAct() {
  const state = boardWith();
  const dana = addPerson(state, 'Dana');
  addCard(state, alice, 'something to talk about');
  moveTo(state, 'act');
  return { state, dana };
}

describe('worth the time (ROTI)', () => {
  it('GP-5 IN-34 an answer is a whole number from 1 to 5 and carries nothing else', () => {
    for (const value of [1, 5]) expect(Command.safeParse({ id: 'cmd-00000001', type: 'roti.answer', value }).success).toBe(true);
    for (const value of [0, 6, 2.5, '3', null, -1]) expect(Command.safeParse({ id: 'cmd-00000001', type: 'roti.answer', value }).success, String(value)).toBe(false);
    expect(Command.safeParse({ id: 'cmd-00000001', type: 'roti.answer', value: 3, answerTag: 'someone-else' }).success).toBe(false);
  });

  it('GP-5 is answered in Act only: WRONG_PHASE before, and in Close, when the result shows', () => {
    const state = boardWith();
    for (const phase of PHASES) {
      if (phase === 'review') continue;
      moveTo(state, phase);
      if (phase === 'write') addCard(state, alice, 'a card');
      const result = run(state, alice, { type: 'roti.answer', value: 4 });
      if (phase === 'act') expect(result, phase).toMatchObject({ ok: true });
      else expect(result, phase).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    }
    expect(state.roti.size).toBe(1);
  });

  it('GP-5 one answer per person, under their pulse tag: answering again (from any tab) replaces it', () => {
    const { state } = inAct();
    must(state, alice, { type: 'roti.answer', value: 1 });
    must(state, { ...alice, participantId: 'pid-alice-other-tab' }, { type: 'roti.answer', value: 4 });
    expect(state.roti).toEqual(new Map([[alice.pulseTag, 4]]));
    expect(viewOf(state, as(alice)).me!.roti).toBe(4);
    expect(viewOf(state, as(bob)).me!.roti).toBeNull();
  });

  it('GP-5 while Act is open the public view says nothing of the answers, not even how many', () => {
    const { state, dana } = inAct();
    const before = publicJson(state);
    expect(rotiOf(state)).toEqual({ open: true, distribution: null, notEnough: false });
    for (const who of [fran, alice, bob, dana]) must(state, who, { type: 'roti.answer', value: 2 });
    expect(publicJson(state)).toBe(before);
    // back in Discuss it is closed, and still says nothing
    moveTo(state, 'discuss');
    expect(rotiOf(state)).toEqual({ open: false, distribution: null, notEnough: false });
  });

  it('GP-5 AN-9 in Close the distribution shows once at least 4 answered, and no tag is in the view', () => {
    const { state, dana } = inAct();
    const values = [[fran, 5], [alice, 4], [bob, 4], [dana, 2]] as const;
    for (const [who, value] of values) must(state, who, { type: 'roti.answer', value });
    moveTo(state, 'closed');
    expect(rotiOf(state)).toEqual({ open: false, notEnough: false, distribution: { min: 1, counts: [0, 1, 0, 2, 1], total: 4, average: 3.75 } });
    const json = publicJson(state);
    for (const who of [fran, alice, bob, dana]) expect(json).not.toContain(who.pulseTag);
  });

  it('GP-5 AN-9 AN-7 with fewer than 4 answers Close says only that there are too few, whatever they were', () => {
    const closedWith = (values: number[]) => {
      const { state } = inAct();
      values.forEach((value, i) => must(state, [fran, alice, bob][i]!, { type: 'roti.answer', value }));
      moveTo(state, 'closed');
      return { roti: rotiOf(state), json: publicJson(state) };
    };
    const low = closedWith([1, 1, 1]);
    const high = closedWith([5, 5, 5]);
    expect(low.roti).toEqual({ open: false, distribution: null, notEnough: true });
    expect(low.json).toBe(high.json);
    // nobody answered (or the retro closed before it was asked): nothing to say
    expect(closedWith([]).roti).toEqual({ open: false, distribution: null, notEnough: false });
  });
});
