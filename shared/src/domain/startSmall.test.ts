import { describe, expect, it } from 'vitest';
import { defaultDueDate, isSmallWin, teamCadenceDays } from './startSmall.js';
import { addCard, alice, boardWith, COLUMNS, fran, moveTo, must, NOW } from './testBoard.js';
import { emptyBoard, evolve } from './board.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2030, 0, 7, 9, 30);

describe('start small', () => {
  it('SS-1 the cadence is the median gap between retros in days; same-day re-runs and pauses over 92 days are left out', () => {
    expect(teamCadenceDays([])).toBeNull();
    expect(teamCadenceDays([T0])).toBeNull();
    expect(teamCadenceDays([T0, T0 + 14 * DAY])).toBe(14);
    expect(teamCadenceDays([T0 + 21 * DAY, T0, T0 + 7 * DAY, T0 + 14 * DAY])).toBe(7);
    expect(teamCadenceDays([T0, T0 + 7 * DAY, T0 + 21 * DAY, T0 + 35 * DAY])).toBe(14);
    expect(teamCadenceDays([T0, T0 + 60_000])).toBeNull();
    expect(teamCadenceDays([T0, T0 + 200 * DAY])).toBeNull();
  });

  it('SS-2 the default due date is the next retro by the cadence, or two weeks without one (UTC day)', () => {
    expect(defaultDueDate(T0, 7)).toBe('2030-01-14');
    expect(defaultDueDate(T0, null)).toBe('2030-01-21');
  });

  it('SS-2 a new action gets the default due date, which anyone may still change or clear (AC-4)', () => {
    const inTeam = emptyBoard('b-in-team-1');
    evolve(inTeam, { type: 'board.created', name: 'x', templateId: 'start-stop-continue', columns: COLUMNS, settings: { voteBudget: 3, perItemCap: 2 }, teamId: 'team-1', review: [], cadenceDays: 10 });
    expect(inTeam.cadenceDays).toBe(10);
    const state = boardWith();
    const item = addCard(state, alice, 'flaky tests');
    moveTo(state, 'discuss');
    const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: item, text: 'Quarantine one flaky test' });
    expect(state.actions.get(actionId)!.dueDate).toBe(defaultDueDate(NOW, null));
    must(state, alice, { type: 'action.due', actionId, dueDate: null });
    expect(state.actions.get(actionId)!.dueDate).toBeNull();
  });

  it('SS-3 a small win is done in a review held on or before the due date', () => {
    expect(isSmallWin('2030-01-21', '2030-01-21')).toBe(true);
    expect(isSmallWin('2030-01-21', '2030-01-22')).toBe(false);
    expect(isSmallWin(null, '2030-01-01')).toBe(false);
    expect(isSmallWin('2030-01-21', null)).toBe(false);
  });
});
