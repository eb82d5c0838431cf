import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
});
