import { beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './memoryStorage.testing.js';
import { createIdentity, rememberFacilitatorKey } from './identity.js';
import { mayOfferClose } from './closeRetro.js';

const KEY = 'k'.repeat(43);

describe('"Close it now" on the team page, for a retro left open', () => {
  beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));

  it('TM-16 is offered in a browser that was in the retro as its facilitator: with its key, or under a name that facilitated it', () => {
    createIdentity('board-one', 'Fiona');
    rememberFacilitatorKey('board-one', KEY);
    expect(mayOfferClose('board-one', [])).toBe(true);
    // handed the role in the room (no key here), under the name the history lists
    createIdentity('board-two', 'Bo');
    expect(mayOfferClose('board-two', ['Fiona', 'Bo'])).toBe(true);
  });

  it('TM-16 is not offered to someone who was there under another name, nor to a browser never in it', () => {
    createIdentity('board-one', 'Ada');
    expect(mayOfferClose('board-one', ['Fiona'])).toBe(false);
    // a key alone, never joined from here: the server asks who they are in the retro, and this browser cannot say
    rememberFacilitatorKey('board-two', KEY);
    expect(mayOfferClose('board-two', ['Fiona'])).toBe(false);
    expect(mayOfferClose('board-three', ['Fiona'])).toBe(false);
  });
});
