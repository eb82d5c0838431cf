import { describe, expect, it } from 'vitest';
import { Keyring } from '../identity.js';
import { ANOTHER_KEY, SEALED_WRITERS_CHARS, UnreadableWriters, WritersSeal } from './sealedWriters.js';

const seal = new WritersSeal(new Keyring(Buffer.alloc(32, 1)).cardWritersKeys());

describe('the writers stored with the cards, sealed (AN-10)', () => {
  it('AN-10 AR-8 one length whatever the number, no number in the clear, and it opens for its board', () => {
    const sealed = [0, 1, 2, 9, 10, 1_000, 0xffffffff].map((n) => seal.seal('board-1', n, 'c1,c2'));
    for (const s of sealed) expect(s).toMatch(new RegExp(`^[A-Za-z0-9_-]{${SEALED_WRITERS_CHARS}}$`));
    expect(sealed.map((s) => seal.open('board-1', s))).toEqual([0, 1, 2, 9, 10, 1_000, 0xffffffff]);
    expect(() => seal.seal('board-1', -1, '')).toThrow();
  });

  it('AN-10 the same number for the same unrevealed cards is the same bytes; another number or other cards, others', () => {
    const once = seal.seal('board-1', 1, 'c1,c2');
    expect(seal.seal('board-1', 1, 'c1,c2')).toBe(once);
    // (another Keyring of the same server key: another process, or after a restart)
    expect(new WritersSeal(new Keyring(Buffer.alloc(32, 1)).cardWritersKeys()).seal('board-1', 1, 'c1,c2')).toBe(once);
    const others = [seal.seal('board-1', 2, 'c1,c2'), seal.seal('board-1', 1, 'c1,c2,c3'), seal.seal('board-2', 1, 'c1,c2')];
    for (const other of others) expect(other).not.toBe(once);
    // the IV too: no two different things share one
    expect(new Set([once, ...others].map((s) => Buffer.from(s, 'base64url').subarray(4, 16).toString('hex'))).size).toBe(4);
  });

  it('AN-10 AR-7 sealed under this key, another board’s or changed bytes are refused; sealed under another key, it is unknown', () => {
    const sealed = seal.seal('board-1', 3, 'c1');
    expect(() => seal.open('board-2', sealed)).toThrow(UnreadableWriters);
    // (a byte of the IV, the number, the tag)
    for (const at of [4, 17, 35]) {
      const changed = Buffer.from(sealed, 'base64url');
      changed[at]! ^= 0x40;
      expect(() => seal.open('board-1', changed.toString('base64url'))).toThrow(/board board-1: .* does not open/);
      expect(seal.opened('board-1', changed.toString('base64url'))).toBeNull();
    }
    for (const notSealed of [3, '3', sealed.slice(1), null]) expect(() => seal.open('board-1', notSealed)).toThrow(/is not a sealed number/);
    const elsewhere = new WritersSeal(new Keyring(Buffer.alloc(32, 2)).cardWritersKeys()).seal('board-1', 3, 'c1');
    expect(seal.open('board-1', elsewhere)).toBe(ANOTHER_KEY);
    expect(seal.opened('board-1', elsewhere)).toBeNull();
  });
});
