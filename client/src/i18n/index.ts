import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { EXPORT_LANGUAGES } from '@candor/shared';
import enBoard from './en.board.js';
import { registerTemplateOrigins } from './templates.js';
import type { Catalogue } from './en.js';

/**
 * i18next set up once for the whole client. The English words of the board's first screen ship with the page;
 * the rest of English comes with the code that shows it (`loadMoreWords`), and every other catalogue is a
 * separate chunk fetched only when that language is chosen, so the board path stays small (UI-6).
 * How to add a string: see the comment at the top of ./en.ts.
 */
// the server's list (EX-10, NA-1): it writes summaries and names in each, and refuses a `lang` it does not know, so a
// language the page offers and the server lacked would make creating a retro fail
export const LANGUAGES = EXPORT_LANGUAGES;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'candor.lang';

const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Catalogue }>> = {
  de: () => import('./de.js'),
};

function isLanguage(value: string | null | undefined): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}

/** `?lang=` wins (and is remembered), then what this browser chose before, then the browser's own languages. */
export function pickLanguage(search: string, stored: string | null, preferred: readonly string[]): Language {
  const fromLink = new URLSearchParams(search).get('lang')?.toLowerCase();
  if (isLanguage(fromLink)) return fromLink;
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

const lazyCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    const load = isLanguage(language) && language !== 'en' ? LOADERS[language] : null;
    if (!load) return callback(null, {});
    // with the catalogue, which column words are a template's (i18n/templates.ts): English never needs them
    Promise.all([load(), import('./templateOrigins.js')]).then(
      ([module, origins]) => {
        registerTemplateOrigins(origins.templateOrigin);
        callback(null, module.default);
      },
      (error: Error) => callback(error, false),
    );
  },
};

function rememberedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Starts i18next in the language the link, the past or the browser asks for; resolves once its words are here. */
export async function startI18n(): Promise<void> {
  const language = pickLanguage(location.search, rememberedLanguage(), navigator.languages ?? [navigator.language]);
  if (new URLSearchParams(location.search).has('lang')) remember(language);
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    document.title = i18n.t('app.pageTitle');
  });
  await i18n
    .use(lazyCatalogues)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      resources: { en: { translation: enBoard } },
      partialBundledLanguages: true,
      interpolation: { escapeValue: false }, // React escapes
      react: { useSuspense: false },
      returnNull: false,
    });
}

let moreWords: Promise<void> | null = null;

/** Fetches the English words of later pages, phases and tools once; resolves when i18next has them. */
export function loadMoreWords(): Promise<void> {
  moreWords ??= import('./en.more.js').then(
    (module) => {
      i18n.addResourceBundle('en', 'translation', module.default, true, false);
    },
    (err: unknown) => {
      moreWords = null; // fetched again by the next caller (lazyWithWords retries)
      throw err;
    },
  );
  return moreWords;
}

function remember(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** Switches the language everywhere and remembers the choice for the next visit. */
export async function setLanguage(language: Language): Promise<void> {
  remember(language);
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : 'en';
}

export { i18n };
