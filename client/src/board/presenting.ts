import { rememberedSwitch, useRememberedSwitch } from './rememberedSwitch.js';

/**
 * AN-11: presenting mode. Remote retros are run with someone sharing their screen; while it is on, this browser
 * shows no mark of what is its own — no "yours" badge, no Edit/Delete on own cards, no own-vote dots, no own
 * pulse or fist-of-five answer — so everyone watching the share sees what everyone else sees. Remembered in
 * this browser until turned off, in every tab of it.
 */
const presenting = rememberedSwitch('candor.presenting');

export const setPresenting = presenting.set;

/** True while this browser is in presenting mode. */
export function usePresenting(): boolean {
  return useRememberedSwitch(presenting);
}
