import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anonymousStateKey, openState, paddedSize, sealState } from './sealedState.js';

const key = anonymousStateKey(Buffer.alloc(32, 3));
const part = (cards: string[]) => Buffer.from(JSON.stringify({ cards: cards.map((text, i) => ({ id: `id-${i}`, text, tag: randomBytes(16).toString('base64url') })) }));

describe('AR-12 the anonymous state as PostgreSQL stores it', () => {
  it('AR-12 opens to the same bytes, and only with the key, board and part it was sealed for', () => {
    const plain = part(['I am stuck on the release', 'I do not know how the deploy works']);
    const sealed = sealState(key, 'board-1', 'cards', plain);
    expect(openState(key, 'board-1', 'cards', sealed)).toEqual(plain);
    expect(() => openState(anonymousStateKey(Buffer.alloc(32, 4)), 'board-1', 'cards', sealed)).toThrow();
    expect(() => openState(key, 'board-2', 'cards', sealed)).toThrow();
    expect(() => openState(key, 'board-1', 'marks', sealed)).toThrow();
    // a flipped bit anywhere is refused, not misread
    const tampered = Buffer.from(sealed);
    tampered[40] ^= 1;
    expect(() => openState(key, 'board-1', 'cards', tampered)).toThrow();
    // what layout 6 stored (the JSON in clear) is refused too
    expect(() => openState(key, 'board-1', 'cards', plain)).toThrow();
  });

  it('AR-12 holds none of the text, and two writes of the same state look unrelated, small or big', () => {
    const small = part(['I am stuck on the release']);
    const big = part(Array.from({ length: 1500 }, (_, i) => `I am stuck on the release, card ${i}`));
    for (const plain of [small, big]) {
      const a = sealState(key, 'board-1', 'cards', plain);
      const b = sealState(key, 'board-1', 'cards', plain);
      expect(a.includes(Buffer.from('stuck'))).toBe(false);
      expect(a.includes(Buffer.from('id-0'))).toBe(false);
      expect(a.equals(b)).toBe(false);
      expect(openState(key, 'board-1', 'cards', a)).toEqual(plain);
    }
  });

  it('AR-12 a card more or less does not change the size: it moves in steps of at least 4 KiB or 1/16', () => {
    const sizes = new Set<number>();
    const cards: string[] = [];
    for (let i = 0; i < 20; i++) {
      cards.push(`card number ${i}: ${'x'.repeat(i * 7)}`);
      sizes.add(sealState(key, 'b', 'cards', part(cards)).length);
    }
    expect(sizes.size).toBe(1);
    for (const n of [1, 4096, 4097, 10_000, 65_536, 65_537, 300_000]) {
      const padded = paddedSize(n);
      expect(padded).toBeGreaterThanOrEqual(n);
      expect(padded).toBeLessThanOrEqual(Math.max(4096, n * 1.125));
    }
    // a big board's part: the sizes of 1,500 cards and of 1,501 are the same or one step apart — a step being 1/16
    // of the next power of two, up to an eighth of the size (with random tags the two straddle a step now and then)
    const big = Array.from({ length: 1500 }, (_, i) => `a card of a big board, number ${i}`);
    const before = sealState(key, 'b', 'cards', part(big)).length;
    const after = sealState(key, 'b', 'cards', part([...big, 'one more'])).length;
    expect(Math.abs(after - before)).toBeLessThanOrEqual(2 ** (Math.ceil(Math.log2(before)) - 4));
  });
});
