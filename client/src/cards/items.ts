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
