/**
 * RV-2: the order in which revealed cards are shown. It depends only on a random per-board seed and the
 * random card ids, so it says nothing about who wrote a card or when. Sorting by a keyed hash (rather than
 * shuffling a list) keeps the order stable when a card is edited, deleted or revealed later.
 */
export function revealOrder(cardIds: readonly string[], seed: string): string[] {
  // each card's key is the hash of `seed:id`; the hash reads left to right, so `seed:` is read once for all
  // cards and each card's own part is only its id (a reveal hashes 1,500 ids on a path not yet warmed up)
  const [h1, h2] = cyrb53Read(START, `${seed}:`);
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
  for (let i = 0; i < rest.length; i++) {
    const ch = rest.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
