/**
 * GR-11: which revealed items (a card standing alone, or a group) may say the same thing, going by the words they
 * share. Read by whoever may group, on their own screen, from the public view only (nothing is sent for it); the
 * room still decides: a suggestion is grouped only when someone presses "Group these".
 *
 * A word counts by its stem, crudely (`stemOf`: "Deploying", "deploys", "Deployment" are one; "communication" and
 * "community" are not), in English and German alike, a weekday in either language as one. Filler words of either
 * language, words under three letters and numbers count for nothing, nor does a word most of a board shares
 * ("team") or more than 24 items share. A word weighs by how rare it is on the board. Two items are linked when they
 * share two words or more, or one word that is at least half of each one's words (short cards that say little else: "Too many meetings" and
 * "Meetings without an agenda"); one word among others ("The demo crashed", "Demo day was great") is not enough:
 * the walk found such suggestions grouping cards that did not belong together. Each item is in one suggestion at most,
 * with the items it shares the rarest words with.
 */
export type SimilarItem = { id: string; texts: string[] };
export type SimilarSet = {
  /** stable for the same items: what "Not these" remembers */
  key: string;
  /** the words all of them share, the rarest on the board first, as the first one writes them (three at most) */
  words: string[];
  /** in the order given (the board's reveal order) */
  itemIds: string[];
};

/** at most this many items in one suggestion, and this many suggestions: a list to read, not a second board */
const MOST_ITEMS = 8;
const MOST_SETS = 12;
/**
 * a word more items share than three suggestions could hold says too little about which of them belong together; and
 * comparing every two of its holders is what made a big board slow (each pair of a word's holders is compared)
 */
const MOST_HOLDERS = 3 * MOST_ITEMS;

/**
 * `work.pairs` counts the two items compared (each pair sharing a word, once): only items that share a word are
 * compared, so a board of many cards costs what its shared words cost, not the square of its size.
 */
export function similarSets(items: SimilarItem[], dismissed: ReadonlySet<string> = new Set(), work?: { pairs: number }): SimilarSet[] {
  const count = new Map<string, number>();
  const all = items.map((item) => {
    const stems = stemsIn(item.texts);
    return stems.size > 0 ? stems : wholeTextsIn(item.texts);
  });
  for (const stems of all) for (const stem of stems.keys()) count.set(stem, (count.get(stem) ?? 0) + 1);
  // on a board of 6 items or more, a word in more than half of them (or in more than MOST_HOLDERS) says nothing about
  // which belong together
  const tooCommon = (stem: string) => {
    const holding = count.get(stem) ?? 0;
    return holding > MOST_HOLDERS || (items.length >= 6 && holding > items.length / 2);
  };
  const stemsOf = all.map((stems) => new Map([...stems].filter(([stem]) => !tooCommon(stem))));
  // the rarer a word on this board, the more two items sharing it say the same thing (an inverse document frequency)
  const weight = (stem: string) => Math.log(1 + items.length / (count.get(stem) ?? 1));
  // every two items that are linked, the heaviest links first (then in the board's order)
  // Only items that share a word are compared, found through the items each word is in: every two of 1,500 cards
  // (over a million pairs, each making a list) took 1.2 to 3 s on a shared 2-core machine, again at each change of the
  // board while Reveal is open, for whoever may group.
  const holders = new Map<string, number[]>();
  stemsOf.forEach((stems, index) => {
    for (const stem of stems.keys()) {
      const holding = holders.get(stem);
      if (holding) holding.push(index);
      else holders.set(stem, [index]);
    }
  });
  const pairs: { a: number; b: number; weight: number }[] = [];
  const sharedWith = new Map<number, number>();
  for (let a = 0; a < items.length; a++) {
    sharedWith.clear();
    for (const stem of stemsOf[a]!.keys()) for (const b of holders.get(stem)!) if (b > a) sharedWith.set(b, (sharedWith.get(b) ?? 0) + 1);
    if (work) work.pairs += sharedWith.size;
    for (const [b, shared] of sharedWith) {
      if (!linked(shared, stemsOf[a]!.size, stemsOf[b]!.size)) continue;
      // summed in the first item's order of its words, as before: equal weights sort the same way
      let sum = 0;
      for (const stem of stemsOf[a]!.keys()) if (stemsOf[b]!.has(stem)) sum += weight(stem);
      pairs.push({ a, b, weight: sum });
    }
  }
  pairs.sort((x, y) => y.weight - x.weight || x.a - y.a || x.b - y.b);
  // Clusters grow link by link while all their items still share a word: "Code reviews wait for days" joins "Pairing
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
    // (a stable sort: among words as rare, the first one's order)
    const words = [...stemsOf[at[0]!]!].filter(([stem]) => shared.has(stem)).sort(([x], [y]) => weight(y) - weight(x));
    sets.push({ key, words: words.slice(0, 3).map(([, word]) => word), itemIds });
  }
  // the largest first, then as the board has them
  sets.sort((x, y) => y.itemIds.length - x.itemIds.length || ids(items, x) - ids(items, y));
  return sets.slice(0, MOST_SETS);
}

