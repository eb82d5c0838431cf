import type { BoardStore } from './BoardStore.js';

/** The store methods that write; reads always pass through. */
const WRITES = ['createBoard', 'createTeam', 'upsertParticipant', 'commit', 'appendDocUpdate', 'compactDoc'] as const;
export type WriteMethod = (typeof WRITES)[number];
/** Called with each write before it reaches the store; the write goes on once the promise resolves. */
export type Gate = (method: WriteMethod, args: unknown[]) => Promise<unknown>;

export interface FaultControls {
  /** the next `count` writes fail (optionally only writes by these methods) */
  failNext(count?: number, only?: readonly WriteMethod[]): void;
  /** every write fails until `healed` returns true */
  failUntil(healed: () => boolean): void;
  /** every write first waits for `gate()` (null: no delay); the promise it returns decides when it goes on */
  delay(gate: Gate | null): void;
  /** how often each method was called (reads too), for tests that count loads and writes */
  readonly calls: Record<string, number>;
}

export class StoreFault extends Error {
  constructor(method: string) {
    super(`injected storage failure in ${method}`);
  }
}

/**
 * A store decorator that fails or stalls writes on demand, for tests of what the server does when storage
 * misbehaves (a full disk, a slow network store). Everything else is the wrapped store's behaviour.
 */
export function faultyStore(inner: BoardStore): BoardStore & FaultControls {
  let failing = 0;
  let failingOnly: readonly WriteMethod[] | null = null;
  let healed: (() => boolean) | null = null;
  let gate: Gate | null = null;
  const calls: Record<string, number> = {};

  const shouldFail = (method: WriteMethod): boolean => {
    if (healed && !healed()) return true;
    healed = null;
    if (failing > 0 && (!failingOnly || failingOnly.includes(method))) {
      failing--;
      return true;
    }
    return false;
  };

  // A proxy rather than a copy of the methods, so a store written as a class works the same.
  const wrapped = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string' || typeof value !== 'function') return value;
      const isWrite = (WRITES as readonly string[]).includes(key);
      return async (...args: unknown[]) => {
        calls[key] = (calls[key] ?? 0) + 1;
        if (isWrite) {
          const method = key as WriteMethod;
          if (gate) await gate(method, args);
          if (shouldFail(method)) throw new StoreFault(method);
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const controls: FaultControls = {
    failNext(count = 1, only?: readonly WriteMethod[]) {
      failing = count;
      failingOnly = only ?? null;
    },
    failUntil(until: () => boolean) {
      healed = until;
    },
    delay(next: Gate | null) {
      gate = next;
    },
    calls,
  };
  return new Proxy(wrapped, {
    get: (target, key, receiver) => (key in controls ? controls[key as keyof FaultControls] : Reflect.get(target, key, receiver)),
  }) as BoardStore & FaultControls;
}
