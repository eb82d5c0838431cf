import { context } from './chime.js';

/**
 * GP-1: the chime for the timer that ran out (`timerKey`: the board's and its end's), once for the browser: every tab
 * of it on the board watched the same timer run out, and each rang. The tabs take turns (a Web Lock; without Web Locks,
 * outside a secure context, they read and write the mark at once) and the first that can play marks it rung. A tab
 * whose sound the browser still holds back (no click there yet: its audio does not start within a moment) leaves it to
 * another.
 */
export function chimeOnce(timerKey: string): void {
  const ring = async () => {
    const ctx = context();
    if (!ctx) return;
    if (ctx.state !== 'running') await Promise.race([ctx.resume(), new Promise((started) => setTimeout(started, 300))]);
    if (ctx.state !== 'running' || rung(timerKey)) return;
    playChime();
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) void locks.request('candor.timerChime', ring);
  else ring();
}

/** Whether another tab rang for this timer already; if not, marks it rung now. */
function rung(timerKey: string): boolean {
  try {
    if (localStorage.getItem('candor.timerChimed') === timerKey) return true;
    localStorage.setItem('candor.timerChimed', timerKey);
  } catch {
    // no storage: this page cannot tell, so it rings
  }
  return false;
}

/** Two short sine notes, quiet and falling away: a bell, not an alarm. */
function playChime(): void {
  const ctx = context();
  if (!ctx) return;
  void ctx.resume();
  [660, 880].forEach((hz, i) => {
    const start = ctx.currentTime + i * 0.22;
    const tone = ctx.createOscillator();
    const gain = ctx.createGain();
    tone.type = 'sine';
    tone.frequency.setValueAtTime(hz, start);
    gain.gain.setValueAtTime(0.15, start);
    gain.gain.exponentialRampToValueAtTime(0.001, start + 0.6);
    tone.connect(gain).connect(ctx.destination);
    tone.start(start);
    tone.stop(start + 0.6);
  });
}
