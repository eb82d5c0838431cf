import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from './index.js';
import { remembering } from './useWords.js';

/**
 * UI-19: react-i18next's useTranslation copies the i18next instance each time a component using it mounts; on
 * a reveal of 1,500 cards (several such components per card) that was a fifth of the render. Components read
 * the words from the one WordsProvider (useWords) instead. Read from the source, like boardWords.test.ts.
 */
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe('useWords', () => {
  it('UI-19 only WordsProvider calls useTranslation; every component takes its words from useWords', () => {
    const callers = sourceFiles(SRC)
      .filter((file) => /\buseTranslation\s*\(/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));
    expect(callers).toEqual([path.join('i18n', 'useWords.tsx')]);
  });

  describe('remembered plain keys', () => {
    beforeAll(() => i18n.init({ lng: 'en', resources: { en: { translation: { test: { here: 'Here', voteFor: 'Vote for: {{name}}', newCardIn: 'New card in {{column}}', yours: '{{count}} yours', votes: '{{count}} votes for {{name}}' } } } } }));
    // (the test words are not in the typed catalogue, hence the loose call)
    const lookUp = (t: ReturnType<typeof remembering>, key: string) => (t as unknown as (key: string) => string)(key);

    it('UI-19 a plain key gives the same words each time; one whose words arrive later is looked up again', () => {
      const t = remembering(i18n.getFixedT('en'));
      expect(lookUp(t, 'test.here')).toBe('Here');
      expect(lookUp(t, 'test.here')).toBe('Here');
      expect(lookUp(t, 'test.later')).toBe('test.later');
      i18n.addResourceBundle('en', 'translation', { test: { later: 'Later' } }, true, false);
      expect(lookUp(t, 'test.later')).toBe('Later');
    });

    it('UI-19 a key with one word or number put in is looked up once per word or number (every card label, on every redraw of the board: walk K)', () => {
      const fixed = i18n.getFixedT('en') as unknown as (...args: unknown[]) => string;
      const asked: unknown[][] = [];
      const counting = (...args: unknown[]) => (asked.push(args), fixed(...args));
      const t = remembering(counting as unknown as Parameters<typeof remembering>[0]) as unknown as (...args: unknown[]) => string;
      expect(t('test.voteFor', { name: 'Slow builds' })).toBe('Vote for: Slow builds');
      expect(t('test.voteFor', { name: 'Slow builds' })).toBe('Vote for: Slow builds');
      expect(t('test.voteFor', { name: 'Flaky tests' })).toBe('Vote for: Flaky tests');
      expect(asked).toHaveLength(2);
      expect(t('test.newCardIn', { column: 'Slow builds' })).toBe('New card in Slow builds');
      expect(t('test.newCardIn', { column: 'Slow builds' })).toBe('New card in Slow builds');
      expect(asked).toHaveLength(3);
      // a number alone is kept too, by its value
      expect(t('test.yours', { count: 1 })).toBe('1 yours');
      expect(t('test.yours', { count: 1 })).toBe('1 yours');
      expect(t('test.yours', { count: 2 })).toBe('2 yours');
      expect(asked).toHaveLength(5);
      // anything more than one word is asked each time
      expect(t('test.votes', { count: 2, name: 'Slow builds' })).toBe('2 votes for Slow builds');
      expect(t('test.votes', { count: 3, name: 'Slow builds' })).toBe('3 votes for Slow builds');
      expect(asked).toHaveLength(7);
    });
  });
});
