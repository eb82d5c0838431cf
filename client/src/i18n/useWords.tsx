import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

type Words = { t: TFunction<'translation', undefined> };

const WordsContext = createContext<Words | null>(null);

/**
 * The page's words, looked up once for the whole tree. react-i18next's `useTranslation` copies the i18next
 * instance (every own property) each time a component using it mounts: on a revealed board of 1,500 cards,
 * three per card, that copying was a fifth of the reveal's render time plus the garbage it left. So one
 * `useTranslation` here, and components read its `t` from context; a language change still re-renders each of
 * them, because the new `t` is a new context value.
 */
export function WordsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const words = useMemo(() => ({ t }), [t]);
  return <WordsContext.Provider value={words}>{children}</WordsContext.Provider>;
}

/** In a component: `const { t } = useWords();` then `t('area.key')` (inside `WordsProvider`). */
export function useWords(): Words {
  const words = useContext(WordsContext);
  if (!words) throw new Error('useWords outside WordsProvider');
  return words;
}
