import { useCallback, useEffect, useState } from 'react';
import { DRAFT_RETURNED, draftFromOtherTab, readDraft, writeDraft } from '../sync/draftStore.js';

/** The unsent text of one column's new-card box, kept across reloads. */
export function useDraft(boardId: string, columnId: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => readDraft(boardId, columnId));
  useEffect(() => {
    const onReturned = (event: Event) => {
      const detail = (event as CustomEvent<{ boardId: string; columnId: string }>).detail;
      if (detail.boardId === boardId && detail.columnId === columnId) setText(readDraft(boardId, columnId));
    };
    // RC-7: another tab of the board typed or sent in this column; follow it so neither overwrites the other's draft
    const onOtherTab = (event: StorageEvent) => {
      const next = draftFromOtherTab(event, boardId, columnId);
      if (next !== null) setText(next);
    };
    window.addEventListener(DRAFT_RETURNED, onReturned);
    window.addEventListener('storage', onOtherTab);
    return () => {
      window.removeEventListener(DRAFT_RETURNED, onReturned);
      window.removeEventListener('storage', onOtherTab);
    };
  }, [boardId, columnId]);
  const update = useCallback(
    (next: string) => {
      setText(next);
      writeDraft(boardId, columnId, next);
    },
    [boardId, columnId],
  );
  return [text, update];
}
