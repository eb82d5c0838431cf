import type { Column, ColumnPart } from '@candor/shared';
import { i18n } from './index.js';

/**
 * Templates live in `@candor/shared` in English (the server copies their columns into a new board). A board column
 * that still carries a template's untouched English words is shown in the reader's language; one the facilitator
 * renamed is shown as written. In English that is the column's own words, so the board page ships no template
 * (UI-6): which words are a template's comes with another language's catalogue (`templateOrigins.ts`, registered
 * by ./index.ts before that language shows).
 */
type OriginOf = (part: ColumnPart, columnId: string, words: string) => string | null;
let originOf: OriginOf = () => null;

/** How to find the catalogue key of a template column's untouched title or prompt (see templateOrigins.ts). */
export function registerTemplateOrigins(lookup: OriginOf): void {
  originOf = lookup;
}

function shown(part: ColumnPart, columnId: string, words: string): string {
  if (i18n.resolvedLanguage === 'en') return words;
  const key = originOf(part, columnId, words);
  return key ? i18n.t(key as never) : words;
}

export function columnTitle(column: Pick<Column, 'id' | 'title'>): string {
  return shown('title', column.id, column.title);
}

export function columnPrompt(column: Pick<Column, 'id' | 'prompt'>): string {
  return shown('prompt', column.id, column.prompt);
}
