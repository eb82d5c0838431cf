import * as Y from 'yjs';
import { type BoardState, type PublicBoardView, emptyBoard, evolve, evolveRoster, notesKey, viewOf } from '@candor/shared';
import type { LoadedBoard } from '../storage/BoardStore.js';
import { AnonymousState } from '../storage/anonymousState.js';
import type { WritersSeal } from '../storage/sealedWriters.js';

/**
 * TM-6: a board's public view and notes read straight from what the store returned, without making it a live
 * room: no documents projected, nothing written, nothing kept in memory. Everyone counts as away.
 *
 * The state is folded as a room folds it at its load (`StoredCopy`): the participant rows, the public log, then the
 * anonymous state (AR-1). The pulse, the trust-lens taps, the fist-of-five answers, the cards and votes are kept
 * only there, never in the log: without it a closed retro's pulse and lens counts (TM-4, TL-6) read as none once
 * its room was unloaded. Each fact keeps the placeholder of its stored tag (nobody is recognised here), and only
 * the public view, which counts them and holds no tag, leaves this function.
 */
export function readStoredBoard(
  loaded: LoadedBoard,
  now: number,
  claimAfterMs: number,
  /** AN-10: opens the number of writers stored with the cards, as at a room's load */
  writers: WritersSeal,
): { view: PublicBoardView; notes: Record<string, string> } {
  const state = readStoredLog(loaded, now);
  // (after the log: which cards count as revealed depends on the phase, RV-8)
  new AnonymousState(writers).load(state, loaded.anonymousState);

  const doc = new Y.Doc();
  for (const update of loaded.docs.notes) Y.applyUpdate(doc, update);
  const notes: Record<string, string> = {};
  for (const [key, text] of doc.getMap<Y.Text>('notes')) if (text instanceof Y.Text) notes[key] = text.toString();
  doc.destroy();
  // a live room creates an action's note with its first text; read the same where the note was never stored
  for (const action of state.actions.values()) notes[notesKey.action(action.id)] ??= action.initialText;

  return { view: viewOf(state, { kind: 'public' }, claimAfterMs).board, notes };
}

/**
 * The state of a stored board from its participant rows and public log alone (no anonymous state, no documents): what
 * the public log decides (the phase, the name, RE-1's Review), as a room would hold it. Everyone counts as away.
 */
export function readStoredLog(loaded: LoadedBoard, now: number): BoardState {
  const state = emptyBoard(loaded.record.id, loaded.record.createdAt);
  for (const p of loaded.participants) {
    evolveRoster(state, { type: 'participant.joined', participantId: p.id, name: p.name, handle: p.handle });
    evolveRoster(state, { type: 'presence.changed', participantId: p.id, online: false, at: now });
  }
  for (const { event } of loaded.events) evolve(state, event);
  return state;
}
