import { TEMPLATES } from '@candor/shared';
import { originKey } from './templates.js';

/**
 * Which column words are a template's, untouched: for each template column's English title and prompt, the
 * catalogue key that says it in another language. Loaded with that language's catalogue (./index.ts), never with
 * the board page in English (UI-6).
 */
export function templateOrigins(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const template of TEMPLATES) {
    for (const column of template.columns) {
      const base = `templates.${template.id}.columns.${column.id}`;
      keys.set(originKey('title', column.id, column.title), `${base}.title`);
      keys.set(originKey('prompt', column.id, column.prompt), `${base}.prompt`);
    }
  }
  return keys;
}
