/**
 * RV-2: the order in which revealed cards are shown. It depends only on a random per-board seed and the
 * random card ids, so it says nothing about who wrote a card or when. Sorting by a keyed hash (rather than
 * shuffling a list) keeps the order stable when a card is edited, deleted or revealed later.
 */
export function revealOrder(cardIds: readonly string[], seed: string): string[] {
  const keyed = cardIds.map((id) => ({ id, key: cyrb53(`${seed}:${id}`) }));
  keyed.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.id);
}

/** A fast, well-mixed 53-bit string hash (public domain, by bryc). Not cryptographic: the seed is secret. */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
