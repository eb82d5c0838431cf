import { createCipheriv, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Keyring } from './identity.js';

describe('Keyring.person', () => {
  const keyring = new Keyring(Buffer.alloc(32, 1));
  const values = (k: Keyring, board: string, secret: string) => {
    const { tags, commandKeyBase, authHash } = k.person(board, secret);
    return [...Object.values(tags), commandKeyBase, authHash];
  };

  it('AR-2 gives each person eight values of their own (the auth hash among them): none equal to another, or across boards, secrets and server keys', () => {
    const mine = values(keyring, 'board-1', 'secret-a');
    expect(mine).toHaveLength(8);
    for (const v of mine) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const everything = [
      ...mine,
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
    expect(keyring.facilitatorHash('board-1', 'key-f')).toBe(hmac('facilitator', 'board-1', 'key-f').toString('base64url'));
    const blocks = Buffer.alloc(32 * 8);
    for (let i = 0; i < 16; i++) blocks.writeUInt32BE(i, i * 16);
    const out = createCipheriv('aes-256-ecb', hmac('person', 'board-1', 'secret-a'), null).setAutoPadding(false).update(blocks);
    const at = (i: number) => out.subarray(i * 32, i * 32 + 32).toString('base64url');
    const { tags, commandKeyBase, authHash } = keyring.person('board-1', 'secret-a');
    expect([tags.authorTag, tags.voterTag, tags.pulseTag, tags.consensusTag, tags.trustTag, tags.reactionTag, commandKeyBase, authHash]).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map(at));
    // fixed values: the author tag computed once with the Keyring of stop 23 (a Buffer key, one HMAC update a
    // part), the auth hash with that of stop 27 (data format 6: value 7 of the person's, no HMAC of its own)
    expect(authHash).toBe('Dg-CnZcyAa1DGeNXD5Jji6HlYMrZ8SBSnjkifyY1BIk');
    expect(tags.authorTag).toBe('Vj94mD_heGdzOnJse_GFIY_4v_QRoFHN1FVSr3mY97g');
  });
});

describe('Keyring.revealSeed', () => {
  it('RV-3 gives each board one reveal seed for a server key: the same in every process and after a restart, another for another board or key', () => {
    const key = Buffer.alloc(32, 5);
    const seed = new Keyring(key).revealSeed('board-1');
    expect(seed).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // two processes (or a restart) on one server key
    expect(new Keyring(Buffer.from(key)).revealSeed('board-1')).toBe(seed);
    const others = [new Keyring(key).revealSeed('board-2'), new Keyring(Buffer.alloc(32, 6)).revealSeed('board-1')];
    expect(new Set([seed, ...others]).size).toBe(3);
    // HMAC(server key, purpose ‖ 0 ‖ board), its first 16 bytes
    expect(seed).toBe(createHmac('sha256', key).update('reveal-seed\u0000board-1').digest().subarray(0, 16).toString('base64url'));
  });
});
