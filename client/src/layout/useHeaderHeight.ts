import { useEffect, useRef } from 'react';

/**
 * The board's header stays at the top while the page scrolls (on a desk, not on a phone); what else sticks (the
 * sidebar, the facilitator's "Next item") sticks just below it. Its height changes with the window and the words,
 * so it is measured, and given to the CSS as `--header-h` (0 when the header scrolls away with the page).
 */
export function useHeaderHeight<T extends HTMLElement>(shown: boolean) {
  return useStickyHeight<T>('--header-h', shown);
}

/** The height of what the returned ref is given while it sticks (0 while it scrolls with the page), as the CSS `property`. */
export function useStickyHeight<T extends HTMLElement>(property: string, shown: boolean) {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const root = document.documentElement;
    let height: number | null = null;
    const measure = () => {
      const sticks = getComputedStyle(element).position === 'sticky';
      const now = sticks ? element.offsetHeight : 0;
      // DI-6: grown while the page is scrolled (the timer taking the header's second row), it would cover what was just
      // under it: the browser keeps the page's words where they were on the screen (scroll anchoring), so the page is
      // moved down by as much, as if the bar had pushed it (the walk: the item discussed went under the timer)
      // (Safari keeps no such place, overflow-anchor unsupported: there the page moves down by itself)
      if (height !== null && sticks && now > height && window.scrollY > 0 && anchorsScroll()) window.scrollBy(0, -(now - height));
      height = now;
      root.style.setProperty(property, `${now}px`);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      root.style.removeProperty(property);
    };
  }, [property, shown]);
  return ref;
}

/** Whether the browser keeps the page's words in place when something above them grows (CSS scroll anchoring). */
function anchorsScroll(): boolean {
  return typeof CSS !== 'undefined' && CSS.supports('overflow-anchor', 'auto');
}
