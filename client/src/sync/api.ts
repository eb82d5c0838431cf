import type { CreateBoardRequest, CreateBoardResponse, PublicBoardView } from '@candor/shared';

/** The few plain HTTP calls: creating a board, looking one up before joining, and the export link. */
export async function createBoard(request: CreateBoardRequest): Promise<CreateBoardResponse> {
  const response = await fetch('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(await errorMessage(response, 'We could not create the retro. Please try again.'));
  return (await response.json()) as CreateBoardResponse;
}

export type BoardLookup = { status: 'found'; board: PublicBoardView } | { status: 'not-found' } | { status: 'error'; message: string };

export async function lookupBoard(boardId: string): Promise<BoardLookup> {
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}`);
    if (response.status === 404) return { status: 'not-found' };
    if (!response.ok) return { status: 'error', message: await errorMessage(response, 'The board could not be loaded.') };
    const body = (await response.json()) as { board: PublicBoardView };
    return { status: 'found', board: body.board };
  } catch {
    return { status: 'error', message: 'The server could not be reached.' };
  }
}

export function exportUrl(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/export.md`;
}

async function errorMessage(response: Response, fallback: string): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : fallback;
  } catch {
    return fallback;
  }
}
