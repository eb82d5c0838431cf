/** Unsent card text per board and column, in localStorage so a reload (or a refused card) loses nothing. */
export const draftKey = (boardId: string, columnId: string) => `candor:draft:${boardId}:${columnId}`;

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

/**
 * RC-7: what another tab of this browser left in this column's draft (`''` when it emptied it, or all storage was
 * cleared), or null when the change was to something else. Both tabs keep one draft under one key: a tab that did not
 * follow the other's typing overwrote it with its own text, or removed it on sending a card, and a reload lost it.
 */
export function draftFromOtherTab(change: { key: string | null; newValue: string | null }, boardId: string, columnId: string): string | null {
  if (change.key === null) return '';
  if (change.key !== draftKey(boardId, columnId)) return null;
  return change.newValue ?? '';
}

/** Puts refused text back at the end of the column's draft, so it can be sent again later. */
export function returnToDraft(boardId: string, columnId: string, text: string): void {
  const current = readDraft(boardId, columnId);
  writeDraft(boardId, columnId, current ? `${current}\n\n${text}` : text);
  window.dispatchEvent(new CustomEvent(DRAFT_RETURNED, { detail: { boardId, columnId } }));
}

/** Fired when text comes back into a draft from outside the text box. */
export const DRAFT_RETURNED = 'candor:draft-returned';
