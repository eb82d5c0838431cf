import { titleFromWords, type PublicBoardView } from '@candor/shared';
import type { BoardCommand } from '../sync/commandQueue.js';

/**
 * OW-1: the board as my unsent groupings will make it, so a grouping made offline shows at once (with `waiting`, the
 * groups they touch, marked "waiting to send") instead of after the connection returns. Each is applied as the
 * server's `decide` would apply it on this board (GR-6 title, GR-9 column, a group of one dissolved); a new group has a
 * made-up id until the server's board, which carries the real one, replaces it. Nothing is sent from here.
 * WG-2: a card taken out of its group ("Ungroup", or dragged out) is applied too, in the order the commands were made:
 * it stands alone at once, in `waitingCards`; else a person who saw nothing happen took it out again, and a card
 * grouped offline and taken out again stayed in its group on screen.
 */
export function withPendingGroupings(
  board: PublicBoardView,
  pending: readonly BoardCommand[],
): { board: PublicBoardView; waiting: ReadonlySet<string>; waitingCards: ReadonlySet<string> } {
  const waiting = new Set<string>();
  const waitingCards = new Set<string>();
  const groupings = pending.filter((c) => c.type === 'card.group' || c.type === 'card.ungroup');
  if (groupings.length === 0) return { board, waiting, waitingCards };
  const groupOf = new Map(board.cards.map((c) => [c.id, c.groupId]));
  const groups = new Map(board.groups.map((g) => [g.id, g]));
  // a group left with one card is no group (as the server dissolves it)
  const leave = (cardId: string, previous: string | null) => {
    if (!previous) return;
    const left = [...groupOf].filter(([, g]) => g === previous);
    if (left.length >= 2) {
      waiting.add(previous);
      return;
    }
    groups.delete(previous);
    waiting.delete(previous);
    for (const [alone] of left) groupOf.set(alone, null);
  };
  for (const command of groupings) {
    if (command.type === 'card.ungroup') {
      const previous = groupOf.get(command.cardId) ?? null;
      if (!previous) continue;
      groupOf.set(command.cardId, null);
      waitingCards.add(command.cardId);
      leave(command.cardId, previous);
      continue;
    }
    const { id, cardId, withCardId } = command;
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
      waitingCards.delete(withCardId);
    }
    groupOf.set(cardId, groupId);
    waitingCards.delete(cardId);
    leave(cardId, previous);
    waiting.add(groupId);
  }
  const cards = board.cards.map((c) => (groupOf.get(c.id) === c.groupId ? c : { ...c, groupId: groupOf.get(c.id) ?? null }));
  const shown = [...groups.values()].map((g) => ({ ...g, cardIds: cards.filter((c) => c.groupId === g.id).map((c) => c.id) }));
  shown.sort((a, b) => cards.findIndex((c) => c.id === a.cardIds[0]) - cards.findIndex((c) => c.id === b.cardIds[0]));
  return { board: { ...board, cards, groups: shown }, waiting, waitingCards };
}
