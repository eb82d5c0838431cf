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
          <li key={p} className={i === current ? 'current' : i < current ? 'done' : 'upcoming'} aria-current={i === current ? 'step' : undefined}>
            <span className="phase-name">{t(`phases.${p}`)}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
