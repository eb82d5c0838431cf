import { open, sealSynthetic } from '../aesGcm.js';
import type { CardWritersKeys } from '../identity.js';

/**
 * AN-10, AR-8: how many people have unrevealed cards, as the cards part stores it (`StoredCards.writers`). In the
 * clear the number links cards: a part of several unrevealed cards that says one writer says they are all one
 * person's — and SQLite stores the part as it is (PostgreSQL seals it whole, AR-12). So it is stored sealed, on every
 * store, under keys derived from the server key (`Keyring.cardWritersKeys`, AR-7): AES-256-GCM of the number as four
 * bytes, bound to the board (a sealed number moved into another board's part does not open), after the key's id (four
 * bytes of a keyed hash: which server key sealed it, the same for every board), always 48 characters (base64url of
 * key id ‖ IV ‖ 4 bytes ‖ tag), so its length says nothing of it either.
 *
 * Its IV is synthetic (`sealSynthetic`): a keyed hash of the number, the board and the ids of the unrevealed cards it
 * counts the writers of — so a state encoded again gives the same bytes (a part unchanged is not written again, and
 * the copies of several processes agree on it), and two equal sealed numbers tell whoever holds two copies of the
 * files only that the unrevealed cards are the same ones, which the parts show anyway (their ids and flags are in them).
 *
 * Opening it: sealed under this key, it opens or is refused (`UnreadableWriters`: for another board, or changed since),
 * never read as some other count. Sealed under another key — SQLite data restored without its key file (AR-7), where
 * every keyed value of the old key is lost — the number is unknown here, as in a part stored before it was kept.
 */
const FORMAT = 1;
const KEY_ID_BYTES = 4;
/** base64url of the key id, the 12-byte IV, the number's 4 bytes and the 16-byte tag */
export const SEALED_WRITERS_CHARS = 48;
const SEALED = /^[A-Za-z0-9_-]{48}$/;

/**
 * what a sealed number counts: the card writers (AN-10), or the voters the marks part keeps (AN-12) — each bound to
 * its own, so one cannot be moved into the other's place
 */
export type SealedCount = 'card-writers' | 'voters';

const boundTo = (boardId: string, what: SealedCount = 'card-writers') => Buffer.from(`candor-${what}\u0000${FORMAT}\u0000${boardId}`, 'utf8');

/** A stored cards part whose writers, sealed under this server key, do not open: refused rather than misread. */
export class UnreadableWriters extends Error {
  constructor(boardId: string, why: string) {
    super(`board ${boardId}: the number of card writers stored with its cards (AN-10) ${why}; the part is refused rather than misread`);
  }
}

/** AR-7: the number was sealed under another server key (data restored without its key): unknown here */
export const ANOTHER_KEY = 'another-key';

export class WritersSeal {
  constructor(private readonly keys: CardWritersKeys) {}

  /**
   * `writers` sealed for `boardId`'s cards part; `unrevealedIds` are the ids of the unrevealed cards it counts the
   * writers of, as the part lists them (the IV's context)
   */
  seal(boardId: string, writers: number, unrevealedIds: string, what: SealedCount = 'card-writers'): string {
    if (!Number.isSafeInteger(writers) || writers < 0 || writers > 0xffffffff) throw new Error(`no count of writers: ${writers}`);
    const plain = Buffer.alloc(4);
    plain.writeUInt32BE(writers, 0);
    return Buffer.concat([this.keys.id, sealSynthetic(this.keys.seal, this.keys.iv, plain, boundTo(boardId, what), what === 'card-writers' ? unrevealedIds : `${what}\u0000${unrevealedIds}`)]).toString('base64url');
  }

  /**
   * The number `sealed` holds, or `ANOTHER_KEY` when another server key sealed it (AR-7); throws `UnreadableWriters`
   * when it is not a sealed number, or was sealed under this key for another board or changed since.
   */
  open(boardId: string, sealed: unknown, what: SealedCount = 'card-writers'): number | typeof ANOTHER_KEY {
    if (typeof sealed !== 'string' || !SEALED.test(sealed)) throw new UnreadableWriters(boardId, 'is not a sealed number');
    const bytes = Buffer.from(sealed, 'base64url');
    if (!bytes.subarray(0, KEY_ID_BYTES).equals(this.keys.id)) return ANOTHER_KEY;
    const writers = this.openUnderThisKey(boardId, bytes, what);
    if (writers === null) throw new UnreadableWriters(boardId, 'was sealed under this server key but does not open: sealed for another board, or changed since');
    return writers;
  }

  /** the number `sealed` holds, or null when it is not one sealed for `boardId` under this key (CL-29: read the store instead) */
  opened(boardId: string, sealed: unknown): number | null {
    if (typeof sealed !== 'string' || !SEALED.test(sealed)) return null;
    const bytes = Buffer.from(sealed, 'base64url');
    return bytes.subarray(0, KEY_ID_BYTES).equals(this.keys.id) ? this.openUnderThisKey(boardId, bytes) : null;
  }

  private openUnderThisKey(boardId: string, bytes: Buffer, what: SealedCount = 'card-writers'): number | null {
    let plain: Buffer;
    try {
      plain = open(this.keys.seal, bytes.subarray(KEY_ID_BYTES), boundTo(boardId, what));
    } catch {
      // (GCM's tag did not check: another board, or changed bytes)
      return null;
    }
    return plain.length === 4 ? plain.readUInt32BE(0) : null;
  }
}
