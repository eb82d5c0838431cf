/**
 * MY-2, AC-10: removes every key that `which` picks (a board's everything, or its drafts) from each Web Storage named
 * (this browser's localStorage, this tab's sessionStorage). Each one's keys are read all at once first, so removing
 * some skips none.
 */
export function forgetStored(which: (key: string) => boolean, ...storages: Storage[]): void {
  for (const storage of storages) for (const key of Object.keys(storage)) if (which(key)) storage.removeItem(key);
}
