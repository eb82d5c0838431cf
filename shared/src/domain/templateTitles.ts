import type { ExportLanguage } from './exportWords.js';
import { templateColumnOrigin } from './templateColumns.js';

/**
 * EX-10, UI-1: a template column's own title in each language but English (English is the template's own words,
 * templates.ts). The German catalogue (client/src/i18n/de.ts) shows these on the board, and the Markdown summary heads
 * its columns with them, so the two never disagree. Prompts appear on the board only and stay in the catalogue.
 */
export const TEMPLATE_COLUMN_TITLES = {
  de: {
    'dont-know': {
      'dont-know': 'Ich weiß nicht…',
      stuck: 'Ich komme nicht weiter bei…',
      'need-help': 'Ich brauche Hilfe bei…',
      learned: 'Etwas, das ich gelernt habe',
    },
    responsibility: {
      'not-my-job': 'Nicht mein Job, nicht mein Problem',
      'right-thing': 'Was ist das Richtige?',
      'how-help': 'Wie kann ich helfen?',
    },
    'start-stop-continue': {
      start: 'Anfangen',
      stop: 'Aufhören',
      continue: 'Weitermachen',
    },
    'went-well': {
      'went-well': 'Was gut lief',
      'to-improve': 'Was besser gehen könnte',
      'to-try': 'Eine Sache zum Ausprobieren',
    },
    'post-mortem': {
      timeline: 'Zeitleiste — was geschah, der Reihe nach',
      'system-allowed': 'Wie hat unser System das zugelassen?',
      'will-change': 'Was wir ändern werden',
      thanks: 'Danke an…',
    },
    'regaining-trust': {
      disconnect: 'Wo haben wir uns verloren?',
      'fix-now': 'Was wir sofort beheben',
      repair: 'Wie wir mit der Zeit reparieren',
    },
    'mad-sad-glad': {
      mad: 'Wütend',
      sad: 'Traurig',
      glad: 'Froh',
    },
    '4ls': {
      liked: 'Gemocht',
      learned: 'Gelernt',
      lacked: 'Gefehlt',
      'longed-for': 'Gewünscht',
    },
  },
} satisfies Record<Exclude<ExportLanguage, 'en'>, Record<string, Record<string, string>>>;

/** EX-10: a column's title as the summary in `language` heads it: a template's own title in that language, else as written. */
export function columnTitleIn(language: ExportLanguage, column: { id: string; title: string }): string {
  if (language === 'en') return column.title;
  const origin = templateColumnOrigin('title', column.id, column.title);
  const titles: Record<string, Record<string, string> | undefined> = TEMPLATE_COLUMN_TITLES[language];
  return (origin && titles[origin.templateId]?.[origin.columnId]) || column.title;
}
