import { describe, expect, it } from 'vitest';
import { canTransition, nextPhase, PHASES, phasesOf, previousPhase, pulseOpen, talliesVisible, type Phase } from './phases.js';

describe('phases', () => {
  it('PH-1 runs Write → Reveal → Vote → Discuss → Act → Close', () => {
    expect(phasesOf(false)).toEqual(['write', 'reveal', 'vote', 'discuss', 'act', 'closed']);
    const walk: Phase[] = ['write'];
    for (let p = nextPhase('write'); p; p = nextPhase(p)) walk.push(p);
    expect(walk).toEqual([...phasesOf(false)]);
  });

  it('PH-1 runs Review → Write → … → Close in a team retro', () => {
    expect(PHASES).toEqual(['review', 'write', 'reveal', 'vote', 'discuss', 'act', 'closed']);
    expect(phasesOf(true)).toEqual([...PHASES]);
    const walk: Phase[] = ['review'];
    for (let p = nextPhase('review', true); p; p = nextPhase(p, true)) walk.push(p);
    expect(walk).toEqual([...PHASES]);
  });

  it('PH-2 allows exactly one step forward or back', () => {
    for (const hasReview of [false, true]) {
      const phases = phasesOf(hasReview);
      for (const from of phases.filter((p) => p !== 'closed')) {
        for (const to of phases) {
          const distance = Math.abs(phases.indexOf(to) - phases.indexOf(from));
          expect(canTransition(from, to, hasReview), `${from} → ${to} (review: ${hasReview})`).toBe(distance === 1);
        }
      }
    }
  });

  it('PH-2 refuses staying in the same phase and skipping a phase', () => {
    expect(canTransition('vote', 'vote')).toBe(false);
    expect(canTransition('write', 'vote')).toBe(false);
    expect(canTransition('act', 'reveal')).toBe(false);
    expect(canTransition('review', 'reveal', true)).toBe(false);
  });

  it('PH-3 lets nothing leave Close, not even one step back to Act', () => {
    for (const hasReview of [false, true]) {
      for (const to of PHASES) expect(canTransition('closed', to, hasReview)).toBe(false);
      expect(nextPhase('closed', hasReview)).toBeNull();
      expect(previousPhase('closed', hasReview)).toBeNull();
    }
  });

  it('PH-6 has no phase before Write and Act is the last before Close', () => {
    expect(previousPhase('write')).toBeNull();
    expect(previousPhase('vote')).toBe('reveal');
    expect(nextPhase('act')).toBe('closed');
  });

  it('PH-6 in a team retro Review comes before Write and has nothing before it', () => {
    expect(previousPhase('write', true)).toBe('review');
    expect(previousPhase('review', true)).toBeNull();
    expect(nextPhase('review', true)).toBe('write');
  });

  it('PH-7 a board without Review never moves into it, nor out of it', () => {
    for (const from of PHASES) expect(canTransition(from, 'review', false), `${from} → review`).toBe(false);
    expect(canTransition('review', 'write', false)).toBe(false);
    expect(previousPhase('write', false)).toBeNull();
  });

  it('PH-7 a team retro goes from Review to Write and back from Write to Review', () => {
    expect(canTransition('review', 'write', true)).toBe(true);
    expect(canTransition('write', 'review', true)).toBe(true);
    expect(canTransition('reveal', 'review', true)).toBe(false);
  });

  it('VO-4 shows tallies only after the phase has passed Vote', () => {
    expect(PHASES.filter(talliesVisible)).toEqual(['discuss', 'act', 'closed']);
  });

  it('PU-2 the pulse is open only in Review and Write', () => {
    expect(PHASES.filter(pulseOpen)).toEqual(['review', 'write']);
  });
});
