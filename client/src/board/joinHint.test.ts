import { describe, expect, it } from 'vitest';
import { joinHint } from './joinHint.js';

describe('what the join form says to the holder of the facilitator link', () => {
  it('FA-4 before anyone facilitates, the link holder joins as the facilitator', () => {
    expect(joinHint(true, null)).toEqual({ key: 'join.asFacilitator' });
  });

  it('FA-4 with someone facilitating (the creator on another device, or whom they handed over to) it names them and says the role can be taken back once in', () => {
    // the creator opening the link on a phone was told 'You are joining as the facilitator.', then joined as a
    // participant, told 'Ana is facilitating now' — or 'Priya is facilitating now', about their own laptop
    expect(joinHint(true, 'Ana')).toEqual({ key: 'join.withFacilitatorLink', name: 'Ana' });
  });

  it('JN-3 anyone else joins as a participant, whoever facilitates', () => {
    expect(joinHint(false, 'Ana')).toEqual({ key: 'join.asParticipant' });
    expect(joinHint(false, null)).toEqual({ key: 'join.asParticipant' });
  });
});
