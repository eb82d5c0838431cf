import type { BoardCommand } from '../sync/commandQueue.js';

/** What my unsent commands will change, so the screen shows my intent right away ("sending…"). */
export function pendingCardChanges(pending: readonly BoardCommand[]): { edits: Map<string, string>; deletes: Set<string> } {
  const edits = new Map<string, string>();
  const deletes = new Set<string>();
  for (const c of pending) {
    if (c.type === 'card.edit') edits.set(c.cardId, c.text);
    if (c.type === 'card.delete') deletes.add(c.cardId);
  }
  return { edits, deletes };
}

export function pendingVoteDelta(pending: readonly BoardCommand[], itemId: string): number {
  let delta = 0;
  for (const c of pending) {
    if (c.type === 'vote.cast' && c.itemId === itemId) delta++;
    if (c.type === 'vote.retract' && c.itemId === itemId) delta--;
  }
  return delta;
}

export function pendingVotesTotal(pending: readonly BoardCommand[]): number {
  let delta = 0;
  for (const c of pending) {
    if (c.type === 'vote.cast') delta++;
    if (c.type === 'vote.retract') delta--;
  }
  return delta;
}
