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

/**
 * On a system without colour emoji: loads the package's faces and Candor's own under `EMOJI_FAMILY`
 * (`emojiFaces.ts`, a chunk of its own, UI-6). Nothing happens elsewhere.
 */
export async function ensureColourEmoji(): Promise<void> {
  if (typeof document === 'undefined' || typeof FontFace === 'undefined' || drawsColourEmoji() !== false) return;
  (await import('./emojiFaces.js')).addEmojiFaces();
}
