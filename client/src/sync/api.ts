import { i18n } from '../i18n/index.js';
import { refusalMessage } from '../i18n/errors.js';
import { loadIdentity } from './identity.js';
import type { PublicBoardView } from '@candor/shared';

// The board page's one plain HTTP call: looking the board up (its name for the join form, and what a reader may see).
// The other pages' calls (creating boards and teams, a team's history) are in ./requests.ts and the Close summary's
// (its exports) in ./summaryRequests.ts, which load with what makes them, not with the board (UI-6).

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
export function readerHeaders(boardId: string): Record<string, string> {
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

/** PL-1: why a request failed, as the server said it (its error code in words), else `fallback`. */
export async function errorWords(response: Response, fallback: () => string): Promise<() => string> {
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    const message = typeof body.message === 'string' ? body.message : '';
    const code = body.code;
    return typeof code === 'string' ? () => refusalMessage({ code, message }) : fallback;
  } catch {
    return fallback;
  }
}

/** PL-1: a failure kept as how to say it (`words`), so a message still on screen follows a language switch. */
export class Refused extends Error {
  constructor(
    readonly words: () => string,
    /** the server's code, when it gave one */
    readonly code?: string,
  ) {
    super(words());
  }
}
