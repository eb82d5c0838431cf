/**
 * For tests: a Web Storage (localStorage, sessionStorage) as the browser has it, strings by key, kept in memory.
 * Vitest runs the client's tests in Node, which has none; one instance stands for one browser's, all its tabs.
 * As in the browser, the stored keys are its own enumerable properties (`Object.keys(localStorage)` lists them).
 */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  const storage: Storage = {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
  return new Proxy(storage, {
    ownKeys: () => [...items.keys()],
    getOwnPropertyDescriptor: (_, key) =>
      typeof key === 'string' && items.has(key) ? { value: items.get(key), enumerable: true, configurable: true, writable: true } : undefined,
  });
}
