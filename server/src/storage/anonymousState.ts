import { createHash } from 'node:crypto';
import type { Tags } from '../identity.js';
import type { AnonymousPart } from './BoardStore.js';
import { type SealWriters, type StoredCard, type StoredCards, StoredCardsBuilder, storedCardsJson, storedWritersOf } from './storedCards.js';
import { ANOTHER_KEY, type WritersSeal } from './sealedWriters.js';
import { ROTI_ID, type SealVoters, type StoredMarks, parsePart, storedMarksJson } from './storedMarks.js';
import {
  EVERY_SLOT,
  type IdKind,
  PLACEHOLDER,
  PREFIX_FILTER_FROM,
  SLOTS,
  SLOT_TAG_LENGTH,
  type SlotKind,
  WaitingPrefixes,
  isPlaceholder,
  keyOf,
  perIdTag,
  slotKeys,
  slotTags,
} from './factTags.js';
import { type BoardState, type Card, type TrustPart, cardsVersion, everyCardRevealedIn, evolve, moveCardsOf, moveVotes, unrevealedWriters, withLateFields } from '@candor/shared';

/**
 * AR-1, AR-2: the anonymous part of a board at rest, and the per-fact tags that stand for people in it.
 *
 * In memory the rules work with one tag per person and purpose (author, voter, pulse, consensus), as they
 * always did. At rest each fact carries its own tag instead, derived per slot from the person's tag: for
 * cards, votes and the pulse, AES-256 of the slot's block under the person tag's own bytes (one block per slot); for a
 * consensus answer HMAC(personTag, 'consensus' ‖ action id). Slots are bounded per person (a card's < 50, a
 * vote's < the largest budget, one pulse answer, one per action), so no two stored facts share a value, and
 * without the person's secret (which only their browser holds) nothing ties one fact to another. The state is
 * stored as two JSON blobs (`ANONYMOUS_PARTS`), each sorted by random ids and tags, so no order of creation
 * survives in either: the cards and groups, and the marks people put on them (votes, pulse, consensus answers,
 * lens taps, reactions). A batch rewrites only the part it changed, so a vote does not write every card's text
 * again (AR-1).
 *
 * After a restart nobody's person tag is known; each loaded fact carries a placeholder (its stored tag
 * behind `~`, which no real tag contains) until its owner joins, when `recognise` computes that person's
 * slot tags (a few dozen HMACs) and hands the matching facts back to them. How the tags are derived is in
 * `factTags.ts`; the stored parts' formats are `storedCards.ts` and `storedMarks.ts`.
 */

export type { Tags } from '../identity.js';

/** AR-1: the anonymous state as stored, one blob per part (null: that part was never stored) */
export type StoredParts = Record<AnonymousPart, Uint8Array | null>;

