import { useEffect, useState, type MouseEvent } from 'react';
import { useWords } from '../i18n/useWords.js';

/** Where a skip link goes: the id of the element that takes focus, and the phone tab it is on (UI-12). */
export interface SkipTarget {
  id: string;
  label: string;
  section: string;
}

/**
 * UI-25: the first keys on the board skip past the header and the people to what a keyboard user came for — the
 * board, the item being discussed, the facilitator's phase controls. Hidden until focused. On a phone a target
 * may be on another tab: the link opens that tab first, then moves focus once it is drawn.
 */
export function SkipLinks({ targets, openSection }: { targets: SkipTarget[]; openSection: (section: string) => void }) {
  const { t } = useWords();
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!pending) return;
    const target = document.getElementById(pending);
    if (!target) return; // not drawn yet (a part that loads on demand): this runs again with the next render
    setPending(null);
    target.focus();
    target.scrollIntoView({ block: 'start' });
  });
  const go = (target: SkipTarget) => (event: MouseEvent) => {
    event.preventDefault();
    openSection(target.section);
    setPending(target.id);
  };
  return (
    <nav className="skip-links" aria-label={t('layout.skipLinks')}>
      {targets.map((target) => (
        <a key={target.id} href={`#${target.id}`} onClick={go(target)}>
          {target.label}
        </a>
      ))}
    </nav>
  );
}
