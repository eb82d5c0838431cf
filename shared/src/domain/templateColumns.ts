import { TEMPLATES } from './templates.js';

/**
 * EX-10, UI-1: whether a board's column is still its template's own. A new board gets its template's columns as the
 * template has them, in English (ids and words alike). A column is the template's own while its id and its words are
 * exactly a template column's: one the facilitator renamed (other words) or typed by hand (a new id) is theirs, and
 * is shown and exported as written in every language. The board (client/src/i18n/templates.ts) and the Markdown
 * summary (markdown.ts) both decide here, so a column reads the same on the page and in the summary.
 */
export type ColumnPart = 'title' | 'prompt';
export interface TemplateColumnRef {
  templateId: string;
  columnId: string;
}

let origins: Map<string, TemplateColumnRef> | null = null;
const originKey = (part: ColumnPart, columnId: string, words: string) => `${part}\u0000${columnId}\u0000${words}`;

function templateOrigins(): Map<string, TemplateColumnRef> {
  const found = new Map<string, TemplateColumnRef>();
  for (const template of TEMPLATES) {
    for (const column of template.columns) {
      const ref = { templateId: template.id, columnId: column.id };
      found.set(originKey('title', column.id, column.title), ref);
      found.set(originKey('prompt', column.id, column.prompt), ref);
    }
  }
  return found;
}

/** The template column whose own `part` these words are, untouched; null for words someone wrote. */
export function templateColumnOrigin(part: ColumnPart, columnId: string, words: string): TemplateColumnRef | null {
  origins ??= templateOrigins();
  return origins.get(originKey(part, columnId, words)) ?? null;
}
