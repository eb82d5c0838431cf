/**
 * RV-2: the order in which revealed cards are shown. It depends only on a random per-board seed and the
 * random card ids, so it says nothing about who wrote a card or when. Sorting by a keyed hash (rather than
 * shuffling a list) keeps the order stable when a card is edited, deleted or revealed later.
 */
export function revealOrder(cardIds: readonly string[], seed: string): string[] {
  // each card's key is the hash of `seed:id`; the hash reads left to right, so `seed:` is read once for all
  // cards and each card's own part is only its id
  const [h1, h2] = cyrb53Read(START, `${seed}:`);
  // the keys are sorted as numbers by the engine itself (no comparator called 16,000 times for 1,500 cards)
  const keys = new Float64Array(cardIds.length);
  const idOfKey = new Map<number, string>();
  // A reveal is often the first time this runs at all, with 1,500 cards at once. Each card's hash is a small
  // function of its own (cyrb53Finish, no allocation), which the engine optimises after a few hundred calls
  // while the loop goes on; with the hash written out in this loop the engine could only replace the whole
  // running loop (OSR), which it gave up on ("dependency change") after the reveal had run slow to its end.
  for (let i = 0; i < cardIds.length; i++) {
    const id = cardIds[i]!;
    const key = cyrb53Finish(h1, h2, id);
    if (idOfKey.has(key)) return byKeyThenId(cardIds, h1, h2); // two cards with one key: they go by id
    keys[i] = key;
    idOfKey.set(key, id);
  }
  keys.sort();
  const order = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) order[i] = idOfKey.get(keys[i]!)!;
  return order;
}

/**
 * RV-10: the reveal-order keys of a big board's cards under the seed its room will reveal with (RV-3), each worked
 * out when its card is written (`keep`, one at a time, in Write), and the cards in that order, so that the reveal
 * takes them as they are rather than hashing 1,500 ids in its own turn, code that only a reveal runs. The keys stay
 * in the room's memory: the seed is stored with the first entry into Reveal and sent to nobody, and the keys say
 * no more than the seed and the ids.
 */
export class RevealKeys {
  private readonly keys = new Map<string, number>();
  /** the kept cards in reveal order (by key, then by id, as `revealOrder` orders them) */
  private readonly ordered: string[] = [];
  private readonly h1: number;
  private readonly h2: number;

  constructor(readonly seed: string) {
    [this.h1, this.h2] = cyrb53Read(START, `${seed}:`);
  }

  /** works out the card's key now, keeps it and puts the card at its place */
  keep(cardId: string): void {
    if (this.keys.has(cardId)) return;
    const key = cyrb53Finish(this.h1, this.h2, cardId);
    this.keys.set(cardId, key);
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = this.ordered[middle]!;
      const otherKey = this.keys.get(other)!;
      if (otherKey < key || (otherKey === key && other < cardId)) low = middle + 1;
      else high = middle;
    }
    this.ordered.splice(low, 0, cardId);
  }

  /** the card is gone */
  forget(cardId: string): void {
    if (!this.keys.delete(cardId)) return;
    this.ordered.splice(this.ordered.indexOf(cardId), 1);
  }

  /**
   * `revealOrder(cardIds, seed)` taken from the kept order when every one of `cardIds` (distinct) is kept under
   * `seed` — all of them at a reveal, fewer while some are not revealed yet — else undefined
   */
  orderOf(cardIds: readonly string[], seed: string): string[] | undefined {
    if (seed !== this.seed || cardIds.length > this.ordered.length) return undefined;
    for (let i = 0; i < cardIds.length; i++) if (!this.keys.has(cardIds[i]!)) return undefined;
    if (cardIds.length === this.ordered.length) return this.ordered.slice();
    const wanted = new Set(cardIds);
    return this.ordered.filter((id) => wanted.has(id));
  }
}

/** the same order, sorted with a comparator that breaks ties between equal keys by id */
function byKeyThenId(cardIds: readonly string[], h1: number, h2: number): string[] {
  const keyed = cardIds.map((id) => ({ id, key: cyrb53Finish(h1, h2, id) }));
  keyed.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.id);
}

/*
 * cyrb53, a fast, well-mixed 53-bit string hash (public domain, by bryc), in two steps: read a prefix into
 * its state, then finish with the rest of the text. Not cryptographic: the seed is secret.
 */
const START: readonly [number, number] = [0xdeadbeef, 0x41c6ce57];

function cyrb53Read([h1, h2]: readonly [number, number], text: string): [number, number] {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return [h1, h2];
}

/**
 * cyrb53 of the prefix read into (h1, h2) followed by `rest`: its reading step, then its last step (the state
 * mixed into the 53-bit hash), in one function that allocates nothing
 */
function cyrb53Finish(h1: number, h2: number, rest: string): number {
  for (let i = 0; i < rest.length; i++) {
    const ch = rest.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
