import { useEffect, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { useSession } from '../board/SessionContext.js';

/**
 * The shared text under `key` in the notes document, or null while it is not there yet. The server creates
 * every text (for an item once it is discussed, for an action when it is made); the client never does.
 */
export function useSharedText(key: string): Y.Text | null {
  const session = useSession();
  // DO-17: the page's notes start over from the server's copy after a refused update: the texts are read from the new one
  const doc = useSyncExternalStore(session.subscribe, () => session.notesDoc);
  const notes = doc.getMap<unknown>('notes');
  const read = () => {
    const value = notes.get(key);
    return value instanceof Y.Text ? value : null;
  };
  const [text, setText] = useState<Y.Text | null>(read);
  useEffect(() => {
    const refresh = () => setText(read());
    refresh();
    notes.observe(refresh);
    return () => notes.unobserve(refresh);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [notes, key]);
  return text;
}

/** The current string of a shared text, re-rendering on every change (for read-only display). */
export function useTextValue(text: Y.Text | null): string {
  const [value, setValue] = useState(() => text?.toString() ?? '');
  useEffect(() => {
    if (!text) return setValue('');
    const refresh = () => setValue(text.toString());
    refresh();
    text.observe(refresh);
    return () => text.unobserve(refresh);
  }, [text]);
  return value;
}

/**
 * Whether the shared text under a key holds words, for a list made of the texts people wrote (AC-9: the summary's
 * items noted in Act); re-renders as any text changes.
 */
export function useHoldsWords(): (key: string) => boolean {
  const session = useSession();
  const doc = useSyncExternalStore(session.subscribe, () => session.notesDoc);
  const notes = doc.getMap<unknown>('notes');
  const [, setChanges] = useState(0);
  useEffect(() => {
    const changed = () => setChanges((n) => n + 1);
    notes.observeDeep(changed);
    return () => notes.unobserveDeep(changed);
  }, [notes]);
  return (key) => {
    const value = notes.get(key);
    return value instanceof Y.Text && value.toString().trim() !== '';
  };
}
