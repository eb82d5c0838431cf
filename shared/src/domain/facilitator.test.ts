import { describe, expect, it } from 'vitest';
import type { BoardState } from './board.js';
import { claimable } from './decide.js';
import { LIMITS } from './limits.js';
import { alice, bob, boardWith, fran, fresh, must, NOW, run, setOnline, testContext } from './testBoard.js';
import { viewOf } from './visibility.js';

const CLAIM_AFTER = LIMITS.facilitatorClaimAfterMs;
const board = (state: BoardState, claimAfterMs?: number) => viewOf(state, { kind: 'public' }, claimAfterMs).board;

/** Exactly one participant holds the role, and it is `who`. */
function expectOnlyFacilitator(state: BoardState, who: typeof alice) {
  expect(state.facilitatorId).toBe(who.participantId);
  expect([...state.participants.values()].filter((p) => p.isFacilitator).map((p) => p.id)).toEqual([who.participantId]);
  expect(board(state).participants.filter((p) => p.facilitator)).toHaveLength(1);
}

describe('facilitator handover and claim', () => {
  it('FA-2 only the facilitator hands the role over', () => {
    const state = boardWith();
    expect(run(state, alice, { type: 'facilitator.handover', toHandle: 'handle-alice' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expectOnlyFacilitator(state, fran);
  });

  it('FA-1 FA-2 hands the role to an online participant named by handle; afterwards there is exactly one facilitator', () => {
    const state = boardWith();
    must(state, fran, { type: 'facilitator.handover', toHandle: 'handle-bob' });
    expectOnlyFacilitator(state, bob);
    expect(board(state).facilitator).toEqual({ handle: 'handle-bob', name: 'Bob', online: true, claimableAt: null });
    // The old facilitator, as the server now sees them, lost the role; the new one has it.
    expect(run(state, fresh(state, fran), { type: 'phase.set', phase: 'reveal' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(run(state, fresh(state, bob), { type: 'phase.set', phase: 'reveal' }).ok).toBe(true);
  });

  it('FA-2 an unknown handle is NOT_FOUND and an offline person is CONFLICT', () => {
    const state = boardWith();
    expect(run(state, fran, { type: 'facilitator.handover', toHandle: 'handle-nobody' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(run(state, fran, { type: 'facilitator.handover', toHandle: alice.participantId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    setOnline(state, alice, NOW - 1000);
    expect(run(state, fran, { type: 'facilitator.handover', toHandle: 'handle-alice' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expectOnlyFacilitator(state, fran);
  });

  it('FA-2 handing the role to oneself records nothing', () => {
    const state = boardWith();
    expect(run(state, fran, { type: 'facilitator.handover', toHandle: 'handle-fran' })).toMatchObject({ ok: true, events: [] });
    expect(state.facilitatorLog).toHaveLength(1);
  });

  it('FA-3 a claim is CONFLICT while the facilitator is online', () => {
    const state = boardWith();
    expect(run(state, alice, { type: 'facilitator.claim' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expectOnlyFacilitator(state, fran);
  });

  it(`FA-3 a claim is CONFLICT until the facilitator has been away ${CLAIM_AFTER / 1000} s, and succeeds from then on`, () => {
    const state = boardWith();
    setOnline(state, fran, NOW);
    expect(run(state, alice, { type: 'facilitator.claim' }, testContext(NOW + CLAIM_AFTER - 1))).toMatchObject({ ok: false, code: 'CONFLICT' });
    expectOnlyFacilitator(state, fran);
    expect(run(state, alice, { type: 'facilitator.claim' }, testContext(NOW + CLAIM_AFTER)).ok).toBe(true);
    expectOnlyFacilitator(state, alice);
  });

  it('FA-3 the delay comes from the context (ctx.claimAfterMs), the clock from ctx.now', () => {
    const state = boardWith();
    setOnline(state, fran, NOW);
    const ctx = (now: number) => ({ ...testContext(now), claimAfterMs: 5000 });
    expect(run(state, bob, { type: 'facilitator.claim' }, ctx(NOW + 4999))).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(state, bob, { type: 'facilitator.claim' }, ctx(NOW + 5000)).ok).toBe(true);
    expectOnlyFacilitator(state, bob);
  });

  it('FA-3 a claim succeeds when the board has no facilitator at all', () => {
    const state = boardWith();
    state.facilitatorId = null;
    for (const p of state.participants.values()) p.isFacilitator = false;
    expect(run(state, bob, { type: 'facilitator.claim' }).ok).toBe(true);
    expectOnlyFacilitator(state, bob);
  });

  it('FA-3 the facilitator claiming their own role records nothing', () => {
    expect(run(boardWith(), fran, { type: 'facilitator.claim' })).toMatchObject({ ok: true, events: [] });
  });

  it('FA-3 an offline facilitator without a known leaving time cannot be claimed from', () => {
    expect(claimable({ online: false, offlineSince: null }, { now: NOW })).toBe(false);
    expect(claimable({ online: true, offlineSince: NOW - CLAIM_AFTER }, { now: NOW })).toBe(false);
    expect(claimable({ online: false, offlineSince: NOW - CLAIM_AFTER }, { now: NOW })).toBe(true);
  });

  it('FA-1 FA-3 two claims of an orphaned role, one after the other: exactly one wins', () => {
    const state = boardWith();
    setOnline(state, fran, NOW - CLAIM_AFTER);
    const first = run(state, alice, { type: 'facilitator.claim' }, testContext(NOW));
    const second = run(state, bob, { type: 'facilitator.claim' }, testContext(NOW));
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, code: 'CONFLICT' });
    expectOnlyFacilitator(state, alice);
    expect(state.facilitatorLog.filter((f) => f.how === 'claim')).toHaveLength(1);
  });

  it('FA-4 the log records who facilitated and how, by name in the public view', () => {
    const state = boardWith();
    must(state, fran, { type: 'facilitator.handover', toHandle: 'handle-bob' });
    setOnline(state, bob, NOW - CLAIM_AFTER);
    must(state, alice, { type: 'facilitator.claim' });
    expect(state.facilitatorLog).toEqual([
      { participantId: fran.participantId, how: 'created' },
      { participantId: bob.participantId, how: 'handover' },
      { participantId: alice.participantId, how: 'claim' },
    ]);
    const view = board(state);
    expect(view.facilitatorLog).toEqual([
      { name: 'Fran', how: 'created' },
      { name: 'Bob', how: 'handover' },
      { name: 'Alice', how: 'claim' },
    ]);
    expect(JSON.stringify(view)).not.toMatch(/pid-/);
  });

  it('FA-3 the public view says from when the role may be claimed, and nothing while the facilitator is here', () => {
    const state = boardWith();
    expect(board(state).facilitator!.claimableAt).toBeNull();
    setOnline(state, fran, NOW);
    expect(board(state).facilitator).toEqual({ handle: 'handle-fran', name: 'Fran', online: false, claimableAt: NOW + CLAIM_AFTER });
    expect(board(state, 5000).facilitator!.claimableAt).toBe(NOW + 5000);
    state.facilitatorId = null;
    expect(board(state).facilitator).toBeNull();
  });
});
