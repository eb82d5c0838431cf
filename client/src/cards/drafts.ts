import { useCallback, useEffect, useState } from 'react';
import { DRAFT_RETURNED, readDraft, writeDraft } from '../sync/draftStore.js';

/** The unsent text of one column's new-card box, kept across reloads. */
export function useDraft(boardId: string, columnId: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => readDraft(boardId, columnId));
  useEffect(() => {
    const onReturned = (event: Event) => {
      const detail = (event as CustomEvent<{ boardId: string; columnId: string }>).detail;
      if (detail.boardId === boardId && detail.columnId === columnId) setText(readDraft(boardId, columnId));
    };
    window.addEventListener(DRAFT_RETURNED, onReturned);
    return () => window.removeEventListener(DRAFT_RETURNED, onReturned);
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
