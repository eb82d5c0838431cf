import { describe, expect, it } from 'vitest';
import { revealWarnings } from './revealWarnings.js';

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
