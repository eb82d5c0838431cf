import type en from './en.js';

// Typed keys: t('no.such.key') is a compile error, so a typo cannot ship an untranslated key.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
