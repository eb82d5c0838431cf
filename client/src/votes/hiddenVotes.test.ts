import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en.js';
import de from '../i18n/de.js';
import { hiddenVotesNote } from './hiddenVotes.js';

const words = i18next.createInstance();
beforeAll(() => words.init({ lng: 'en', resources: { en: { translation: en }, de: { translation: de } }, interpolation: { escapeValue: false } }));
const tFor = (lang: 'en' | 'de') => words.getFixedT(lang) as Parameters<typeof hiddenVotesNote>[0];

describe('AN-11 votes while presenting', () => {
  it('AN-11 says how to vote: turn Presenting off, named by the words on its button', () => {
    expect(hiddenVotesNote(tFor('en'))).toBe('Your votes are hidden while you present. To vote, turn off “Presenting: your marks are hidden”.');
  });

  it('AN-11 in German too, with the German button’s words', () => {
    expect(hiddenVotesNote(tFor('de'))).toContain(`„${tFor('de')('privacy.presentingOn')}“`);
    expect(hiddenVotesNote(tFor('de'))).toMatch(/^Deine Stimmen sind verborgen, während du präsentierst\. Zum Abstimmen/);
  });
});
