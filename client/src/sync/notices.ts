import { nanoid } from 'nanoid';

export interface Notice {
  id: string;
  /** one notice per kind (an ErrorCode, or 'other'): a burst of the same refusal is one notice, counted */
  kind: string;
  /** PL-1: the words in the page's language when they are shown, so a language switch says them anew */
  words: () => string;
  count: number;
}

/**
 * Notices queue up instead of pushing each other out (the screen shows the oldest few, see Notices.tsx); the
 * same kind again updates the one already waiting, so a burst of refusals cannot bury a different message.
 */
export function addNotice(notices: readonly Notice[], words: () => string, kind = 'other'): Notice[] {
  const same = kind === 'other' ? undefined : notices.find((n) => n.kind === kind);
  if (same) return notices.map((n) => (n === same ? { ...n, words, count: n.count + 1 } : n));
  return [...notices, { id: nanoid(), kind, words, count: 1 }];
}
