import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { renderActionsCsv, renderCsv, renderJson } from './exports.js';
import { addCard, alice, boardWith, bob, fran, fresh, must, NOW, run, testContext } from './testBoard.js';
import { viewOf } from './visibility.js';
import { emptyBoard, evolve, type BoardState } from './board.js';
import { dayIn, isTimeZone, retroDay, TIME_ZONE_MAX_LENGTH } from './startSmall.js';
import { Command, CreateBoardRequest } from '../protocol/messages.js';
import type { Phase } from './phases.js';

const DAY = 24 * 60 * 60 * 1000;
const EXPORTED = new Date('2030-03-04T10:00:00Z');

/** the facilitator (whoever holds the role) takes one step at `at` */
function stepAt(state: BoardState, phase: Phase, at: number, who = fran) {
  const decision = run(state, { ...who, isFacilitator: state.facilitatorId === who.participantId }, { type: 'phase.set', phase }, testContext(at));
  if (!decision.ok) throw new Error(decision.message);
}

/**
 * Made on Monday 2023-11-13 ahead of the retro, written into over the days before, revealed and run on Tuesday the 14th
 * (NOW), with the role handed from Fran to Alice and back to Fran, and left open until Friday the 17th, when it was closed.
 */
function heldOnTuesday() {
  const state = boardWith();
  addCard(state, alice, 'Flaky CI', 'stop');
  stepAt(state, 'reveal', NOW);
  stepAt(state, 'vote', NOW + 60_000);
  must(state, fresh(state, fran), { type: 'facilitator.handover', toHandle: 'handle-alice' });
  stepAt(state, 'discuss', NOW + 120_000, alice);
  must(state, fresh(state, alice), { type: 'facilitator.handover', toHandle: 'handle-fran' });
  stepAt(state, 'act', NOW + 180_000);
  stepAt(state, 'closed', NOW + 3 * DAY);
  return state;
}

describe('EX-12 the summary and every export say when the retro was held and who facilitated', () => {
  it('EX-12 the day held is the day of the room\'s first step, not of the board\'s making nor of its Close', () => {
    const view = viewOf(heldOnTuesday(), { kind: 'public' }).board;
    expect(view.heldOn).toBe('2023-11-14');
  });

  it('EX-12 a team retro is held the day its Review is left, not the day it was made ahead', () => {
    const state = boardWith();
    state.hasReview = true;
    state.phase = 'review';
    expect(viewOf(state, { kind: 'public' }).board.heldOn).toBeNull();
    stepAt(state, 'write', NOW + 2 * DAY);
    stepAt(state, 'review', NOW + 2 * DAY + 1000);
    stepAt(state, 'write', NOW + 4 * DAY);
    expect(viewOf(state, { kind: 'public' }).board.heldOn).toBe('2023-11-16');
  });

  it('EX-12 a step stored before the day was kept leaves it unknown, never a later step\'s day', () => {
    const state = boardWith({ type: 'phase.changed', phase: 'reveal', revealSeed: 's' });
    stepAt(state, 'vote', NOW + DAY);
    expect(viewOf(state, { kind: 'public' }).board.heldOn).toBeNull();
  });

  it('EX-12 the Markdown heads with the day held in the reader\'s language and the facilitators in order, a name again when the role came back', () => {
    const view = viewOf(heldOnTuesday(), { kind: 'public' }).board;
    const en = renderMarkdown(view, {}, EXPORTED, 'en').split('\n');
    expect(en.slice(0, 3)).toEqual(['# Sprint 42', '', 'Held on November 14, 2023 · facilitated by Fran, then Alice, then Fran']);
    const de = renderMarkdown(view, {}, EXPORTED, 'de').split('\n');
    expect(de[2]).toBe('Abgehalten am 14. November 2023 · moderiert von Fran, dann Alice, dann Fran');
  });

  it('EX-12 the cards and actions CSVs carry the retro, its day (ISO) and its facilitators on every row', () => {
    const state = heldOnTuesday();
    const view = viewOf(state, { kind: 'public' }).board;
    for (const csv of [renderCsv(view), renderActionsCsv(view, {})]) {
      const [head, ...rows] = csv.trimEnd().split('\r\n');
      expect(head.endsWith('"retro","retro date","facilitated by"')).toBe(true);
      for (const row of rows) expect(row.endsWith('"Sprint 42","2023-11-14","Fran, then Alice, then Fran"')).toBe(true);
    }
  });

  it('EX-12 the JSON export carries the day held and the facilitators by name, nothing anonymous with them', () => {
    const view = viewOf(heldOnTuesday(), { kind: 'public' }).board;
    const json = renderJson(view, {}, EXPORTED);
    expect(json.board.heldOn).toBe('2023-11-14');
    expect(json.facilitators).toEqual(['Fran', 'Alice', 'Fran']);
    expect(JSON.stringify(json)).not.toMatch(/handle-|pid-|authortag|votertag/i);
    void bob;
  });
});

