import type { TFunction } from 'i18next';
import { isOverdue, type ReviewItem } from '@candor/shared';
import { formatDay } from '../i18n/format.js';

/**
 * The line under a promise in Review: who helps, when it is due, which retro it came from — only the parts it has
 * (an ask has no helpers: the question above it names whom we asked), with " · " only between them. Each part once
 * carried its own leading separator, so an ask's line began with a stray "·". SS-4: a promise past its due date on
 * `today` (the server's day) says so in words: "due Dec 3" on Dec 5 looked like any other. RE-11: a promise carried
 * forward says how often, after where it was made.
 */
export function reviewFacts(item: Pick<ReviewItem, 'askOf' | 'owners' | 'dueDate' | 'fromRetro' | 'status' | 'carried' | 'ownerDone'>, t: TFunction<'translation', undefined>, today: string): string {
  const who = item.askOf ? null : item.owners.length ? t('review.helping', { names: item.owners.join(', ') }) : t('review.nobody');
  // marked done or dropped, it is closed: when it was done is not known, so it is not called late
  // (RE-13: nor is one its owner marked done by its due date)
  const late = item.status !== 'done' && item.status !== 'dropped' && isOverdue(item.dueDate, today, item.ownerDone);
  const due = item.dueDate ? t(late ? 'review.overdue' : 'review.due', { date: formatDay(item.dueDate) }) : null;
  return [who, due, t('review.from', { retro: item.fromRetro }), carriedWords(item.carried, t)].filter((part) => part !== null).join(' · ');
}

/** RE-11: how long a promise has been open, in the team's own steps: the Reviews that carried it forward (TM-13 too). */
export function carriedWords(carried: number | undefined, t: TFunction<'translation', undefined>): string | null {
  return !carried ? null : carried === 1 ? t('review.carriedOnce') : carried === 2 ? t('review.carriedTwice') : t('review.carriedTimes', { count: carried });
}
