import type { PublicBoardView, PublicLensItem } from '@candor/shared';

type LensBoard = Pick<PublicBoardView, 'phase' | 'currentItemId' | 'leftItemIds' | 'trustLens' | 'lens'>;

/** What one item's trust-lens panel shows: nothing, or its state and the line under it. */
export type LensPanel = null | {
  lens: PublicLensItem | undefined;
  /** TL-3, TL-9, TL-10: the item takes taps (the server refuses them otherwise) */
  canTap: boolean;
  /** the line under the buttons: the counts, counts still to come, or too few tapped to show them */
  line: 'counts' | 'waiting' | 'tooFew';
  /** TL-9: the item being discussed was left once, so its lens is closed */
  closed: boolean;
};

/**
 * TL-4, TL-9, TL-10: the lens panel of `itemId`, as the server's rules have it. Only Discuss has an item being
 * discussed: in Act the room has moved on from every item, so no item takes a tap, an item's counts either show or
 * too few tapped, and an item nobody tapped shows no panel (it said "0 people tagged this" in a walk-through).
 */
export function lensPanel(board: LensBoard, itemId: string): LensPanel {
  const lens = (board.lens ?? []).find((l) => l.itemId === itemId);
  const closed = (board.leftItemIds ?? []).includes(itemId);
  const discussingIt = board.phase === 'discuss' && board.currentItemId === itemId;
  if (!lens?.counts && !(board.trustLens && (discussingIt || lens))) return null;
  return {
    lens,
    canTap: board.trustLens && discussingIt && !closed,
    line: lens?.counts ? 'counts' : discussingIt ? 'waiting' : 'tooFew',
    closed: closed && discussingIt && board.trustLens,
  };
}
