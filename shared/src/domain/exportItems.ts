import type { PublicBoardView, PublicCard, PublicGroup } from './visibility.js';

/**
 * EX-5: the one place every export reads votes from. An item (a group, or a card standing alone) has its
 * votes once: a grouped card has none of its own — its group has them — so adding up any export's vote
 * column gives exactly the votes cast. Votes are null until tallies are shown (VO-4).
 */
export interface ExportItem {
  id: string;
  group: PublicGroup | null;
  cards: PublicCard[];
  votes: number | null;
}

/** Every item once, in reveal order (a group at its first card). */
export function exportItems(view: PublicBoardView): ExportItem[] {
  const groups = new Map(view.groups.map((g) => [g.id, g]));
  const items = new Map<string, ExportItem>();
  for (const card of view.cards) {
    const id = card.groupId ?? card.id;
    let item = items.get(id);
    if (!item) {
      item = { id, group: card.groupId ? (groups.get(card.groupId) ?? null) : null, cards: [], votes: view.tallies ? (view.tallies[id] ?? 0) : null };
      items.set(id, item);
    }
    item.cards.push(card);
  }
  return [...items.values()];
}

/** The votes a card's own row carries: its item's when it stands alone, none when its group carries them. */
export function cardRowVotes(view: PublicBoardView, card: PublicCard): number | null {
  if (!view.tallies || card.groupId) return null;
  return view.tallies[card.id] ?? 0;
}
