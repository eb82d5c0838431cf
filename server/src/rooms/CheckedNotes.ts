import * as Y from 'yjs';
import type { NOTES_BOUNDS } from './notesBounds.js';
import { PlacementStopped, applyMetered, itemCount } from './placementMeter.js';

export type NotesBounds = { -readonly [K in keyof typeof NOTES_BOUNDS]: number };

/**
 * Splitting an existing item moves every later entry of its writer's list in Yjs's store (an array splice):
 * 1,000 entries moved cost about what placing an item does (~0.5 ns each; 10,000 inserts that each split a run
 * of a 40,000-item document took 99 ms, against 3.5 ms for as many that split nothing).
 */
const MOVES_PER_ITEM = 1_000;

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/** DO-15: what a peer may still make the server spend on its updates, in items (placed, walked past, split, rebuilt). */
export interface WorkAllowance {
  available(): number;
  /** work already done is paid for, even past what was available */
  spend(items: number): void;
}

/** What became of trying an update, and the work it is charged (items placed, walked, deleted, rebuilt). */
export type Trial =
  | { verdict: 'applied'; work: number; walked: number }
  | { verdict: 'refused' | 'malformed' | 'costly' | 'busy'; work: number; reason: string };

/**
 * The notes document's checked copy (DO-14, PE-8): a second Y.Doc holding exactly what the live document holds,
 * on which a peer's update is tried — its shape first, from its decoding alone, then applied with its placement
 * metered, then PE-8's rules — before the store, the live document or anyone else sees it. Accepted, the update is
 * in the copy already; every other change of the live document (the server's own, another process's) is applied
 * to the copy as it happens (`follow`), so a keystroke costs what it places, not a copy of the whole document.
 *
 * An update refused after it reached the copy leaves the copy part-applied: the copy is dropped, built again
 * for the next update (metered: DO-16), and the refused update is charged that rebuild.
 */
export class CheckedNotes {
  private copy: Y.Doc | null = null;
  /** the live document's version at which building the copy walked past the bound: not tried again until it changes */
  private tangledAt = -1;

  constructor(
    private readonly live: () => { doc: Y.Doc; version: number },
    private readonly bounds: NotesBounds,
    /** DO-16: the document is too tangled to build within `documentWalk`: the operator should know, once */
    private readonly tangled: (walked: number) => void,
  ) {}

  /** The live document changed by another path than `try`: the copy follows. */
  follow(update: Uint8Array): void {
    if (this.copy) Y.applyUpdate(this.copy, update);
  }

  /** The copy no longer matches the live document (a refused update reached it, a store failed, a rebuild). */
  drop(): void {
    this.copy?.destroy();
    this.copy = null;
  }

  /** Tries a peer's update on the copy; with `allowance`, it may cost no more than that (DO-15). */
  try(update: Uint8Array, allowance: WorkAllowance | undefined): Trial {
    const shape = this.shapeOf(update);
    if ('verdict' in shape) return shape;
    const { items, deletions } = shape;
    const available = allowance ? allowance.available() : Infinity;
    if (available < items + deletions) return { verdict: 'busy', work: 0, reason: 'out of allowance' };
    const copy = this.build();
    if (!copy) return { verdict: 'costly', work: 0, reason: 'the notes are too tangled to take edits' };
    if (itemCount(copy) + items + deletions > this.bounds.documentItems) return { verdict: 'costly', work: 0, reason: 'the notes document is full' };
    const splits = splitWork(copy, shape.decoded);
    if (splits > this.bounds.updateWalk) return { verdict: 'costly', work: 0, reason: 'it splits too much of the document' };
    const upfront = deletions + splits;
    if (available < items + upfront) return { verdict: 'busy', work: 0, reason: 'out of allowance' };

    const notes = copy.getMap<Y.Text>('notes');
    const before = new Map(notes.entries());
    let placed: number;
    let walked: number;
    try {
      ({ placed, walked } = applyMetered(copy, update, { walk: this.bounds.updateWalk, work: available - upfront }));
    } catch (err) {
      const rebuild = this.spoiled();
      if (!(err instanceof PlacementStopped)) return { verdict: 'malformed', work: rebuild, reason: 'an update Yjs cannot apply' };
      const work = err.work.placed + err.work.walked + upfront + rebuild;
      if (err.bound === 'work') return { verdict: 'busy', work, reason: 'out of allowance' };
      return { verdict: 'costly', work, reason: `placing it walks past ${this.bounds.updateWalk} items (concurrent inserts at one spot)` };
    }
    const work = placed + walked + upfront;
    // PE-8: the text of the notes the server made, nothing else: no entry added, removed or replaced, no other
    // shared type, nothing left waiting for updates the server does not have
    const after = [...notes.entries()];
    const onlyTexts = after.length === before.size && after.every(([key, text]) => before.get(key) === text);
    const settled = copy.store.pendingStructs === null && copy.store.pendingDs === null;
    const onlyNotes = [...copy.share.keys()].every((key) => key === 'notes');
    if (!(onlyTexts && settled && onlyNotes)) return { verdict: 'refused', work: work + this.spoiled(), reason: 'only the text of existing notes may change' };
    if (itemCount(copy) > this.bounds.documentItems) return { verdict: 'costly', work: work + this.spoiled(), reason: 'the notes document is full' };
    return { verdict: 'applied', work, walked };
  }

