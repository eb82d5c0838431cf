import { draftKey, draftSlot, type DraftKind } from '../sync/draftStore.js';
import { forgetStored } from '../sync/forgetStored.js';

/** One draft this browser still keeps on a board: a new card's words for a column, or an action's or offer's for an item. */
export interface UnsentDraft {
  key: string;
  kind: DraftKind;
  /** the column (a card) or the item (an action, an offer) it was typed for */
  of: string;
  text: string;
}

/**
 * AC-10: every draft this browser keeps on the board (`draftStore`: a column's new card, an item's new action or offer)
 * that holds words, in storage order.
 */
export function unsentDrafts(boardId: string): UnsentDraft[] {
  const prefix = draftKey(boardId, '');
  const drafts: UnsentDraft[] = [];
  try {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(prefix)) continue;
      const text = localStorage.getItem(key) ?? '';
      if (!text.trim()) continue;
      drafts.push({ key, ...draftOfSlot(key.slice(prefix.length)), text });
    }
  } catch {
    // storage unavailable: nothing was kept
  }
  return drafts;
}

/**
 * AC-10: what the draft in a slot was typed for: `draftSlot` read backwards (an item's kinds are told by the prefix
 * `draftSlot` gives them; anything else is a column's new card). Here rather than in draftStore, which the board's
 * first load carries: only the summary at Close reads slots back.
 */
export function draftOfSlot(slot: string): { kind: DraftKind; of: string } {
  const kind = ITEM_DRAFTS.find((k) => slot.startsWith(draftSlot(k, '')));
  return kind ? { kind, of: slot.slice(draftSlot(kind, '').length) } : { kind: 'card', of: slot };
}
const ITEM_DRAFTS = ['action', 'offer'] as const;

/** AC-10: forgets every draft this browser keeps on the board (MY-2 forgets them with everything else). */
export function forgetDrafts(boardId: string): void {
  const prefix = draftKey(boardId, '');
  try {
    forgetStored((key) => key.startsWith(prefix), localStorage);
  } catch {
    // storage unavailable: nothing to forget
  }
}
