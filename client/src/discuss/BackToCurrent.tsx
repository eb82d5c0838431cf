import { useWords } from '../i18n/useWords.js';
import { useEffect, useState, type RefObject } from 'react';

/** DI-5: whoever scrolled away from the current item gets one button back to it. */
export function BackToCurrent({ target, itemKey }: { target: RefObject<HTMLElement | null>; itemKey: string | null }) {
  const { t } = useWords();
  const [away, setAway] = useState(false);

  useEffect(() => {
    const element = target.current;
    if (!element) {
      setAway(false);
      return;
    }
    // "Away" means the current item is nowhere in the middle of the screen (a tall item may overflow it).
    const observer = new IntersectionObserver(([entry]) => setAway(!entry?.isIntersecting), { rootMargin: '-20% 0px -20% 0px', threshold: 0 });
    observer.observe(element);
    return () => observer.disconnect();
  }, [target, itemKey]);

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
