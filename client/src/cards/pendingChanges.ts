import type { BoardCommand } from '../sync/commandQueue.js';

/**
 * What my unsent commands will change, so the screen shows my intent right away ("sending…"): Write's edits and
 * deletes here; Vote's votes (../votes/pendingVotes.ts) and Reveal's groupings (./pendingGroupings.ts) load with
 * their phase, not with the board (UI-6).
 */
export function pendingCardChanges(pending: readonly BoardCommand[]): { edits: Map<string, string>; deletes: Set<string> } {
  const edits = new Map<string, string>();
  const deletes = new Set<string>();
  for (const c of pending) {
    if (c.type === 'card.edit') edits.set(c.cardId, c.text);
    if (c.type === 'card.delete') deletes.add(c.cardId);
  }
  return { edits, deletes };
}
