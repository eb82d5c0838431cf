import type { PublicCard, PublicGroup } from '@candor/shared';
import { columnEntries } from './items.js';

/** A group's cards that are still there, in the group's order. */
export function groupMembers(group: PublicGroup, cardsById: Map<string, PublicCard>, deleted: Set<string>): PublicCard[] {
  return group.cardIds.flatMap((id) => {
    const card = cardsById.get(id);
    return card && !deleted.has(id) ? [card] : [];
  });
}

/**
 * GR-10: every card as the columns show them, column by column, top to bottom (a group's cards where the group
 * stands): the order of "Group with…"'s list, so the card someone sees beside theirs is where they look for it.
 */
export function cardsInScreenOrder<C extends { id: string }>(
  columns: C[],
  visible: PublicCard[],
  groups: Map<string, PublicGroup>,
  deleted: Set<string>,
): { column: C; cards: PublicCard[] }[] {
  const cardsById = new Map(visible.map((c) => [c.id, c]));
  return columns.map((column) => ({
    column,
    cards: columnEntries(visible, groups, deleted, column.id).flatMap((entry) => ('group' in entry ? groupMembers(entry.group, cardsById, deleted) : [entry.card])),
  }));
}
