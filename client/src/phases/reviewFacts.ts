import type { TFunction } from 'i18next';
import type { ReviewItem } from '@candor/shared';
import { formatDay } from '../i18n/format.js';

/**
 * The line under a promise in Review: who helps, when it is due, which retro it came from — only the parts it has
 * (an ask has no helpers: the question above it names whom we asked), with " · " only between them. Each part once
 * carried its own leading separator, so an ask's line began with a stray "·".
 */
export function reviewFacts(item: Pick<ReviewItem, 'askOf' | 'owners' | 'dueDate' | 'fromRetro'>, t: TFunction<'translation', undefined>): string {
  const who = item.askOf ? null : item.owners.length ? t('review.helping', { names: item.owners.join(', ') }) : t('review.nobody');
  const due = item.dueDate ? t('review.due', { date: formatDay(item.dueDate) }) : null;
  return [who, due, t('review.from', { retro: item.fromRetro })].filter((part) => part !== null).join(' · ');
}
