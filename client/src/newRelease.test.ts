import { describe, expect, it } from 'vitest';
import { isNewRelease } from './newRelease.js';

const page = (entry: string) =>
  `<!doctype html><html lang="en"><head><title>Candor</title><script type="module" crossorigin src="${entry}"></script>` +
  `<link rel="modulepreload" crossorigin href="/assets/framework-BZAqE4GI.js"></head><body><div id="root"></div></body></html>`;

describe('a new release', () => {
  it('UI-16 a page whose build was replaced by a new release is told so: the served page starts another entry', () => {
    // third walk-through: a team page opened before a rebuild asked for its old chunk names, got the new page back
    // (text/html), and fetched them again every 8 s for ever, "Creating…" on the screen
    expect(isNewRelease('/assets/index-CQujIhtt.js', page('/assets/index-BmDFUMi6.js'))).toBe(true);
  });

  it('UI-16 the same release, an unreadable answer (offline: nothing came) or a page with no entry is not a new release', () => {
    expect(isNewRelease('/assets/index-BmDFUMi6.js', page('/assets/index-BmDFUMi6.js'))).toBe(false);
    expect(isNewRelease('/assets/index-BmDFUMi6.js', '')).toBe(false);
    expect(isNewRelease(null, page('/assets/index-BmDFUMi6.js'))).toBe(false);
  });
});