/**
 * GR-11: two items sharing `shared` words, of `a` and `b` words each, say the same thing when they share two or more,
 * or one that is at least half of each one's words.
 */
export function linked(shared: number, a: number, b: number): boolean {
  return shared >= 2 || (shared === 1 && a <= 2 && b <= 2);
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

/**
 * GR-11: a card with no word to go by ("🎉", "OK", "👍👍") is linked only to cards that say exactly the same: its whole
 * text (spaces and case aside) stands as its one word. Without it five "🎉" cards were never suggested while two
 * "Retro" cards were. The "=" keeps it apart from any stem (a stem is letters and digits only).
 */
function wholeTextsIn(texts: string[]): Map<string, string> {
  const whole = new Map<string, string>();
  for (const text of texts) {
    const written = text.normalize('NFC').trim().replace(/\s+/g, ' ');
    const key = `=${written.toLocaleLowerCase()}`;
    if (written && !whole.has(key)) whole.set(key, written);
  }
  return whole;
}

/**
 * A crude stem, for English and German alike: a plural off ("stories" → "story", "deploys", not "status"), then one
 * ending where four letters stay (five for "-er"): "-ment", "-ness", "-ity", "-ion", "-ing", "-ed", "-er", "-ly",
 * "-e", German "-ungen", "-ung", "-en" (and a doubled letter an ending leaves: "planning", "shipped"), an "i" left at
 * the end as "y" ("flakiness"), then the first seven letters. So "Deploying", "deploys", "Deployment" are one, as are
 * "testing" and "tests", "communication" and "communicate", but not "community" (a five-letter cut joined them). A
 * weekday is its English name: "Freitag" is "friday".
 */
export function stemOf(lower: string): string {
  let word = lower;
  if (word.length > 4 && word.endsWith('ies')) word = `${word.slice(0, -3)}y`;
  else if (word.length > 3 && /[^su]s$/.test(word)) word = word.slice(0, -1);
  word = WEEKDAYS.get(word) ?? word;
  for (const ending of ENDINGS) {
    const rest = word.length - ending.length;
    if (!word.endsWith(ending) || rest < (ending === 'er' ? 5 : 4)) continue;
    word = word.slice(0, rest);
    if (/^(ing|ed|er|en)$/.test(ending) && /([b-df-hj-np-tv-z])\1$/.test(word)) word = word.slice(0, -1);
    break;
  }
  if (word.endsWith('i')) word = `${word.slice(0, -1)}y`;
  return word.slice(0, 7);
}

// longest first: the first that fits is taken
const ENDINGS = ['ungen', 'ment', 'ness', 'ung', 'ity', 'ion', 'ing', 'ed', 'er', 'en', 'ly', 'e'];
const WEEKDAYS = new Map(
  ['montag monday', 'dienstag tuesday', 'mittwoch wednesday', 'donnerstag thursday', 'freitag friday', 'samstag saturday', 'sonnabend saturday', 'sonntag sunday'].map(
    (pair) => pair.split(' ') as [string, string],
  ),
);

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

/**
 * GR-11: what grouping a suggestion moves out of its column, told before "Group these" is pressed and announced after
 * (the walk: the author of a card in "Start" saw it vanish into "Stop"): the column it goes to (`anchorOf`'s), and how
 * many cards come from each other column, in the board's order.
 */
export function movesOf<T extends { kind: 'card' | 'group'; columnId: string; cards: number }>(
  members: readonly T[],
): { to: string; from: { columnId: string; cards: number }[] } | undefined {
  const anchor = anchorOf(members);
  if (!anchor) return undefined;
  const from = new Map<string, number>();
  for (const item of members) if (item.columnId !== anchor.columnId) from.set(item.columnId, (from.get(item.columnId) ?? 0) + item.cards);
  return { to: anchor.columnId, from: [...from].map(([columnId, cards]) => ({ columnId, cards })) };
}
