export const PHASES = ['review', 'write', 'reveal', 'vote', 'discuss', 'act', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

/** PH-7: only a retro inside a team has a Review phase (it opens with it); others start at Write. */
export function phasesOf(hasReview: boolean): readonly Phase[] {
  return hasReview ? PHASES : PHASES.slice(1);
}

/** PH-1/PH-2: the facilitator moves one step forward or back; nothing leaves Close. */
export function canTransition(from: Phase, to: Phase, hasReview = false): boolean {
  if (from === 'closed') return false;
  const phases = phasesOf(hasReview);
  const a = phases.indexOf(from);
  const b = phases.indexOf(to);
  return a >= 0 && b >= 0 && Math.abs(a - b) === 1;
}

export function nextPhase(phase: Phase, hasReview = false): Phase | null {
  if (phase === 'closed') return null;
  const phases = phasesOf(hasReview);
  return phases[phases.indexOf(phase) + 1] ?? null;
}

export function previousPhase(phase: Phase, hasReview = false): Phase | null {
  if (phase === 'closed') return null;
  const phases = phasesOf(hasReview);
  const index = phases.indexOf(phase);
  return index > 0 ? phases[index - 1]! : null;
}

/**
 * RV-8: in Reveal and every phase after it, every card is revealed: cards are written only in Write, and Write
 * leads forward only into Reveal, which reveals every card there is. So at rest a card's own flag needs to be
 * right only while the board is before Reveal.
 */
export function everyCardRevealedIn(phase: Phase): boolean {
  return phaseIndex(phase) >= phaseIndex('reveal');
}

/** VO-4: tallies are hidden until the facilitator closes voting by moving past Vote. */
export function talliesVisible(phase: Phase): boolean {
  return phaseIndex(phase) > phaseIndex('vote');
}

/** GP-5: "was this retro worth our time?" is asked in Act, the last open phase, and its result shows in Close. */
export function rotiOpen(phase: Phase): boolean {
  return phase === 'act';
}

/** PU-2: the pulse is open at the start of a retro (Review and Write) and its result shows only after. */
export function pulseOpen(phase: Phase): boolean {
  return phase === 'review' || phase === 'write';
}
