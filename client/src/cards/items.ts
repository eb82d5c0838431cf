import { i18n } from '../i18n/index.js';
import type { PublicBoardView, PublicCard, PublicGroup } from '@candor/shared';
import { shortText } from './shortText.js';

/** What people vote on and discuss: a group, or a revealed card standing alone (mirrors shared/voting.ts). */
export type Item = { kind: 'group'; id: string; group: PublicGroup; cards: PublicCard[] } | { kind: 'card'; id: string; card: PublicCard };

export function itemsOf(board: PublicBoardView): Item[] {
  const groups = new Map(board.groups.map((g) => [g.id, g]));
  const cards = new Map(board.cards.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const items: Item[] = [];
  for (const card of board.cards) {
    const group = card.groupId ? groups.get(card.groupId) : undefined;
    if (group) {
      if (seen.has(group.id)) continue;
      seen.add(group.id);
      items.push({ kind: 'group', id: group.id, group, cards: group.cardIds.flatMap((id) => cards.get(id) ?? []) });
    } else {
      items.push({ kind: 'card', id: card.id, card });
    }
  }
  return items;
}

export function itemsById(board: PublicBoardView): Map<string, Item> {
  return new Map(itemsOf(board).map((item) => [item.id, item]));
}

/** A one-line name for an item, for button labels and lists. */
export function itemLabel(item: Item | undefined): string {
  if (!item) return i18n.t('items.goneLabel');
  if (item.kind === 'card') return shortText(item.card.text);
  return item.group.title.trim() || i18n.t('items.group', { cards: item.cards.map((c) => shortText(c.text, 30)).join(' / ') });
}

export { shortText };

/** What a column shows, top to bottom: a card that stands alone, or a group (GR-9: in the column it lives in). */
export type ColumnEntry = { card: PublicCard } | { group: PublicGroup };

/**
 * GR-9: a column's entries in the order the server gave the cards (which says nothing about who wrote what); a
 * group stands at the place of its first card, wherever its cards came from. `visible` leaves out cards being deleted.
 */
export function columnEntries(visible: PublicCard[], groups: Map<string, PublicGroup>, deleted: Set<string>, columnId: string): ColumnEntry[] {
  return visible.flatMap((card): ColumnEntry[] => {
    const group = card.groupId ? groups.get(card.groupId) : undefined;
    if (!group) return card.columnId === columnId ? [{ card }] : [];
    const first = group.cardIds.find((id) => !deleted.has(id));
    return first === card.id && group.columnId === columnId ? [{ group }] : [];
  });
}

/**
 * CW-6, CW-10: the walked column's cards and groups in the order every screen shows them (`columnEntries`, GR-9), by
 * id, and where the spotlight stands among them (-1 for none). The facilitator's "Next card" / "Previous card" go by
 * it, and every screen outlines and counts by it, leaving out the cards it is deleting (`deleted`).
 */
export function walkSteps(board: PublicBoardView, deleted: Set<string> = new Set()): { ids: string[]; at: number } {
  if (!board.walkColumnId) return { ids: [], at: -1 };
  const groups = new Map(board.groups.map((g) => [g.id, g]));
  const visible = board.cards.filter((c) => !deleted.has(c.id));
  const ids = columnEntries(visible, groups, deleted, board.walkColumnId).map((entry) => ('group' in entry ? entry.group.id : entry.card.id));
  return { ids, at: board.walkItemId ? ids.indexOf(board.walkItemId) : -1 };
}
