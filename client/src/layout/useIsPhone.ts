import { useSyncExternalStore } from 'react';

/** The width below which the board becomes tabs (matches the phone media query in styles.css). */
export const PHONE_QUERY = '(max-width: 760px)';

/** A touch screen is the main pointer (UI-14: there, "Group with…" replaces dragging). */
export const COARSE_POINTER_QUERY = '(pointer: coarse)';

function useMediaQuery(media: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(media);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(media).matches,
  );
}

export function useIsPhone(): boolean {
  return useMediaQuery(PHONE_QUERY);
}

export function useCoarsePointer(): boolean {
  return useMediaQuery(COARSE_POINTER_QUERY);
}
