import type { OwnerDone, ReviewItem, ReviewStatus } from './board.js';
import { notesKey } from '../protocol/events.js';
import type { Distribution, PublicBoardView } from './visibility.js';
import type { ActionKind } from './offers.js';
import type { Column } from './templates.js';
import { retroMetrics, reviewsByRef, type RetroMetrics } from './teamMetrics.js';
import { isOverdue, isoDay } from './startSmall.js';

/**
 * TM-16: a retro is a meeting of an hour or two; one still open this many days after it started was left open (its
 * facilitator forgot to close it), not running. A later retro of the team started meanwhile says so at once.
 */
export const LEFT_OPEN_AFTER_DAYS = 3;

/**
 * TM-*: a team's history, built only from each retro's public view (and shared notes), so it carries no
 * author, no voter and no individual pulse or consensus answer.
 */
export interface TeamAction {
  /** `<boardId>:<actionId>` */
  ref: string;
  text: string;
  owners: string[];
  dueDate: string | null;
  /** the latest review of this promise in a later retro; 'open' until then (or while carried forward) */
  status: ReviewStatus | 'open';
  /** SS-4: open, and its due date passed before the day the history was read */
  overdue: boolean;
  /** RE-11: how many Reviews of later retros marked it not done and carried it forward */
  carried: number;
  reason: string | null;
  /** AK-3: ours, an ask of someone outside the room, or taken by nobody */
  kind: ActionKind;
  askOf: string | null;
  /** RE-13: one of its owners marked it done after its retro (who, which day); a later Review still says whether it was kept */
  ownerDone: OwnerDone | null;
  /**
   * TM-16 RE-1: the name of the later retro whose Review lists it and is open now (made ahead, or the room in it), the
   * first one; null when none is. "In the next Review" was said of it while that Review was under way
   */
  reviewNow: string | null;
}

export interface TeamRetro {
  boardId: string;
  name: string;
  createdAt: number;
  /** EX-12: the day it was held (its first step's, the facilitator's day); null before that, or when not known */
  heldOn: string | null;
  /** EX-12: the day it was made (in the zone it was made in, else UTC): the day the page and the CSV give where no day held is known (`retroDay`) */
  createdOn: string;
  phase: PublicBoardView['phase'];
  /**
   * TM-16: not closed, and abandoned rather than running: a later retro of the team has started since, or it started
   * `LEFT_OPEN_AFTER_DAYS` or more days before the history was read. Its facilitator is offered to close it.
   */
  leftOpen: boolean;
  /** TM-8: the template it was started from; the team page offers the latest one for the next retro */
  templateId: string;
  /** TM-9: its columns as they are now (a closed retro's as it ended), for the next retro to start on (`teamColumnsOffer`) */
  columns: Column[];
  facilitators: string[];
  pulse: Distribution | null;
  /** TM-17 (GP-5): "was this retro worth the time?", its public distribution once closed; null when AN-9 hides it or nobody answered */
  roti: Distribution | null;
  /**
   * RE-4: our promises on this retro's Review list (asks are RM-2's), as it marked them, and those it left unmarked
   * (`unreviewed`: still open, TM-3); kept rate = done / (done + not done + unreviewed), dropped ones left out
   */
  promises: { done: number; notDone: number; dropped: number; unreviewed: number; keptRate: number | null };
  /** RE-4: the retros whose promises (ours) were on this retro's Review list, oldest first: its kept rate is about theirs */
  reviewedFrom: string[];
  actions: TeamAction[];
  /** RM-*: responsibility share, asks answered, small wins and trust lens counts of this retro */
  metrics: RetroMetrics;
}

export interface TeamHistory {
  id: string;
  name: string;
  createdAt: number;
  retros: TeamRetro[];
  /** FA-5: whoever facilitated least recently (never counts as longest ago) among people seen in the team */
  suggestedFacilitator: string | null;
}

export interface TeamRetroInput {
  boardId: string;
  createdAt: number;
  view: PublicBoardView;
  notes: Record<string, string>;
}

