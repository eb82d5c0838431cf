import { createCipheriv, createHmac } from 'node:crypto';
import type { Tags } from '../identity.js';
import { type BoardState, LIMITS, type TrustPart, cardsVersion, everyCardRevealedIn, evolve, moveCards, moveVotes } from '@candor/shared';

/**
 * AR-1, AR-2: the anonymous part of a board at rest, and the per-fact tags that stand for people in it.
 *
 * In memory the rules work with one tag per person and purpose (author, voter, pulse, consensus), as they
 * always did. At rest each fact carries its own tag instead, derived per slot from the person's tag: for
 * cards, votes and the pulse, block `slot` of AES-256 (one block per slot) under HMAC(personTag, kind); for a
 * consensus answer HMAC(personTag, 'consensus' ‖ action id). Slots are bounded per person (a card's < 50, a
 * vote's < the largest budget, one pulse answer, one per action), so no two stored facts share a value, and
 * without the person's secret (which only their browser holds) nothing ties one fact to another. The whole
 * state is one JSON blob sorted by random ids and tags: no order of creation survives in it.
 *
 * After a restart nobody's person tag is known; each loaded fact carries a placeholder (its stored tag
 * behind `~`, which no real tag contains) until its owner joins, when `recognise` computes that person's
 * slot tags (a few dozen HMACs) and hands the matching facts back to them.
 */

interface StoredCard {
  id: string;
  column: string;
  text: string;
  group: string | null;
  /**
   * RV-8: right whenever the board is before Reveal; in Reveal and after, every card is revealed whatever this
   * says (the reveal itself does not rewrite the state, so after it this may still say false)
   */
  revealed: boolean;
  /** SG-1: the name its author chose to show (absent while anonymous) */
  signature?: string;
  tag: string;
}

interface StoredState {
  format: 1;
  cards: StoredCard[];
  /** `column` (GR-9) is absent in blobs written before groups had a column of their own */
  groups: { id: string; title: string; column?: string }[];
  votes: { target: string; tag: string }[];
  pulse: { tag: string; value: number }[];
  consensus: { action: string; tag: string; value: number }[];
  /** TL-*: one entry per person and item, the parts they tapped */
  lens: { item: string; tag: string; parts: TrustPart[] }[];
  /** RX-2: one entry per person, item and kind of reaction */
  reactions: { item: string; reaction: string; tag: string }[];
}

export type { Tags } from '../identity.js';

const PLACEHOLDER = '~';
const isPlaceholder = (tag: string) => tag.startsWith(PLACEHOLDER);

type SlotKind = 'card' | 'vote' | 'pulse';
const SLOTS: Record<SlotKind, number> = { card: LIMITS.cardsPerPerson, vote: LIMITS.voteBudgetMax, pulse: 1 };
/** a slot tag is one 16-byte AES block in base64url: 22 characters, no padding */
const SLOT_TAG_LENGTH = 22;

/**
 * The stored tags of one person's slots of one kind, all at once: one HMAC and one AES call, so recognising a
 * person at join costs a handful of operations rather than one HMAC per slot.
 */
export function slotTags(personTag: string, kind: SlotKind): string[] {
  const out = slotBlocks(personTag, kind);
  return Array.from({ length: SLOTS[kind] }, (_, slot) => out.subarray(slot * 16, slot * 16 + 16).toString('base64url'));
}

/** what `slotBlocks` encrypts: block `slot` holds the slot number, big-endian, in its first four bytes */
const SLOT_PLAINTEXT: Record<SlotKind, Buffer> = {
  card: slotPlaintext(SLOTS.card),
  vote: slotPlaintext(SLOTS.vote),
  pulse: slotPlaintext(SLOTS.pulse),
};
function slotPlaintext(slots: number): Buffer {
  const blocks = Buffer.alloc(16 * slots);
  for (let slot = 0; slot < slots; slot++) blocks.writeUInt32BE(slot, slot * 16);
  return blocks;
}

/** the raw 16-byte blocks behind `slotTags`, one after another */
function slotBlocks(personTag: string, kind: SlotKind): Buffer {
  const key = createHmac('sha256', personTag).update(kind).digest();
  // whole blocks without padding: `update` returns every one of them and `final` nothing
  return createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(SLOT_PLAINTEXT[kind]);
}

/**
 * The same blocks as one latin1 string (one character a byte), so that block `slot` is a plain 16-character
 * slice: a join looks its slots up without encoding each one, and a short key hashes fast.
 */
