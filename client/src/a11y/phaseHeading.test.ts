import { describe, expect, it } from 'vitest';
import { wentWithPhaseBefore } from './phaseHeading.js';

describe('UI-10 the focus rescue gives the new phase its heading only for a control of the phase before', () => {
  it('UI-10 a control focused before the phase changed, lost within the settling time, went with the phase before', () => {
    // the pulse answer a moment before Reveal, or the "Next" button pressed
    expect(wentWithPhaseBefore({ focusedAt: 1_000, phaseChangedAt: 1_200, now: 1_900 })).toBe(true);
  });

  it('UI-10 PU-1 a control focused after the phase changed (a card written and deleted in the new phase) did not', () => {
    // a keyboard user's card deleted 0.9 s into Write of a team retro: focus went to the "Write" heading, not its column
    expect(wentWithPhaseBefore({ focusedAt: 1_500, phaseChangedAt: 1_200, now: 1_900 })).toBe(false);
  });

  it('UI-10 long after the phase changed, nothing went with it', () => {
    expect(wentWithPhaseBefore({ focusedAt: 1_000, phaseChangedAt: 1_200, now: 4_000 })).toBe(false);
  });
});
