import type { BoardStore } from './BoardStore.js';

type Method = Exclude<keyof BoardStore, 'close'>;

/** Called with each affected call before it reaches the store; the call goes on once the promise resolves. */
export type Gate = (method: Method, args: unknown[]) => Promise<unknown>;

/**
 * A store that fails or stalls on demand, wrapped around any real one: for tests of what the server does
 * when storage fails (nothing acknowledged, nothing relayed, health reported) or is slow (nothing relayed
 * before it is stored). Faults apply to the methods in `affects` (every method but `close` by default);
 * a failing call never reaches the wrapped store, so it changes nothing there.
 */
export interface FaultyStore extends BoardStore {
  /** the next `count` affected calls fail (only calls of `only`, when given) */
  failNext(count?: number, only?: readonly Method[]): void;
  /** every affected call fails until `healed()` returns true */
  failUntil(healed: () => boolean): void;
  /** every affected call waits `ms` before it reaches the store (0 to stop) */
  delay(ms: number): void;
  /** every affected call first waits for `gate` (null to stop): a test decides when a stalled write goes on */
  hold(gate: Gate | null): void;
  /** how many affected calls failed so far */
  readonly failures: number;
  /** how often each method was called, faulty or not, for tests that count loads and writes */
  readonly calls: Readonly<Record<string, number>>;
}

/** Kept for tests written against the first version of this decorator. */
export type FaultControls = FaultyStore;

export function faultyStore(inner: BoardStore, affects?: readonly Method[]): FaultyStore {
  let failCount = 0;
  let failOnly: readonly string[] | null = null;
  let failUntilHealed: (() => boolean) | null = null;
  let delayMs = 0;
  let gate: Gate | null = null;
  let failures = 0;
  const calls: Record<string, number> = {};
  const affected = (name: string) => name !== 'close' && (!affects || (affects as readonly string[]).includes(name));

  const shouldFail = (method: string): boolean => {
    if (failCount > 0 && (!failOnly || failOnly.includes(method))) {
      failCount--;
      return true;
    }
    if (failUntilHealed && !failUntilHealed()) return true;
    failUntilHealed = null;
    return false;
  };

  const controls = {
    failNext(count = 1, only?: readonly Method[]) {
      failCount += count;
      failOnly = only ?? null;
    },
    failUntil(healed: () => boolean) {
      failUntilHealed = healed;
    },
    delay(ms: number) {
      delayMs = ms;
    },
    hold(next: Gate | null) {
      gate = next;
    },
    get failures() {
      return failures;
    },
    calls,
  };

  return new Proxy(inner, {
    get(target, property, receiver) {
      if (Object.hasOwn(controls, property)) return Reflect.get(controls, property);
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      if (!affected(property)) {
        return (...args: unknown[]) => {
          calls[property] = (calls[property] ?? 0) + 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return async (...args: unknown[]) => {
        calls[property] = (calls[property] ?? 0) + 1;
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (gate) await gate(property as Method, args);
        if (shouldFail(property)) {
          failures++;
          throw Object.assign(new Error(`injected storage fault in ${property}`), { code: 'EIO' });
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as FaultyStore;
}
