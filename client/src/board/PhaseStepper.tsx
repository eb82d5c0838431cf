import { PHASE_LABELS, phasesOf, type Phase } from '@candor/shared';

export function PhaseStepper({ phase, hasReview }: { phase: Phase; hasReview: boolean }) {
  const phases = phasesOf(hasReview);
  const current = phases.indexOf(phase);
  return (
    <nav aria-label="Retro phases" className="stepper">
      <ol>
        {phases.map((p, i) => (
          <li key={p} className={i === current ? 'current' : i < current ? 'done' : 'upcoming'} aria-current={i === current ? 'step' : undefined}>
            {PHASE_LABELS[p]}
          </li>
        ))}
      </ol>
    </nav>
  );
}