describe("EX-12 the day held is the facilitator's day, by the server's clock", () => {
  /** the first step (the reveal) taken at `at`, naming `timeZone` or none; the room's day held after it, or the refusal */
  function firstStep(at: string, timeZone?: string, state = boardWith()) {
    const decision = run(state, fran, { type: 'phase.set', phase: 'reveal', ...(timeZone === undefined ? {} : { timeZone }) }, testContext(Date.parse(at)));
    return decision.ok ? viewOf(state, { kind: 'public' }).board.heldOn : decision.code;
  }

  it('EX-12 Auckland at 09:00 on the 15th holds its retro on the 15th, where UTC is still on the 14th', () => {
    expect(firstStep('2023-11-14T20:00:00Z', 'Pacific/Auckland')).toBe('2023-11-15');
    expect(dayIn(Date.parse('2023-11-14T20:00:00Z'), null)).toBe('2023-11-14');
  });

  it('EX-12 Los Angeles at 17:00 on the 14th holds its retro on the 14th, where UTC is on the 15th already', () => {
    expect(firstStep('2023-11-15T01:00:00Z', 'America/Los_Angeles')).toBe('2023-11-14');
    // around UTC midnight each side of it: LA (UTC-8 in November) turns at 08:00 UTC, Auckland (UTC+13) at 11:00 UTC
    expect(firstStep('2023-11-15T07:59:59Z', 'America/Los_Angeles')).toBe('2023-11-14');
    expect(firstStep('2023-11-15T08:00:00Z', 'America/Los_Angeles')).toBe('2023-11-15');
    expect(firstStep('2023-11-14T10:59:59Z', 'Pacific/Auckland')).toBe('2023-11-14');
    expect(firstStep('2023-11-14T11:00:00Z', 'Pacific/Auckland')).toBe('2023-11-15');
  });

  it('EX-12 a step naming no time zone, on a board made without one, is held on the UTC day', () => {
    expect(firstStep('2023-11-14T23:59:59Z')).toBe('2023-11-14');
    expect(firstStep('2023-11-15T00:00:00Z')).toBe('2023-11-15');
  });

  it("EX-12 a step naming no time zone takes the board's, the zone its creator made it in; a step naming one takes its own", () => {
    const inAuckland = () => {
      const state = emptyBoard('board-under-test');
      evolve(state, { type: 'board.created', name: 'Sprint 42', templateId: 'start-stop-continue', columns: [], settings: { voteBudget: 3, perItemCap: 2 }, timeZone: 'Pacific/Auckland' });
      state.participants.set(fran.participantId, { id: fran.participantId, name: 'Fran', handle: 'handle-fran', isFacilitator: true, online: true, offlineSince: null });
      evolve(state, { type: 'facilitator.changed', participantId: fran.participantId, how: 'created' });
      return state;
    };
    expect(inAuckland().timeZone).toBe('Pacific/Auckland');
    expect(firstStep('2023-11-14T20:00:00Z', undefined, inAuckland())).toBe('2023-11-15');
    expect(firstStep('2023-11-14T20:00:00Z', 'America/Los_Angeles', inAuckland())).toBe('2023-11-14');
  });

  it('EX-12 a time zone the server does not know is refused (BAD_TIME_ZONE) and the step is not taken; a name too long is refused at the edge', () => {
    const state = boardWith();
    for (const junk of ['Mars/Olympus_Mons', 'UTC+99', '', '../../etc/passwd']) {
      expect(firstStep('2023-11-14T20:00:00Z', junk, state)).toBe('BAD_TIME_ZONE');
      expect(isTimeZone(junk)).toBe(false);
    }
    expect(state.phase).toBe('write');
    expect(state.stepped).toBe(false);
    const long = 'Europe/' + 'x'.repeat(TIME_ZONE_MAX_LENGTH);
    expect(Command.safeParse({ id: 'cmd-00000001', type: 'phase.set', phase: 'reveal', timeZone: long }).success).toBe(false);
    expect(Command.safeParse({ id: 'cmd-00000001', type: 'phase.set', phase: 'reveal', timeZone: 'Pacific/Auckland' }).success).toBe(true);
    expect(CreateBoardRequest.safeParse({ templateId: 'start-stop-continue', timeZone: long }).success).toBe(false);
  });

  it('EX-12 a later step naming another time zone leaves the day held as it was', () => {
    const state = boardWith();
    expect(firstStep('2023-11-14T20:00:00Z', 'Pacific/Auckland', state)).toBe('2023-11-15');
    must(state, fran, { type: 'phase.set', phase: 'vote', timeZone: 'America/Los_Angeles' });
    expect(state.heldOn).toBe('2023-11-15');
  });
});

