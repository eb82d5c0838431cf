// UI-23: Noto Color Emoji's faces (OFL-1.1), loaded only where the system draws no colour emoji (`colourEmoji.ts`)
import '@fontsource/noto-color-emoji/index.css';
import { EMOJI_FAMILY } from './colourEmoji.js';

/** the code points a face keeps: emoji blocks, and the joiners, selectors and tags of emoji sequences */
const EMOJI_BLOCKS: readonly (readonly [number, number])[] = [
  [0x200d, 0x200d], // zero-width joiner
  [0x20e3, 0x20e3], // combining keycap
  [0x2300, 0x23ff], // ⌚ ⏰ …
  [0x2600, 0x27bf], // ☀ ✋ ❤ …
  [0x2934, 0x2935],
  [0x2b00, 0x2bff], // ⬆ ⭐ …
  [0x3030, 0x3030],
  [0x303d, 0x303d],
  [0x3297, 0x3299],
  [0xfe0f, 0xfe0f], // emoji presentation selector
  [0x1f000, 0x1faff], // 👍 🎉 🤔 😮 and the rest
  [0xe0020, 0xe007f], // tags (subdivision flags)
];

/** `unicodeRange` (CSS `unicode-range`: `U+23, U+30-39, U+1f44d`) cut to the emoji blocks; '' when none is left */
export function emojiOnly(unicodeRange: string): string {
  const kept: string[] = [];
  for (const part of unicodeRange.split(',')) {
    const match = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!match) continue;
    const [from, to] = match[1]!.includes('?')
      ? [parseInt(match[1]!.replaceAll('?', '0'), 16), parseInt(match[1]!.replaceAll('?', 'f'), 16)]
      : [parseInt(match[1]!, 16), parseInt(match[2] ?? match[1]!, 16)];
    for (const [low, high] of EMOJI_BLOCKS) {
      const a = Math.max(from, low);
      const b = Math.min(to, high);
      if (a <= b) kept.push(a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`);
    }
  }
  return kept.join(', ');
}

/**
 * The WOFF source of a face's `src`. The package's WOFF2 files draw every emoji blank in Chromium (156, Debian's),
 * where the same faces as WOFF draw them in colour: they are never used.
 */
export function woffOf(src: string): string | null {
  const match = /url\((["']?)([^"')]+)\1\)\s*format\((["']?)woff\3\)/.exec(src);
  return match ? `url("${match[2]}") format("woff")` : null;
}

/** Adds each of the package's faces, cut to emoji, as a face of `EMOJI_FAMILY`. */
export function addEmojiFaces(): void {
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's sheet
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSFontFaceRule) || !/Noto Color Emoji/.test(rule.style.getPropertyValue('font-family'))) continue;
      const unicodeRange = emojiOnly(rule.style.getPropertyValue('unicode-range'));
      const source = woffOf(rule.style.getPropertyValue('src'));
      if (unicodeRange && source) document.fonts.add(new FontFace(EMOJI_FAMILY, source, { unicodeRange, display: 'swap' }));
    }
  }
}
