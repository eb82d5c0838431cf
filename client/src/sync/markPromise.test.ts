import { beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './memoryStorage.testing.js';
import { createIdentity } from './identity.js';
import { markPromise, mineIn } from './markPromise.js';

describe('"Mark done" on the team page, for a promise of a closed retro', () => {
  beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));

  it('RE-13 TM-16 asks the server what is this person’s, by id and secret (not by name); nothing without an identity', async () => {
    const me = createIdentity('board-one', 'Ada');
    const fetch = vi.fn(async () => ({ ok: true, json: async () => ({ actionIds: ['action-0001'], facilitating: false }) }));
    vi.stubGlobal('fetch', fetch);
    expect(await mineIn('board-one')).toEqual({ actionIds: ['action-0001'], facilitating: false });
    expect(fetch.mock.calls).toEqual([['/api/boards/board-one/mine', { headers: { authorization: `Candor ${me.participantId} ${me.secret}` } }]]);
    expect(await mineIn('board-two')).toEqual({ actionIds: [], facilitating: false });
    expect(fetch).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });

  it('RE-13 CM-1 sends who this browser was in the retro, and one command id for both tries of one click', async () => {
    const me = createIdentity('board-one', 'Ada');
    const bodies: Record<string, unknown>[] = [];
    const fetch = vi.fn(async (_url: string, init: { body: string }) => {
      bodies.push(JSON.parse(init.body) as Record<string, unknown>);
      if (bodies.length === 1) throw new TypeError('network went away');
      return { json: async () => ({ ok: true, data: {} }) };
    });
    vi.stubGlobal('fetch', fetch);
    expect(await markPromise('board-one', 'action-0001', true)).toEqual({ ok: true, data: {} });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(['/api/boards/board-one/promise', '/api/boards/board-one/promise']);
    expect(bodies[0]).toEqual({ id: expect.stringMatching(/^[\w-]{21}$/), ...me, actionId: 'action-0001', done: true });
    expect(bodies[1]).toEqual(bodies[0]);
    vi.unstubAllGlobals();
  });
});
