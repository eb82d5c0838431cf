import type { BoardState } from '@candor/shared';
import type { BoardChanges, ParticipantRecord } from '../storage/BoardStore.js';

/**
 * CL-17: the pieces of catching up incrementally — a process's copy of a board brought up to the store by
 * folding only what changed since it was built, rather than rebuilding it from everything stored. What the
 * copy remembers of the rows and the anonymous state lives in memory only.
 */

/** A participant row as a copy remembers it, to tell a changed row from an unchanged one. */
export const rowKey = (p: ParticipantRecord): string => JSON.stringify([p.name, p.handle, p.authHash, p.isFacilitator]);

/**
 * The rows `known` does not hold yet, or null when a known row changed or went (someone forgotten through
 * another process, AB-6): what follows from that is the full rebuild's to work out.
 */
export function addedRows(known: ReadonlyMap<string, string>, rows: readonly ParticipantRecord[]): ParticipantRecord[] | null {
  const added: ParticipantRecord[] = [];
  let stillThere = 0;
  for (const row of rows) {
    const key = known.get(row.id);
    if (key === undefined) added.push(row);
    else if (key !== rowKey(row)) return null;
    else stillThere++;
  }
  return stillThere === known.size ? added : null;
}

/** Whether the events continue the copy's last folded seq with no gap, up to the board's last one. */
export function followsWithoutGap(changes: BoardChanges, afterSeq: number): boolean {
  if (changes.lastSeq !== afterSeq + changes.events.length) return false;
  return changes.events.every((e, i) => e.seq === afterSeq + 1 + i);
}

/**
 * Takes every anonymous fact (AR-1) out of `state` — cards, groups, votes and their indexes, pulse and
 * consensus answers, lens taps, reactions — leaving what the public log and the rows made, as a rebuild has it
 * just before it loads the anonymous state. A changed cards part is then loaded into it, with the marks.
 */
export function withoutAnonymousFacts(state: BoardState): void {
  for (const facts of [state.cards, state.groups, state.cardsByAuthor]) facts.clear();
  state.waitingWriters = 0;
  withoutMarks(state);
}

/**
 * AR-1, CL-17: takes the marks out of `state` — votes and their indexes, pulse and consensus answers, lens taps,
 * reactions — leaving the cards and groups, before a changed marks part is loaded into it.
 */
export function withoutMarks(state: BoardState): void {
  for (const facts of [state.votes, state.votesByVoter, state.pulse, state.roti, state.lensTaps, state.reactions]) facts.clear();
  for (const action of state.actions.values()) action.consensus?.answers.clear();
}
