import { afterEach, describe, expect, it } from 'vitest';
import { mediaStore } from './useIsPhone.js';

/** A window whose matchMedia counts its calls and whose lists can be told that the answer changed. */
function fakeWindow() {
  const made: { media: string; matches: boolean; listeners: ((event: { matches: boolean }) => void)[] }[] = [];
  const matchMedia = (media: string) => {
    const list = { media, matches: false, listeners: [] as ((event: { matches: boolean }) => void)[] };
    made.push(list);
    return { get matches() { return list.matches; }, addEventListener: (_: string, listener: (event: { matches: boolean }) => void) => list.listeners.push(listener), removeEventListener: () => {} };
  };
  return { window: { matchMedia }, made };
}

describe('media queries as stores', () => {
  const saved = (globalThis as { window?: unknown }).window;
  afterEach(() => {
    (globalThis as { window?: unknown }).window = saved;
  });

  it('WF-9 UI-14 a query is asked of the browser once for the page: every redraw reads the kept answer, with the same subscribe (walk K)', () => {
    const fake = fakeWindow();
    (globalThis as { window?: unknown }).window = fake.window;
    const media = `(max-width: ${Math.random()}px)`;
    const store = mediaStore(media);
    for (let redraw = 0; redraw < 5; redraw++) {
      expect(mediaStore(media)).toBe(store);
      expect(store.matches()).toBe(false);
    }
    expect(fake.made.filter((list) => list.media === media)).toHaveLength(1);

    // the browser says the answer changed: the kept answer follows and whoever subscribed is told
    let told = 0;
    const stop = store.subscribe(() => told++);
    const list = fake.made.find((l) => l.media === media)!;
    list.matches = true;
    for (const listener of list.listeners) listener({ matches: true });
    expect(store.matches()).toBe(true);
    expect(told).toBe(1);
    stop();
    list.matches = false;
    for (const listener of list.listeners) listener({ matches: false });
    expect(store.matches()).toBe(false);
    expect(told).toBe(1);
  });
});
