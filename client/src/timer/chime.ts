import { rememberedSwitch, useRememberedSwitch } from '../board/rememberedSwitch.js';

/**
 * GP-1: a soft two-note chime when the shared timer runs out, for people who write or talk in another window and
 * miss the glow. Off unless this browser turned it on (remembered here and shared by its tabs, like presenting mode):
 * a room of open laptops should not ring unasked. It tells nothing to anyone else — no command, nothing on the wire.
 */
const sound = rememberedSwitch('candor.timerSound');
let audio: AudioContext | null = null;

/** Turned on from a click, so the browser lets this page play sound (autoplay rules want a gesture first). */
export function setTimerSound(value: boolean): void {
  sound.set(value);
  if (value) void context()?.resume();
}

// A page opened with the sound on gets no click on the switch: its first press anywhere lets it play.
if (typeof window !== 'undefined') {
  const unlock = () => {
    if (sound.isOn()) void context()?.resume();
  };
  window.addEventListener('pointerdown', unlock, { once: true, capture: true });
  window.addEventListener('keydown', unlock, { once: true, capture: true });
}

/** Whether this browser asked for the chime. */
export function useTimerSound(): boolean {
  return useRememberedSwitch(sound);
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
