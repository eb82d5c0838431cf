import { describe, expect, it, vi } from 'vitest';
import { ConnectionHealth, HEARTBEAT_MS, HEARTBEAT_TIMEOUT_MS } from './connectionHealth.js';

/** a socket whose `time.sync` asks are kept, to be answered (or left to time out) by the test */
function fakeSocket() {
  const asks: Array<(err: Error | null) => void> = [];
  const socket = {
    connected: true,
    timeout: (ms: number) => ({
      emit: (_event: string, answer: (err: Error | null) => void) => {
        let done = false;
        const once = (err: Error | null) => void (done || ((done = true), answer(err)));
        setTimeout(() => once(new Error('timeout')), ms);
        asks.push(() => once(null));
      },
    }),
  };
  return { socket, asks };
}

describe('ConnectionHealth', () => {
  it('UI-9 a beat left unanswered by a link that dropped does not drop the connection made after it', () => {
    vi.useFakeTimers();
    const { socket, asks } = fakeSocket();
    const onSilent = vi.fn();
    const health = new ConnectionHealth(socket as never, { onSilent, onTick: () => {} });
    health.start();
    vi.advanceTimersByTime(HEARTBEAT_MS); // a beat asked…
    expect(asks).toHaveLength(1);
    // …and the browser says it is offline before its answer: the link is let go, and a new one is made at once
    health.dropped();
    vi.advanceTimersByTime(HEARTBEAT_TIMEOUT_MS - 1);
    expect(onSilent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1); // the old beat times out on the new, healthy connection
    expect(onSilent).not.toHaveBeenCalled();
    // the new connection's own beats are heard (one was asked meanwhile), and its silence still counts
    expect(asks).toHaveLength(2);
    asks[1]!(null);
    vi.advanceTimersByTime(HEARTBEAT_MS + HEARTBEAT_TIMEOUT_MS);
    expect(onSilent).toHaveBeenCalledTimes(1);
    health.stop();
    vi.useRealTimers();
  });
});
