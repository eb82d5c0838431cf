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
 * EX-12: an IANA time zone's name is at most this long (the longest, "America/Argentina/ComodRivadavia", has 32
 * characters): a longer one is refused before any time is spent on it.
 */
export const TIME_ZONE_MAX_LENGTH = 64;

/** EX-12: whether `zone` names a time zone this runtime knows (`Intl` throws a RangeError on any other) */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > TIME_ZONE_MAX_LENGTH) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** one formatter a zone (a public view asks for its board's day at every projection) */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** EX-12: the day (ISO `YYYY-MM-DD`) it is at `time` in `timeZone` (a name `isTimeZone` accepted), or in UTC without one */
export function dayIn(time: number, timeZone: string | null): string {
  if (timeZone === null) return isoDay(time);
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const parts = format.formatToParts(new Date(time));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * EX-12: what a step of the room's phase carries of the day: on its first step only (out of Review, or out of Write
 * outside a team), the day it is by the server's clock in the facilitator's time zone (the step's own, else the one the
 * board was made in, else UTC): the day the retro was held, as the room lived it. A team in Sydney meeting at 09:00
 * holds its retro that day, not on the UTC day before.
 */
export function heldOnIfFirstStep(state: { stepped: boolean; timeZone: string | null }, now: number, stepZone?: string): { on?: string } {
  return state.stepped ? {} : { on: dayIn(now, stepZone ?? state.timeZone) };
}

/**
 * EX-12: the day a retro goes by: the day it was held when known, else the day its board was made (a retro whose first
 * step came before EX-12 kept no day). `held` says which, for words that say which ("Held on", "Created on").
 */
export function retroDay(retro: { heldOn: string | null; createdOn: string | null }): { day: string; held: boolean } | null {
  if (retro.heldOn !== null) return { day: retro.heldOn, held: true };
  return retro.createdOn === null ? null : { day: retro.createdOn, held: false };
}

/**
 * SS-4: a promise is overdue once its due date has passed on `today` (the server's UTC day, as SS-2's due dates
 * are): due today is not overdue yet. Without a due date it never is; nor once its owner marked it done by its due
 * date (RE-13: "overdue" beside "marked done by Ada on Dec 2" for a promise due Dec 3 said the opposite of what she said).
 */
export function isOverdue(dueDate: string | null, today: string, ownerDone?: { on: string } | null): boolean {
  return dueDate !== null && dueDate < today && !(ownerDone && ownerDone.on <= dueDate);
}

/**
 * SS-3: a small win is an action marked done in a review held on or before its due date (`doneInRetroOn`: the day that
 * review's retro was held, EX-12's, else the day it was made).
 */
export function isSmallWin(dueDate: string | null, doneInRetroOn: string | null): boolean {
  return dueDate !== null && doneInRetroOn !== null && doneInRetroOn <= dueDate;
}
