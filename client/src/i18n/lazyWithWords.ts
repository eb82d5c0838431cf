import { lazy, type ComponentType } from 'react';
import { loadMoreWords } from './index.js';

/**
 * React.lazy for code that loads on demand, which also waits for the English words it shows (en.more.ts), so
 * it never renders a bare key. `pick` names the component in the module.
 */
export function lazyWithWords<M, P extends object>(load: () => Promise<M>, pick: (module: M) => ComponentType<P>) {
  return lazy(() => Promise.all([load(), loadMoreWords()]).then(([module]) => ({ default: pick(module) })));
}
