import enBoard from './en.board.js';
import enMore from './en.more.js';

/**
 * The English catalogue: every word the client shows, in two parts so that the board page stays small (UI-6):
 *   - `en.board.ts` ships with the page: what the board's first screen (join, Write, the people, notices,
 *     errors) and everything loaded with it can show;
 *   - `en.more.ts` is fetched with the first page, phase or tool that needs it (home, team, Reveal and later
 *     phases, the column editor), before that code renders (`lazyWithWords` in ./lazyWithWords.ts).
 * German (de.ts) must have exactly the same keys as both together — `pnpm typecheck` and
 * `client/src/i18n/catalogues.test.ts` both fail when one is missing, and `catalogues.test.ts` fails when code
 * that ships with the board page uses a section of `en.more.ts`.
 *
 * HOW TO ADD A STRING (helpers, read this):
 *   1. Add the key under the area it belongs to (e.g. `facilitation.share.copy: 'Copy link'`) in the part that
 *      holds that area (`en.board.ts` or `en.more.ts`), and the same key with a German text to de.ts.
 *      Placeholders are `{{name}}`; plurals are two keys `x_one` / `x_other` called as t('x', { count }).
 *   2. In a component: `const { t } = useWords();` (from ./useWords.tsx) then `t('facilitation.share.copy')`.
 *      Outside React (sync/, plain functions): `import { i18n } from '../i18n/index.js'; i18n.t('…')`.
 *   3. Dates and numbers: `formatDate(…)` / `formatNumber(…)` from `client/src/i18n/format.ts` (Intl, current language).
 *   Keep English texts the tests read (by role and label) unchanged when you move a string here.
 */
const en = mergeWords(enBoard, enMore);

export default en;

/** Both parts key by key: an area (e.g. `running`) may have words in each; i18next merges them the same way. */
function mergeWords<A extends object, B extends object>(a: A, b: B): A & B {
  const merged: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [key, value] of Object.entries(b)) {
    const mine = merged[key];
    merged[key] = mine && typeof mine === 'object' && typeof value === 'object' ? mergeWords(mine as object, value as object) : value;
  }
  return merged as A & B;
}

/** The shape every other language's catalogue must have: the same keys, any strings. */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Catalogue = Strings<typeof en>;
