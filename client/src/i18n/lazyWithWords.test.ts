import { createElement, Suspense, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from './index.js';
import { lazyWithWords, preloadLazyParts } from './lazyWithWords.js';

const FALLBACK = 'waiting for the part';

/** What React draws for `Part` inside a Suspense boundary in one synchronous render (nothing can resolve meanwhile). */
function drawn(Part: ComponentType): string {
  return renderToString(createElement(Suspense, { fallback: FALLBACK }, createElement(Part)));
}

describe('lazyWithWords', () => {
  // (the page starts i18next before anything renders; a part also waits for the English words it shows)
  beforeAll(() => i18n.init({ lng: 'en', resources: {} }));

  it('UI-18 a part fetched ahead is drawn in the same render that first shows it, not its fallback', async () => {
    const Part = lazyWithWords(
      async () => ({ RevealLike: () => createElement('p', null, 'every card') }),
      (module) => module.RevealLike,
    );
    await preloadLazyParts();
    const html = drawn(Part);
    expect(html).toContain('every card');
    expect(html).not.toContain(FALLBACK);
  });

  it('UI-18 a part not fetched yet shows its fallback (the boundary still works)', () => {
    const Part = lazyWithWords(
      () => new Promise<{ Later: () => ReturnType<typeof createElement> }>(() => undefined),
      (module) => module.Later,
      { preload: false },
    );
    expect(drawn(Part)).toContain(FALLBACK);
  });
});
