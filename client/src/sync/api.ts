import { currentLanguage, i18n } from '../i18n/index.js';
import { refusalMessage } from '../i18n/errors.js';
import { loadIdentity } from './identity.js';
import type { CreateBoardRequest, CreateBoardResponse, CreateTeamRequest, CreateTeamResponse, PublicBoardView, TeamHistory } from '@candor/shared';

/** The few plain HTTP calls: creating boards and teams, looking them up, and the export links. */
export async function createBoard(request: Omit<CreateBoardRequest, 'lang'>): Promise<CreateBoardResponse> {
  return postJson<CreateBoardResponse>('/api/boards', { ...request, lang: currentLanguage() }, () => i18n.t('api.createRetroFailed'));
}

export async function createTeam(request: CreateTeamRequest): Promise<CreateTeamResponse> {
  return postJson<CreateTeamResponse>('/api/teams', request, () => i18n.t('api.createTeamFailed'));
}

/** A retro inside a team: it opens with a Review of the team's open promises. */
export async function createTeamBoard(teamId: string, request: Omit<CreateBoardRequest, 'lang'>): Promise<CreateBoardResponse> {
  // NA-1: a retro left unnamed is named in the creator's language
  return postJson<CreateBoardResponse>(`/api/teams/${encodeURIComponent(teamId)}/boards`, { ...request, lang: currentLanguage() }, () => i18n.t('api.createRetroFailed'));
}

/** What the link alone shows (JN-6): the retro's name, for the join form. */
export interface BoardDoor {
  id: string;
  name: string;
  /** JN-3: whom to ask at the door (null before anyone facilitates) */
  facilitator: string | null;
}

export type BoardLookup =
  | { status: 'found'; door: BoardDoor; board: PublicBoardView | null }
  | { status: 'not-found' }
  | { status: 'error'; words: () => string };

/** JN-6: HTTP reads of a board carry this browser's identity for it; the link alone gives only the name. */
function readerHeaders(boardId: string): Record<string, string> {
  const identity = loadIdentity(boardId);
  return identity ? { authorization: `Candor ${identity.participantId} ${identity.secret}` } : {};
}

export async function lookupBoard(boardId: string): Promise<BoardLookup> {
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, { headers: readerHeaders(boardId) });
    if (response.status === 404) return { status: 'not-found' };
    if (!response.ok) return { status: 'error', words: await errorWords(response, () => i18n.t('api.boardLoadFailed')) };
    const body = (await response.json()) as { door: BoardDoor; board?: PublicBoardView };
    return { status: 'found', door: body.door, board: body.board ?? null };
  } catch {
    return { status: 'error', words: () => i18n.t('api.unreachable') };
  }
}

/** PL-6: a failed lookup is kept as how to say it (`words`), so a switch of language says it anew. */
export type TeamLookup = { status: 'found'; team: TeamHistory } | { status: 'not-found' } | { status: 'error'; words: () => string };

export async function lookupTeam(teamId: string): Promise<TeamLookup> {
  try {
    const response = await fetch(`/api/teams/${encodeURIComponent(teamId)}`);
    if (response.status === 404) return { status: 'not-found' };
    if (!response.ok) return { status: 'error', words: await errorWords(response, () => i18n.t('api.teamLoadFailed')) };
    return { status: 'found', team: (await response.json()) as TeamHistory };
  } catch {
    return { status: 'error', words: () => i18n.t('api.unreachable') };
  }
}

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

export function teamExportUrl(teamId: string): string {
  return `/api/teams/${encodeURIComponent(teamId)}/export.json`;
}

/** TM-14: every action of the team's retros, as CSV */
export function teamActionsCsvUrl(teamId: string): string {
  return `/api/teams/${encodeURIComponent(teamId)}/actions.csv`;
}

async function postJson<T>(url: string, body: unknown, fallback: () => string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Refused(() => i18n.t('api.unreachableRetry'));
  }
  if (!response.ok) throw new Refused(await errorWords(response, fallback));
  return (await response.json()) as T;
}

/** PL-1: a failure kept as how to say it (`words`), so a message still on screen follows a language switch. */
export class Refused extends Error {
  constructor(readonly words: () => string) {
    super(words());
  }
}

async function errorWords(response: Response, fallback: () => string): Promise<() => string> {
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    const message = typeof body.message === 'string' ? body.message : '';
    const code = body.code;
    return typeof code === 'string' ? () => refusalMessage({ code, message }) : fallback;
  } catch {
    return fallback;
  }
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
