import { describe, expect, it } from 'vitest';
import { EVENT_AT_REST } from './atRest.js';
import { CHECK_IN_PROMPTS } from './checkIn.js';
import { alice, boardWith, fran, moveTo, must, run, teamBoardWith } from './testBoard.js';
import type { BoardState } from './board.js';
import type { Actor } from './decide.js';
import { viewOf } from './visibility.js';

const publicCheckIn = (state: BoardState) => viewOf(state, { kind: 'public' }).board.checkIn;
const viewAs = (state: BoardState, who: Actor) => viewOf(state, { kind: 'participant', ...who });

describe('check-in question', () => {
  it('CI-1 the facilitator puts one question on everyone’s board, changes it and hides it again', () => {
    const state = boardWith();
    must(state, fran, { type: 'checkin.set', question: { prompt: 'weather' } });
    expect(publicCheckIn(state)).toEqual({ prompt: 'weather' });
    must(state, fran, { type: 'checkin.set', question: { text: 'One emoji for your week?' } });
    expect(publicCheckIn(state)).toEqual({ text: 'One emoji for your week?' });
    must(state, fran, { type: 'checkin.set', question: null });
    expect(publicCheckIn(state)).toBeNull();
  });

  it('CI-1 a participant cannot set or hide it: NOT_FACILITATOR, and the board is as it was', () => {
    const state = boardWith();
    must(state, fran, { type: 'checkin.set', question: { prompt: 'oneWord' } });
    expect(run(state, alice, { type: 'checkin.set', question: { text: 'Who wrote the angry card?' } })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(run(state, alice, { type: 'checkin.set', question: null })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(publicCheckIn(state)).toEqual({ prompt: 'oneWord' });
  });

  it('CI-1 asking the same question again records nothing', () => {
    const state = boardWith();
    must(state, fran, { type: 'checkin.set', question: { prompt: 'energy' } });
    expect(run(state, fran, { type: 'checkin.set', question: { prompt: 'energy' } })).toMatchObject({ ok: true, events: [] });
    expect(run(state, fran, { type: 'checkin.set', question: { prompt: 'thanks' } })).toMatchObject({ ok: true, events: [{ type: 'checkin.asked' }] });
  });

  it('CI-4 is asked in Review and Write only, and is gone from view once the cards are revealed', () => {
    const team = teamBoardWith();
    expect(team.phase).toBe('review');
    must(team, fran, { type: 'checkin.set', question: { prompt: 'smallWin' } });
    expect(publicCheckIn(team)).toEqual({ prompt: 'smallWin' });
    moveTo(team, 'write');
    expect(publicCheckIn(team)).toEqual({ prompt: 'smallWin' });
    moveTo(team, 'reveal');
    expect(publicCheckIn(team)).toBeNull();
    expect(run(team, fran, { type: 'checkin.set', question: { prompt: 'weather' } })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    for (const phase of ['vote', 'discuss', 'act', 'closed'] as const) {
      moveTo(team, phase);
      expect(publicCheckIn(team), phase).toBeNull();
      expect(run(team, fran, { type: 'checkin.set', question: null }), phase).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    }
  });

  it('CI-5 the question is a public fact that names nobody; there is nothing to answer on the board', () => {
    expect(EVENT_AT_REST['checkin.asked']).toBe('public-log');
    const state = boardWith();
    must(state, fran, { type: 'checkin.set', question: { prompt: 'helped' } });
    // the same for every viewer, the facilitator included
    expect(viewAs(state, alice).board.checkIn).toEqual({ prompt: 'helped' });
    expect(viewAs(state, fran).board).toEqual(viewAs(state, alice).board);
    expect(JSON.stringify(viewAs(state, alice).me)).not.toContain('helped');
  });

  it('CI-2 offers twelve built-in questions (as the README says)', () => {
    expect(CHECK_IN_PROMPTS).toHaveLength(12);
    expect(new Set(CHECK_IN_PROMPTS).size).toBe(CHECK_IN_PROMPTS.length);
  });
});