  /**
   * DO-14: what can be read from the update without applying it. PE-8's shapes that need no document (a map
   * entry, a root type, content other than plain text) are refused here, so they never reach the copy; and an
   * update larger in items, Yjs clients or deletion ranges than honest editing sends, or with deletion ranges
   * that overlap (Yjs visits the items under each range), is refused as too costly.
   */
  private shapeOf(update: Uint8Array): Trial | { items: number; deletions: number; decoded: Decoded } {
    let decoded: Decoded;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return { verdict: 'malformed', work: 0, reason: 'an update Yjs cannot read' };
    }
    const { structs, ds } = decoded;
    const { updateItems, updateClients, updateDeletions } = this.bounds;
    if (structs.length > updateItems) return { verdict: 'costly', work: 0, reason: `${structs.length} items in one update (at most ${updateItems})` };
    const clients = new Set<number>();
    for (const struct of structs) {
      clients.add(struct.id.client);
      if (!(struct instanceof Y.Item)) continue;
      if (struct.parentSub !== null || typeof (struct.parent as unknown) === 'string') {
        return { verdict: 'refused', work: 0, reason: 'only the text of existing notes may change' };
      }
      if (!(struct.content instanceof Y.ContentString || struct.content instanceof Y.ContentDeleted)) {
        return { verdict: 'refused', work: 0, reason: 'notes hold plain text only' };
      }
    }
    if (clients.size > updateClients) return { verdict: 'costly', work: 0, reason: `${clients.size} Yjs clients in one update (at most ${updateClients})` };
    let deletions = 0;
    for (const ranges of ds.clients.values()) {
      deletions += ranges.length;
      for (let i = 1; i < ranges.length; i++) {
        if (ranges[i]!.clock < ranges[i - 1]!.clock + ranges[i - 1]!.len) return { verdict: 'costly', work: 0, reason: 'deletion ranges that overlap' };
      }
    }
    if (deletions > updateDeletions) return { verdict: 'costly', work: 0, reason: `${deletions} deletion ranges in one update (at most ${updateDeletions})` };
    return { items: structs.length, deletions, decoded };
  }

  /** The copy, built from the live document when there is none: null when that walks past `documentWalk`. */
  private build(): Y.Doc | null {
    if (this.copy) return this.copy;
    const { doc, version } = this.live();
    if (this.tangledAt === version) return null;
    const copy = new Y.Doc();
    try {
      applyMetered(copy, Y.encodeStateAsUpdate(doc), { walk: this.bounds.documentWalk });
    } catch (err) {
      copy.destroy();
      if (!(err instanceof PlacementStopped)) throw err;
      this.tangledAt = version;
      this.tangled(err.work.walked);
      return null;
    }
    this.copy = copy;
    return copy;
  }

  /** Drops the part-applied copy; what building it again will place is charged to whoever spoiled it. */
  private spoiled(): number {
    const rebuild = this.copy ? itemCount(this.copy) : 0;
    this.drop();
    return rebuild;
  }
}

/**
 * What splitting the document's existing items for `decoded` will cost, in items (MOVES_PER_ITEM): an insert
 * whose left neighbour ends inside an item, or whose right one starts inside one, and a deletion range whose ends
 * fall inside items, each split one, moving the entries after it in its writer's list. Read from the decoding
 * and the copy with a binary search each, before anything is applied.
 */
function splitWork(copy: Y.Doc, { structs, ds }: Decoded): number {
  let moves = 0;
  const split = (client: number, clock: number, after: boolean) => {
    const list = copy.store.clients.get(client);
    const last = list?.at(-1);
    if (!list || !last || clock < 0 || clock >= last.id.clock + last.length) return; // not an existing item: none split
    const index = Y.findIndexSS(list, clock);
    const item = list[index]!;
    if (after ? clock < item.id.clock + item.length - 1 : clock > item.id.clock) moves += list.length - index;
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { origin, rightOrigin } = struct;
    if (origin) split(origin.client, origin.clock, true);
    // typed inside a run, both neighbours are in it: one split serves both
    const sameCut = origin && rightOrigin && origin.client === rightOrigin.client && origin.clock + 1 === rightOrigin.clock;
    if (rightOrigin && !sameCut) split(rightOrigin.client, rightOrigin.clock, false);
  }
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      split(client, clock, false);
      split(client, clock + len - 1, true);
    }
  }
  return Math.ceil(moves / MOVES_PER_ITEM);
}
