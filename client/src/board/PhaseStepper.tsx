import { useLayoutEffect, useRef, useState } from 'react';
import { useWords } from '../i18n/useWords.js';
import { useWidth } from '../layout/useWidth.js';
import { phasesOf, type Phase } from '@candor/shared';

/**
 * UI-26: the phases on one line. Where their names would take two (German's seven on a phone), the phases after the
 * next one show their number instead, the name kept for screen readers and shown on pointing, as a past phase shows
 * its check mark: the current phase and the next one are always spelled out.
 */
export function PhaseStepper({ phase, hasReview }: { phase: Phase; hasReview: boolean }) {
  const { t } = useWords();
  const phases = phasesOf(hasReview);
  const current = phases.indexOf(phase);
  const list = useRef<HTMLOListElement | null>(null);
  const width = useWidth(list);
  const [compact, setCompact] = useState(false);

  // names first, whenever what they must fit changes; numbers only if the names then take two lines (measured
  // before the page is painted, so nobody sees the names wrap; not at every board update, only when this changes)
  useLayoutEffect(() => setCompact(false), [phase, t, width]);
  useLayoutEffect(() => {
    const ol = list.current;
    if (compact || !ol) return;
    const tops = [...ol.children].map((li) => li.getBoundingClientRect().top);
    if (Math.max(...tops) > Math.min(...tops) + 1) setCompact(true);
  }, [compact, phase, t, width]);

  return (
    <nav aria-label={t('board.phasesNav')} className="stepper">
      <ol ref={list}>
        {phases.map((p, i) => {
          const numbered = compact && i > current + 1;
          return (
            <li
              key={p}
              className={i === current ? 'current' : i < current ? 'done' : numbered ? 'upcoming numbered' : 'upcoming'}
              aria-current={i === current ? 'step' : undefined}
              // a past phase may show as its check mark alone (UI-26, UI-28), a later one as its number: pointing at it shows its name
              title={i < current || numbered ? t(`phases.${p}`) : undefined}
            >
              <span className="phase-name">{t(`phases.${p}`)}</span>
              {numbered && (
                <span className="phase-number" aria-hidden="true">
                  {i + 1}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
