import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { i18n } from './index.js';

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
  const words = useMemo(() => ({ t: remembering(t) }), [t]);
  return <WordsContext.Provider value={words}>{children}</WordsContext.Provider>;
}

/** In a component: `const { t } = useWords();` then `t('area.key')` (inside `WordsProvider`). */
export function useWords(): Words {
  const words = useContext(WordsContext);
  if (!words) throw new Error('useWords outside WordsProvider');
  return words;
}

/**
 * `t` that looks a plain key (no options) up once per language: the same label on each of 1,500 cards was
 * otherwise resolved 1,500 times on the reveal. Only keys i18next has are kept, so a key whose words come later
 * (en.more.ts) is looked up again; a language change brings a new `t`, and with it an empty memory.
 * A key with one word or number put in (a card's "Vote for: {{name}}", "New card in {{column}}", "{{count}} yours") is
 * kept by key and what was put in too:
 * every change to the board draws each card again, and with 300 cards on a phone slowed 4 times, resolving those labels
 * anew was a quarter of each redraw when someone joined, left, grouped or voted, and the new-card box's two labels a
 * quarter of each keystroke (walk K).
 */
export function remembering(t: Words['t']): Words['t'] {
  const lookUp = t as unknown as (...args: unknown[]) => unknown;
  const known = new Map<string, unknown>();
  const named = new Map<string, Map<string, unknown>>();
  const remembered = (...args: unknown[]) => {
    const [key, options] = args;
    if (typeof key !== 'string') return lookUp(...args);
    const word = args.length === 2 ? oneWord(options) : null;
    if (word !== null) {
      const byWord = named.get(key);
      if (byWord?.has(word)) return byWord.get(word);
      const text = lookUp(key, options);
      if (i18n.exists(key)) {
        if (byWord) byWord.set(word, text);
        else named.set(key, new Map([[word, text]]));
      }
      return text;
    }
    if (args.length !== 1) return lookUp(...args);
    if (known.has(key)) return known.get(key);
    const text = lookUp(key);
    if (i18n.exists(key)) known.set(key, text);
    return text;
  };
  return remembered as unknown as Words['t'];
}

/** options that put in one string or number and nothing else (`{ name: 'Slow builds' }`, `{ count: 2 }`): that option's name and value, as one key */
function oneWord(options: unknown): string | null {
  if (typeof options !== 'object' || options === null) return null;
  const entries = Object.entries(options);
  if (entries.length !== 1) return null;
  const [[option, value]] = entries as [[string, unknown]];
  return typeof value === 'string' || typeof value === 'number' ? `${option}\u0000${typeof value}\u0000${value}` : null;
}