const slotKeys = (personTag: string, kind: SlotKind) => slotBlocks(personTag, kind).toString('latin1');
const keyOf = (storedTag: string) => Buffer.from(storedTag, 'base64url').toString('latin1');
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
class WaitingPrefixes {
  private readonly bits = new Uint8Array(65536 / 8);

  add(key: string): void {
    const prefix = prefixAt(key, 0);
    this.bits[prefix >> 3]! |= 1 << (prefix & 7);
  }

  mayHold(keys: string, at: number): boolean {
    const prefix = prefixAt(keys, at);
    return (this.bits[prefix >> 3]! & (1 << (prefix & 7))) !== 0;
  }
}

/** a fact of which a person has at most one per action or item: HMAC(personTag, kind ‖ id) */
export function perIdTag(personTag: string, kind: 'consensus' | 'lens' | 'reaction', id: string): string {
  return createHmac('sha256', personTag).update(`${kind}\u0000${id}`).digest('base64url');
}

/**
 * From this many cards on, a board keeps the stored form of its cards and groups (a few hundred KB at 1,500
 * cards) between encodes, and rebuilds it only once a card or group changed: in Vote each batch of votes
 * rewrites the anonymous state, and rebuilding every card's entry each time was most of that cost. Smaller
 * boards rebuild it (cheap) rather than keep a second copy of every card's text in memory.
 */
export const STORED_CARDS_KEPT_FROM = 500;

/**
 * ME-3: from this many people on, a board keeps its people's slot tags (about 1.5 KB a person) between encodes.
 * A smaller board derives them again at each encode, one HMAC and one AES call per person and kind (some 10 µs
 * each): at eight people that is a tenth of a millisecond against a tenth of the board's memory.
 */
export const SLOT_TAGS_KEPT_FROM = 16;

/** kind and person tag → that person's slot tags of that kind, one after another in one string (`SLOT_TAG_LENGTH` characters each) */
type SlotTagCache = Map<string, string>;

