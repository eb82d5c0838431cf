import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadMyRetros, rememberCreatedRetro } from './myRetros.js';
import { loadFacilitatorKey } from '../sync/identity.js';

/** localStorage as the browser has it: strings by key (Vitest runs these tests in Node, which has none) */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

describe('MY-1 my retros', () => {
  beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('MY-1 a retro is on my list, with its facilitator link, as soon as it is created, before its board is opened', () => {
    const created = { boardId: 'PaymentsRetro01', facilitatorKey: 'k'.repeat(43), name: 'Payments squad retro #1' };
    rememberCreatedRetro(created);
    expect(loadMyRetros()).toEqual([expect.objectContaining({ boardId: created.boardId, name: created.name, created: true, closed: false })]);
    expect(loadFacilitatorKey(created.boardId)).toBe(created.facilitatorKey);
  });
});
