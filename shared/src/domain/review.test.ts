import { describe, expect, it } from 'vitest';
import { alice, fran, must, REVIEW, run, teamBoardWith } from './testBoard.js';
import { viewOf } from './visibility.js';

const [first, second, third] = REVIEW.map((r) => r.ref);
const publicReview = (state: ReturnType<typeof teamBoardWith>) => viewOf(state, { kind: 'public' }).board.review;

describe('review of earlier promises', () => {
  it('RE-1 a team retro lists the open actions it was created with, unreviewed', () => {
    const state = teamBoardWith();
    expect(state.review).toEqual(REVIEW.map((r) => ({ ...r, status: null, reason: null, carry: false })));
  });

  it('RE-2 only the facilitator marks a review item', () => {
    const state = teamBoardWith();
    expect(run(state, alice, { type: 'review.mark', ref: first, status: 'done' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(state.review[0].status).toBeNull();
    must(state, fran, { type: 'review.mark', ref: first, status: 'done' });
    expect(state.review[0].status).toBe('done');
  });

  it('RE-2 marks only in Review: in Write it is WRONG_PHASE', () => {
    const state = teamBoardWith();
    must(state, fran, { type: 'phase.set', phase: 'write' });
    expect(run(state, fran, { type: 'review.mark', ref: first, status: 'done' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('RE-5 an unknown reference is NOT_FOUND', () => {
    const state = teamBoardWith();
    expect(run(state, fran, { type: 'review.mark', ref: 'board-earlier:action-9999', status: 'done' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(run(state, fran, { type: 'review.mark', ref: 'board-other1:action-0001', status: 'dropped' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('RE-6 carries forward only an action that is not done', () => {
    const state = teamBoardWith();
    expect(run(state, fran, { type: 'review.mark', ref: first, status: 'done', carry: true })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(run(state, fran, { type: 'review.mark', ref: first, status: 'dropped', carry: true })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(state.review[0].status).toBeNull();
    must(state, fran, { type: 'review.mark', ref: first, status: 'not-done', carry: true });
    expect(state.review[0]).toMatchObject({ status: 'not-done', carry: true });
    must(state, fran, { type: 'review.mark', ref: second, status: 'not-done' });
    expect(state.review[1]).toMatchObject({ status: 'not-done', carry: false });
  });

  it('RE-7 keeps a reason only for an action that is not done', () => {
    const state = teamBoardWith();
    must(state, fran, { type: 'review.mark', ref: first, status: 'not-done', reason: 'the staging box was down all week' });
    must(state, fran, { type: 'review.mark', ref: second, status: 'done', reason: 'ignored' });
    must(state, fran, { type: 'review.mark', ref: third, status: 'dropped', reason: 'ignored too' });
    expect(state.review.map((r) => r.reason)).toEqual(['the staging box was down all week', null, null]);
    expect(JSON.stringify(publicReview(state))).not.toContain('ignored');
  });

  it('RE-8 marking again replaces the earlier mark', () => {
    const state = teamBoardWith();
    must(state, fran, { type: 'review.mark', ref: first, status: 'not-done', reason: 'no time', carry: true });
    must(state, fran, { type: 'review.mark', ref: first, status: 'done' });
    expect(state.review[0]).toMatchObject({ status: 'done', reason: null, carry: false });
  });

  it('RE-9 statuses, reasons and carries show in the public view', () => {
    const state = teamBoardWith();
    must(state, fran, { type: 'review.mark', ref: first, status: 'done' });
    must(state, fran, { type: 'review.mark', ref: second, status: 'not-done', reason: 'blocked on access', carry: true });
    expect(publicReview(state)).toEqual([
      { ...REVIEW[0], status: 'done', reason: null, carry: false },
      { ...REVIEW[1], status: 'not-done', reason: 'blocked on access', carry: true },
      { ...REVIEW[2], status: null, reason: null, carry: false },
    ]);
  });

  it('RE-9 the public review is a copy: changing it changes nothing on the board', () => {
    const state = teamBoardWith();
    publicReview(state)[0].owners.push('Mallory');
    expect(state.review[0].owners).toEqual(['Alice']);
  });
});
