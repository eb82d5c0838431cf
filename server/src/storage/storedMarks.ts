import { type BoardState, type TrustPart, knownVoters } from '@candor/shared';
import type { AnonymousPart } from './BoardStore.js';
import type { IdKind, SlotKind } from './factTags.js';
import { PART_FORMAT } from './storedCards.js';

/** AR-1: the marks part: what people put on the cards and actions, each with its own stored tag */
export interface StoredMarks {
  format: typeof PART_FORMAT;
  votes: { target: string; tag: string }[];
  pulse: { tag: string; value: number }[];
  /** GP-5: one "worth the time?" answer per person; absent in parts stored before it */
  roti?: { tag: string; value: number }[];
  consensus: { action: string; tag: string; value: number }[];
  /** TL-*: one entry per person and item, the parts they tapped */
  lens: { item: string; tag: string; parts: TrustPart[] }[];
  /** RX-2: one entry per person, item and kind of reaction */
  reactions: { item: string; reaction: string; tag: string }[];
  /**
   * AN-12: how many people have votes — an aggregate, not who nor which votes are whose. After a load it stands for
   * the voters still to be recognised (AR-2), so that each waiting vote is not taken for a voter of its own, and
   * Vote closes with the same decision in every process. Sealed like the card writers (`WritersSeal`, AN-10): in
   * the clear, one voter and several votes would say they are all one person's. Absent in parts stored before it.
   */
  voters?: string;
}

/** how a person's in-memory tag becomes the stored tag of one of their facts (`factTags.ts`) */
export interface StoredTagOf {
  slot(personTag: string, kind: SlotKind, slot: number): string;
  id(personTag: string, kind: IdKind, id: string): string;
}

/** GP-5: the id a person's one "worth the time?" answer is tagged under (`perIdTag`) */
export const ROTI_ID = 'retro';

export const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** The marks part's JSON: every mark with its own tag, each list sorted by tag, so no order of creation survives. */
/** AN-12: the number of voters sealed for the part; `votes` is the votes' stored tags, in order (its IV's context) */
export type SealVoters = (voters: number, votes: string) => string;

export function storedMarksJson(state: BoardState, tagOf: StoredTagOf, sealVoters: SealVoters): string {
  const votes: StoredMarks['votes'] = [];
  for (const [voter, targets] of state.votesByVoter) {
    // a voter's units get slots 0, 1, 2… in target order; a placeholder stands for exactly one stored unit
    let slot = 0;
    for (const [target, n] of [...targets].sort(byKey(([t]) => t))) {
      for (let i = 0; i < n; i++) votes.push({ target, tag: tagOf.slot(voter, 'vote', slot++) });
    }
  }
  const pulse = [...state.pulse].map(([tag, value]) => ({ tag: tagOf.slot(tag, 'pulse', 0), value }));
  // (one per person: a tag of its own per board, ROTI_ID, unlinkable to their pulse answer's slot tag)
  const roti = [...state.roti].map(([tag, value]) => ({ tag: tagOf.id(tag, 'roti', ROTI_ID), value }));
  const consensus: StoredMarks['consensus'] = [];
  for (const action of state.actions.values()) {
    for (const [tag, value] of action.consensus?.answers ?? []) consensus.push({ action: action.id, tag: tagOf.id(tag, 'consensus', action.id), value });
  }
  const lens: StoredMarks['lens'] = [];
  for (const [item, byTag] of state.lensTaps) for (const [tag, parts] of byTag) lens.push({ item, tag: tagOf.id(tag, 'lens', item), parts: [...parts].sort() });
  const reactions: StoredMarks['reactions'] = [];
  for (const [item, byReaction] of state.reactions) {
    for (const [reaction, tags] of byReaction) for (const tag of tags) reactions.push({ item, reaction, tag: tagOf.id(tag, 'reaction', `${item}\u0000${reaction}`) });
  }
  const marks: StoredMarks = {
    format: PART_FORMAT,
    votes: votes.sort(byKey((v) => v.tag)),
    pulse: pulse.sort(byKey((p) => p.tag)),
    roti: roti.sort(byKey((r) => r.tag)),
    consensus: consensus.sort(byKey((c) => c.tag)),
    lens: lens.sort(byKey((l) => l.tag)),
    reactions: reactions.sort(byKey((x) => x.tag)),
  };
  marks.voters = sealVoters(knownVoters(state) + state.waitingVoters, marks.votes.map((v) => v.tag).join(','));
  return JSON.stringify(marks);
}

/** a stored part's JSON, refused if it is not of this format */
export function parsePart<T extends { format: number }>(json: string, part: AnonymousPart): T {
  const stored = JSON.parse(json) as T;
  if (stored.format !== PART_FORMAT) throw new Error(`unknown anonymous-state ${part} format ${String(stored.format)}`);
  return stored;
}
