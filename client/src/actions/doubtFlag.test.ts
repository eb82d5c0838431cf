import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en.js';
import de from '../i18n/de.js';
import { doubtFlagKey } from './doubtFlag.js';

const words = i18next.createInstance();
beforeAll(() => words.init({ lng: 'en', resources: { en: { translation: en }, de: { translation: de } }, interpolation: { escapeValue: false } }));

describe('CO-4 the doubt flag', () => {
  it('CO-4 while the room can still talk it over, the flag asks them to talk before they commit', () => {
    expect(words.getFixedT('en')(doubtFlagKey('act'))).toBe('Someone has doubts — talk before you commit.');
  });

  it('CO-4 in a closed retro there is nothing left to commit to: the flag says what was, in English and German', () => {
    const en = words.getFixedT('en')(doubtFlagKey('closed'));
    const de = words.getFixedT('de')(doubtFlagKey('closed'));
    expect(en).toMatch(/had doubts/);
    expect(en).not.toMatch(/commit|talk/);
    expect(de).toMatch(/hatte Zweifel/);
    expect(de).not.toMatch(/festlegt|sprecht/);
  });
});
