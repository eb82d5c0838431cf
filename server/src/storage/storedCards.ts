import { type BoardState, type Card, groupOf, signatureOf, unrevealedWriters } from '@candor/shared';

/**
 * AR-1: the cards part of a board's anonymous state at rest — every card and group, sorted by their random ids —
 * and, for big boards, a builder that makes it again without encoding every card each time.
 */

/** the version of the parts' JSON (format 1 was one blob of both parts) */
export const PART_FORMAT = 2;

export interface StoredCard {
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

/** the cards part: every card and group */
export interface StoredCards {
  format: typeof PART_FORMAT;
  cards: StoredCard[];
  groups: { id: string; title: string; column: string }[];
  /**
   * AN-10: how many people have unrevealed cards (`unrevealedWriters`), sealed (`sealedWriters.ts`: in the clear
   * it would say, with one writer, that every unrevealed card is the same person's). After a load it stands for the
   * authors still to be recognised (AR-2), so that each waiting card is not taken for a writer of its own. Absent
   * in parts stored before it was kept.
   */
  writers?: string;
}

/**
 * AN-10: seals the number of writers for the part being made, given the ids of the unrevealed cards it counts the
 * writers of, in the part's order (`WritersSeal.seal` for the board)
 */
export type SealWriters = (writers: number, unrevealedIds: string) => string;

/** the end of the cards part after its groups: the sealed writers (AN-10), then the closing brace */
const writersTail = (sealed: string) => `,"writers":"${sealed}"}`;
const WRITERS_TAIL = /,"writers":"([A-Za-z0-9_-]{48})"\}$/;

/** AN-10: the sealed writers a cards part's JSON ends with (`StoredCards.writers`), without parsing the part; null if none */
export function storedWritersOf(json: string): string | null {
  return WRITERS_TAIL.exec(json.slice(-64))?.[1] ?? null;
}

const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

function storedCard(card: Card, tag: string): StoredCard {
  const signature = signatureOf(card);
  return { id: card.id, column: card.columnId, text: card.text, group: groupOf(card), revealed: card.revealed, ...(signature !== null ? { signature } : {}), tag };
}

/** the groups, as they end the cards part's JSON */
const groupsJson = (state: BoardState) =>
  JSON.stringify([...state.groups.values()].map((g) => ({ id: g.id, title: g.title, column: g.columnId })).sort(byKey((g) => g.id)));

/** The cards part's JSON, every card encoded (`tagOf` gives a card's stored tag, `sealWriters` seals the writers). */
export function storedCardsJson(state: BoardState, tagOf: (card: Card) => string, sealWriters: SealWriters): string {
  const cards = [...state.cards.values()].map((card) => storedCard(card, tagOf(card))).sort(byKey((c) => c.id));
  const unrevealedIds = cards.filter((c) => !c.revealed).map((c) => c.id).join(',');
  // the bytes of JSON.stringify(StoredCards), in its key order
  return `{"format":${PART_FORMAT},"cards":${JSON.stringify(cards)},"groups":${groupsJson(state)}${writersTail(sealWriters(unrevealedWriters(state), unrevealedIds))}`;
}

/** one card's entry, and the fields it was encoded from */
interface Entry {
  text: string;
  column: string;
  group: string | null;
  revealed: boolean;
  signature: string | null;
  author: string;
  json: string;
}

/** a stored card's entry, authored by `placeholderOf` its tag (AR-2: recognised when its author joins) */
function entryOf(card: StoredCard, json: string, placeholderOf: (tag: string) => string): Entry {
  return { text: card.text, column: card.column, group: card.group, revealed: card.revealed, signature: card.signature ?? null, author: placeholderOf(card.tag), json };
}

/** the end (one past its `}`) of the stored card entry at `at` (flat: only strings, booleans and null inside), or -1 */
function entryEnd(json: string, at: number): number {
  if (json[at] !== '{') return -1;
  let inString = false;
  for (let i = at + 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7d) return i + 1;
  }
  return -1;
}

/**
 * For big boards: each card's entry is kept, encoded again only once the card changed, and the part is the
 * entries joined in id order — the very bytes `storedCardsJson` gives. A card added in Write costs one card's
 * encoding, not 1,500 (most of the encode of a big board's add).
 */
export class StoredCardsBuilder {
  private readonly entries = new Map<string, Entry>();
  private sortedIds: string[] = [];
  /**
   * the part the entries make: the last one built, or the one `takeAdded` took them from; its JSON is null when the
   * entries were taken in from an announcement (CL-29) and not joined since (the next build joins them)
   */
  private made: { json: string | null; groups: string } | null = null;
  /**
   * CL-29: the entries the last build added to the part made before it, when that is all it changed (no entry
   * encoded otherwise, none gone, the groups the same), and the writers it stored (AN-10); null otherwise, or when
   * nothing was made before
   */
  private added: { entries: string[]; writers: string } | null = null;

  /** CL-29: the stored entries of the cards the last build only added, and the writers it stored, sealed (see `added`) */
  get lastAdded(): { entries: readonly string[]; writers: string } | null {
    return this.added;
  }

  /** the entries are those of `json` (built last, or taken in from it) */
  makes(json: string): boolean {
    return this.made?.json === json;
  }

  /** CL-29: the entries make the stored part, taken in from an announcement, and were not joined since */
  get unjoined(): boolean {
    return this.made !== null && this.made.json === null;
  }

