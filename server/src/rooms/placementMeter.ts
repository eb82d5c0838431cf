import * as Y from 'yjs';

/**
 * DO-14: what applying a Yjs update makes the server do, counted in items while Yjs does it, and stopped at a
 * budget. Yjs places each item of an update (`Item.integrate`); an item inserted beside concurrent ones is placed
 * by walking past them (YATA's conflict loop), so n concurrent inserts at one position cost n² steps — 4,000 of
 * them 16 million, six seconds of the one event loop every board shares. Nothing in Yjs's API says what an
 * update will cost before it is applied, so the meter wraps `Item.prototype.integrate`: only for a document
 * being metered (the notes' checked copy, a load), it counts the items the conflict loop is about to walk — by
 * the loop's own rules, without changing anything — and throws before the item is placed once the budget is
 * spent. The document is then left part-applied: a metered document is a copy that is thrown away, or a load
 * that starts again without that update.
 */

/** Why a metered apply stopped. */
export class PlacementStopped extends Error {
  constructor(
    /** `walk`: the walk bound was passed (the update is too costly); `work`: the allowance ran out (busy) */
    readonly bound: 'walk' | 'work',
    readonly work: Work,
  ) {
    super(`placement stopped at its ${bound} bound after ${work.placed} items placed and ${work.walked} walked`);
  }
}

/** Items placed, and items walked past to place them. */
export interface Work {
  placed: number;
  walked: number;
}

interface Meter extends Work {
  walkBudget: number;
  workBudget: number;
}

const meters = new WeakMap<Y.Doc, Meter>();

const integrate = Y.Item.prototype.integrate;
Y.Item.prototype.integrate = function meteredIntegrate(this: Y.Item, transaction: Y.Transaction, offset: number): void {
  const meter = meters.get(transaction.doc);
  if (meter) charge(meter, this, transaction, offset);
  integrate.call(this, transaction, offset);
};

/**
 * Applies `update` to `doc`, counting what placing its items costs; throws `PlacementStopped` (with `doc`
 * part-applied) once more than `walkBudget` items were walked past, or more than `workBudget` placed and walked.
 * Any other error of Yjs's (an update it cannot read) is thrown as it is.
 */
export function applyMetered(doc: Y.Doc, update: Uint8Array, budget: { walk: number; work?: number }, origin?: unknown): Work {
  const meter: Meter = { placed: 0, walked: 0, walkBudget: budget.walk, workBudget: budget.work ?? Infinity };
  meters.set(doc, meter);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    meters.delete(doc);
  }
  return { placed: meter.placed, walked: meter.walked };
}

/** The items (and garbage-collected ranges) a document holds: what rebuilding or encoding it is linear in. */
export function itemCount(doc: Y.Doc): number {
  let count = 0;
  for (const structs of doc.store.clients.values()) count += structs.length;
  return count;
}

/**
 * Counts the items `Item.integrate` will walk past to place `item`: the same start, the same end and the same
 * reasons to stop early as its conflict loop (yjs 13.6, src/structs/Item.js), reading only. A walk that ends at
 * once (the item's neighbours are next to each other, as for every edit of someone who has seen the whole note)
 * costs nothing. The count mirrors that loop: package.json holds yjs to 13.6.x, and a new minor version means
 * reading the loop again (the walks `RoomDocuments.notesCost.test.ts` expects, 10,000 × (j − 1) for the j-th of
 * several concurrent 100-character inserts at one spot, are the loop's).
 */
function charge(meter: Meter, item: Y.Item, transaction: Y.Transaction, offset: number): void {
  meter.placed++;
  spent(meter);
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return; // placed as garbage (its parent was collected): no walk
  const store = transaction.doc.store;
  let left = item.left;
  let origin = item.origin;
  if (offset > 0) {
    // part of the item is known already: Yjs places the rest after the known part
    origin = Y.createID(item.id.client, item.id.clock + offset - 1);
    const known = Y.getItem(store, origin);
    if (!(known instanceof Y.Item)) return;
    left = known;
  }
  const right = item.right;
  if (!((!left && (!right || right.left !== null)) || (left && left.right !== right))) return;
  let o: Y.Item | null;
  if (left) o = left.right;
  else if (item.parentSub !== null) {
    o = parent._map.get(item.parentSub) ?? null;
    while (o !== null && o.left !== null) {
      o = o.left;
      walked(meter);
    }
  } else o = parent._start;
  const beforeOrigin = new Set<Y.Item>();
  while (o !== null && o !== right) {
    walked(meter);
    beforeOrigin.add(o);
    if (Y.compareIDs(origin, o.origin)) {
      // concurrent with the same left neighbour: ordered by client id; Yjs stops at one that goes after it
      if (o.id.client >= item.id.client && Y.compareIDs(item.rightOrigin, o.rightOrigin)) break;
    } else if (o.origin === null || !beforeOrigin.has(Y.getItem(store, o.origin))) break;
    o = o.right;
  }
}

function walked(meter: Meter): void {
  meter.walked++;
  if (meter.walked > meter.walkBudget) throw new PlacementStopped('walk', { placed: meter.placed, walked: meter.walked });
  spent(meter);
}

function spent(meter: Meter): void {
  if (meter.placed + meter.walked > meter.workBudget) throw new PlacementStopped('work', { placed: meter.placed, walked: meter.walked });
}
