import { Keyring } from '../identity.js';
import { WritersSeal } from './sealedWriters.js';
import type { SealWriters } from './storedCards.js';

/** A person's tags as the anonymous-state tests use them: one distinct value per kind of fact, named after them. */
export function tagsOf(who: string | number) {
  return {
    authorTag: `author-${who}`.padEnd(43, 'x'),
    voterTag: `voter-${who}`.padEnd(43, 'x'),
    pulseTag: `pulse-${who}`.padEnd(43, 'x'),
    consensusTag: `consensus-${who}`.padEnd(43, 'x'),
    trustTag: `trust-${who}`.padEnd(43, 'x'),
    reactionTag: `reaction-${who}`.padEnd(43, 'x'),
  };
}

/** both parts of a stored anonymous state as one JSON text (the cards part's fields, then the marks part's) */
export function storedText(parts: { cards: Uint8Array | null; marks: Uint8Array | null }): string {
  const fields = (blob: Uint8Array | null) => (blob ? (JSON.parse(Buffer.from(blob).toString('utf8')) as object) : {});
  return JSON.stringify({ ...fields(parts.cards), ...fields(parts.marks) });
}

/** AN-10: the writers seal the anonymous-state tests encode and load with (a server key of their own) */
export const testWriters = new WritersSeal(new Keyring(Buffer.alloc(32, 11)).cardWritersKeys());

/** `testWriters` sealing for a board `boardId`'s cards part (`storedCardsJson`, `StoredCardsBuilder.build`) */
export const sealWritersOf =
  (boardId: string): SealWriters =>
  (writers, unrevealedIds) =>
    testWriters.seal(boardId, writers, unrevealedIds);
