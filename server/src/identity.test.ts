import { createCipheriv, createHmac } from 'node:crypto';
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

describe('Keyring values at rest', () => {
  const key = Buffer.alloc(32, 4);
  const keyring = new Keyring(key);
  /** AR-2's formula written out with node:crypto alone: HMAC(server key, purpose ‖ 0 ‖ board ‖ 0 ‖ secret) */
  const hmac = (purpose: string, board: string, secret: string) => createHmac('sha256', key).update(purpose).update(`\u0000${board}`).update(`\u0000${secret}`).digest();

  it('AR-2 derives the auth hash, the facilitator hash and the person values that stored data was made with, byte for byte', () => {
    // (stored auth hashes and the per-fact tags derived from these values must keep matching after any rewrite of `Keyring`)
    expect(keyring.authHash('board-1', 'secret-a')).toBe(hmac('auth', 'board-1', 'secret-a').toString('base64url'));
    expect(keyring.facilitatorHash('board-1', 'key-f')).toBe(hmac('facilitator', 'board-1', 'key-f').toString('base64url'));
    const blocks = Buffer.alloc(32 * 7);
    for (let i = 0; i < 14; i++) blocks.writeUInt32BE(i, i * 16);
    const out = createCipheriv('aes-256-ecb', hmac('person', 'board-1', 'secret-a'), null).setAutoPadding(false).update(blocks);
    const at = (i: number) => out.subarray(i * 32, i * 32 + 32).toString('base64url');
    const { tags, commandKeyBase } = keyring.person('board-1', 'secret-a');
    expect([tags.authorTag, tags.voterTag, tags.pulseTag, tags.consensusTag, tags.trustTag, tags.reactionTag, commandKeyBase]).toEqual([0, 1, 2, 3, 4, 5, 6].map(at));
    // fixed values, computed once with the Keyring of stop 23 (a Buffer key, one HMAC update a part)
    expect(keyring.authHash('board-1', 'secret-a')).toBe('n4354CbiOl1Ojf6jOKsjWoIC_zEGfkFyFf9nRf6CUPs');
    expect(tags.authorTag).toBe('Vj94mD_heGdzOnJse_GFIY_4v_QRoFHN1FVSr3mY97g');
  });
});
