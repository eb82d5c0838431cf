/**
 * BL-1: a gentle nudge while someone writes a card. It suggests asking how the process allowed something
 * when the text names someone in the room or uses blame phrasing. It never blocks posting: it is a hint.
 */
export const BLAMELESS_HINT = 'Try asking how our process allowed this.';

/** Phrases that point at a person rather than at the system. `X` stands for any single word or name. */
const BLAME_PATTERNS: RegExp[] = [
  /\bwho\s+(?:did|broke|caused|pushed|merged|deployed|approved|forgot)\b/i,
  /\b[\p{L}][\p{L}'-]*'s\s+fault\b/iu,
  /\b(?:his|her|their|your)\s+fault\b/i,
  /\bfault\s+of\s+[\p{L}]/iu,
  /\bbecause\s+(?!we\b|our\b|the\b|it\b|this\b|that\b|there\b|of\b)[\p{L}][\p{L}'-]*\s+(?:didn'?t|did\s+not|forgot|never|failed|broke|ignored|refused)\b/iu,
  /\b(?!we\b|it\b|this\b|that\b|the\b|something\b|nothing\b|everything\b|build\b|deploy\b|test\b|tests\b|ci\b|pipeline\b|prod\b|production\b|server\b|system\b|process\b)[\p{L}][\p{L}'-]*\s+broke\s+(?:the|it|prod|production|the\s+build|everything)\b/iu,
  /\bblame\s+(?!the\s+process|the\s+system|our\s+process)/i,
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `text` names one of `names` as a whole word (case-insensitive). Names of one letter are ignored. */
export function namesSomeone(text: string, names: readonly string[]): boolean {
  return names.some((name) => {
    const trimmed = name.trim();
    if (trimmed.length < 2) return false;
    return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, 'iu').test(text);
  });
}

export function usesBlamePhrasing(text: string): boolean {
  return BLAME_PATTERNS.some((pattern) => pattern.test(text));
}

/** The hint to show under a card being written, or null. `names` are the display names of people in the retro. */
export function blamelessHint(text: string, names: readonly string[]): string | null {
  if (!text.trim()) return null;
  return namesSomeone(text, names) || usesBlamePhrasing(text) ? BLAMELESS_HINT : null;
}
