import { PHASES, PHASE_LABELS, phaseIndex, type Phase } from '@candor/shared';

export function PhaseStepper({ phase }: { phase: Phase }) {
  const current = phaseIndex(phase);
  return (
    <nav aria-label="Retro phases" className="stepper">
      <ol>
        {PHASES.map((p, i) => (
          <li key={p} className={i === current ? 'current' : i < current ? 'done' : 'upcoming'} aria-current={i === current ? 'step' : undefined}>
            {PHASE_LABELS[p]}
          </li>
        ))}
      </ol>
    </nav>
  );
}
