import { useWords } from '../i18n/useWords.js';
import { phasesOf, type Phase } from '@candor/shared';

export function PhaseStepper({ phase, hasReview }: { phase: Phase; hasReview: boolean }) {
  const { t } = useWords();
  const phases = phasesOf(hasReview);
  const current = phases.indexOf(phase);
  return (
    <nav aria-label={t('board.phasesNav')} className="stepper">
      <ol>
        {phases.map((p, i) => (
          <li
            key={p}
            className={i === current ? 'current' : i < current ? 'done' : 'upcoming'}
            aria-current={i === current ? 'step' : undefined}
            // a past phase may show as its check mark alone (UI-26, UI-28): pointing at it shows its name
            title={i < current ? t(`phases.${p}`) : undefined}
          >
            <span className="phase-name">{t(`phases.${p}`)}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
