import { TEMPLATES, type Column, type Template } from '@candor/shared';
import { i18n } from './index.js';

/**
 * Templates live in `@candor/shared` in English (the server copies them into a new board). The client shows
 * them in the reader's language: a template by its id, and a board column when it still carries a template's
 * untouched English words (a column the facilitator renamed is shown as written).
 */
type Translate = (key: string) => string;
const translate = ((key: string) => i18n.t(key as never)) as Translate;

export function templateName(template: Template): string {
  return translate(`templates.${template.id}.name`);
}

export function templateDescription(template: Template): string {
  return translate(`templates.${template.id}.description`);
}

const ORIGINS = new Map<string, string>();
for (const template of TEMPLATES) {
  for (const column of template.columns) {
    const base = `templates.${template.id}.columns.${column.id}`;
    ORIGINS.set(`title\u0000${column.id}\u0000${column.title}`, `${base}.title`);
    ORIGINS.set(`prompt\u0000${column.id}\u0000${column.prompt}`, `${base}.prompt`);
  }
}

export function columnTitle(column: Pick<Column, 'id' | 'title'>): string {
  const key = ORIGINS.get(`title\u0000${column.id}\u0000${column.title}`);
  return key ? translate(key) : column.title;
}

export function columnPrompt(column: Pick<Column, 'id' | 'prompt'>): string {
  const key = ORIGINS.get(`prompt\u0000${column.id}\u0000${column.prompt}`);
  return key ? translate(key) : column.prompt;
}
