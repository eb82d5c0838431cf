import { useSyncExternalStore } from 'react';

/**
 * AN-11: presenting mode. Remote retros are run with someone sharing their screen; while it is on, this browser
 * shows no mark of what is its own — no "yours" badge, no Edit/Delete on own cards, no own-vote dots, no own
 * pulse or fist-of-five answer — so everyone watching the share sees what everyone else sees. Remembered in
 * this browser until turned off.
 */
const KEY = 'candor.presenting';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function setPresenting(on: boolean): void {
  try {
    if (on) localStorage.setItem(KEY, 'on');
    else localStorage.removeItem(KEY);
  } catch {
    // storage may be unavailable (private mode): the switch still works for this page
  }
  current = on;
  for (const listener of listeners) listener();
}

let current = typeof localStorage === 'undefined' ? false : read();

/** Another tab turned it on or off. One listener on the window for all subscribers (there is one per card). */
function onStorage(event: StorageEvent): void {
  if (event.key !== KEY) return;
  current = read();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

/** True while this browser is in presenting mode. */
export function usePresenting(): boolean {
  return useSyncExternalStore(subscribe, () => current);
}
