import type { PublicCard, PublicGroup } from '@candor/shared';

/** Where a dragged card was let go: on a card, on a group, on a column's empty space (GR-*). */
export type DropTarget = { kind: 'card' | 'group' | 'column'; id: string };

/** What letting a card go there does: the one command it sends, or nothing. */
export type DropOutcome =
  | { kind: 'group'; withCardId: string }
  | { kind: 'join'; groupId: string; withCardId: string }
  | { kind: 'ungroup' }
  | { kind: 'none' };

/**
 * GR-*, UI-13: the effect of a drop, decided once for the command the page sends and for what a screen reader is
 * told. The announcement was "Dropped … Over the card: …. Drop to group them.", the hint of the move, not its result.
 */
export function dropOutcome(dragged: PublicCard, target: DropTarget | null, cards: Map<string, PublicCard>, groups: Map<string, PublicGroup>): DropOutcome {
  if (!target) return { kind: 'none' };
  if (target.kind === 'card') {
    const other = cards.get(target.id);
    if (!other || other.id === dragged.id || (dragged.groupId && other.groupId === dragged.groupId)) return { kind: 'none' };
    return { kind: 'group', withCardId: other.id };
  }
  if (target.kind === 'group') {
    if (target.id === dragged.groupId) return { kind: 'none' };
    const withCardId = groups.get(target.id)?.cardIds.find((id) => id !== dragged.id);
    return withCardId ? { kind: 'join', groupId: target.id, withCardId } : { kind: 'none' };
  }
  return dragged.groupId ? { kind: 'ungroup' } : { kind: 'none' };
}
