import { templateColumnOrigin, type ColumnPart } from '@candor/shared';

/**
 * Which column words are a template's, untouched (the rule is shared with the Markdown summary, EX-10:
 * `templateColumnOrigin`): the catalogue key that says them in another language, or null for words someone wrote.
 * Loaded with that language's catalogue (./index.ts), never with the board page in English (UI-6).
 */
export function templateOrigin(part: ColumnPart, columnId: string, words: string): string | null {
  const origin = templateColumnOrigin(part, columnId, words);
  return origin && `templates.${origin.templateId}.columns.${origin.columnId}.${part}`;
}
