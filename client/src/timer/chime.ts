import { useSyncExternalStore } from 'react';

/**
 * GP-1: a soft two-note chime when the shared timer runs out, for people who write or talk in another window and
 * miss the glow. Off unless this browser turned it on (remembered here, like presenting mode): a room of open
 * laptops should not ring unasked. It tells nothing to anyone else — no command, nothing on the wire.
 */
const KEY = 'candor.timerSound';
const listeners = new Set<() => void>();
let on = readOn();
let audio: AudioContext | null = null;

function readOn(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

/** Turned on from a click, so the browser lets this page play sound (autoplay rules want a gesture first). */
export function setTimerSound(value: boolean): void {
  try {
    if (value) localStorage.setItem(KEY, 'on');
    else localStorage.removeItem(KEY);
  } catch {
    // storage may be unavailable (private mode): the switch still works for this page
  }
  on = value;
  if (value) void context()?.resume();
  for (const listener of listeners) listener();
}

// A page opened with the sound on gets no click on the switch: its first press anywhere lets it play.
if (typeof window !== 'undefined') {
  const unlock = () => {
    if (on) void context()?.resume();
  };
  window.addEventListener('pointerdown', unlock, { once: true, capture: true });
  window.addEventListener('keydown', unlock, { once: true, capture: true });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether this browser asked for the chime; the countdown re-renders every second, so `subscribe` is one function. */
export function useTimerSound(): boolean {
  return useSyncExternalStore(subscribe, () => on);
}

function context(): AudioContext | null {
  if (audio) return audio;
  try {
    audio = new AudioContext();
  } catch {
    audio = null; // no Web Audio here: the glow and the spoken "Time is up" remain
  }
  return audio;
}

/** Two short sine notes, quiet and falling away: a bell, not an alarm. */
export function playChime(): void {
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
