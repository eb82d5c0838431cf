/**
 * SS-*: start small. An action's due date defaults to the team's next retro — this retro's day plus the
 * team's usual gap between retros — or two weeks when the team has no history (or there is no team).
 */
export const DEFAULT_DUE_DAYS = 14;
/** gaps longer than this are not a cadence but a pause; they are left out of it */
const MAX_CADENCE_DAYS = 92;
const DAY_MS = 24 * 60 * 60 * 1000;

/** SS-1: the team's cadence in whole days: the median gap between consecutive retros (same-day re-runs and long pauses left out). */
export function teamCadenceDays(createdAts: readonly number[]): number | null {
  const sorted = [...createdAts].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const days = Math.round((sorted[i]! - sorted[i - 1]!) / DAY_MS);
    if (days >= 1 && days <= MAX_CADENCE_DAYS) gaps.push(days);
  }
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  return gaps.length % 2 ? gaps[mid]! : Math.round((gaps[mid - 1]! + gaps[mid]!) / 2);
}

/** SS-2: the default due date (ISO `YYYY-MM-DD`, UTC) of an action created at `now`. */
export function defaultDueDate(now: number, cadenceDays: number | null): string {
  return isoDay(now + (cadenceDays ?? DEFAULT_DUE_DAYS) * DAY_MS);
}

export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * EX-12: what a step of the room's phase carries of the day: on its first step only (out of Review, or out of Write
 * outside a team), the server's UTC day, as SS-2's due dates are: the day the retro was held.
 */
export function heldOnIfFirstStep(state: { stepped: boolean }, now: number): { on?: string } {
  return state.stepped ? {} : { on: isoDay(now) };
}

/**
 * SS-4: a promise is overdue once its due date has passed on `today` (the server's UTC day, as SS-2's due dates
 * are): due today is not overdue yet. Without a due date it never is; nor once its owner marked it done by its due
 * date (RE-13: "overdue" beside "marked done by Ada on Dec 2" for a promise due Dec 3 said the opposite of what she said).
 */
export function isOverdue(dueDate: string | null, today: string, ownerDone?: { on: string } | null): boolean {
  return dueDate !== null && dueDate < today && !(ownerDone && ownerDone.on <= dueDate);
}

/** SS-3: a small win is an action marked done in a review held on or before its due date. */
export function isSmallWin(dueDate: string | null, doneInRetroAt: number | null): boolean {
  return dueDate !== null && doneInRetroAt !== null && isoDay(doneInRetroAt) <= dueDate;
}
