import { currentLanguage, i18n } from '../i18n/index.js';
import { Refused, errorWords } from './api.js';
import { browserTimeZone, timeZoneRefused } from './timeZone.js';
import type { CreateBoardRequest, CreateBoardResponse, CreateTeamRequest, CreateTeamResponse, TeamHistory } from '@candor/shared';

// The plain HTTP calls of the home and team pages: creating boards and teams, a team's history and its exports. Apart
// from ./api.ts (the board's lookup) and ./summaryRequests.ts (the Close summary's), so that the board page does not
// carry them (UI-6).

export async function createBoard(request: Omit<CreateBoardRequest, 'lang' | 'timeZone'>): Promise<CreateBoardResponse> {
  return createHere('/api/boards', request);
}

export async function createTeam(request: CreateTeamRequest): Promise<CreateTeamResponse> {
  return postJson<CreateTeamResponse>('/api/teams', request, () => i18n.t('api.createTeamFailed'));
}

/** A retro inside a team: it opens with a Review of the team's open promises. */
export async function createTeamBoard(teamId: string, request: Omit<CreateBoardRequest, 'lang' | 'timeZone'>): Promise<CreateBoardResponse> {
  return createHere(`/api/teams/${encodeURIComponent(teamId)}/boards`, request);
}

/** EX-12: a zone this server does not know is left out and the board asked for again: it is made, on UTC days */
async function createHere(url: string, request: Omit<CreateBoardRequest, 'lang' | 'timeZone'>): Promise<CreateBoardResponse> {
  const create = () => postJson<CreateBoardResponse>(url, { ...request, ...madeHere() }, () => i18n.t('api.createRetroFailed'));
  try {
    return await create();
  } catch (err) {
    if (!(err instanceof Refused) || err.code !== 'BAD_TIME_ZONE') throw err;
    timeZoneRefused();
    return create();
  }
}

/** NA-1: a retro left unnamed is named in the creator's language; EX-12: its day is the creator's, unless the first step says another */
function madeHere(): Pick<CreateBoardRequest, 'lang' | 'timeZone'> {
  const timeZone = browserTimeZone();
  return { lang: currentLanguage(), ...(timeZone ? { timeZone } : {}) };
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
  if (!response.ok) {
    const code = ((await response.clone().json().catch(() => null)) as { code?: unknown } | null)?.code;
    throw new Refused(await errorWords(response, fallback), typeof code === 'string' ? code : undefined);
  }
  return (await response.json()) as T;
}
