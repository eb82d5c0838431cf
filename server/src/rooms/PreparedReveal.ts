import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { type BoardEvent, type BoardState, type Card, type CardEntry, type InsertCardRun, editedOf, groupOf, signatureOf } from '@candor/shared';

/** RV-10: below this many cards a reveal's run is encoded in well under a millisecond: nothing is prepared. */
const PREPARED_FROM_CARDS = 200;
/** RV-10: how soon after a batch of card changes their entries are encoded (off the path of those commands). */
const PREPARE_AFTER_MS = 50;
/** RV-10: how long prepared entries are kept once the board has left Write (its reveal projection may be held back, CM-4). */
const KEPT_AFTER_WRITE_MS = 1_000;

/**
 * RV-10: the reveal puts every card into the board document as one run of entries (RV-7), and Yjs encodes that
 * run, value by value, into the update 500 people wait for. On a big board in Write, each card's entry is
 * encoded ahead (lib0's own `writeAny`, in server memory only) as the cards are written; the reveal's update
 * then takes those bytes for every entry the public view shows exactly as prepared, and encodes the others
 * as Yjs would. Nothing prepared leaves the server before the reveal, nor other than as the public entry it
 * equals field for field; once the reveal's update has gone out, the run is Yjs's own content again.
 */
export class PreparedReveal {
  /** each unrevealed card's entry as a reveal would write it, and its bytes; null while nothing is prepared */
  private prepared: Map<string, { entry: CardEntry; bytes: Uint8Array }> | null = null;
  /** cards named by events since the last preparation (made with `prepared`: most boards never need either) */
  private dirty: Set<string> | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly state: BoardState) {}

  /** After a batch was stored (`RoomFanout.publish`): the cards its events name may now show otherwise. */
  changed(events: readonly BoardEvent[]): void {
    if (this.state.phase !== 'write') {
      if (this.prepared !== null) this.timer ??= setTimeout(() => this.prepare(), PREPARE_AFTER_MS);
      return;
    }
    if (this.state.cards.size < PREPARED_FROM_CARDS) return this.clear();
    let dirty = this.dirty;
    if (this.prepared === null || dirty === null) {
      // the board just became big enough (or came back to Write, RV-5): every card not revealed yet
      this.prepared = new Map();
      const all = (dirty = this.dirty = new Set());
      this.state.cards.forEach((card) => {
        if (!card.revealed) all.add(card.id);
      });
    } else {
      for (const event of events) if ('cardId' in event) dirty.add(event.cardId);
    }
    if (dirty.size > 0) this.timer ??= setTimeout(() => this.prepare(), PREPARE_AFTER_MS);
  }

  private prepare(): void {
    this.timer = undefined;
    const { prepared, dirty } = this;
    if (prepared === null || dirty === null) return;
    // out of Write with its reveal not projected yet (or revealing later cards in place, RV-5): kept a while, then dropped
    if (this.state.phase !== 'write') {
      this.timer = setTimeout(() => this.clear(), KEPT_AFTER_WRITE_MS);
      return;
    }
    for (const id of dirty) {
      const card = this.state.cards.get(id);
      if (!card || card.revealed) {
        prepared.delete(id);
        continue;
      }
      const entry = entryOf(card);
      const kept = prepared.get(id);
      if (!kept || !sameEntry(kept.entry, entry)) prepared.set(id, { entry, bytes: encodeAny(entry) });
    }
    dirty.clear();
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.prepared = null;
    this.dirty = null;
  }

  /**
   * The board document's insert of a whole run of cards into the empty card list (`projectBoardDoc`): with
   * entries prepared, one Yjs item whose content writes the run's bytes at once; otherwise Yjs's own insert.
   */
  readonly insert: InsertCardRun = (list, entries) => {
    const prepared = this.prepared;
    const doc = list.doc;
    // the path of Yjs's own insert at index 0 (typeListInsertGenerics), where there are no search markers to move
    if (!prepared?.size || doc === null || list.length !== 0 || (list._searchMarker?.length ?? 0) > 0) return list.insert(0, entries);
    const pieces: Uint8Array[] = [];
    for (const entry of entries) {
      const kept = prepared.get(entry[0]);
      pieces.push(kept && sameEntry(kept.entry, entry) ? kept.bytes : encodeAny(entry));
    }
    const content = new PreparedRun(entries, Buffer.concat(pieces));
    // the cards are revealed now: nothing more to prepare for them
    this.clear();
    Y.transact(doc, (transaction) => {
      const client = doc.clientID;
      const right = list._start;
      const item = new Y.Item(Y.createID(client, Y.getState(doc.store, client)), null, null, right, right && right.id, list, null, content);
      item.integrate(transaction, 0);
      doc.once('afterAllTransactions', () => {
        if (item.content === content) item.content = new Y.ContentAny(content.arr);
      });
    });
  };

  destroy(): void {
    this.clear();
  }
}

/** A run of card entries whose V1 encoding (lib0's, entry by entry) is already made. */
class PreparedRun extends Y.ContentAny {
  constructor(
    private readonly entries: CardEntry[],
    private readonly bytes: Uint8Array,
  ) {
    super(entries);
  }

  override write(encoder: Y.UpdateEncoderV1 | Y.UpdateEncoderV2, offset: number): void {
    // split, merged or in a V2 update: Yjs's own encoding
    if (offset !== 0 || this.arr !== this.entries || !(encoder instanceof Y.UpdateEncoderV1)) return super.write(encoder, offset);
    encoder.writeLen(this.arr.length);
    encoding.writeUint8Array(encoder.restEncoder, this.bytes);
  }
}

/** The entry a card shows once revealed, as the public view makes it (`cardEntry` of its public card). */
const entryOf = (c: Card): CardEntry => [c.id, c.columnId, c.text, groupOf(c), editedOf(c), signatureOf(c)];

const sameEntry = (a: CardEntry, b: CardEntry) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4] && a[5] === b[5];

/** What Yjs writes for one value of a `ContentAny` in a V1 update (`UpdateEncoderV1.writeAny`). */
function encodeAny(value: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeAny(encoder, value as never);
  return encoding.toUint8Array(encoder);
}
