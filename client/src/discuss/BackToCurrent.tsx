import { useWords } from '../i18n/useWords.js';
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/** The screen's middle: all but this share of its height at the top and at the bottom. */
const EDGE = 0.2;

/** "Away" means the current item is nowhere in the middle of the screen (a tall item may overflow it). */
function outOfTheMiddle(item: HTMLElement): boolean {
  const { top, bottom } = item.getBoundingClientRect();
  const height = window.innerHeight;
  return bottom <= height * EDGE || top >= height * (1 - EDGE);
}

/** DI-5: whoever scrolled away from the current item gets one button back to it. */
export function BackToCurrent({ target, itemKey }: { target: RefObject<HTMLElement | null>; itemKey: string | null }) {
  const { t } = useWords();
  const [away, setAway] = useState(false);
  // the item's element as last drawn, watched anew whenever it changes
  const [element, setElement] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (target.current !== element) setElement(target.current);
  });

  useEffect(() => {
    if (!element) {
      setAway(false);
      return;
    }
    // The item's place is read again when it crosses the middle band (its own size or what is above it changed) and
    // at every scroll and resize: the project's CI saw a page at its top, the item far below the middle, and no button
    // in 15 s, where a new observer of the middle saw the item out of it (cause not found); a scroll now settles it.
    const check = () => setAway(outOfTheMiddle(element));
    const observer = new IntersectionObserver(check, { rootMargin: `-${EDGE * 100}% 0px -${EDGE * 100}% 0px`, threshold: 0 });
    observer.observe(element);
    window.addEventListener('scroll', check, { passive: true });
    window.addEventListener('resize', check);
    return () => {
      observer.disconnect();
      window.removeEventListener('scroll', check);
      window.removeEventListener('resize', check);
    };
  }, [element, itemKey]);

  if (!away || !itemKey) return null;
  return (
    <button
      type="button"
      className="back-to-current primary"
      onClick={() => {
        // UI-5: a script's smooth scroll is not made a jump for reduced motion by the browser itself
        const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        target.current?.scrollIntoView({ behavior: calm ? 'auto' : 'smooth', block: 'center' });
        target.current?.focus({ preventScroll: true });
      }}
    >
      {t('running.backToCurrent')}
    </button>
  );
}
