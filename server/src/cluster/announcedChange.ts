import { open, seal } from '../aesGcm.js';
import { paddedSize } from '../storage/sealedState.js';

/**
 * CL-29: what a "board B changed" announcement (CL-5) may carry of the change itself, so that the processes
 * holding B fold it without reading the part it rewrote from PostgreSQL: a batch that only added cards (a busy
 * Write) sends the added cards' stored entries — their at-rest form (AR-1), each with its own per-fact tag (AR-2),
 * what a dump of the cards part holds, never a person id or an in-memory tag — with the digest of the cards part they
 * were added to and of the one it stored. A receiver folds them only if its copy holds the part they were added to
 * (same digest), and reads from PostgreSQL as before otherwise: correctness never depends on Redis. Sealed with AES-256-GCM under a key derived
 * from the server key (bound to the board and version), so Redis sees no card's text; pub/sub keeps nothing. What
 * it carries is what the part stores, so it links nothing a dump of the part would not (AR-8): the writers (AN-10)
 * go sealed inside, as the part holds them.
 */
export interface AnnouncedChange {
  cards: {
    /** the stored entries of the cards the batch added (one card's JSON each, as the cards part holds it) */
    added: readonly string[];
    /** `anonymousDigest` of the cards part the batch added them to (the one stored before it) */
    base: string;
    /** `anonymousDigest` of the cards part the batch stored */
    digest: string;
    /**
     * AN-10: the writers that part stored (`StoredCards.writers`), which the receiver's count goes by: sealed as
     * stored (`sealedWriters.ts`, 48 characters whatever the number), so that not even the announcement's length
     * says it, and it opens only for its board
     */
    writers: string;
  };
}

/**
 * CL-29: the most card entries' bytes an announcement carries: a batch that added more (a board's first encode
 * after a rebuild counts every card as added) announces its version alone, and the others read the part
 */
export const ANNOUNCED_CARDS_MAX_BYTES = 32 * 1024;


const boundTo = (boardId: string, version: number) => Buffer.from(`${boardId}\u0000${version}`, 'utf8');

/**
 * CL-29: the change sealed for the announcement of `version` of `boardId` (base64), its JSON padded with spaces (which
 * JSON.parse skips) to the size the stored parts are padded to (AR-12: at least 4 KiB, then steps of 1/16): whoever
 * watches Redis sees which process announced it, and after the reveal every card's text, so the length must not say
 * how long the added cards are.
 */
export function sealChange(key: Buffer, boardId: string, version: number, change: AnnouncedChange): string {
  const json = Buffer.from(JSON.stringify(change), 'utf8');
  const padded = Buffer.alloc(paddedSize(json.byteLength), ' ');
  json.copy(padded);
  return seal(key, padded, boundTo(boardId, version)).toString('base64');
}

/** CL-29: the change sealed for that announcement, or null if it is not one (another board, version or key) */
export function openChange(key: Buffer, boardId: string, version: number, sealed: string): AnnouncedChange | null {
  try {
    const plain = open(key, Buffer.from(sealed, 'base64'), boundTo(boardId, version));
    const change = JSON.parse(plain.toString('utf8')) as AnnouncedChange;
    const { added, base, digest, writers } = change.cards ?? {};
    return Array.isArray(added) && added.every((e) => typeof e === 'string') && typeof base === 'string' && typeof digest === 'string' && typeof writers === 'string'
      ? change
      : null;
  } catch {
    return null;
  }
}
