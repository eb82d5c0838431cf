import { fail } from '../protocol/errors.js';
import type { Command } from '../protocol/messages.js';
import type { BoardEvent, BoardState } from './board.js';
import type { Actor, Decision } from './decide.js';
import { itemIds } from './voting.js';

/**
 * TL-*: the trust lens. Trust = (credibility + reliability + empathy) / apparent self-interest: while an
 * item is discussed, the room may tap which parts of trust it touches. Taps are anonymous like votes: kept
 * under a keyed trust tag, never a name, and shown only as counts, once the room has moved on from the
 * item and enough people tapped that no one's taps can be told apart.
 */
export const TRUST_PARTS = ['credibility', 'reliability', 'empathy', 'self-interest'] as const;
export type TrustPart = (typeof TRUST_PARTS)[number];
export type TrustCounts = Record<TrustPart, number>;

/** item id → trust tag → the parts that person tapped */
export type LensTaps = Map<string, Map<string, Set<TrustPart>>>;

export type LensEvent = { type: 'lens.switched'; on: boolean } | { type: 'lens.tapped'; itemId: string; part: TrustPart; trustTag: string; on: boolean };

export interface PublicLensItem {
  itemId: string;
  /** how many people tapped anything on this item (never who) */
  tappers: number;
  /** TL-4: per part, null while the item is discussed or until more than the board's `minOthersToShow` people tapped (AN-9) */
  counts: TrustCounts | null;
}

export function evolveLens(state: BoardState, event: LensEvent): void {
  if (event.type === 'lens.switched') {
    state.trustLens = event.on;
    return;
  }
  const byTag = state.lensTaps.get(event.itemId) ?? new Map<string, Set<TrustPart>>();
  const parts = byTag.get(event.trustTag) ?? new Set<TrustPart>();
  if (event.on) parts.add(event.part);
  else parts.delete(event.part);
  if (parts.size > 0) byTag.set(event.trustTag, parts);
  else byTag.delete(event.trustTag);
  if (byTag.size > 0) state.lensTaps.set(event.itemId, byTag);
  else state.lensTaps.delete(event.itemId);
}

type LensCommand = Extract<Command, { type: 'lens.set' | 'lens.tap' }>;
const done = (events: BoardEvent[]): Decision => ({ ok: true, events, data: {} });

export function decideLens(state: BoardState, actor: Actor, command: LensCommand): Decision {
  if (command.type === 'lens.set') return done(state.trustLens === command.on ? [] : [{ type: 'lens.switched', on: command.on }]);
  if (!itemIds(state).includes(command.itemId)) return fail('NOT_FOUND', 'No such item.');
  if (!state.trustLens) return fail('CONFLICT', 'The trust lens is switched off.');
  if (state.currentItemId !== command.itemId) return fail('CONFLICT', 'Only the item being discussed can be tagged.');
  // TL-9: an item's breakdown may already have been shown when the room moved on from it; taps added on a
  // later turn would show as the difference between two breakdowns
  if (state.leftItemIds.has(command.itemId)) return fail('CONFLICT', 'The room has moved on from this item once; its trust lens is closed.');
  const tapped = state.lensTaps.get(command.itemId)?.get(actor.trustTag)?.has(command.part) ?? false;
  if (tapped === command.on) return done([]);
  return done([{ type: 'lens.tapped', itemId: command.itemId, part: command.part, trustTag: actor.trustTag, on: command.on }]);
}

/**
 * TL-4: a per-item breakdown shows only when every viewer, whatever they tapped themselves, sees the taps
 * of at least `minOthersToShow` others (the board's, which the facilitator may raise, AN-9) — and never while the item is discussed, so a tap never shows
 * the moment it is made (taps are taken only then: TL-3, TL-10).
 */
export function lensBreakdownVisible(state: BoardState, itemId: string, tappers: number): boolean {
  // TL-10: only Discuss has an item being discussed; in Act the last one's breakdown may show
  const discussing = state.phase === 'discuss' && state.currentItemId === itemId;
  return !discussing && tappers - 1 >= state.minOthersToShow; // AN-9: a raised threshold holds here too
}

export function publicLens(state: BoardState): PublicLensItem[] {
  return [...state.lensTaps.entries()].map(([itemId, byTag]) => {
    const tappers = byTag.size;
    if (!lensBreakdownVisible(state, itemId, tappers)) return { itemId, tappers, counts: null };
    const counts = emptyCounts();
    for (const parts of byTag.values()) for (const part of parts) counts[part] += 1;
    return { itemId, tappers, counts };
  });
}

/** TL-5: my own taps, per item. */
export function myLens(state: BoardState, trustTag: string): Record<string, TrustPart[]> {
  const mine: Record<string, TrustPart[]> = {};
  for (const [itemId, byTag] of state.lensTaps) {
    const parts = byTag.get(trustTag);
    if (parts) mine[itemId] = TRUST_PARTS.filter((p) => parts.has(p));
  }
  return mine;
}

export function emptyCounts(): TrustCounts {
  return { credibility: 0, reliability: 0, empathy: 0, 'self-interest': 0 };
}
