/**
 * BL-1: a gentle nudge while someone writes a card. It suggests asking how the process allowed something
 * when the text names someone in the room or uses blame phrasing. It never blocks posting: it is a hint.
 */
export const BLAMELESS_HINT = 'Try asking how our process allowed this.';

/** A word that may name a person: not "we", "I", "it", "the build" and the like (English). */
const SOMEONE =
  "(?<![\\p{L}])(?!we\\b|i\\b|it\\b|this\\b|that\\b|the\\b|our\\b|someone\\b|somebody\\b|nobody\\b|everyone\\b|something\\b|build\\b|deploy\\b|tests?\\b|ci\\b|pipeline\\b|prod\\b|production\\b|server\\b|system\\b|process\\b)[\\p{L}][\\p{L}'-]*";
/** German for "broke it" / "botched it" / "forgot it" (BL-1 on a German page; "vergessen" is "X forgot to", WH-2) */
const DE_BROKE = '(?:kaputt\\s*gemacht|verbockt|vermasselt|versaut|verpennt|vergessen)\\b';

/** Phrases that point at a person rather than at the system. `X` stands for any single word or name. */
const BLAME_PATTERNS: RegExp[] = [
  /\bwho\s+(?:did|broke|caused|pushed|merged|deployed|approved|forgot)\b/i,
  new RegExp(`\\bwer\\s+hat\\s+(?:[\\p{L}-]+\\s+){0,4}${DE_BROKE}`, 'iu'),
  /\b[\p{L}][\p{L}'-]*'s\s+fault\b/iu,
  /\b(?:his|her|their|your)\s+fault\b/i,
  /\bfault\s+of\s+[\p{L}]/iu,
  /\bbecause\s+(?!we\b|our\b|the\b|it\b|this\b|that\b|there\b|of\b)[\p{L}][\p{L}'-]*\s+(?:didn'?t|did\s+not|forgot|never|failed|broke|ignored|refused)\b/iu,
  /\b(?!we\b|it\b|this\b|that\b|the\b|something\b|nothing\b|everything\b|build\b|deploy\b|test\b|tests\b|ci\b|pipeline\b|prod\b|production\b|server\b|system\b|process\b)[\p{L}][\p{L}'-]*\s+broke\s+(?:the|it|prod|production|the\s+build|everything)\b/iu,
  /\bblame\s+(?!the\s+process|the\s+system|our\s+process)/i,
  // WE-2: more ways of pointing at someone, the room's own words (a person, not the build, did it)
  new RegExp(`${SOMEONE}\\s+(?:messed|screwed)\\s+up\\b`, 'iu'),
  new RegExp(`${SOMEONE}\\s+(?:keeps|kept)\\s+breaking\\b`, 'iu'),
  new RegExp(`${SOMEONE}\\s+forgot\\s+to\\b`, 'iu'),
  /\bit\s+was\s+(?!the\b|a\b|an\b|our\b|this\b|that\b)[\p{L}][\p{L}'-]*\s+who\b/iu,
  // WH-2: a card written at someone: "you always forget…", "you never review…" (not the sayings "you never know",
  // "do you always need…")
  /\byou\s+(?:always|never)\s+(?!know\b|can\b|could\b|get\b|have\b|need\b|want\b)\p{L}/iu,
  // German, for a German page: "Johns Schuld", "Schuld ist Tom", "Tom ist schuld", "Tom hat den Build kaputt gemacht"
  /\b[\p{L}][\p{L}-]*s\s+Schuld\b/iu,
  /\bSchuld\s+(?:ist|war|hat|sind)\s+(?!der\s+Prozess|das\s+System|niemand\b|keiner\b)\p{L}/iu,
  /(?<![\p{L}])(?!niemand\b|keiner\b|keine\b|wir\b|es\b|das\b|man\b)[\p{L}][\p{L}'-]*\s+(?:ist|war|sind|waren)\s+schuld\b/iu,
  new RegExp(`(?<![\\p{L}])(?!wir\\b|es\\b|das\\b|man\\b|dies\\b|der\\b|die\\b|niemand\\b|keiner\\b|jemand\\b)[\\p{L}][\\p{L}'-]*\\s+hat\\s+(?:[\\p{L}-]+\\s+){0,5}${DE_BROKE}`, 'iu'),
  // WH-2: German "du hast … vergessen", "ihr habt … verbockt", "du vergisst immer…"
  new RegExp(`(?<![\\p{L}])(?:du\\s+hast|ihr\\s+habt)\\s+(?:[\\p{L}-]+\\s+){0,5}${DE_BROKE}`, 'iu'),
  /(?<![\p{L}])(?:du\s+vergisst|ihr\s+vergesst)\b/iu,
  // BL-6: a person's habit in the third person, "Bo always forgets to rerun them" (walk 6's shared notes), "Sam never
  // reviews…", German "Tom vergisst immer…" (not "man vergisst", "jeder vergisst", "wer vergisst, …")
  new RegExp(`${SOMEONE}\\s+(?:always|never)\\s+(?:forgets|ignores|skips|misses|reviews|answers|updates|interrupts)\\b`, 'iu'),
  /(?<![\p{L}])(?!man\b|jeder\b|jede\b|wer\b|niemand\b|keiner\b|es\b|das\b|der\b|die\b|wir\b|ich\b|system\b|cache\b|build\b|server\b)[\p{L}][\p{L}'-]*\s+vergisst\b/iu,
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One case-insensitive whole-word pattern for every name of two letters or more (null when there is none), kept for
 * the last list asked: the nudge asks on every keystroke with the room's names, and building a pattern per name per
 * keystroke (40 people, a 200-character card: 8000 patterns) took 2 s of a throttled phone's main thread in walk K.
 * The names are tried in turn at each place (the pattern backtracks into the next name), as one pattern a name did.
 */
export function nameMatcher(names: readonly string[]): RegExp | null {
  const key = JSON.stringify(names);
  if (lastNames?.key === key) return lastNames.matcher;
  const alternatives = names.map((name) => name.trim()).filter((name) => name.length >= 2).map(escapeRegExp);
  const matcher = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu') : null;
  lastNames = { key, matcher };
  return matcher;
}
let lastNames: { key: string; matcher: RegExp | null } | null = null;

/** True when `text` names one of `names` as a whole word (case-insensitive). Names of one letter are ignored. */
export function namesSomeone(text: string, names: readonly string[]): boolean {
  return nameMatcher(names)?.test(text) ?? false;
}

export function usesBlamePhrasing(text: string): boolean {
  return BLAME_PATTERNS.some((pattern) => pattern.test(text));
}

/** The hint to show under a card being written, or null. `names` are the display names of people in the retro. */
export function blamelessHint(text: string, names: readonly string[]): string | null {
  if (!text.trim()) return null;
  return namesSomeone(text, names) || usesBlamePhrasing(text) ? BLAMELESS_HINT : null;
}
