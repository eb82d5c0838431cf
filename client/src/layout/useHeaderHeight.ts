import { useEffect, useRef } from 'react';

/**
 * The board's header stays at the top while the page scrolls (on a desk, not on a phone); what else sticks (the
 * sidebar, the facilitator's "Next item") sticks just below it. Its height changes with the window and the words,
 * so it is measured, and given to the CSS as `--header-h` (0 when the header scrolls away with the page).
 */
export function useHeaderHeight<T extends HTMLElement>(shown: boolean) {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    const header = ref.current;
    if (!header) return;
    const root = document.documentElement;
    const measure = () => {
      const sticks = getComputedStyle(header).position === 'sticky';
      root.style.setProperty('--header-h', `${sticks ? header.offsetHeight : 0}px`);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(header);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      root.style.removeProperty('--header-h');
    };
  }, [shown]);
  return ref;
}
