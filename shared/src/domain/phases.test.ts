import { describe, expect, it } from 'vitest';
import { canTransition, isRevealedPhase, nextPhase, PHASES, previousPhase, talliesVisible, type Phase } from './phases.js';

describe('phases', () => {
  it('PH-1 runs Write → Reveal → Vote → Discuss → Act → Close', () => {
    expect(PHASES).toEqual(['write', 'reveal', 'vote', 'discuss', 'act', 'closed']);
    const walk: Phase[] = ['write'];
    for (let p = nextPhase('write'); p; p = nextPhase(p)) walk.push(p);
    expect(walk).toEqual([...PHASES]);
  });

  it('PH-2 allows exactly one step forward or back', () => {
    for (const from of PHASES.filter((p) => p !== 'closed')) {
      for (const to of PHASES) {
        const distance = Math.abs(PHASES.indexOf(to) - PHASES.indexOf(from));
        expect(canTransition(from, to), `${from} → ${to}`).toBe(distance === 1);
      }
    }
  });

  it('PH-2 refuses staying in the same phase and skipping a phase', () => {
    expect(canTransition('vote', 'vote')).toBe(false);
    expect(canTransition('write', 'vote')).toBe(false);
    expect(canTransition('act', 'reveal')).toBe(false);
  });

  it('PH-3 lets nothing leave Close, not even one step back to Act', () => {
    for (const to of PHASES) expect(canTransition('closed', to)).toBe(false);
    expect(nextPhase('closed')).toBeNull();
    expect(previousPhase('closed')).toBeNull();
  });

  it('PH-6 has no phase before Write and Act is the last before Close', () => {
    expect(previousPhase('write')).toBeNull();
    expect(previousPhase('vote')).toBe('reveal');
    expect(nextPhase('act')).toBe('closed');
  });

  it('RV-4 keeps text public once revealed, even back in Write', () => {
    expect(isRevealedPhase('write', false)).toBe(false);
    expect(isRevealedPhase('write', true)).toBe(true);
    expect(isRevealedPhase('reveal', false)).toBe(true);
    expect(isRevealedPhase('closed', false)).toBe(true);
  });

  it('VO-4 shows tallies only after the phase has passed Vote', () => {
    expect(PHASES.filter(talliesVisible)).toEqual(['discuss', 'act', 'closed']);
  });
});
