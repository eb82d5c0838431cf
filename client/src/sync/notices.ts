import { nanoid } from 'nanoid';

export interface Notice {
  id: string;
  /** one notice per kind (an ErrorCode, or 'other'): a burst of the same refusal is one notice, counted */
  kind: string;
  message: string;
  count: number;
}

/**
 * Notices queue up instead of pushing each other out (the screen shows the oldest few, see Notices.tsx); the
 * same kind again updates the one already waiting, so a burst of refusals cannot bury a different message.
 */
export function addNotice(notices: readonly Notice[], message: string, kind = 'other'): Notice[] {
  const same = kind === 'other' ? undefined : notices.find((n) => n.kind === kind);
  if (same) return notices.map((n) => (n === same ? { ...n, message, count: n.count + 1 } : n));
  return [...notices, { id: nanoid(), kind, message, count: 1 }];
}
