/**
 * For tests: a Web Storage (localStorage, sessionStorage) as the browser has it, strings by key, kept in memory.
 * Vitest runs the client's tests in Node, which has none; one instance stands for one browser's, all its tabs.
 */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}
