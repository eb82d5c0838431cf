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
    beforeAll(() => i18n.init({ lng: 'en', resources: { en: { translation: { test: { here: 'Here' } } } } }));
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
  });
});
