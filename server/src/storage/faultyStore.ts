import type { BoardStore } from './BoardStore.js';

/**
 * A store that fails or stalls on demand, wrapped around any real one: for tests of what the server does
 * when storage fails (nothing acknowledged, nothing relayed, health reported) or is slow (nothing relayed
 * before it is stored). Faults apply to the methods in `affects` (every method but `close` by default);
 * a failing call never reaches the wrapped store, so it changes nothing there.
 */
export interface FaultyStore extends BoardStore {
  /** the next `count` affected calls fail */
  failNext(count?: number): void;
  /** every affected call fails until `healed()` returns true */
  failUntil(healed: () => boolean): void;
  /** every affected call waits `ms` before it reaches the store (0 to stop) */
  delay(ms: number): void;
  /** how many affected calls failed so far */
  readonly failures: number;
}

type Method = Exclude<keyof BoardStore, 'close'>;

export function faultyStore(inner: BoardStore, affects?: readonly Method[]): FaultyStore {
  let failCount = 0;
  let failUntilHealed: (() => boolean) | null = null;
  let delayMs = 0;
  let failures = 0;
  const affected = (name: string) => name !== 'close' && (!affects || (affects as readonly string[]).includes(name));

  const shouldFail = (): boolean => {
    if (failCount > 0) {
      failCount--;
      return true;
    }
    if (failUntilHealed && !failUntilHealed()) return true;
    failUntilHealed = null;
    return false;
  };

  const controls = {
    failNext(count = 1) {
      failCount += count;
    },
    failUntil(healed: () => boolean) {
      failUntilHealed = healed;
    },
    delay(ms: number) {
      delayMs = ms;
    },
    get failures() {
      return failures;
    },
  };

  return new Proxy(inner, {
    get(target, property, receiver) {
      if (Object.hasOwn(controls, property)) return Reflect.get(controls, property);
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string' || !affected(property)) {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (shouldFail()) {
          failures++;
          throw Object.assign(new Error(`injected storage fault in ${property}`), { code: 'EIO' });
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as FaultyStore;
}
