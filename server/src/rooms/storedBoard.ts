import * as Y from 'yjs';
import { type PublicBoardView, emptyBoard, evolve, evolveRoster, notesKey, viewOf } from '@candor/shared';
import type { LoadedBoard } from '../storage/BoardStore.js';

/**
 * TM-6: a board's public view and notes read straight from what the store returned, without making it a live
 * room: no documents projected, nothing written, nothing kept in memory. Everyone counts as away.
 */
export function readStoredBoard(loaded: LoadedBoard, now: number, claimAfterMs: number): { view: PublicBoardView; notes: Record<string, string> } {
  const state = emptyBoard(loaded.record.id);
  for (const p of loaded.participants) {
    evolveRoster(state, { type: 'participant.joined', participantId: p.id, name: p.name, handle: p.handle });
    evolveRoster(state, { type: 'presence.changed', participantId: p.id, online: false, at: now });
  }
  for (const { event } of loaded.events) evolve(state, event);

  const doc = new Y.Doc();
  for (const update of loaded.docs.notes) Y.applyUpdate(doc, update);
  const notes: Record<string, string> = {};
  for (const [key, text] of doc.getMap<Y.Text>('notes')) if (text instanceof Y.Text) notes[key] = text.toString();
  doc.destroy();
  // a live room creates an action's note with its first text; read the same where the note was never stored
  for (const action of state.actions.values()) notes[notesKey.action(action.id)] ??= action.initialText;

  return { view: viewOf(state, { kind: 'public' }, claimAfterMs).board, notes };
}
