import { lazy, type ComponentType } from 'react';
import { loadMoreWords } from './index.js';

/** the board's on-demand parts, fetched ahead once the board is up (`preloadLazyParts`) */
const parts: (() => Promise<unknown>)[] = [];

/**
 * React.lazy for code that loads on demand, which also waits for the English words it shows (en.more.ts), so
 * it never renders a bare key. `pick` names the component in the module. A part whose chunk cannot be fetched
 * (the network dropped) is fetched again until it arrives, meanwhile its Suspense fallback shows: a dropped
 * connection makes one part wait, it never blanks the page (UI-16). Parts are also fetched ahead once the board
 * is up, so a connection that drops later rarely finds one missing; pages (`preload: false`) are not.
 */
export function lazyWithWords<M, P extends object>(load: () => Promise<M>, pick: (module: M) => ComponentType<P>, options: { preload?: boolean } = {}) {
  const loadAll = () => untilLoaded(() => Promise.all([load(), loadMoreWords()]));
  if (options.preload !== false) parts.push(loadAll);
  return lazy(() => loadAll().then(([module]) => ({ default: pick(module) })));
}

/** Fetches every on-demand part of the board in the background (after the board first rendered). */
export function preloadLazyParts(): void {
  for (const part of parts) void part();
}

const RETRY_MS = [1000, 2000, 4000, 8000];

/** `load()` until it resolves: after a failure, once the browser is back online or after a short, growing pause. */
export function untilLoaded<T>(load: () => Promise<T>, attempt = 0): Promise<T> {
  return load().catch(
    () =>
      new Promise<T>((resolve) => {
        const again = () => {
          window.removeEventListener('online', again);
          clearTimeout(timer);
          resolve(untilLoaded(load, attempt + 1));
        };
        window.addEventListener('online', again);
        const timer = setTimeout(again, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
      }),
  );
}
