export const PHASES = ['write', 'reveal', 'vote', 'discuss', 'act', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  write: 'Write',
  reveal: 'Reveal',
  vote: 'Vote',
  discuss: 'Discuss',
  act: 'Act',
  closed: 'Close',
};

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

/** PH-1/PH-2: the facilitator moves one step forward or back; nothing leaves Close. */
export function canTransition(from: Phase, to: Phase): boolean {
  if (from === 'closed') return false;
  return Math.abs(phaseIndex(to) - phaseIndex(from)) === 1;
}

export function nextPhase(phase: Phase): Phase | null {
  return phase === 'closed' ? null : PHASES[phaseIndex(phase) + 1] ?? null;
}

export function previousPhase(phase: Phase): Phase | null {
  if (phase === 'closed') return null;
  return PHASES[phaseIndex(phase) - 1] ?? null;
}

/** RV-1: card text becomes public from Reveal on (also after moving back to Write, nothing is hidden again). */
export function isRevealedPhase(phase: Phase, everRevealed: boolean): boolean {
  return everRevealed || phaseIndex(phase) >= phaseIndex('reveal');
}

/** VO-4: tallies are hidden until the facilitator closes voting by moving past Vote. */
export function talliesVisible(phase: Phase): boolean {
  return phaseIndex(phase) > phaseIndex('vote');
}
