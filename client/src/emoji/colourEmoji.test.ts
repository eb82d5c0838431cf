import { describe, expect, it } from 'vitest';
import { emojiOnly, woffOf } from './emojiFaces.js';

describe('UI-23 emoji faces cut to emoji', () => {
  it('UI-23 keeps the emoji blocks and the joiners of sequences, and drops digits, #, *, ©, ® and arrows (drawn blank or as emoji otherwise)', () => {
    expect(emojiOnly('U+23,U+2a,U+30-39,U+a9,U+ae,U+200d,U+2122,U+2194-2199,U+2764,U+fe0f,U+1f44d')).toBe('U+200d, U+2764, U+fe0f, U+1f44d');
    // a range across a block's edge keeps its part inside
    expect(emojiOnly('U+25f0-2605, U+1f900-1fbff')).toBe('U+2600-2605, U+1f900-1faff');
    expect(emojiOnly('U+1f1e6-1f1ff')).toBe('U+1f1e6-1f1ff');
    expect(emojiOnly('U+30-39, U+a9')).toBe('');
    expect(emojiOnly('U+1F4??')).toBe('U+1f400-1f4ff');
  });

  it('UI-23 takes a face\'s WOFF file, never its WOFF2 (drawn blank in Chromium)', () => {
    expect(woffOf('url("/assets/e-9.woff2") format("woff2"), url("/assets/e-9.woff") format("woff")')).toBe('url("/assets/e-9.woff") format("woff")');
    expect(woffOf("url(./files/e-9.woff2) format('woff2'), url(./files/e-9.woff) format('woff')")).toBe('url("./files/e-9.woff") format("woff")');
    expect(woffOf('url("/assets/e-9.woff2") format("woff2")')).toBeNull();
  });
});
