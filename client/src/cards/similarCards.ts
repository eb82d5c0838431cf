/**
 * GR-11: which revealed items (a card standing alone, or a group) may say the same thing, going by the words they
 * share. Read by whoever may group, on their own screen, from the public view only (nothing is sent for it); the
 * room still decides: a suggestion is grouped only when someone presses "Group these".
 *
 * A word counts by its stem, crudely: lower case, a plural "s" off, an "-ing" or "-ed" off (and a doubled letter left
 * by it), its first five letters ("Deploying", "deploys", "Deployment" are one; "meetings" and "Meeting", "testing" and
 * "tests" too), in English and German alike. Filler words of either language,
 * words under three letters and numbers count for nothing, nor does a word most of a big board shares ("team").
 * Each item is in one suggestion at most, with the items it shares the most words with.
 */
export type SimilarItem = { id: string; texts: string[] };
export type SimilarSet = {
  /** stable for the same items: what "Not these" remembers */
  key: string;
  /** the words all of them share, as the first one writes them (three at most) */
  words: string[];
  /** in the order given (the board's reveal order) */
  itemIds: string[];
};

/** at most this many items in one suggestion, and this many suggestions: a list to read, not a second board */
const MOST_ITEMS = 8;
const MOST_SETS = 12;

export function similarSets(items: SimilarItem[], dismissed: ReadonlySet<string> = new Set()): SimilarSet[] {
  const count = new Map<string, number>();
  const all = items.map((item) => stemsIn(item.texts));
  for (const stems of all) for (const stem of stems.keys()) count.set(stem, (count.get(stem) ?? 0) + 1);
  // on a board of 6 items or more, a word in more than half of them says nothing about which belong together
  const tooCommon = (stem: string) => items.length >= 6 && (count.get(stem) ?? 0) > items.length / 2;
  const stemsOf = all.map((stems) => new Map([...stems].filter(([stem]) => !tooCommon(stem))));
  // every two items that share a word, those that share the most first (then in the board's order)
  const pairs: { a: number; b: number; shared: number }[] = [];
  for (let a = 0; a < items.length; a++)
    for (let b = a + 1; b < items.length; b++) {
      let shared = 0;
      for (const stem of stemsOf[a]!.keys()) if (stemsOf[b]!.has(stem)) shared++;
      if (shared > 0) pairs.push({ a, b, shared });
    }
  pairs.sort((x, y) => y.shared - x.shared || x.a - y.a || x.b - y.b);
  // Clusters grow pair by pair while all their items still share a word: "Code reviews wait for days" joins "Pairing
  // on code reviews" and "Reviews within a day" ("review"), and the demo day's cards, which share only "day" with
  // them, stay apart. Two clusters of two or more join only on two words they all share.
  const clusterOf = items.map((_, index) => index);
  const members = new Map(items.map((_, index) => [index, [index]]));
  const common = new Map(items.map((_, index) => [index, new Set(stemsOf[index]!.keys())]));
  for (const { a, b } of pairs) {
    const ca = clusterOf[a]!;
    const cb = clusterOf[b]!;
    if (ca === cb) continue;
    const ma = members.get(ca)!;
    const mb = members.get(cb)!;
    if (ma.length + mb.length > MOST_ITEMS) continue;
    const both = new Set([...common.get(ca)!].filter((stem) => common.get(cb)!.has(stem)));
    if (both.size === 0 || (ma.length > 1 && mb.length > 1 && both.size < 2)) continue;
    const merged = [...ma, ...mb].sort((x, y) => x - y);
    members.set(ca, merged);
    members.delete(cb);
    common.set(ca, both);
    for (const index of mb) clusterOf[index] = ca;
  }
  const sets: SimilarSet[] = [];
  for (const [cluster, at] of members) {
    if (at.length < 2) continue;
    const itemIds = at.map((index) => items[index]!.id);
    const key = [...itemIds].sort().join(',');
    if (dismissed.has(key)) continue;
    const shared = common.get(cluster)!;
    const words = [...stemsOf[at[0]!]!].filter(([stem]) => shared.has(stem)).map(([, word]) => word);
    sets.push({ key, words: words.slice(0, 3), itemIds });
  }
  // the largest first, then as the board has them
  sets.sort((x, y) => y.itemIds.length - x.itemIds.length || ids(items, x) - ids(items, y));
  return sets.slice(0, MOST_SETS);
}

function ids(items: SimilarItem[], set: SimilarSet): number {
  return items.findIndex((item) => item.id === set.itemIds[0]);
}

/** each stem in the texts, with the word it was first written as */
export function stemsIn(texts: string[]): Map<string, string> {
  const stems = new Map<string, string>();
  for (const text of texts) {
    for (const word of text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []) {
      const lower = word.toLocaleLowerCase();
      if (lower.length < 3 || /^\p{N}+$/u.test(lower) || FILLER.has(lower)) continue;
      const stem = stemOf(lower);
      if (!stems.has(stem)) stems.set(stem, lower);
    }
  }
  return stems;
}

export function stemOf(lower: string): string {
  let word = lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
  // "testing", "tested" and "test" are one; "planning", "shipped" lose the doubled letter too
  const ending = /(ing|ed)$/.exec(word);
  if (ending && word.length - ending[0].length >= 4) {
    word = word.slice(0, -ending[0].length);
    if (/([b-df-hj-np-tv-z])\1$/.test(word)) word = word.slice(0, -1);
  }
  return word.slice(0, 5);
}

// Words that link cards that have nothing else in common. English, then German.
const FILLER = new Set(
  (
    'the and for with without that this these those are was were not but our ours you your they them their too many much ' +
    'very every each time times get got gets has have had having all any can could should would will just more less ' +
    'some from into out about when what who how why its also than then there here still again over under one two ' +
    'don doesn didn isn aren dont doesnt didnt isnt cant wont lot lots thing things really ' +
    'did does doing been being which where while during only even such other others same like make makes made need needs ' +
    'und der die das den dem des ein eine einen einem einer eines nicht mit ohne für von auf aus bei nach über unter ' +
    'wir ihr sie uns euch ist sind war waren hat haben hatte wird werden wurde kann können konnte muss müssen soll ' +
    'sollte sollten immer noch schon sehr viel viele oft mal auch nur jeden jede jeder jedes alle mehr weniger ' +
    'keine kein keinen man mich mir dir sich oder aber wenn dass weil wie was wer wo dann denn doch zum zur vom beim ' +
    'diese dieser dieses dies gibt geht ganz gut etwas nichts'
  ).split(' '),
);

/**
 * GR-11: the item a suggestion's others are grouped with (GR-1: each card with one of its cards), so the group's column
 * (GR-9). A group among them takes the others in, where it is; else the cards go to the column most of them are in, to
 * the first of them there. The first item alone (before) was wherever the shuffle had put it first: three cards of
 * Stop and one of Start went to Start one time in four, and a few suggestions could empty a column into another.
 */
export function anchorOf<T extends { kind: 'card' | 'group'; columnId: string }>(members: readonly T[]): T | undefined {
  const group = members.find((item) => item.kind === 'group');
  if (group) return group;
  const inColumn = new Map<string, number>();
  for (const item of members) inColumn.set(item.columnId, (inColumn.get(item.columnId) ?? 0) + 1);
  let anchor: T | undefined;
  for (const item of members) if (!anchor || inColumn.get(item.columnId)! > inColumn.get(anchor.columnId)!) anchor = item;
  return anchor;
}
