/**
 * DO-14…DO-16: what one notes update, and one notes document, may make the server do, counted in Yjs items:
 * an item Yjs places (a run of typed characters merges into one; a paste is one) and an item it walks past to
 * place an insert beside concurrent ones (YATA orders every concurrent insert at one position against the others
 * there: quadratic in them, issue "notes CPU"). Counting items, not time, gives the same answer on every machine.
 *
 * What honest editing was measured to send (the client's editor replayed with 150 ms–1 s of latency, one splice
 * per input event as `SharedTextarea` makes them; `RoomDocuments.notesCost.test.ts` replays the short versions):
 * a keystroke or a paste of any length is 1 item and walks 0 when nobody else types there; three to six people
 * typing at the same spot (the end of one note) for 5 minutes walk at most 4–14 items per keystroke; one person
 * typing all over a note for 10 minutes offline sends 1,079 items and 342 deletions when back, and one who typed
 * those 10 minutes at the spot two others were typing at walks 4,891 to place them. Rebuilding such a document
 * (5,400–6,000 items) from scratch walks 2,400–4,900: at most about one item walked per item held.
 *
 * What an item costs (this 2-core machine, best of 7): walking past one 0.2 µs (the attack's second update,
 * stopped at 50,000, took 10 ms), placing one 0.35 µs, rebuilding a document 1.1 µs per item it holds (100,000
 * items: 110 ms). An update at every bound at once is about 20 ms; a document at its bound rebuilds in ~55 ms.
 */
export const NOTES_BOUNDS = {
  /** items in one update (honest at most 1,079: 10 minutes offline) */
  updateItems: 10_000,
  /** Yjs clients with items in one update (a browser sends its own: 1); Yjs's pending path is per client */
  updateClients: 32,
  /** deletion ranges in one update (honest at most 342: 10 minutes offline) */
  updateDeletions: 10_000,
  /**
   * items walked past to place one update's inserts (honest at most 4,891: 10 minutes offline at a busy spot);
   * also the most its splitting of existing items may cost (`CheckedNotes` MOVES_PER_ITEM; a keystroke: 0–5)
   */
  updateWalk: 50_000,
  /** items in the whole notes document (a note three people typed into at one spot for 5 minutes: ~4,000) */
  documentItems: 50_000,
  /**
   * items walked to build the document from scratch — its checked copy, a stored update when loading — and,
   * summed over the updates stored since the last snapshot, before one is written (honest: about one per item
   * held, 2,400–4,900; twice `documentItems` leaves room)
   */
  documentWalk: 100_000,
  /** items walked in all to load a document's stored updates; past it the rest is left out (DO-16) */
  loadWalk: 300_000,
} as const;
