import type { TFunction } from 'i18next';

/**
 * AN-11: while I present, my votes and the vote buttons are hidden; the note says so and how to vote again — by
 * turning Presenting off, named by the words its button shows then, since the note alone left a presenting
 * facilitator wondering how they were to vote at all.
 */
export function hiddenVotesNote(t: TFunction<'translation', undefined>): string {
  return `${t('privacy.hiddenVotes')} ${t('privacy.hiddenVotesHow', { button: t('privacy.presentingOn') })}`;
}
