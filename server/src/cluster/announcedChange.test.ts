import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@candor/shared';
import { type AnnouncedChange, openChange, sealChange } from './announcedChange.js';

/**
 * CL-29: what crosses Redis of a batch that only added cards. Anyone who watches Redis (MONITOR) sees which process
 * published each announcement, and presence says who is connected through each process (CL-5, CL-7); after the
 * reveal everybody sees every card's text. So the sealed bytes must not say how long the added cards are: else a
 * process with one person on it announces "a card of 212 bytes" and, after the reveal, the one card of that length
 * is theirs.
 */
const KEY = randomBytes(32);
const BOARD = 'board-announced-length';

/** a card's stored entry as the cards part holds it (id, column, text, its per-fact tag) */
const entry = (text: string) => JSON.stringify({ id: randomBytes(12).toString('base64url'), columnId: 'start', text, tag: randomBytes(16).toString('base64url') });

const change = (texts: string[]): AnnouncedChange => ({
  cards: { added: texts.map(entry), base: randomBytes(16).toString('base64url'), digest: randomBytes(16).toString('base64url'), writers: 'w'.repeat(48) },
});

describe('CL-29 announcements of added cards', () => {
  it('CL-29 an announcement is as long whatever the added card says, and however many of a few were added', () => {
    const lengths = [['ok'], ['x'.repeat(LIMITS.cardText)], ['a card of middling length, as people write them'], ['one', 'two', 'three', 'four']].map(
      (texts) => sealChange(KEY, BOARD, 7, change(texts)).length,
    );
    expect(new Set(lengths).size).toBe(1);
  });

  it('CL-29 an announcement opens for its board and version, to what was announced', () => {
    const announced = change(['pair on the flaky deploy', 'x'.repeat(LIMITS.cardText)]);
    const sealed = sealChange(KEY, BOARD, 7, announced);
    expect(openChange(KEY, BOARD, 7, sealed)).toEqual(announced);
    expect(openChange(KEY, BOARD, 8, sealed)).toBeNull();
    expect(openChange(KEY, 'another-board', 7, sealed)).toBeNull();
  });
});
