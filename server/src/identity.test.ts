import { describe, expect, it } from 'vitest';
import { Keyring } from './identity.js';

describe('Keyring.person', () => {
  const keyring = new Keyring(Buffer.alloc(32, 1));
  const values = (k: Keyring, board: string, secret: string) => {
    const { tags, commandKeyBase } = k.person(board, secret);
    return [...Object.values(tags), commandKeyBase];
  };

  it('AR-2 gives each person seven values of their own: none equal to another, to the auth hash, or across boards, secrets and server keys', () => {
    const mine = values(keyring, 'board-1', 'secret-a');
    expect(mine).toHaveLength(7);
    for (const v of mine) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const everything = [
      ...mine,
      keyring.authHash('board-1', 'secret-a'),
      ...values(keyring, 'board-2', 'secret-a'),
      ...values(keyring, 'board-1', 'secret-b'),
      ...values(new Keyring(Buffer.alloc(32, 2)), 'board-1', 'secret-a'),
    ];
    expect(new Set(everything).size).toBe(everything.length);
    // the same secret on the same board derives the same values (a returning person is recognised)
    expect(values(keyring, 'board-1', 'secret-a')).toEqual(mine);
  });
});
