import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '@candor/shared';
import en from './en.js';
import de from './de.js';
import { pickLanguage } from './index.js';

const CATALOGUES: Record<string, object> = { en, de };

function keysOf(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

function valueAt(catalogue: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], catalogue);
}

describe('UI-1 catalogues', () => {
  for (const [language, catalogue] of Object.entries(CATALOGUES)) {
    for (const [other, otherCatalogue] of Object.entries(CATALOGUES)) {
      if (language === other) continue;
      it(`UI-1 ${language} has every key ${other} has`, () => {
        const missing = keysOf(otherCatalogue).filter((key) => typeof valueAt(catalogue, key) !== 'string');
        expect(missing).toEqual([]);
      });
    }
    it(`UI-1 ${language} has no empty text and uses only placeholders English uses`, () => {
      for (const key of keysOf(catalogue)) {
        const text = valueAt(catalogue, key) as string;
        expect(text.trim(), key).not.toBe('');
        const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect(placeholders(text), key).toEqual(placeholders(valueAt(en, key) as string));
      }
    });
  }

  it('UI-1 every template and each of its columns has words in the catalogue', () => {
    for (const template of TEMPLATES) {
      const node = valueAt(en, `templates.${template.id}`) as { name: string; columns: Record<string, { title: string }> } | undefined;
      expect(node?.name, template.id).toBe(template.name);
      for (const column of template.columns) expect(node?.columns[column.id]?.title, `${template.id}/${column.id}`).toBe(column.title);
    }
  });
});

describe('UI-2 choosing the language', () => {
  it('UI-2 a ?lang= link wins over what was remembered and over the browser', () => {
    expect(pickLanguage('?lang=de', 'en', ['en-GB'])).toBe('de');
    expect(pickLanguage('?lang=en', 'de', ['de-DE'])).toBe('en');
  });
  it('UI-2 the remembered choice wins over the browser; the browser over the default', () => {
    expect(pickLanguage('', 'de', ['en-US'])).toBe('de');
    expect(pickLanguage('', null, ['fr-FR', 'de-AT'])).toBe('de');
    expect(pickLanguage('', null, ['fr-FR'])).toBe('en');
  });
  it('UI-2 an unknown language in a link or in storage is ignored', () => {
    expect(pickLanguage('?lang=xx', 'zz', ['de'])).toBe('de');
  });
});
