import { useLayoutEffect, useRef, useState } from 'react';
import { useWords } from '../i18n/useWords.js';
import { useWidth } from '../layout/useWidth.js';
import { phasesOf, type Phase } from '@candor/shared';

/**
 * UI-26: the phases on one line, spelled out as far as the line allows. Where their names would take two, the past
 * phases give way first, the oldest first, each to its check mark ("✓ Write" → "✓"); then, if that is not enough
 * (German's seven on a phone), the phases after the next one show their number. A phase so shortened keeps its name
 * for screen readers and shows it on pointing; the current phase and the next one are always spelled out. Before,
 * a phone showed every past phase as a bare check mark, however much room the line had: at Close, "✓ ✓ ✓ ✓ ✓ Close".
 */
export function PhaseStepper({ phase, hasReview }: { phase: Phase; hasReview: boolean }) {
  const { t } = useWords();
  const phases = phasesOf(hasReview);
  const current = phases.indexOf(phase);
  const list = useRef<HTMLOListElement | null>(null);
  const width = useWidth(list);
  // how far the line is squeezed: the first `squeeze` past phases are check marks; one more, and later phases numbers
  const [squeeze, setSqueeze] = useState(0);
  const compact = squeeze > current;

  // names first, whenever what they must fit changes; then one step more while they take two lines (measured before
  // the page is painted, so nobody sees the names wrap; not at every board update, only when this changes)
  useLayoutEffect(() => setSqueeze(0), [phase, t, width]);
  useLayoutEffect(() => {
    const ol = list.current;
    if (compact || !ol) return;
    const tops = [...ol.children].map((li) => li.getBoundingClientRect().top);
    if (Math.max(...tops) > Math.min(...tops) + 1) setSqueeze(squeeze + 1);
  }, [compact, squeeze, phase, t, width]);

  return (
    <nav aria-label={t('board.phasesNav')} className="stepper">
      <ol ref={list}>
        {phases.map((p, i) => {
          // after the next phase: its number where the line (UI-26) or a desk's header row (UI-28) has no room for it
          const later = i > current + 1;
          const numbered = compact && later;
          const ticked = i < Math.min(squeeze, current);
          return (
            <li
              key={p}
              className={i === current ? 'current' : i < current ? (ticked ? 'done ticked' : 'done') : `upcoming${later ? ' later' : ''}${numbered ? ' numbered' : ''}`}
              aria-current={i === current ? 'step' : undefined}
              // a past phase may show as its check mark alone (UI-26, UI-28), a later one as its number: pointing at it shows its name
              title={i < current || later ? t(`phases.${p}`) : undefined}
            >
              <span className="phase-name">{t(`phases.${p}`)}</span>
              {later && (
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
