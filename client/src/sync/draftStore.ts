/** Unsent card text per board and column, in localStorage so a reload (or a refused card) loses nothing. */
const draftKey = (boardId: string, columnId: string) => `candor:draft:${boardId}:${columnId}`;

export function readDraft(boardId: string, columnId: string): string {
  try {
    return localStorage.getItem(draftKey(boardId, columnId)) ?? '';
  } catch {
    return '';
  }
}

export function writeDraft(boardId: string, columnId: string, text: string): void {
  try {
    if (text) localStorage.setItem(draftKey(boardId, columnId), text);
    else localStorage.removeItem(draftKey(boardId, columnId));
  } catch {
    // Storage unavailable: the draft lives only in this page.
  }
}

/** Puts refused text back at the end of the column's draft, so it can be sent again later. */
export function returnToDraft(boardId: string, columnId: string, text: string): void {
  const current = readDraft(boardId, columnId);
  writeDraft(boardId, columnId, current ? `${current}\n\n${text}` : text);
  window.dispatchEvent(new CustomEvent(DRAFT_RETURNED, { detail: { boardId, columnId } }));
}

/** Fired when text comes back into a draft from outside the text box. */
export const DRAFT_RETURNED = 'candor:draft-returned';
