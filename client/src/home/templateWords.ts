import type { Template } from '@candor/shared';
import { i18n } from '../i18n/index.js';

/** A template's name and description in the reader's language (their words are in en.more.ts and de.ts). */
export function templateName(template: Template): string {
  return i18n.t(`templates.${template.id}.name` as never);
}

export function templateDescription(template: Template): string {
  return i18n.t(`templates.${template.id}.description` as never);
}
