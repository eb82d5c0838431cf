import { beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './memoryStorage.testing.js';
import { createIdentity, rememberFacilitatorKey } from './identity.js';
import { closeRetro } from './closeRetro.js';

const KEY = 'k'.repeat(43);

describe('"Close it now" on the team page, for a retro left open', () => {
  beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));

  it('TM-16 closes as the person this browser was in the retro, with its facilitator key if held; a browser never in it is refused as not known', async () => {
    const me = createIdentity('board-one', 'Fiona');
    rememberFacilitatorKey('board-one', KEY);
    const fetch = vi.fn(async () => ({ ok: true, json: async () => ({ ok: true, data: {} }) }));
    vi.stubGlobal('fetch', fetch);
    expect(await closeRetro('board-one', 'vote')).toEqual({ ok: true, data: {} });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, { body: string }];
    expect(url).toBe('/api/boards/board-one/close');
    expect(JSON.parse(init.body)).toEqual({ participantId: me.participantId, secret: me.secret, name: 'Fiona', from: 'vote', facilitatorKey: KEY });
    expect(await closeRetro('board-two', 'vote')).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS' });
    expect(fetch).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });
});
