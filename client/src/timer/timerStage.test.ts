import { describe, expect, it } from 'vitest';
import { TIME_UP_SHOWN_MS, timerStage } from './TimerDisplay.js';

const timer = (endsAt: number | null, pausedMs: number | null = null) => ({ endsAt, pausedMs }) as Parameters<typeof timerStage>[0];

describe('timerStage (SL-2, SL-4: the pill and the facilitator\'s buttons read one stage)', () => {
  it('none, running, "Time is up" for TIME_UP_SHOWN_MS after the end, then off; paused shows what was left', () => {
    expect(timerStage(timer(null), 1_000).stage).toBe('off');
    expect(timerStage(timer(10_000), 1_000)).toEqual({ stage: 'running', left: 9_000 });
    expect(timerStage(timer(10_000), 9_999).stage).toBe('running');
    expect(timerStage(timer(10_000), 10_000).stage).toBe('up');
    expect(timerStage(timer(10_000), 10_000 + TIME_UP_SHOWN_MS - 1).stage).toBe('up');
    expect(timerStage(timer(10_000), 10_000 + TIME_UP_SHOWN_MS).stage).toBe('off');
    expect(timerStage(timer(null, 42_000), 1_000)).toEqual({ stage: 'paused', left: 42_000 });
  });
});
