import { useSyncExternalStore } from 'react';

/** The width below which the board becomes tabs (matches the phone media query in styles.css). */
export const PHONE_QUERY = '(max-width: 760px)';

/** A touch screen is the main pointer (UI-14: there, "Group with…" replaces dragging). */
export const COARSE_POINTER_QUERY = '(pointer: coarse)';

/** A media query read as a store: its list made once, its answer kept and changed by the list's own 'change' event. */
export interface MediaStore {
  subscribe: (onChange: () => void) => () => void;
  matches: () => boolean;
}

const stores = new Map<string, MediaStore>();

/**
 * The one store of `media` for the page. The hook used to call `window.matchMedia` in its snapshot and in a subscribe
 * function made anew on each render, so every redraw of the revealed columns asked the browser again (and resubscribed):
 * with 300 cards on a phone slowed 4 times, a tenth of each redraw when someone grouped cards was in matchMedia (walk K).
 */
export function mediaStore(media: string): MediaStore {
  let store = stores.get(media);
  if (!store) {
    const list = window.matchMedia(media);
    let matches = list.matches;
    const listeners = new Set<() => void>();
    list.addEventListener('change', (event) => {
      matches = event.matches;
      for (const listener of listeners) listener();
    });
    store = {
      subscribe: (onChange) => {
        listeners.add(onChange);
        return () => listeners.delete(onChange);
      },
      matches: () => matches,
    };
    stores.set(media, store);
  }
  return store;
}

function useMediaQuery(media: string): boolean {
  const store = mediaStore(media);
  return useSyncExternalStore(store.subscribe, store.matches);
}

export function useIsPhone(): boolean {
  return useMediaQuery(PHONE_QUERY);
}

export function useCoarsePointer(): boolean {
  return useMediaQuery(COARSE_POINTER_QUERY);
}
