import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SLOTS, type SlotKind, slotKeys, slotTags } from './factTags.js';
import { tagsOf } from './anonymousState.testing.js';

/** AR-2's slot tags written out with node:crypto alone: AES-256 under the person tag's 32 bytes of (slot, kind) */
function documented(personTag: string, kind: SlotKind, slot: number): string {
  const block = Buffer.alloc(16);
  block.writeUInt32BE(slot, 0);
  block[4] = { card: 1, vote: 2, pulse: 3 }[kind];
  return createCipheriv('aes-256-ecb', Buffer.from(personTag, 'base64url'), null).setAutoPadding(false).update(block).toString('base64url');
}

describe('AR-2 slot tags', () => {
  const person = tagsOf('ada');

  it('AR-2 a slot tag is AES-256 under the person tag itself of the slot and its kind, byte for byte (data format 6)', () => {
    const kinds: [SlotKind, string][] = [
      ['card', person.authorTag],
      ['vote', person.voterTag],
      ['pulse', person.pulseTag],
    ];
    for (const [kind, tag] of kinds) {
      const tags = slotTags(tag, kind);
      expect(tags).toHaveLength(SLOTS[kind]);
      expect(tags).toEqual(tags.map((_, slot) => documented(tag, kind, slot)));
      // the keys a join looks up are the same blocks, as latin1
      expect(Buffer.from(slotKeys(tag, kind), 'latin1').toString('base64url')).toBe(Buffer.concat(tags.map((t) => Buffer.from(t, 'base64url'))).toString('base64url'));
    }
  });

  it('AR-2 no two slot tags are equal: across slots, kinds and people, even under one tag', () => {
    const all: string[] = [];
    for (const who of ['ada', 'bo', 'cy']) {
      const t = tagsOf(who);
      all.push(...slotTags(t.authorTag, 'card'), ...slotTags(t.voterTag, 'vote'), ...slotTags(t.pulseTag, 'pulse'));
      // the same tag for every kind (which `Keyring.person` never gives) still keeps the kinds apart
      all.push(...slotTags(t.consensusTag, 'card'), ...slotTags(t.consensusTag, 'vote'), ...slotTags(t.consensusTag, 'pulse'));
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it('AR-2 refuses a person tag that is not 32 bytes rather than derive tags from it', () => {
    expect(() => slotTags('short', 'card')).toThrow(/32/);
  });
});
