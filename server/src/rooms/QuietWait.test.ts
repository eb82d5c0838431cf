import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuietWait } from './QuietWait.js';

/** RV-7, RV-11: the quiet a room's background work waits for */
describe('QuietWait', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => void vi.useRealTimers());

  it('runs once the room has been quiet for the quiet time, and waits on while it is not', () => {
    let lastActivity = performance.now();
    const wait = new QuietWait({ quietMs: 250, lastActivity: () => lastActivity });
    const run = vi.fn();
    wait.start(run);
    vi.advanceTimersByTime(200);
    lastActivity = performance.now(); // activity 200 ms in: quiet from here on
    vi.advanceTimersByTime(249);
    expect(run).not.toHaveBeenCalled();
    expect(wait.waiting).toBe(true);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(wait.waiting).toBe(false);
  });

  it('waits a whole quiet time more while something says it is busy, then runs', () => {
    let busy = true;
    const wait = new QuietWait({ quietMs: 250, lastActivity: () => 0, busy: () => busy });
    const run = vi.fn();
    wait.start(run);
    vi.advanceTimersByTime(1_000);
    expect(run).not.toHaveBeenCalled();
    busy = false;
    vi.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('with a longest wait, runs once it has waited that long however busy the room is', () => {
    let lastActivity = 0;
    const wait = new QuietWait({ quietMs: 250, lastActivity: () => lastActivity, atMostMs: 1_000 });
    const run = vi.fn();
    wait.start(run);
    for (let t = 0; t < 5; t++) {
      vi.advanceTimersByTime(200);
      lastActivity = performance.now();
    }
    // 1,000 ms in, never quiet for 250: the next check (1,050 ms) runs it; the quiet alone would have at 1,250
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('a second start replaces the wait under way, and cancel ends it', () => {
    const wait = new QuietWait({ quietMs: 250, lastActivity: () => 0 });
    const first = vi.fn();
    const second = vi.fn();
    wait.start(first);
    wait.start(second);
    vi.advanceTimersByTime(250);
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([0, 1]);
    const third = vi.fn();
    wait.start(third);
    wait.cancel();
    vi.advanceTimersByTime(1_000);
    expect(third).not.toHaveBeenCalled();
    expect(wait.waiting).toBe(false);
  });
});
