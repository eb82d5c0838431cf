/**
 * `:name` suggestions while writing a card. The list itself (`emojiList.ts`) loads on demand, the first time someone
 * types a code: the board's first load carries only the test for one (UI-6).
 */
/** The `:word` right before the caret, if the person seems to be typing an emoji code (2+ letters). */
export function emojiQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[\s(])(:([a-z0-9_+-]{2,}))$/i.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length, query: match[3]!.toLowerCase() };
}

/** the list's module, fetched once, when the first code is typed */
let list: Promise<typeof import('./emojiList.js')> | null = null;

/** Names starting with the query first, then names containing it (at most six); the list is fetched if need be. */
export async function suggestEmoji(query: string): Promise<(readonly [string, string])[]> {
  list ??= import('./emojiList.js');
  return (await list).suggestEmoji(query);
}
