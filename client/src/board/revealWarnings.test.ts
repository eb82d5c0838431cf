import { describe, expect, it } from 'vitest';
import { closeVoteWarnings, revealWarnings } from './revealWarnings.js';

const write = (done: number, of: number, pulseOpen: boolean) => ({ phase: 'write' as const, progress: { stage: 'write' as const, done, of }, pulse: { open: pulseOpen, distribution: null, notEnough: false } });

describe('CF-1 what the reveal question says it ends', () => {
  it('CF-1 PU-2 people not done writing are counted, and the open pulse is said to close', () => {
    expect(revealWarnings(write(1, 4, true))).toEqual({ stillWriting: { count: 3, of: 4 }, pulseCloses: true });
  });

  it('CF-1 everyone done and the pulse closed: nothing to add', () => {
    expect(revealWarnings(write(4, 4, false))).toEqual({ stillWriting: null, pulseCloses: false });
  });

  it('CF-1 nobody here: no count', () => {
    expect(revealWarnings(write(0, 0, true)).stillWriting).toBeNull();
  });
});

const vote = (done: number, of: number) => ({ phase: 'vote' as const, progress: { stage: 'vote' as const, done, of } });

describe('CF-2 what closing the vote asks', () => {
  it('CF-2 people here who have not said they are done voting are counted, the facilitator closing it not among them', () => {
    expect(closeVoteWarnings(vote(1, 4), { done: false })).toEqual({ count: 2, of: 4 });
    expect(closeVoteWarnings(vote(1, 4), { done: true })).toEqual({ count: 3, of: 4 });
  });

  it('CF-2 everyone else done (or the facilitator alone): no question', () => {
    expect(closeVoteWarnings(vote(2, 3), { done: false })).toBeNull();
    expect(closeVoteWarnings(vote(3, 3), { done: true })).toBeNull();
    expect(closeVoteWarnings(vote(0, 1), { done: false })).toBeNull();
  });

  it('CF-2 outside Vote: nothing', () => {
    expect(closeVoteWarnings({ phase: 'write', progress: { stage: 'write', done: 0, of: 3 } }, { done: false })).toBeNull();
  });
});
