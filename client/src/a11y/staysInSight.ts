import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * UI-7: a field that adds what is typed into a list above it (a card, an action) keeps focus for the next one, and
 * the new entry pushes it down: on a phone it went below the bars at the bottom, and the next one was typed blind.
 * After `added()`, until the person types again (`typed()`) or leaves the field, each drawing brings the field back
 * into sight if it went out of it (`nearest` keeps to the page's scroll padding, which leaves room for the bars).
 */
export function useStaysInSight(field: RefObject<HTMLElement | null>): { added: () => void; typed: () => void } {
  const keep = useRef(false);
  useLayoutEffect(() => {
    const element = field.current;
    if (!keep.current || !element || document.activeElement !== element) return;
    const bars = [...document.querySelectorAll('.step-bar, .room-bar')].map((bar) => bar.getBoundingClientRect().top);
    if (element.getBoundingClientRect().bottom > Math.min(window.innerHeight, ...bars)) element.scrollIntoView({ block: 'nearest' });
  });
  return {
    added: () => {
      keep.current = true;
    },
    typed: () => {
      keep.current = false;
    },
  };
}