/**
 * From this many cards on, a board keeps the stored form of its cards and groups (a few hundred KB at 1,500
 * cards) between encodes, and each card's entry in it (`StoredCardsBuilder`): the part is built again only once a
 * card or group changed, encoding only the cards that did (in Write, each batch of adds rewrites the cards part,
 * and encoding every card each time was half of such a commit's cost). Smaller boards rebuild it (cheap) rather
 * than keep a second copy of every card's text in memory.
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

export class AnonymousState {
  /**
   * @param writers AN-10: seals the number of people with unrevealed cards stored with the cards, and opens it at a
   * load (under the server key: `Keyring.cardWritersKeys`)
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
    private readonly writers: WritersSeal,
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

  /** big boards: each card's stored entry, kept between encodes */
  private cardsBuilder: StoredCardsBuilder | null = null;
  /** big boards: the stored form of the cards and groups, as of `cardsVersion` of that state */
  private keptCards: { state: BoardState; version: number; json: string } | null = null;
  /**
   * AR-1: the state and `cardsVersion` the stored cards part was made from (null: none stored), and the part's md5
   * when known (null on a big board, whose kept copy of the part is compared instead)
   */
  private cardsStored: { state: BoardState; version: number; digest: string | null } | null = null;
  /** AR-1: the stored marks part's JSON (small: a few dozen bytes a vote or answer), null if none is stored */
  private marksStored: string | null = null;
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
  private unclaimed = { card: 0, vote: 0, pulse: 0, roti: 0, consensus: 0, lens: 0, reaction: 0 };
  /**
   * AN-10: the cards part loaded was stored before it kept its writers: each waiting unrevealed card counts as a
   * writer of its own, as it did then, and stops counting once its author is recognised
   */
  private writerPerCard = false;

  /** ME-3: how many people's slot tags (per kind) the board keeps between encodes */
  get keptSlotTags(): number {
    return this.slotCache.size;
  }

  /** the cache of slot tags for one encode: the kept one on a big board, else one that goes with the encode */
  private slotTagCacheFor(state: BoardState): SlotTagCache {
    return state.participants.size >= (this.options.keepSlotTagsFrom ?? SLOT_TAGS_KEPT_FROM) ? this.slotCache : new Map();
  }

  /** the stored tag of a person's fact of which there is one per action or item */
  private idTag(personTag: string, kind: IdKind, id: string): string {
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

  /**
   * The stored form of `state`, both parts: every anonymous fact with its own tag, sorted, no order of creation.
   * What `changedParts` compares against.
   */
  encode(state: BoardState): Record<AnonymousPart, Uint8Array> {
    const cache = this.slotTagCacheFor(state);
    return { cards: Buffer.from(this.storedCards(state, cache), 'utf8'), marks: Buffer.from(this.storedMarks(state, cache), 'utf8') };
  }

  /**
   * AR-1: the parts of `state`'s stored form that differ from what is stored (what this copy last loaded or
   * handed out here): a batch of votes gives the marks alone, not every card's text again. Assumes what it hands
   * out is committed; a failed commit rebuilds the room's copy (and this) from the store.
   */
  changedParts(state: BoardState): Partial<Record<AnonymousPart, Uint8Array>> {
    const cache = this.slotTagCacheFor(state);
    const changed: Partial<Record<AnonymousPart, Uint8Array>> = {};
    const version = cardsVersion(state);
    const stored = this.cardsStored;
    if (stored?.state !== state || stored.version !== version) {
      // many events count as a change of the cards (a phase change) and leave them as stored: compared with
      // what is stored, by a big board's copy of it or else by digest
      const kept = this.keptCards;
      const before = stored && kept?.state === state && kept.version === stored.version ? kept.json : null;
      const cards = this.storedCards(state, cache);
      const digest = before === null ? createHash('md5').update(cards).digest('hex') : null;
      if (before === null ? digest !== stored?.digest : cards !== before) changed.cards = Buffer.from(cards, 'utf8');
      this.cardsStored = { state, version, digest: digest ?? (stored?.digest ?? null) };
    }
    const marks = this.storedMarks(state, cache);
    if (marks !== this.marksStored) changed.marks = Buffer.from(marks, 'utf8');
    this.marksStored = marks;
    return changed;
  }

  /**
   * The room's state object took over what `load` put into another (a rebuild copies the rebuilt state into the
   * room's): the stored parts are those of `state` as it is now.
   */
  stateReplacedBy(state: BoardState): void {
    const version = cardsVersion(state);
    if (this.cardsStored) this.cardsStored = { ...this.cardsStored, state, version };
    if (this.keptCards) this.keptCards = { state, version, json: this.keptCards.json };
  }

  /** the marks part as this copy knows it stored (to rebuild the copy when only the cards changed elsewhere, CL-17) */
  get storedMarksPart(): Uint8Array | null {
    return this.marksStored === null ? null : Buffer.from(this.marksStored, 'utf8');
  }

  /** the marks part's JSON */
  private storedMarks(state: BoardState, cache: SlotTagCache): string {
    const sealVoters: SealVoters = (voters, votes) => this.writers.seal(state.id, voters, votes, 'voters');
    return storedMarksJson(state, { slot: (tag, kind, slot) => this.slotTag(tag, kind, slot, cache), id: (tag, kind, id) => this.idTag(tag, kind, id) }, sealVoters);
  }

  /** the cards part's JSON (kept on big boards while the cards do not change) */
  private storedCards(state: BoardState, cache: SlotTagCache): string {
    const version = cardsVersion(state);
    if (this.keptCards?.state === state && this.keptCards.version === version) return this.keptCards.json;
    // a placeholder stands for its stored tag, whatever the slot
    const tagOf = (card: Card) => this.slotTag(card.authorTag, 'card', isPlaceholder(card.authorTag) ? 0 : this.slotOf(state, card.id, card.authorTag), cache);
    const big = state.cards.size >= (this.options.keepCardsFrom ?? STORED_CARDS_KEPT_FROM);
    if (!big) this.cardsBuilder = null;
    else this.cardsBuilder ??= new StoredCardsBuilder();
    const sealWriters: SealWriters = (writers, unrevealedIds) => this.writers.seal(state.id, writers, unrevealedIds);
    const json = this.cardsBuilder ? this.cardsBuilder.build(state, tagOf, sealWriters) : storedCardsJson(state, tagOf, sealWriters);
    this.keepCards(state, version, json);
    return json;
  }

  /** big boards keep the cards part's JSON (`STORED_CARDS_KEPT_FROM`) */
  private keepCards(state: BoardState, version: number, json: string): void {
    this.keptCards = state.cards.size >= (this.options.keepCardsFrom ?? STORED_CARDS_KEPT_FROM) ? { state, version, json } : null;
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
    // ME-17: a slot past the end makes the list anew at its exact length (grown in place it keeps room for more)
    if (slot === slots.length) this.cardSlots.set(authorTag, slots.concat(cardId));
    else slots[slot] = cardId;
    return slot;
  }

  /**
   * Puts the stored parts' facts into a state folded from the public log (so its phase is known: RV-8); every
   * fact waits for its owner.
   */
  load(state: BoardState, parts: StoredParts): void {
    if (parts.cards) {
      const json = Buffer.from(parts.cards).toString('utf8');
      const stored = parsePart<StoredCards>(json, 'cards');
      // AN-10: the writers as stored, opened (one sealed under this key that does not open refuses the part:
      // `UnreadableWriters`). Unknown in a part stored before it was kept, or sealed under another server key (AR-7:
      // restored without its key): each waiting unrevealed card then counts as a writer. In Reveal and after, nobody
      // has an unrevealed card, whatever the part says.
      const opened = stored.writers === undefined ? null : this.writers.open(state.id, stored.writers);
      const known = opened === ANOTHER_KEY ? null : opened;
      const allRevealed = everyCardRevealedIn(state.phase);
      for (const g of stored.groups) state.groups.set(g.id, { id: g.id, title: g.title, columnId: g.column });
      for (const c of stored.cards) this.addWaitingCard(state, c, allRevealed);
      this.unclaimed.card = stored.cards.length;
      this.writerPerCard = known === null;
      state.waitingWriters = allRevealed ? 0 : (known ?? stored.cards.filter((c) => !c.revealed).length);
      this.keepCards(state, cardsVersion(state), json);
      this.cardsStored = { state, version: cardsVersion(state), digest: this.keptCards ? null : createHash('md5').update(json).digest('hex') };
    }
    this.loadMarks(state, parts.marks);
  }

  /**
   * CL-17: another process stored a cards part that only adds cards to the one this copy last stored or read
   * (see `StoredCardsBuilder.takeAdded`): the added cards go into `state` as `load` puts them, each waiting for its
   * owner, and every other card stays as it is, with its owner — a catch-up on three cards added elsewhere does not
   * rebuild 1,500. Only on big boards (which keep each card's stored entry) and only when `state`'s cards are those
   * of that part (nothing decided here since); false, with nothing changed, otherwise (the caller rebuilds).
   */
  foldAddedCards(state: BoardState, cards: Uint8Array, cardsJson?: string): boolean {
    const builder = this.entriesOf(state);
    if (!builder) return false;
    const json = cardsJson ?? Buffer.from(cards).toString('utf8');
    // AN-10: a part stored without its writers is loaded whole (each waiting card then counts as a writer)
    const sealed = storedWritersOf(json);
    if (sealed === null) return false;
    // (one that does not open refuses the part, as `load` would; one of another key is loaded whole, as `load` does it)
    const writers = this.writers.open(state.id, sealed);
    if (writers === ANOTHER_KEY) return false;
    const added = builder.takeAdded(json, (tag) => PLACEHOLDER + tag);
    if (!added) return false;
    this.addWaitingCards(state, added, writers);
    this.keepCards(state, cardsVersion(state), json);
    this.cardsStored = { state, version: cardsVersion(state), digest: this.keptCards ? null : createHash('md5').update(json).digest('hex') };
    return true;
  }

  /**
   * CL-17, CL-29: cards added elsewhere go into `state`, each waiting for its owner; `writers` is how many people
   * have unrevealed cards with them (as the part stored with them says): those not known here wait (AN-10)
   */
  private addWaitingCards(state: BoardState, added: readonly StoredCard[], writers: number): void {
    const allRevealed = everyCardRevealedIn(state.phase);
    for (const c of added) {
      const key = this.addWaitingCard(state, c, allRevealed);
      this.prefixes?.add(key);
    }
    this.unclaimed.card += added.length;
    const knownHere = unrevealedWriters(state) - state.waitingWriters;
    state.waitingWriters = allRevealed ? 0 : Math.max(0, writers - knownHere);
    this.writerPerCard = false;
    if (!this.prefixes && this.waiting.card.size + this.waiting.vote.size >= PREFIX_FILTER_FROM) this.collectPrefixes();
  }

  /**
   * CL-29: another process stored a cards part that only adds these stored entries to the one this copy holds (the
   * caller checked that the part it added them to is the one this copy holds, by digest): they go into `state` as
   * `foldAddedCards` puts them, without the part being joined or read (the next encode joins it); `digest` is the
   * new part's, `sealedWriters` the writers it stored, sealed as stored (AN-10). False, with nothing changed, where
   * `foldAddedCards` could not fold it (a small board, cards decided here since), an entry is not one to add or the
   * writers do not open (the store is read instead, and refuses them there).
   */
  foldAnnouncedCards(state: BoardState, entries: readonly string[], digest: string, sealedWriters: string): boolean {
    const writers = this.writers.opened(state.id, sealedWriters);
    if (writers === null) return false;
    const added = this.entriesOf(state)?.takeAnnounced(entries, (tag) => PLACEHOLDER + tag);
    if (!added) return false;
    this.addWaitingCards(state, added, writers);
    // the stored part is known by its digest until the next encode joins it
    this.keptCards = null;
    this.cardsStored = { state, version: cardsVersion(state), digest };
    return true;
  }

  /** CL-17, CL-29: a big board's entries, when they make the stored cards part and `state`'s cards are those of it */
  private entriesOf(state: BoardState): StoredCardsBuilder | null {
    const builder = this.cardsBuilder;
    const kept = this.keptCards;
    const stored = this.cardsStored;
    if (!builder || stored?.state !== state || stored.version !== cardsVersion(state)) return null;
    // CL-29: taken in from an announcement, the entries are the stored part (no JSON of it is kept until it is joined)
    if (builder.unjoined) return kept ? null : builder;
    return kept && kept.state === state && kept.version === stored.version && builder.makes(kept.json) ? builder : null;
  }

  /**
   * CL-29: the stored entries of the cards the last encode added to the cards part, when it only added cards (on a
   * big board, which keeps each card's entry), and the writers it stored, sealed as stored (AN-10); null otherwise
   */
  get cardsOnlyAdded(): { entries: readonly string[]; writers: string } | null {
    return this.cardsBuilder?.lastAdded ?? null;
  }

  /**
   * CL-17: another process changed only the marks: they replace this copy's (which `state` must hold none of
   * any more: `withoutMarks`), and wait for their owners again; the cards stay as they are, with their owners.
   */
  reloadMarks(state: BoardState, marks: Uint8Array | null): void {
    this.waiting.vote.clear();
    this.waiting.pulse.clear();
    this.loadMarks(state, marks);
  }

  private loadMarks(state: BoardState, blob: Uint8Array | null): void {
    const json = blob ? Buffer.from(blob).toString('utf8') : null;
    this.marksStored = json;
    const stored = json === null ? null : parsePart<StoredMarks>(json, 'marks');
    for (const v of stored?.votes ?? []) {
      const placeholder = PLACEHOLDER + v.tag;
      this.waiting.vote.set(keyOf(v.tag), placeholder);
      evolve(state, { type: 'vote.cast', targetId: v.target, voterTag: placeholder });
    }
    for (const p of stored?.pulse ?? []) {
      const placeholder = PLACEHOLDER + p.tag;
      this.waiting.pulse.set(keyOf(p.tag), placeholder);
      state.pulse.set(placeholder, p.value);
    }
    for (const r of stored?.roti ?? []) state.roti.set(PLACEHOLDER + r.tag, r.value);
    for (const c of stored?.consensus ?? []) {
      const consensus = state.actions.get(c.action)?.consensus;
      if (!consensus) continue;
      consensus.answers.set(PLACEHOLDER + c.tag, c.value);
      if (consensus.open && consensus.answers.size >= consensus.expected) Object.assign(consensus, { open: false, revealed: true });
    }
    for (const l of stored?.lens ?? []) {
      const byTag = state.lensTaps.get(l.item) ?? new Map<string, Set<TrustPart>>();
      byTag.set(PLACEHOLDER + l.tag, new Set(l.parts));
      state.lensTaps.set(l.item, byTag);
    }
    for (const x of stored?.reactions ?? []) {
      const byReaction = state.reactions.get(x.item) ?? new Map<string, Set<string>>();
      byReaction.set(x.reaction, (byReaction.get(x.reaction) ?? new Set<string>()).add(PLACEHOLDER + x.tag));
      state.reactions.set(x.item, byReaction);
    }
    // AN-12: the voters as stored (sealed, AN-10's way) wait to be recognised. Unknown in a part stored before it was
    // kept, or sealed under another server key (AR-7): any votes then count as one voter (a lower bound, which can
    // only withhold tallies). One sealed under this key that does not open refuses the part (`UnreadableWriters`).
    const voters = stored?.voters === undefined ? null : this.writers.open(state.id, stored.voters, 'voters');
    const anyVotes = (stored?.votes.length ?? 0) > 0 ? 1 : 0;
    state.waitingVoters = voters === null || voters === ANOTHER_KEY ? anyVotes : voters;
    Object.assign(this.unclaimed, {
      vote: stored?.votes.length ?? 0,
      pulse: stored?.pulse.length ?? 0,
      roti: stored?.roti?.length ?? 0,
      consensus: stored?.consensus.length ?? 0,
      lens: stored?.lens.length ?? 0,
      reaction: stored?.reactions.length ?? 0,
    });
    if (this.waiting.card.size + this.waiting.vote.size >= PREFIX_FILTER_FROM) this.collectPrefixes();
  }

  /** a stored card put into `state` as waiting for its owner (`load`, `foldAddedCards`); its waiting key */
  private addWaitingCard(state: BoardState, c: StoredCard, allRevealed: boolean): string {
    const key = keyOf(c.tag);
    // one string for both: a join that claims the card then finds it by a key whose hash is already known
    const placeholder = PLACEHOLDER + c.tag;
    this.waiting.card.set(key, placeholder);
    evolve(state, { type: 'card.added', cardId: c.id, columnId: c.column, text: c.text, authorTag: placeholder });
    const card = state.cards.get(c.id)!;
    card.revealed = allRevealed || c.revealed;
    // ME-9: a card nobody grouped or signed stays in the five-field form
    if (c.group !== null || c.signature) Object.assign(withLateFields(card), { groupId: c.group, signature: c.signature ?? null });
    return key;
  }

  /** the prefixes of every waiting card and vote key, made anew */
  private collectPrefixes(): void {
    this.prefixes = new WaitingPrefixes();
    for (const key of this.waiting.card.keys()) this.prefixes.add(key);
    for (const key of this.waiting.vote.keys()) this.prefixes.add(key);
  }

  /** the slots of a person's keys of one kind to look up in the waiting facts (on a big board, only those whose prefix waits) */
  private slotsToLookUp(keys: string, kind: 'card' | 'vote'): readonly number[] {
    return this.prefixes ? this.prefixes.slotsThatMayWait(keys, SLOTS[kind]) : EVERY_SLOT[kind];
  }

  /** AR-2: whether any stored fact still waits for its owner */
  hasWaitingFacts(): boolean {
    const u = this.unclaimed;
    return u.card + u.vote + u.pulse + u.roti + u.consensus + u.lens + u.reaction > 0;
  }

  /**
   * AR-2: a person joined with these tags; hands them back any loaded facts that are theirs. Costs at most
   * cardsPerPerson + voteBudgetMax + 1 + (actions) HMACs, and nothing once every loaded fact has its owner.
   */
  recognise(state: BoardState, tags: Tags): void {
    if (this.unclaimed.card > 0) {
      // a recognised card's stored tag is the one it was loaded with: if the stored cards part was up to date, it stays so
      const stored = this.cardsStored?.state === state && this.cardsStored.version === cardsVersion(state) ? this.cardsStored : null;
      const kept = stored && this.keptCards?.state === state && this.keptCards.version === stored.version ? this.keptCards : null;
      const keys = this.slotKeysOf(tags.authorTag, 'card');
      // (the person's cards, one placeholder each, move together: one change of the cards, one new list)
      const claimed: string[] = [];
      // AN-10: how many of them are unrevealed, and whether this person was a writer known here before
      let claimedUnrevealed = 0;
      const wasWriter = hasUnrevealed(state, tags.authorTag);
      const slots = this.slotsToLookUp(keys, 'card');
      // (indexed: a `for…of` makes an iterator and an object per step while a restarted process runs this interpreted)
      for (let s = 0; s < slots.length; s++) {
        const slot = slots[s]!;
        const key = keys.slice(slot * 16, slot * 16 + 16);
        const placeholder = this.waiting.card.get(key);
        if (!placeholder) continue;
        this.waiting.card.delete(key);
        const cardId = state.cardsByAuthor.get(placeholder)?.[0];
        if (!cardId) continue;
        claimed.push(placeholder);
        if (!state.cards.get(cardId)!.revealed) claimedUnrevealed++;
        const mine = this.cardSlots.get(tags.authorTag) ?? [];
        mine[slot] = cardId;
        this.cardSlots.set(tags.authorTag, mine);
        this.unclaimed.card--;
      }
      moveCardsOf(state, claimed, tags.authorTag);
      // AN-10: a writer who waited is known by their cards now, so the number of writers stays what it was (a part
      // stored without its writers counted each card as one, and each stops counting once it has its author)
      const known = this.writerPerCard ? claimedUnrevealed : claimedUnrevealed > 0 && !wasWriter ? 1 : 0;
      state.waitingWriters = Math.max(0, state.waitingWriters - known);
      if (stored) stored.version = cardsVersion(state);
      if (kept) kept.version = cardsVersion(state);
    }
    if (this.unclaimed.vote > 0) {
      const keys = this.slotKeysOf(tags.voterTag, 'vote');
      // AN-12: a voter who waited is known by their votes now, so the number of voters stays what it was
      const wasVoter = (state.votesByVoter.get(tags.voterTag)?.size ?? 0) > 0;
      let claimed = 0;
      for (const slot of this.slotsToLookUp(keys, 'vote')) {
        const key = keys.slice(slot * 16, slot * 16 + 16);
        const placeholder = this.waiting.vote.get(key);
        if (!placeholder) continue;
        this.waiting.vote.delete(key);
        if (!state.votesByVoter.has(placeholder)) continue;
        moveVotes(state, placeholder, tags.voterTag);
        this.unclaimed.vote--;
        claimed++;
      }
      if (claimed > 0 && !wasVoter) state.waitingVoters = Math.max(0, state.waitingVoters - 1);
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
    if (this.unclaimed.roti > 0) {
      const placeholder = PLACEHOLDER + this.idTag(tags.pulseTag, 'roti', ROTI_ID);
      const value = state.roti.get(placeholder);
      if (value !== undefined) {
        state.roti.delete(placeholder);
        state.roti.set(tags.pulseTag, value);
        this.unclaimed.roti--;
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

/** AN-10: whether `authorTag` has a card not revealed yet */
function hasUnrevealed(state: BoardState, authorTag: string): boolean {
  const ids = state.cardsByAuthor.get(authorTag);
  return ids !== undefined && ids.some((id) => state.cards.get(id)?.revealed === false);
}
