/**
 * RV-2: the order in which revealed cards are shown. It depends only on a random per-board seed and the
 * random card ids, so it says nothing about who wrote a card or when. Sorting by a keyed hash (rather than
 * shuffling a list) keeps the order stable when a card is edited, deleted or revealed later.
 */
export function revealOrder(cardIds: readonly string[], seed: string): string[] {
  // each card's key is the hash of `seed:id`; the hash reads left to right, so `seed:` is read once for all
  // cards and each card's own part is only its id (a reveal hashes 1,500 ids on a path not yet warmed up)
  const [h1, h2] = cyrb53Read(START, `${seed}:`);
  // the keys are sorted as numbers by the engine itself (no comparator called 16,000 times for 1,500 cards)
  const keys = new Float64Array(cardIds.length);
  const idOfKey = new Map<number, string>();
  // one loop over every card and character, with cyrb53's reading step written out, so that the engine optimises
  // it while it runs (a reveal is often the first time this code runs at all, and 1,500 calls would stay slow)
  for (let i = 0; i < cardIds.length; i++) {
    const id = cardIds[i]!;
    let a = h1;
    let b = h2;
    for (let c = 0; c < id.length; c++) {
      const ch = id.charCodeAt(c);
      a = Math.imul(a ^ ch, 2654435761);
      b = Math.imul(b ^ ch, 1597334677);
    }
    const key = cyrb53Mix(a, b);
    if (idOfKey.has(key)) return byKeyThenId(cardIds, h1, h2); // two cards with one key: they go by id
    keys[i] = key;
    idOfKey.set(key, id);
  }
  keys.sort();
  const order = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) order[i] = idOfKey.get(keys[i]!)!;
  return order;
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

/** cyrb53 of the prefix read into (h1, h2) followed by `rest` */
function cyrb53Finish(h1: number, h2: number, rest: string): number {
  return cyrb53Mix(...cyrb53Read([h1, h2], rest));
}

/** cyrb53's last step: the state after the whole text, mixed into the 53-bit hash */
function cyrb53Mix(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
