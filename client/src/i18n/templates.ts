import type { Column } from '@candor/shared';
import { i18n } from './index.js';

/**
 * Templates live in `@candor/shared` in English (the server copies their columns into a new board). A board column
 * that still carries a template's untouched English words is shown in the reader's language; one the facilitator
 * renamed is shown as written. In English that is the column's own words, so the board page ships no template
 * (UI-6): which words are a template's comes with another language's catalogue (`templateOrigins.ts`, registered
 * by ./index.ts before that language shows).
 */
let origins: ReadonlyMap<string, string> = new Map();

/** The catalogue key of each template column's English title and prompt (see templateOrigins.ts). */
export function registerTemplateOrigins(keys: ReadonlyMap<string, string>): void {
  origins = keys;
}

export const originKey = (part: 'title' | 'prompt', columnId: string, words: string) => `${part}\u0000${columnId}\u0000${words}`;

function shown(part: 'title' | 'prompt', columnId: string, words: string): string {
  if (i18n.resolvedLanguage === 'en') return words;
  const key = origins.get(originKey(part, columnId, words));
  return key ? i18n.t(key as never) : words;
}

export function columnTitle(column: Pick<Column, 'id' | 'title'>): string {
  return shown('title', column.id, column.title);
}

export function columnPrompt(column: Pick<Column, 'id' | 'prompt'>): string {
  return shown('prompt', column.id, column.prompt);
}
