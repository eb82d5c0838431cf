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

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) {
      current = read();
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** True while this browser is in presenting mode. */
export function usePresenting(): boolean {
  return useSyncExternalStore(subscribe, () => current);
}