  /**
   * CL-17: the cards the stored part `json` adds to the part the entries make, if that is all it changes: read
   * in the part's id order, every other card's entry the very same bytes, none gone, the groups as they were;
   * null otherwise. Only the added cards' entries are parsed (a 1,500-card part is a few hundred KB), and each is
   * taken in as stored, authored by `placeholderOf` its tag, as `load` leaves a card until its owner is recognised.
   */
  takeAdded(json: string, placeholderOf: (tag: string) => string): StoredCard[] | null {
    const made = this.made;
    const head = `{"format":${PART_FORMAT},"cards":[`;
    if (!made || !json.startsWith(head)) return null;
    const known = this.sortedIds;
    const ids: string[] = [];
    const added: StoredCard[] = [];
    let k = 0;
    let at = head.length;
    while (json[at] !== ']') {
      if (ids.length > 0 && json[at++] !== ',') return null;
      const next = k < known.length ? this.entries.get(known[k]!)!.json : null;
      if (next !== null && json.slice(at, at + next.length) === next) {
        ids.push(known[k++]!);
        at += next.length;
        continue;
      }
      const end = entryEnd(json, at);
      if (end < 0) return null;
      const card = JSON.parse(json.slice(at, end)) as StoredCard;
      // a card this copy knows, stored otherwise (edited, grouped, …), or one that went: not an addition
      if (this.entries.has(card.id)) return null;
      added.push(card);
      ids.push(card.id);
      at = end;
    }
    // (the writers after the groups may have changed: a card's new author, AN-10)
    const groupsEnd = `],"groups":${made.groups}`;
    if (k !== known.length || !json.startsWith(groupsEnd, at) || !/^(,"writers":"[A-Za-z0-9_-]{48}")?\}$/.test(json.slice(at + groupsEnd.length))) return null;
    for (const card of added) {
      this.entries.set(card.id, entryOf(card, JSON.stringify(card), placeholderOf));
    }
    this.sortedIds = ids;
    this.made = { json, groups: made.groups };
    this.added = null;
    return added;
  }

  /**
   * CL-29: takes in these stored entries (each one card's JSON, as `StoredCard`) as added to the part the entries
   * make, without joining them into a part (the next build does): the added cards, authored by `placeholderOf` their
   * tag, or null, with nothing changed, when one of them is a card the entries hold already or is not an entry
   */
  takeAnnounced(entries: readonly string[], placeholderOf: (tag: string) => string): StoredCard[] | null {
    const made = this.made;
    if (!made) return null;
    const byId = new Map<string, { card: StoredCard; json: string }>();
    for (const json of entries) {
      const card = JSON.parse(json) as StoredCard | null;
      if (typeof card?.id !== 'string' || this.entries.has(card.id) || byId.has(card.id) || entryEnd(json, 0) !== json.length) return null;
      byId.set(card.id, { card, json });
    }
    for (const { card, json } of byId.values()) {
      this.entries.set(card.id, entryOf(card, json, placeholderOf));
    }
    // the known ids are sorted already: the few added ones are merged in (the order of `build`'s sort)
    const fresh = [...byId.keys()].sort();
    const known = this.sortedIds;
    const ids: string[] = [];
    for (let k = 0, f = 0; k < known.length || f < fresh.length; ) ids.push(f < fresh.length && (k === known.length || fresh[f]! < known[k]!) ? fresh[f++]! : known[k++]!);
    this.sortedIds = ids;
    this.made = { json: null, groups: made.groups };
    this.added = null;
    return [...byId.values()].map(({ card }) => card);
  }

  /** `tagOf` is called for the cards new or changed since the last build only; `sealWriters` seals the writers */
  build(state: BoardState, tagOf: (card: Card) => string, sealWriters: SealWriters): string {
    let idsChanged = false;
    let added: string[] | null = this.made ? [] : null;
    for (const card of state.cards.values()) {
      const entry = this.entries.get(card.id);
      if (
        entry &&
        entry.text === card.text &&
        entry.column === card.columnId &&
        entry.group === groupOf(card) &&
        entry.revealed === card.revealed &&
        entry.signature === signatureOf(card) &&
        entry.author === card.authorTag
      ) {
        continue;
      }
      if (!entry) idsChanged = true;
      const json = JSON.stringify(storedCard(card, tagOf(card)));
      if (!entry) added?.push(json);
      else if (entry.json !== json) added = null;
      this.entries.set(card.id, {
        text: card.text,
        column: card.columnId,
        group: groupOf(card),
        revealed: card.revealed,
        signature: signatureOf(card),
        author: card.authorTag,
        json,
      });
    }
    if (this.entries.size !== state.cards.size) {
      for (const id of this.entries.keys()) if (!state.cards.has(id)) this.entries.delete(id);
      idsChanged = true;
      added = null;
    }
    // the same order as sorting by `byKey` (UTF-16 code units)
    if (idsChanged) this.sortedIds = [...this.entries.keys()].sort();
    const entries: string[] = new Array(this.sortedIds.length);
    const unrevealed: string[] = [];
    for (let i = 0; i < this.sortedIds.length; i++) {
      const entry = this.entries.get(this.sortedIds[i]!)!;
      entries[i] = entry.json;
      if (!entry.revealed) unrevealed.push(this.sortedIds[i]!);
    }
    const groups = groupsJson(state);
    const writers = sealWriters(unrevealedWriters(state), unrevealed.join(','));
    const json = `{"format":${PART_FORMAT},"cards":[${entries.join(',')}],"groups":${groups}${writersTail(writers)}`;
    this.added = added && groups === this.made?.groups ? { entries: added, writers } : null;
    this.made = { json, groups };
    return json;
  }
}
