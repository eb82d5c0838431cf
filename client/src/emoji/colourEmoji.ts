/**
 * UI-23: emoji in colour on every machine. Most systems draw emoji in colour; a Linux machine without an emoji
 * font (the Chromium of our tests is one) draws empty boxes, and a few in black from its text font. Where the
 * system draws no colour emoji, Candor adds the faces of Noto Color Emoji (`@fontsource/noto-color-emoji`) under
 * a family of its own, first in the page's font stack (`styles.css`), each face cut to emoji code points: the
 * package's faces also hold the digits, `#`, `*`, ©, ® and arrows for keycap and other sequences, and draw a
 * bare digit blank. A browser fetches a face only when the page shows one of its characters, so a board without
 * emoji fetches none of it, and a system with emoji of its own fetches nothing at all.
 */
export const EMOJI_FAMILY = 'Candor Emoji';

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

/** whether this browser draws 👍 in colour; null where there is no canvas to tell (tests without a browser) */
export function drawsColourEmoji(doc: Document = document): boolean | null {
  const canvas = doc.createElement('canvas');
  canvas.width = canvas.height = 32;
  let context: CanvasRenderingContext2D | null = null;
  try {
    context = canvas.getContext('2d', { willReadFrequently: true });
  } catch {
    return null;
  }
  if (!context) return null;
  context.textBaseline = 'top';
  context.font = '24px sans-serif';
  context.fillText('\u{1F44D}', 2, 2);
  const pixels = context.getImageData(0, 0, 32, 32).data;
  for (let i = 0; i < pixels.length; i += 4) {
    const r = pixels[i]!;
    const g = pixels[i + 1]!;
    const b = pixels[i + 2]!;
    // a black glyph or box is grey at its edges; a colour emoji has pixels whose channels lie far apart
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) return true;
  }
  return false;
}

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

/**
 * On a system without colour emoji: loads the package's faces (`emojiFaces.ts`, a chunk of its own) and adds each,
 * cut to emoji, as a face of `EMOJI_FAMILY`. Nothing happens elsewhere.
 */
export async function ensureColourEmoji(): Promise<void> {
  if (typeof document === 'undefined' || typeof FontFace === 'undefined' || drawsColourEmoji() !== false) return;
  await import('./emojiFaces.js');
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