/** `today`: the server's UTC day as it reads the history, for SS-4 (overdue); without it nothing is overdue. */
export function buildTeamHistory(team: { id: string; name: string; createdAt: number }, inputs: TeamRetroInput[], today: string | null = null): TeamHistory {
  const sorted = [...inputs].sort(byDayHeld);
  // The latest word on each promise, from the review phases of later retros.
  const latest = new Map<string, { status: ReviewStatus; reason: string | null; carry: boolean }>();
  // RE-11: how often a promise was carried forward, one per Review that did (a retro reviews each promise once)
  const carried = new Map<string, number>();
  for (const input of sorted) {
    for (const item of input.view.review) {
      if (item.status) latest.set(item.ref, { status: item.status, reason: item.reason, carry: item.carry });
      if (item.status === 'not-done' && item.carry) carried.set(item.ref, (carried.get(item.ref) ?? 0) + 1);
    }
  }
  const reviews = reviewsByRef(sorted);
  // TM-16 RE-1: where each promise is on a Review open now (the first retro in Review that lists it)
  const inReviewNow = new Map<string, string>();
  for (const input of sorted) {
    if (input.view.phase !== 'review') continue;
    for (const item of input.view.review) if (!inReviewNow.has(item.ref)) inReviewNow.set(item.ref, input.view.name);
  }
  const retros = sorted.map((input): TeamRetro => {
    // RE-4: our promises only — an ask answered is a promise someone outside kept to us, counted by RM-2 instead
    const ours = input.view.review.filter((r) => !r.askOf);
    const done = ours.filter((r) => r.status === 'done').length;
    const notDone = ours.filter((r) => r.status === 'not-done').length;
    const dropped = ours.filter((r) => r.status === 'dropped').length;
    // a promise the Review left unmarked was not said to be kept, and is still open: a Review that marked 1 of 3 done
    // and closed charted 100 % beside two "open" promises on the team page
    const unreviewed = ours.filter((r) => r.status === null).length;
    const due = done + notDone + unreviewed;
    return {
      boardId: input.boardId,
      name: input.view.name,
      createdAt: input.createdAt,
      heldOn: input.view.heldOn,
      createdOn: input.view.createdOn ?? isoDay(input.createdAt),
      phase: input.view.phase,
      leftOpen: input.view.phase !== 'closed' && wasLeftOpen(input.createdAt, sorted.some((other) => madeBefore(input, other)), today),
      templateId: input.view.templateId,
      columns: input.view.columns,
      facilitators: dedupeInOrder(input.view.facilitatorLog.map((f) => f.name)),
      pulse: input.view.pulse.distribution,
      roti: input.view.roti.distribution,
      promises: { done, notDone, dropped, unreviewed, keptRate: due > 0 ? done / due : null },
      // 67 % under a retro was about the promises of the one before, and nothing on the team page said so
      reviewedFrom: dedupeInOrder(ours.map((r) => r.fromRetro)),
      actions: input.view.actions.map((a) => {
        const ref = `${input.boardId}:${a.id}`;
        const last = latest.get(ref);
        const status = !last || (last.status === 'not-done' && last.carry) ? 'open' : last.status;
        return {
          ref,
          text: (input.notes[notesKey.action(a.id)] ?? '').trim(),
          owners: a.owners,
          dueDate: a.dueDate,
          status,
          overdue: status === 'open' && today !== null && isOverdue(a.dueDate, today, a.ownerDone),
          carried: carried.get(ref) ?? 0,
          reason: last?.reason ?? null,
          kind: a.kind,
          askOf: a.askOf,
          // (a retro's view from before RE-13 has none)
          ownerDone: a.ownerDone ?? null,
          reviewNow: inReviewNow.get(ref) ?? null,
        };
      }),
      metrics: retroMetrics(input, reviews),
    };
  });
  return { id: team.id, name: team.name, createdAt: team.createdAt, retros, suggestedFacilitator: suggestFacilitator(sorted) };
}

/**
 * TM-1 EX-12: the history's order, the order the retros were held: by the day held (the facilitator's), else the day
 * made, then by the time made. A retro made ahead (on Monday, held on Friday) or two made one day and held in the other
 * order came out in the order made, in the list, the charts, the CSV, small wins and which Review's word on a promise
 * is the latest (TM-3, so whether the next Review lists it again).
 */
