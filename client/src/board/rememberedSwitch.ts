import { useSyncExternalStore } from 'react';

/**
 * SW-2: an on/off choice this browser remembers (its key in localStorage holds 'on', or nothing) and every tab of it
 * shares: presenting mode (AN-11) and the timer's chime (GP-1). Nothing goes on the wire. Without storage (private
 * mode) the switch still works for this page.
 */
export interface RememberedSwitch {
  isOn(): boolean;
  set(on: boolean): void;
  /** one function for the switch's life: a component re-rendering every second must not resubscribe each time */
  subscribe(listener: () => void): () => void;
}

export function rememberedSwitch(key: string): RememberedSwitch {
  const listeners = new Set<() => void>();
  const read = (): boolean => {
    try {
      return typeof localStorage !== 'undefined' && localStorage.getItem(key) === 'on';
    } catch {
      return false;
    }
  };
  let current = read();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  // another tab turned it on or off (null: it cleared the storage). One listener on the window for all subscribers.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== key && event.key !== null) return;
    current = read();
    changed();
  };
  return {
    isOn: () => current,
    set(on) {
      try {
        if (on) localStorage.setItem(key, 'on');
        else localStorage.removeItem(key);
      } catch {
        // storage may be unavailable (private mode): the switch still works for this page
      }
      current = on;
      changed();
    },
    subscribe(listener) {
      if (listeners.size === 0) window.addEventListener('storage', onStorage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) window.removeEventListener('storage', onStorage);
      };
    },
  };
}

/** Whether `choice` is on, re-rendering when it changes here or in another tab. */
export function useRememberedSwitch(choice: RememberedSwitch): boolean {
  return useSyncExternalStore(choice.subscribe, choice.isOn);
}
