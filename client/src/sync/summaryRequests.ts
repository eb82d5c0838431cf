import { currentLanguage, i18n } from '../i18n/index.js';
import { Refused, errorWords, readerHeaders } from './api.js';

// The Close summary's plain HTTP calls: its exports, and whether the server can email it. Apart from ./api.ts (the
// board's lookup), so that they load with the summary, not with the board (UI-6).

export type BoardExport = 'export.md' | 'export.csv' | 'actions.csv' | 'export.json';

export function exportUrl(boardId: string, file: BoardExport = 'export.md'): string {
  // EX-10: the Markdown summary is written in the page's language
  const lang = file === 'export.md' ? `?lang=${currentLanguage()}` : '';
  return `/api/boards/${encodeURIComponent(boardId)}/${file}${lang}`;
}

/**
 * Downloads an export as this browser's participant (JN-6: exports need the reader's credentials, which a plain
 * link cannot carry): fetched with them, then saved under `fileName` from a short-lived object URL.
 * Resolves to null, or to how to say why it failed (PL-1: in the page's language when it is shown).
 */
export async function downloadExport(boardId: string, file: BoardExport, fileName: string): Promise<(() => string) | null> {
  let response: Response;
  try {
    response = await fetch(exportUrl(boardId, file), { headers: readerHeaders(boardId) });
  } catch {
    return () => i18n.t('api.unreachable');
  }
  if (!response.ok) return errorWords(response, () => i18n.t('api.exportFailed'));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return null;
}

/**
 * GP-2: an export's text, fetched as `downloadExport` does (the reader's credentials, JN-6), to copy rather than save.
 * Rejects with a `Refused` whose words the person can read.
 */
export async function exportText(boardId: string, file: BoardExport): Promise<string> {
  let response: Response;
  try {
    response = await fetch(exportUrl(boardId, file), { headers: readerHeaders(boardId) });
  } catch {
    throw new Refused(() => i18n.t('api.unreachable'));
  }
  if (!response.ok) throw new Refused(await errorWords(response, () => i18n.t('api.exportFailed')));
  return response.text();
}

/** SU-2: what this server can do beyond the basics; email only with SMTP_URL. */
export async function fetchFeatures(): Promise<{ email: boolean }> {
  try {
    const response = await fetch('/api/features');
    if (!response.ok) return { email: false };
    const body = (await response.json()) as { email?: unknown };
    return { email: body.email === true };
  } catch {
    return { email: false };
  }
}
