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

/** this page's one AudioContext, made on first use (none where there is no Web Audio) */
export function context(): AudioContext | null {
  if (audio) return audio;
  try {
    audio = new AudioContext();
  } catch {
    audio = null; // no Web Audio here: the glow and the spoken "Time is up" remain
  }
  return audio;
}

/**
 * GP-1: the chime for the timer that ran out (`timerKey`: the board's and its end's), once for the browser
 * (`ring.ts`). Its code comes when first needed, not with the board: most pages never ring.
 */
export function chimeOnce(timerKey: string): void {
  void import('./ring.js').then((ring) => ring.chimeOnce(timerKey));
}
