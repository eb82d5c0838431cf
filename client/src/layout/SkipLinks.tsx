import type { MouseEvent } from 'react';
import { useWords } from '../i18n/useWords.js';

/** Where a skip link goes: the id of the element that takes focus, and the phone tab it is on (UI-12). */
export interface SkipTarget {
  id: string;
  label: string;
  section: string;
}

/**
 * UI-25: the first keys on the board skip past the header and the people to what a keyboard user came for — the
 * board, the item being discussed, the facilitator's phase controls, each column of a revealed board. Hidden until focused. On a phone a target
 * may be on another tab: the link opens that tab first, then moves focus once it is drawn.
 */
export function SkipLinks({ targets, openSection }: { targets: SkipTarget[]; openSection: (section: string) => void }) {
  const { t } = useWords();
  const go = (target: SkipTarget) => (event: MouseEvent) => {
    event.preventDefault();
    openSection(target.section);
    focusWhenDrawn(target.id);
  };
  return (
    <nav className="skip-links" data-skip-links="" aria-label={t('layout.skipLinks')}>
      {targets.map((target) => (
        <a key={target.id} href={`#${target.id}`} onClick={go(target)}>
          {target.label}
        </a>
      ))}
    </nav>
  );
}

/** Focuses the element once it is on the page: a tab just opened, or a part still loading, draws it a little later. */
function focusWhenDrawn(id: string, framesLeft = 180): void {
  const target = document.getElementById(id);
  if (target) {
    // a column's heading is no control: it takes focus from a skip link alone, and Tab goes on to its first card
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'start' });
  } else if (framesLeft > 0) {
    requestAnimationFrame(() => focusWhenDrawn(id, framesLeft - 1));
  }
}
