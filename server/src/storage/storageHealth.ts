import { type BoardStore, CommandKeyTaken, StaleCopy } from './BoardStore.js';

/** SO-2: the last storage error, and whether writes are failing now. */
export interface StorageHealth {
  readonly failing: boolean;
  readonly lastError: { message: string; code: string | null; at: number } | null;
  /** while writes fail, tries a small write (at most once a second) to see whether storage works again */
  recheck(): Promise<void>;
}

const RECHECK_EVERY_MS = 1_000;

/**
 * Wraps a store and watches its writes: any failure that is not a refused constraint (a resent command key)
 * marks storage as failing until a write succeeds again. `/healthz` reports it.
 */
export function watchStorage(inner: BoardStore, now: () => number = Date.now): { store: BoardStore; health: StorageHealth } {
  let failing = false;
  let lastError: StorageHealth['lastError'] = null;
  let lastCheck = 0;
  const reads = new Set<string>(['loadTeam', 'boardExists', 'loadBoard', 'findCommand', 'findCommands', 'close']);

  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || reads.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          const result = await (value as (...a: unknown[]) => unknown).apply(target, args);
          failing = false;
          return result;
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          // a refused constraint (a resent command key), or CL-2 a copy another process changed, is no storage failure
          const refused = (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) || err instanceof CommandKeyTaken || err instanceof StaleCopy;
          if (!refused) {
            failing = true;
            lastError = { message: (err as Error).message, code: typeof code === 'string' ? code : null, at: now() };
          }
          throw err;
        }
      };
    },
  });

  const health: StorageHealth = {
    get failing() {
      return failing;
    },
    get lastError() {
      return lastError;
    },
    async recheck() {
      if (!failing || now() - lastCheck < RECHECK_EVERY_MS) return;
      lastCheck = now();
      await store.probe().catch(() => undefined);
    },
  };
  return { store, health };
}
