import { lazy, type ComponentType } from 'react';
import { loadMoreWords } from './index.js';
import { reloadIfNewRelease } from '../newRelease.js';

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
  let loaded: { default: ComponentType<P> } | null = null;
  const loadAll = () =>
    untilLoaded(() => Promise.all([load(), loadMoreWords()])).then(([module]) => {
      loaded = { default: pick(module) };
      return loaded;
    });
  if (options.preload !== false) parts.push(loadAll);
  // Once fetched (ahead, by preloadLazyParts), the part is handed to React at once. A promise, even a settled
  // one, suspends the first render: the phase's Suspense shows its empty fallback for a moment, and the part
  // then renders as a retry, which React slices into 5 ms pieces — on the reveal of 1,500 cards that made the
  // board blank and then slow to come back.
  // (React.lazy's type asks for a Promise; it only ever calls `then`.)
  return lazy(() => (loaded ? (settled(loaded) as Promise<{ default: ComponentType<P> }>) : loadAll()));
}

/** A thenable that calls back at once, so React.lazy takes an already-loaded part without suspending. */
function settled<T>(value: T): PromiseLike<T> {
  return {
    then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null): PromiseLike<A | B> {
      return settled(onFulfilled ? (onFulfilled(value) as A) : (value as unknown as A));
    },
  };
}

/** Fetches every on-demand part of the board in the background (after the board first rendered). */
export function preloadLazyParts(): Promise<unknown> {
  return Promise.all(parts.map((part) => part()));
}

const RETRY_MS = [1000, 2000, 4000, 8000];

/**
 * `load()` until it resolves: after a failure, once the browser is back online or after a short, growing pause; or
 * reloads the page, if the failure was a chunk of a release the server no longer serves.
 */
export function untilLoaded<T>(load: () => Promise<T>, attempt = 0): Promise<T> {
  return load().catch(
    () =>
      new Promise<T>((resolve) => {
        // a chunk of an older release is never coming back: then the page reloads
        void reloadIfNewRelease();
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