function byDayHeld(a: TeamRetroInput, b: TeamRetroInput): number {
  const dayA = a.view.heldOn ?? a.view.createdOn ?? isoDay(a.createdAt);
  const dayB = b.view.heldOn ?? b.view.createdOn ?? isoDay(b.createdAt);
  return dayA < dayB ? -1 : dayA > dayB ? 1 : madeBefore(a, b) ? -1 : madeBefore(b, a) ? 1 : 0;
}

/** Whether `a` was made before `b` (the store's order: time made, then id). */
function madeBefore(a: TeamRetroInput, b: TeamRetroInput): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.boardId < b.boardId);
}

/**
 * TM-15: the retros whose figures are results (the team page's charts and per-retro tables): the closed ones. A retro
 * still running has reviewed, pulsed and promised only part of what it will, if anything yet.
 */
export function closedRetros(history: TeamHistory): TeamRetro[] {
  return history.retros.filter((r) => r.phase === 'closed');
}

/** TM-7 TM-16: the retros of the team running now (not closed, not left open), newest first: "Happening now". */
export function runningRetros(history: TeamHistory): TeamRetro[] {
  return history.retros.filter((r) => r.phase !== 'closed' && !r.leftOpen).reverse();
}

/** TM-16: the retros of the team left open (never closed, abandoned), oldest first. */
export function leftOpenRetros(history: TeamHistory): TeamRetro[] {
  return history.retros.filter((r) => r.leftOpen);
}

/** Whole days from one ISO day to a later one. */
/**
 * TM-16: whether a retro not closed, started at `createdAt`, was left open rather than running: a later retro of its
 * team has started since (`laterStarted`), or it started `LEFT_OPEN_AFTER_DAYS` or more days before `today` (the
 * server's UTC day; without it only a later retro says so). The team page offers its facilitator to close it; the
 * server closes nothing else from there.
 */
export function wasLeftOpen(createdAt: number, laterStarted: boolean, today: string | null): boolean {
  return laterStarted || (today !== null && daysFrom(isoDay(createdAt), today) >= LEFT_OPEN_AFTER_DAYS);
}

function daysFrom(day: string, later: string): number {
  return Math.round((Date.parse(later) - Date.parse(day)) / 86_400_000);
}

/** Actions of earlier retros that are still open: never reviewed, or reviewed as not done and carried forward. */
export function openActions(history: TeamHistory): (TeamAction & { fromRetro: string })[] {
  return history.retros.flatMap((r) => r.actions.filter((a) => a.status === 'open').map((a) => ({ ...a, fromRetro: r.name })));
}

/**
 * RE-1 RE-11: what a new retro of the team reviews, each open promise as the history reads it now: where it was made
 * and how often it was carried forward (named public facts, as every earlier retro's public view shows them).
 */
export function reviewSeeds(history: TeamHistory): Omit<ReviewItem, 'status' | 'reason' | 'carry'>[] {
  return openActions(history).map((a) => ({
    ref: a.ref,
    fromRetro: a.fromRetro,
    text: a.text,
    owners: a.owners,
    dueDate: a.dueDate,
    ...(a.kind === 'ask' ? { askOf: a.askOf } : {}),
    carried: a.carried,
    // RE-13: the owner's word since, for the room to confirm
    ...(a.ownerDone ? { ownerDone: { ...a.ownerDone } } : {}),
  }));
}

function suggestFacilitator(retros: TeamRetroInput[]): string | null {
  const lastFacilitated = new Map<string, number>();
  const seen: string[] = [];
  retros.forEach((r, index) => {
    for (const p of r.view.participants) if (!seen.includes(p.name)) seen.push(p.name);
    for (const f of r.view.facilitatorLog) lastFacilitated.set(f.name, index);
  });
  if (seen.length === 0) return null;
  return [...seen].sort((a, b) => (lastFacilitated.get(a) ?? -1) - (lastFacilitated.get(b) ?? -1) || a.localeCompare(b))[0]!;
}

function dedupeInOrder(names: string[]): string[] {
  return names.filter((n, i) => names.indexOf(n) === i);
}
