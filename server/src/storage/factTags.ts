import { createCipheriv, createHmac } from 'node:crypto';
import { LIMITS } from '@candor/shared';

/*
 * AR-2: the tags that stand for a person on each of their stored facts, derived from the person's tag (which
 * only their browser's secret gives): per slot for cards, votes and the pulse, per action or item for the rest.
 */

/** a loaded fact's tag until its owner is recognised: its stored tag behind `~` (shared: AN-10 counts writers without them) */
export { PLACEHOLDER, isPlaceholder } from '@candor/shared';

export type SlotKind = 'card' | 'vote' | 'pulse';
export const SLOTS: Record<SlotKind, number> = { card: LIMITS.cardsPerPerson, vote: LIMITS.voteBudgetMax, pulse: 1 };
/** a slot tag is one 16-byte AES block in base64url: 22 characters, no padding */
export const SLOT_TAG_LENGTH = 22;

/**
 * The stored tags of one person's slots of one kind, all at once: one AES call, so recognising a person at join
 * costs a handful of operations rather than one HMAC per slot.
 */
export function slotTags(personTag: string, kind: SlotKind): string[] {
  const out = slotBlocks(personTag, kind);
  return Array.from({ length: SLOTS[kind] }, (_, slot) => out.subarray(slot * 16, slot * 16 + 16).toString('base64url'));
}

/** what `slotBlocks` encrypts: block `slot` holds the slot number, big-endian, in its first four bytes */
const SLOT_PLAINTEXT: Record<SlotKind, Buffer> = {
  card: slotPlaintext(SLOTS.card, 1),
  vote: slotPlaintext(SLOTS.vote, 2),
  pulse: slotPlaintext(SLOTS.pulse, 3),
};
function slotPlaintext(slots: number, kind: number): Buffer {
  const blocks = Buffer.alloc(16 * slots);
  for (let slot = 0; slot < slots; slot++) {
    blocks.writeUInt32BE(slot, slot * 16);
    blocks[slot * 16 + 4] = kind;
  }
  return blocks;
}

/** a person tag's 32 bytes (`Keyring.person`: two AES blocks under a key only their secret gives) */
const PERSON_TAG_BYTES = 32;

/**
 * the raw 16-byte blocks behind `slotTags`, one after another: AES-256 under the person tag's own bytes (a value
 * as random and as secret as a key derived from it, held only in memory), so a join's recognition is one AES call
 * per kind and no HMAC (AR-2)
 */
function slotBlocks(personTag: string, kind: SlotKind): Buffer {
  const key = Buffer.from(personTag, 'base64url');
  if (key.length !== PERSON_TAG_BYTES) throw new Error(`a ${kind} tag of ${key.length} bytes: person tags are ${PERSON_TAG_BYTES}`);
  // whole blocks without padding: `update` returns every one of them and `final` nothing
  return createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(SLOT_PLAINTEXT[kind]);
}

/**
 * The same blocks as one latin1 string (one character a byte), so that block `slot` is a plain 16-character
 * slice: a join looks its slots up without encoding each one, and a short key hashes fast.
 */
export const slotKeys = (personTag: string, kind: SlotKind) => slotBlocks(personTag, kind).toString('latin1');
export const keyOf = (storedTag: string) => Buffer.from(storedTag, 'base64url').toString('latin1');
/** a slot key's first two bytes, as one number: where its bit is in `WaitingPrefixes` */
const prefixAt = (keys: string, at: number) => (keys.charCodeAt(at) << 8) | keys.charCodeAt(at + 1);

/**
 * From this many waiting card and vote facts on (a big board after a restart), a join tests each of its slots
 * against `WaitingPrefixes` first and looks up in the waiting facts only the slots that may be there.
 */
export const PREFIX_FILTER_FROM = 256;

/**
 * One bit for each first two bytes of a waiting fact's key (8 KB): a slot whose bit is clear waits for nobody,
 * so most of a person's fifty card slots cost a bit test instead of a string and a map lookup. Bits are not
 * cleared as facts are claimed (another fact may share the prefix); a set bit only means "look".
 */
export class WaitingPrefixes {
  private readonly bits = new Uint8Array(65536 / 8);

  add(key: string): void {
    const prefix = prefixAt(key, 0);
    this.bits[prefix >> 3]! |= 1 << (prefix & 7);
  }

  /**
   * The slots, of the first `slots` keys in `keys` (16 characters each), whose prefix's bit is set: the only ones
   * that may wait for someone. One call and one tight loop per kind and join, which a restarted process runs fast
   * from its first joins on (a call per slot cost its first joins, still interpreted, most of their recognition).
   */
  slotsThatMayWait(keys: string, slots: number): number[] {
    const found: number[] = [];
    for (let slot = 0; slot < slots; slot++) {
      const prefix = prefixAt(keys, slot * 16);
      if ((this.bits[prefix >> 3]! & (1 << (prefix & 7))) !== 0) found.push(slot);
    }
    return found;
  }
}

/** every slot of a kind, for boards too small for `WaitingPrefixes` */
export const EVERY_SLOT: Record<SlotKind, readonly number[]> = {
  card: Array.from({ length: SLOTS.card }, (_, slot) => slot),
  vote: Array.from({ length: SLOTS.vote }, (_, slot) => slot),
  pulse: [0],
};

/** the facts of which a person has at most one per action or item (GP-5's "worth the time?": one per retro) */
export type IdKind = 'consensus' | 'lens' | 'reaction' | 'roti';

/** a fact of which a person has at most one per action or item: HMAC(personTag, kind ‖ id) */
export function perIdTag(personTag: string, kind: IdKind, id: string): string {
  return createHmac('sha256', personTag).update(`${kind}\u0000${id}`).digest('base64url');
}
