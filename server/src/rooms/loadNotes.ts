import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import type { NotesBounds } from './CheckedNotes.js';
import { PlacementStopped, applyMetered } from './placementMeter.js';

/**
 * DO-16: a notes document built from its stored updates with the placement of each metered (`placementMeter`).
 * Since DO-14 no stored update walks past `updateWalk`, and a snapshot is written once the updates stored since
 * the last one walked `documentWalk` in all, so loading walks at most about twice that. An update stored before
 * those bounds existed can walk millions (issue "notes CPU": two 4,000-character inserts at one spot, 16 million):
 * one that walks past `documentWalk` by itself is left out — the document is built again from the updates before
 * it, so nothing of it stays, and loading goes on after it — and past `loadWalk` in all the rest is left out too.
 * What is left out is logged; the store keeps it until the next snapshot replaces it.
 */
export function loadNotes(updates: Uint8Array[], origin: unknown, bounds: NotesBounds, logger: Logger, boardId: string): { doc: Y.Doc; walked: number } {
  let doc = new Y.Doc();
  const kept: Uint8Array[] = [];
  let keptWalk = 0;
  let walked = 0;
  for (let i = 0; i < updates.length; i++) {
    if (walked >= bounds.loadWalk) {
      logger.error({ board: boardId, doc: 'notes', from: i, of: updates.length, walked }, 'stored notes updates left out: loading them walks past the bound');
      break;
    }
    try {
      const work = applyMetered(doc, updates[i]!, { walk: Math.min(bounds.documentWalk, bounds.loadWalk - walked) }, origin);
      walked += work.walked;
      keptWalk += work.walked;
      kept.push(updates[i]!);
    } catch (err) {
      if (!(err instanceof PlacementStopped)) throw err;
      walked += err.work.walked;
      logger.error({ board: boardId, doc: 'notes', update: i, of: updates.length, placed: err.work.placed, walked: err.work.walked }, 'stored notes update left out: placing it walks past the bound');
      // what was kept, again, without the part of this one that was placed
      doc.destroy();
      doc = new Y.Doc();
      for (const update of kept) Y.applyUpdate(doc, update, origin);
      walked += keptWalk;
    }
  }
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    // updates that built on one left out wait for it forever; waiting, they would be merged into every later one
    logger.error({ board: boardId, doc: 'notes' }, 'stored notes changes that depend on a left-out update are left out too');
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
  }
  return { doc, walked: keptWalk };
}