const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export class AnonymousState {
  /**
   * @param options.slotKeys CL-17: the slot blocks (`slotKeys`) of people already recognised, kept across
   * rebuilds of one room's copy: a process catching up recognises everyone connected to it again after each
   * change of the anonymous state, and this spares it the HMAC and AES per person each time.
   * @param options.slotTags CL-17: likewise the slot tags encodes keep (`slotCache`, ME-3), kept across rebuilds,
   * so the first encode after a rebuild does not derive every author's and voter's tags again
   * @param options.keepCardsFrom from how many cards on the stored form of the cards is kept between encodes
   * (`STORED_CARDS_KEPT_FROM`)
   * @param options.keepSlotTagsFrom from how many people on their slot tags are kept between encodes (`SLOT_TAGS_KEPT_FROM`)
   */
  constructor(
    private readonly options: { slotKeys?: Map<string, string> | undefined; slotTags?: SlotTagCache | undefined; keepCardsFrom?: number; keepSlotTagsFrom?: number } = {},
  ) {
    this.slotCache = options.slotTags ?? new Map();
  }

  private slotKeysOf(personTag: string, kind: SlotKind): string {
    const cache = this.options.slotKeys;
    if (!cache) return slotKeys(personTag, kind);
    const key = `${kind}\u0000${personTag}`;
    let keys = cache.get(key);
    if (keys === undefined) {
      keys = slotKeys(personTag, kind);
      cache.set(key, keys);
    }
    return keys;
  }

  /** big boards: the stored form of the cards and groups, as of `cardsVersion` of that state */
  private keptCards: { state: BoardState; version: number; json: string } | null = null;
  /**
   * author tag → the ids of the cards in that author's slots (index = slot): a card keeps its slot for its life,
   * so its stored tag does too; the slot of a card that is gone is free again. (One short array per person
   * rather than a map entry per card: ME-4.)
   */
  private readonly cardSlots = new Map<string, (string | undefined)[]>();
  /**
   * ME-3, on boards of `SLOT_TAGS_KEPT_FROM` people or more: the slot tags of the people, kept between encodes
   * (one string per person and kind rather than an array of fifty keeps a loaded board small)
   */
  private readonly slotCache: SlotTagCache;
  /**
   * AR-2: the loaded card, vote and pulse facts that still wait for their owner, by their stored tag's bytes as
   * latin1 (`keyOf`): recognising a person is then one AES call per kind and a lookup per slot.
   */
  private waiting: Record<SlotKind, Map<string, string>> = { card: new Map(), vote: new Map(), pulse: new Map() };
  /** the prefixes of the waiting card and vote keys, on big boards while any wait (`PREFIX_FILTER_FROM`) */
  private prefixes: WaitingPrefixes | null = null;
  /** how many loaded facts still wait for their owner, by kind: recognition is skipped when none do */
  private unclaimed = { card: 0, vote: 0, pulse: 0, consensus: 0, lens: 0, reaction: 0 };

  /** ME-3: how many people's slot tags (per kind) the board keeps between encodes */
  get keptSlotTags(): number {
    return this.slotCache.size;
  }

  /** the cache of slot tags for one encode: the kept one on a big board, else one that goes with the encode */
  private slotTagCacheFor(state: BoardState): SlotTagCache {
    return state.participants.size >= (this.options.keepSlotTagsFrom ?? SLOT_TAGS_KEPT_FROM) ? this.slotCache : new Map();
  }

  /** the stored tag of a person's fact of which there is one per action or item */
  private idTag(personTag: string, kind: 'consensus' | 'lens' | 'reaction', id: string): string {
    return isPlaceholder(personTag) ? personTag.slice(1) : perIdTag(personTag, kind, id);
  }

  /** the stored tag of a person's card, vote or pulse answer in slot `slot` */
  private slotTag(personTag: string, kind: SlotKind, slot: number, cache: SlotTagCache): string {
    if (isPlaceholder(personTag)) return personTag.slice(1);
    const key = `${kind}\u0000${personTag}`;
    let tags = cache.get(key);
    if (tags === undefined) {
      tags = slotTags(personTag, kind).join('');
      cache.set(key, tags);
    }
    if (!(slot >= 0 && slot < SLOTS[kind])) throw new Error(`no ${kind} slot ${slot}: past the per-person bound`);
    return tags.slice(slot * SLOT_TAG_LENGTH, (slot + 1) * SLOT_TAG_LENGTH);
  }

  /** The blob to store for `state`: every anonymous fact with its own tag, sorted, no order of creation. */
  encode(state: BoardState): Uint8Array {
    const cache = this.slotTagCacheFor(state);
    const cardsAndGroups = this.storedCardsAndGroups(state, cache);
    const votes: StoredState['votes'] = [];
    for (const [voter, targets] of state.votesByVoter) {
      // a voter's units get slots 0, 1, 2… in target order; a placeholder stands for exactly one stored unit
      let slot = 0;
      for (const [target, n] of [...targets].sort(byKey(([t]) => t))) {
        for (let i = 0; i < n; i++) votes.push({ target, tag: this.slotTag(voter, 'vote', slot++, cache) });
      }
    }
    const pulse = [...state.pulse].map(([tag, value]) => ({ tag: this.slotTag(tag, 'pulse', 0, cache), value }));
    const consensus: StoredState['consensus'] = [];
    for (const action of state.actions.values()) {
      for (const [tag, value] of action.consensus?.answers ?? []) consensus.push({ action: action.id, tag: this.idTag(tag, 'consensus', action.id), value });
    }
    const lens: StoredState['lens'] = [];
    for (const [item, byTag] of state.lensTaps) for (const [tag, parts] of byTag) lens.push({ item, tag: this.idTag(tag, 'lens', item), parts: [...parts].sort() });
    const reactions: StoredState['reactions'] = [];
    for (const [item, byReaction] of state.reactions) {
      for (const [reaction, tags] of byReaction) for (const tag of tags) reactions.push({ item, reaction, tag: this.idTag(tag, 'reaction', `${item}\u0000${reaction}`) });
    }
    const rest: Omit<StoredState, 'format' | 'cards' | 'groups'> = {
      votes: votes.sort(byKey((v) => v.tag)),
      pulse: pulse.sort(byKey((p) => p.tag)),
      consensus: consensus.sort(byKey((c) => c.tag)),
      lens: lens.sort(byKey((l) => l.tag)),
      reactions: reactions.sort(byKey((x) => x.tag)),
    };
    // the very bytes of JSON.stringify(StoredState), in its key order: format, cards, groups, then the rest
    return Buffer.from(`{"format":1,${cardsAndGroups},${JSON.stringify(rest).slice(1)}`, 'utf8');
  }

  /** the stored form of the cards and groups, as `"cards":[…],"groups":[…]` (kept on big boards while they do not change) */
  private storedCardsAndGroups(state: BoardState, cache: SlotTagCache): string {
    const version = cardsVersion(state);
    if (this.keptCards?.state === state && this.keptCards.version === version) return this.keptCards.json;
    const cards: StoredCard[] = [];
    for (const card of state.cards.values()) {
      cards.push({
        id: card.id,
        column: card.columnId,
        text: card.text,
        group: card.groupId,
        revealed: card.revealed,
        ...(card.signature !== null ? { signature: card.signature } : {}),
        // a placeholder stands for its stored tag, whatever the slot
        tag: this.slotTag(card.authorTag, 'card', isPlaceholder(card.authorTag) ? 0 : this.slotOf(state, card.id, card.authorTag), cache),
      });
    }
    const groups = [...state.groups.values()].map((g) => ({ id: g.id, title: g.title, column: g.columnId }));
    const json = `"cards":${JSON.stringify(cards.sort(byKey((c) => c.id)))},"groups":${JSON.stringify(groups.sort(byKey((g) => g.id)))}`;
    this.keptCards = state.cards.size >= (this.options.keepCardsFrom ?? STORED_CARDS_KEPT_FROM) ? { state, version, json } : null;
    return json;
  }

  /** the card's slot; a new card takes the smallest slot none of this author's other cards holds */
  private slotOf(state: BoardState, cardId: string, authorTag: string): number {
    let slots = this.cardSlots.get(authorTag);
    if (!slots) this.cardSlots.set(authorTag, (slots = []));
    const known = slots.indexOf(cardId);
    if (known >= 0) return known;
    const mine = state.cardsByAuthor.get(authorTag);
    let slot = 0;
    while (slot < slots.length && slots[slot] !== undefined && mine?.includes(slots[slot]!)) slot++;
    slots[slot] = cardId;
    return slot;
  }

  /**
   * Puts a stored blob's facts into a state folded from the public log (so its phase is known: RV-8); every
   * fact waits for its owner.
   */
  load(state: BoardState, blob: Uint8Array | null): void {
    if (!blob) return;
    const stored = JSON.parse(Buffer.from(blob).toString('utf8')) as StoredState;
    if (stored.format !== 1) throw new Error(`unknown anonymous-state format ${String(stored.format)}`);
    const allRevealed = everyCardRevealedIn(state.phase);
    for (const g of stored.groups) state.groups.set(g.id, { id: g.id, title: g.title, columnId: g.column ?? '' });
    for (const c of stored.cards) {
      this.waiting.card.set(keyOf(c.tag), PLACEHOLDER + c.tag);
      evolve(state, { type: 'card.added', cardId: c.id, columnId: c.column, text: c.text, authorTag: PLACEHOLDER + c.tag });
      Object.assign(state.cards.get(c.id)!, { groupId: c.group, revealed: allRevealed || c.revealed, signature: c.signature ?? null });
    }
    for (const v of stored.votes) {
      this.waiting.vote.set(keyOf(v.tag), PLACEHOLDER + v.tag);
      evolve(state, { type: 'vote.cast', targetId: v.target, voterTag: PLACEHOLDER + v.tag });
    }
    for (const p of stored.pulse) {
      this.waiting.pulse.set(keyOf(p.tag), PLACEHOLDER + p.tag);
      state.pulse.set(PLACEHOLDER + p.tag, p.value);
    }
    for (const c of stored.consensus) {
      const consensus = state.actions.get(c.action)?.consensus;
      if (!consensus) continue;
      consensus.answers.set(PLACEHOLDER + c.tag, c.value);
      if (consensus.open && consensus.answers.size >= consensus.expected) Object.assign(consensus, { open: false, revealed: true });
    }
    for (const l of stored.lens) {
      const byTag = state.lensTaps.get(l.item) ?? new Map<string, Set<TrustPart>>();
      byTag.set(PLACEHOLDER + l.tag, new Set(l.parts));
      state.lensTaps.set(l.item, byTag);
    }
    for (const x of stored.reactions) {
      const byReaction = state.reactions.get(x.item) ?? new Map<string, Set<string>>();
      byReaction.set(x.reaction, (byReaction.get(x.reaction) ?? new Set<string>()).add(PLACEHOLDER + x.tag));
      state.reactions.set(x.item, byReaction);
    }
    this.unclaimed = {
      card: stored.cards.length,
      vote: stored.votes.length,
      pulse: stored.pulse.length,
      consensus: stored.consensus.length,
      lens: stored.lens.length,
      reaction: stored.reactions.length,
    };
    if (this.waiting.card.size + this.waiting.vote.size >= PREFIX_FILTER_FROM) {
      this.prefixes = new WaitingPrefixes();
      for (const key of this.waiting.card.keys()) this.prefixes.add(key);
      for (const key of this.waiting.vote.keys()) this.prefixes.add(key);
    }
  }

  /**
   * AR-2: a person joined with these tags; hands them back any loaded facts that are theirs. Costs at most
   * cardsPerPerson + voteBudgetMax + 1 + (actions) HMACs, and nothing once every loaded fact has its owner.
   */
  recognise(state: BoardState, tags: Tags): void {
    if (this.unclaimed.card > 0) {
      const keys = this.slotKeysOf(tags.authorTag, 'card');
      for (let slot = 0; slot < LIMITS.cardsPerPerson; slot++) {
        if (this.prefixes && !this.prefixes.mayHold(keys, slot * 16)) continue;
        const key = keys.slice(slot * 16, slot * 16 + 16);
        const placeholder = this.waiting.card.get(key);
        if (!placeholder) continue;
        this.waiting.card.delete(key);
        const cardId = state.cardsByAuthor.get(placeholder)?.[0];
        if (!cardId) continue;
        moveCards(state, placeholder, tags.authorTag);
        const slots = this.cardSlots.get(tags.authorTag) ?? [];
        slots[slot] = cardId;
        this.cardSlots.set(tags.authorTag, slots);
        this.unclaimed.card--;
      }
    }
    if (this.unclaimed.vote > 0) {
      const keys = this.slotKeysOf(tags.voterTag, 'vote');
      for (let slot = 0; slot < LIMITS.voteBudgetMax; slot++) {
        if (this.prefixes && !this.prefixes.mayHold(keys, slot * 16)) continue;
        const key = keys.slice(slot * 16, slot * 16 + 16);
        const placeholder = this.waiting.vote.get(key);
        if (!placeholder) continue;
        this.waiting.vote.delete(key);
        if (!state.votesByVoter.has(placeholder)) continue;
        moveVotes(state, placeholder, tags.voterTag);
        this.unclaimed.vote--;
      }
    }
    if (this.prefixes && this.unclaimed.card + this.unclaimed.vote === 0) this.prefixes = null;
    if (this.unclaimed.pulse > 0) {
      const key = this.slotKeysOf(tags.pulseTag, 'pulse');
      const placeholder = this.waiting.pulse.get(key);
      const value = placeholder === undefined ? undefined : state.pulse.get(placeholder);
      if (placeholder !== undefined && value !== undefined) {
        this.waiting.pulse.delete(key);
        state.pulse.delete(placeholder);
        state.pulse.set(tags.pulseTag, value);
        this.unclaimed.pulse--;
      }
    }
    if (this.unclaimed.consensus > 0) {
      for (const action of state.actions.values()) {
        const answers = action.consensus?.answers;
        const placeholder = PLACEHOLDER + this.idTag(tags.consensusTag, 'consensus', action.id);
        const value = answers?.get(placeholder);
        if (answers && value !== undefined) {
          answers.delete(placeholder);
          answers.set(tags.consensusTag, value);
          this.unclaimed.consensus--;
        }
      }
    }
    if (this.unclaimed.lens > 0) {
      for (const [item, byTag] of state.lensTaps) {
        const placeholder = PLACEHOLDER + this.idTag(tags.trustTag, 'lens', item);
        const parts = byTag.get(placeholder);
        if (!parts) continue;
        byTag.delete(placeholder);
        byTag.set(tags.trustTag, parts);
        this.unclaimed.lens--;
      }
    }
    if (this.unclaimed.reaction > 0) {
      for (const [item, byReaction] of state.reactions) {
        for (const [reaction, holders] of byReaction) {
          const placeholder = PLACEHOLDER + this.idTag(tags.reactionTag, 'reaction', `${item}\u0000${reaction}`);
          if (!holders.delete(placeholder)) continue;
          holders.add(tags.reactionTag);
          this.unclaimed.reaction--;
        }
      }
    }
  }
}
