import { titleFromWords, type PublicBoardView } from '@candor/shared';
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

/**
 * OW-1: the board as my unsent groupings will make it, so a grouping made offline shows at once (with `waiting`, the
 * groups they touch, marked "waiting to send") instead of after the connection returns. Each is applied as the
 * server's `decide` would apply it on this board (GR-6 title, GR-9 column, a group of one dissolved); a new group has a
 * made-up id until the server's board, which carries the real one, replaces it. Nothing is sent from here.
 */
export function withPendingGroupings(board: PublicBoardView, pending: readonly BoardCommand[]): { board: PublicBoardView; waiting: ReadonlySet<string> } {
  const waiting = new Set<string>();
  const groupings = pending.filter((c) => c.type === 'card.group');
  if (groupings.length === 0) return { board, waiting };
  const groupOf = new Map(board.cards.map((c) => [c.id, c.groupId]));
  const groups = new Map(board.groups.map((g) => [g.id, g]));
  for (const { id, cardId, withCardId } of groupings) {
    if (!groupOf.has(cardId) || !groupOf.has(withCardId) || cardId === withCardId) continue;
    const previous = groupOf.get(cardId) ?? null;
    let groupId = groupOf.get(withCardId) ?? null;
    if (previous && previous === groupId) continue;
    if (!groupId) {
      groupId = `pending:${id}`;
      const first = board.cards.find((c) => c.id === cardId || c.id === withCardId)!; // board.cards is in reveal order
      const columnId = board.cards.find((c) => c.id === withCardId)!.columnId;
      groups.set(groupId, { id: groupId, title: titleFromWords(first.text), columnId, cardIds: [] });
      groupOf.set(withCardId, groupId);
    }
    groupOf.set(cardId, groupId);
    waiting.add(groupId);
    // a group left with one card is no group (as the server dissolves it)
    const left = previous ? [...groupOf].filter(([, g]) => g === previous) : [];
    if (previous && left.length < 2) {
      groups.delete(previous);
      waiting.delete(previous);
      for (const [alone] of left) groupOf.set(alone, null);
    }
  }
  const cards = board.cards.map((c) => (groupOf.get(c.id) === c.groupId ? c : { ...c, groupId: groupOf.get(c.id) ?? null }));
  const shown = [...groups.values()].map((g) => ({ ...g, cardIds: cards.filter((c) => c.groupId === g.id).map((c) => c.id) }));
  shown.sort((a, b) => cards.findIndex((c) => c.id === a.cardIds[0]) - cards.findIndex((c) => c.id === b.cardIds[0]));
  return { board: { ...board, cards, groups: shown }, waiting };
}