describe('EX-12 a retro whose day held is not known says the day its board was made, as that', () => {
  /** made on Monday 2023-11-13 at 22:00 UTC (Tuesday 11:00 in Auckland), its first step stored before EX-12 kept a day, closed on the 17th */
  function madeMondayStepBefore(timeZone?: string) {
    const state = boardWith();
    addCard(state, alice, 'Flaky CI', 'stop');
    evolve(state, { type: 'phase.changed', phase: 'reveal', revealSeed: 's' });
    state.createdAt = Date.parse('2023-11-13T22:00:00Z');
    state.timeZone = timeZone ?? null;
    stepAt(state, 'vote', NOW + DAY);
    stepAt(state, 'discuss', NOW + DAY);
    stepAt(state, 'act', NOW + DAY);
    stepAt(state, 'closed', NOW + 3 * DAY);
    return viewOf(state, { kind: 'public' }).board;
  }

  it('EX-12 the view has the day made (in the zone it was made in, else UTC) beside no day held; `retroDay` says which', () => {
    const view = madeMondayStepBefore();
    expect(view.heldOn).toBeNull();
    expect(view.createdOn).toBe('2023-11-13');
    expect(retroDay(view)).toEqual({ day: '2023-11-13', held: false });
    expect(madeMondayStepBefore('Pacific/Auckland').createdOn).toBe('2023-11-14');
    // a day held wins over the day made
    const held = viewOf(heldOnTuesday(), { kind: 'public' }).board;
    expect(retroDay({ ...held, createdOn: '2023-11-13' })).toEqual({ day: '2023-11-14', held: true });
    expect(retroDay({ heldOn: null, createdOn: null })).toBeNull();
  });

  it('EX-12 the Markdown says "Created on", never "Held on", for the day made, in English and German', () => {
    const view = madeMondayStepBefore();
    expect(renderMarkdown(view, {}, EXPORTED, 'en').split('\n')[2]).toBe('Created on November 13, 2023 · facilitated by Fran');
    expect(renderMarkdown(view, {}, EXPORTED, 'de').split('\n')[2]).toBe('Erstellt am 13. November 2023 · moderiert von Fran');
  });

  it('EX-12 the CSVs\' retro date is the day made where no day held is known; the JSON has both facts as they are', () => {
    const view = madeMondayStepBefore();
    const [, ...rows] = renderCsv(view).trimEnd().split('\r\n');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.endsWith('"Sprint 42","2023-11-13","Fran"')).toBe(true);
    const json = renderJson(view, {}, EXPORTED);
    expect(json.board.heldOn).toBeNull();
    expect(json.board.createdOn).toBe('2023-11-13');
  });
});
