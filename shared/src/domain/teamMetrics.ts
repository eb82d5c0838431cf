import type { ReviewStatus } from './board.js';
import { isoDay, isSmallWin, retroDay } from './startSmall.js';
import { emptyCounts, TRUST_PARTS, type TrustCounts } from './trustLens.js';
import type { PublicBoardView } from './visibility.js';

/**
 * RM-*: whether a team is making the move to responsibility-focus, retro by retro — built, like the rest of
 * the team history, from each retro's public view only. Each figure belongs to the retro the actions came
 * from: of what we promised and asked there, how much was ours, how many asks have been answered by now (their
 * latest review), how many actions were done by their due date.
 */
export interface RetroMetrics {
  actions: number;
  ours: number;
  asks: number;
  untaken: number;
  /** RM-1: ours ÷ all actions; null without actions */
  responsibilityShare: number | null;
  /** RM-2: asks of this retro that a later retro reviewed, and how many of those the latest such review marked done */
  asksReviewed: number;
  asksAnswered: number;
  /** RM-3 (SS-3): actions of this retro, asks left out (RE-4), marked done in a retro held on or before their due date */
  smallWins: number;
  /** TL-6: the trust lens counts of this retro's items that could be shown; null when none could */
  trust: TrustCounts | null;
}

export interface RetroForMetrics {
  boardId: string;
  createdAt: number;
  view: PublicBoardView;
}

/**
 * Every review of an earlier action, in the order of `retros` (the history's: by the day held, TM-1): ref → [{ status,
 * the day the reviewing retro was held (EX-12: else the day it was made) }].
 */
export function reviewsByRef(retros: readonly RetroForMetrics[]): Map<string, { status: ReviewStatus; on: string }[]> {
  const byRef = new Map<string, { status: ReviewStatus; on: string }[]>();
  for (const retro of retros) {
    const on = retroDay(retro.view)?.day ?? isoDay(retro.createdAt);
    for (const item of retro.view.review) {
      if (!item.status) continue;
      const list = byRef.get(item.ref) ?? [];
      list.push({ status: item.status, on });
      byRef.set(item.ref, list);
    }
  }
  return byRef;
}

export function retroMetrics(retro: RetroForMetrics, reviews: Map<string, { status: ReviewStatus; on: string }[]>): RetroMetrics {
  const actions = retro.view.actions;
  const ours = actions.filter((a) => a.kind === 'ours').length;
  const asks = actions.filter((a) => a.kind === 'ask');
  let asksReviewed = 0;
  let asksAnswered = 0;
  for (const ask of asks) {
    // TM-3: the latest review is the ask's word, as the list of actions shows it: an ask not answered and carried,
    // then answered a retro later, read "done" in the list but "0 of 1" here when only the first review counted.
    const latest = reviews.get(`${retro.boardId}:${ask.id}`)?.at(-1);
    if (!latest) continue;
    asksReviewed += 1;
    if (latest.status === 'done') asksAnswered += 1;
  }
  const smallWins = actions.filter((a) => {
    // RE-4: an ask answered is a promise someone outside kept to us, counted once, in asks answered; as a small win
    // too it was counted twice (a retro with 3 actions of ours showed 4 small wins).
    if (a.kind === 'ask') return false;
    // Ticked done in its own retro (AC-6): done before any due date it could have.
    if (a.done) return true;
    const firstDone = reviews.get(`${retro.boardId}:${a.id}`)?.find((r) => r.status === 'done');
    return isSmallWin(a.dueDate, firstDone?.on ?? null);
  }).length;
  return {
    actions: actions.length,
    ours,
    asks: asks.length,
    untaken: actions.length - ours - asks.length,
    responsibilityShare: actions.length ? ours / actions.length : null,
    asksReviewed,
    asksAnswered,
    smallWins,
    trust: trustOf(retro.view),
  };
}

function trustOf(view: PublicBoardView): TrustCounts | null {
  const shown = (view.lens ?? []).filter((l) => l.counts !== null);
  if (shown.length === 0) return null;
  const sum = emptyCounts();
  for (const item of shown) for (const part of TRUST_PARTS) sum[part] += item.counts![part];
  return sum;
}
