import { describe, expect, it } from 'vitest';
import { blamelessHint } from '@candor/shared';
import { nudgeNames } from './nudgeNames.js';

const room = [{ name: 'Fiona' }, { name: 'Ada' }, { name: 'Bo' }];

describe('BL-4 the reason a promise was not kept', () => {
  it('BL-4 naming someone whose promise it was is nudged, even when they are not in this retro', () => {
    expect(blamelessHint('Cy was lazy', nudgeNames(room, ['Cy']))).not.toBeNull();
    expect(blamelessHint('Ada forgot to ask', nudgeNames(room, ['Cy']))).not.toBeNull();
  });

  it('BL-4 a reason about the system stays quiet', () => {
    expect(blamelessHint('The staging cluster was down for a week', nudgeNames(room, ['Cy']))).toBeNull();
  });

  it('BL-1 on a card, only the people in the room count', () => {
    expect(nudgeNames(room)).toEqual(['Fiona', 'Ada', 'Bo']);
  });
});
