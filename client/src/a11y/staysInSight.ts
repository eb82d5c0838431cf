import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * UI-7: a field that adds what is typed into a list above it (a card, an action) keeps focus for the next one, and
 * the new entry pushes it down: on a phone it went below the bars at the bottom, and the next one was typed blind.
 * After `added()`, until the person types again (`typed()`), leaves the field or scrolls the page, each drawing brings
 * the field back into sight if it went out of it (`nearest` keeps to the page's scroll padding, which leaves room for
 * the bars). A page scrolled since (away from where `added()` or the last bringing back left it) was scrolled by the
 * person: kept on, every later drawing (another person's card, a presence change) pulled them back to the field.
 */
export function useStaysInSight(field: RefObject<HTMLElement | null>): { added: () => void; typed: () => void } {
  const keep = useRef(false);
  /** where the page stood when it was last left by `added()` or by bringing the field back */
  const leftAt = useRef(0);
  useLayoutEffect(() => {
    const element = field.current;
    if (!keep.current || !element || document.activeElement !== element) return;
    if (Math.abs(window.scrollY - leftAt.current) > 1) {
      keep.current = false;
      return;
    }
    const bars = [...document.querySelectorAll('.step-bar, .room-bar')].map((bar) => bar.getBoundingClientRect().top);
    if (element.getBoundingClientRect().bottom > Math.min(window.innerHeight, ...bars)) {
      element.scrollIntoView({ block: 'nearest' });
      leftAt.current = window.scrollY;
    }
  });
  return {
    added: () => {
      keep.current = true;
      leftAt.current = window.scrollY;
    },
    typed: () => {
      keep.current = false;
    },
  };
}
