import * as Y from 'yjs';
import { LIMITS, type DocName, isEmptyStateVector } from '@candor/shared';
import { StaleCopy, type BoardStore } from '../storage/BoardStore.js';
import { Fenced } from '../storage/fenced.js';
import type { Logger } from '../logger.js';
import { SerialQueue } from './SerialQueue.js';
import { CheckedNotes, type NotesBounds, type WorkAllowance } from './CheckedNotes.js';
import { loadNotes } from './loadNotes.js';
import { NOTES_BOUNDS } from './notesBounds.js';

/**
 * One document connection as the room sees it (beside `RoomSocket`, which carries commands). The transport
 * decides how the bytes travel: framing, compression, limits.
 */
export interface DocPeer {
  readonly participantId: string;
  /** a stored, applied update; every peer gets the very same bytes, so the transport can encode them once */
  sendUpdate(update: Uint8Array): void;
  /** RV-11: encodes `update` as `sendUpdate` would send it, without sending it (it is sent later, the encoding kept) */
  encodeAhead?(update: Uint8Array): void;
  /** DO-3: something this peer sent could not be stored: it must reconnect and send what it has again */
  resync(): void;
  /** DO-14: an update this peer sent was refused as too costly, nothing of it kept (a read-only peer has none) */
  refuseCostly?(reason: string): void;
  /** LK-1: an update this peer sent was refused because the board is locked for them, nothing of it kept */
  refuseLocked?(): void;
  /** DO-15: what this peer's updates may still make the server spend; without one, only DO-14's bounds hold */
  readonly work?: WorkAllowance;
}

/**
 * What became of an update a peer sent: applied; refused (PE-6…PE-8); malformed; failed to store (DO-3); too
 * costly (DO-14, DO-16: the peer is told); or dropped as busy, its sender's allowance spent (DO-15).
 */
export type UpdateVerdict = 'applied' | 'refused' | 'malformed' | 'failed' | 'costly' | 'busy';

export interface RoomDocumentsDeps {
  store: BoardStore;
  logger: Logger;
  /** PE-8 / notes frozen at Close: may people edit the notes now? */
  notesWritable: () => boolean;
  /** LK-1: is the board locked for this participant (read-only for everyone but the facilitator)? */
  notesLockedFor?: (participantId: string) => boolean;
  /** which documents are stored (the board document is a projection; see BoardRoom) */
  stored: Record<DocName, boolean>;
  /** BD-2: a deleted board stores nothing more */
  deleted: () => boolean;
  /**
   * CL-6: several processes serve the board: a notes update this room stored (its number `count` among the
   * stored ones) goes to the others once stored; compaction first takes in what the others stored.
   */
  notesStored?: (update: Uint8Array, count: number) => void;
  /**
   * CL-6: the stored notes were rewritten as one snapshot that holds updates this room could not store before (DO-3),
   * which the other processes never got: they read them again
   */
  notesRewritten?: () => void;
  /** CL-6: every stored update of a document, to take in what other processes stored */
  storedUpdates?: (name: DocName) => Promise<Uint8Array[]>;
  /**
   * CL-8: the epoch of the board's writer lease while this process holds it, else null. Given, the server's
   * own document writes and compactions happen only under the lease and are fenced by it.
   */
  writerEpoch?: () => number | null;
  /** DO-14…DO-16 (tests make them smaller) */
  notesBounds?: Partial<NotesBounds>;
  /**
   * LK-1 CL-34: several processes serve the board: the stored board's version this room's copy stands at, and how it
   * catches up. A person's notes edit is stored only at that version (else asked for again once caught up): one
   * decided against a copy that had not yet heard of a lock or of Close made through another process was kept (3 of 8
   * edits sent at the lock's ack)
   */
  storedVersion?: () => number | undefined;
  catchUp?: () => Promise<void>;
}

/** RV-11: a copy of the board document (`RoomDocuments.fork`) and the document version it was made at */
export interface ForkedDocument {
  readonly doc: Y.Doc;
  readonly version: number;
}

/** How many updates a document may pile up in the store before they are folded into one snapshot. */
export const DOC_UPDATES_BEFORE_COMPACTION = 500;
/** How long a document must be quiet before its stored updates are folded together. */
export const COMPACTION_QUIET_MS = 2_000;
/**
 * PE-9: how long past DOC_UPDATES_BEFORE_COMPACTION the fold waits for that quiet at most. Without it a room typing
 * with no 2-second pause (several people in one item's notes) kept every stored keystroke, the erased ones too.
 */
export const COMPACTION_MAX_WAIT_MS = 10_000;
/** DO-3: after a failed store, how soon (then doubling, up to the maximum) the snapshot is tried again. */
const SNAPSHOT_RETRY_MS = 500;
const SNAPSHOT_RETRY_MAX_MS = 30_000;
/** What a document that lacks nothing is sent: an update with no change. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
const isEmptyUpdate = (update: Uint8Array) => update.length === EMPTY_UPDATE.length && update.every((byte, i) => byte === EMPTY_UPDATE[i]);
/** Origins of updates already stored: loaded, or taken in from another process (CL-6). */
const LOADED = Symbol('loaded');
const STORED = Symbol('stored');
/** Origin of a peer's update that was tried on the notes' checked copy (it is there already) and then stored. */
const CHECKED = Symbol('checked');

interface Document {
  name: DocName;
  doc: Y.Doc;
  /** each peer with the document version it was last given the whole answer for (DO-1) */
  peers: Map<DocPeer, { answeredVersion: number }>;
  /** bumped by every change of the document */
  version: number;
  /** the whole document encoded once per version, shared by every peer that asks for everything (ME-2: only the current one) */
  fullAnswer: { version: number; update: Uint8Array } | null;
  /** stores, applies and relays strictly in order */
  queue: SerialQueue;
  /** a store failed: the next write is a full snapshot (DO-3) */
  dirty: boolean;
  /** the server's own updates not yet stored, so not yet relayed */
  unrelayed: Uint8Array[];
  retryTimer?: NodeJS.Timeout;
  retryMs: number;
  compactionTimer?: NodeJS.Timeout;
  /** when the compaction waiting for quiet runs at the latest (COMPACTION_MAX_WAIT_MS after it was first asked for) */
  compactionDeadline?: number;
  /** AB-16: a compaction queued and not yet started, which a compaction asked for now joins */
  compactionWaiting?: Promise<void>;
  /** CL-6: the highest stored-update number seen (here or from another process), to notice a missed one */
  knownCount: number;
  /** the document's `update` listener (the one path of the server's own changes) */
  onUpdate?: (update: Uint8Array, origin: unknown) => void;
  /** notes: the copy a peer's update is tried on first (DO-14) */
  checked?: CheckedNotes;
  /** DO-16: items walked to place the updates stored since the last snapshot (as loaded, then as received) */
  storedWalk: number;
}

/**
 * The room's two Yjs documents and the one path every change of them takes: validate, await the store,
 * apply, then hand the same bytes to the room's peers (DO-2). Nothing reaches another peer before it is
 * stored; an update that could not be stored is refused and its sender resyncs (DO-3).
 */
export class RoomDocuments {
  private readonly board: Document;
  /**
   * ME-11: the notes document is made the first time something needs it (a connection, a note the server
   * creates, an export, another process's update); until then the room keeps only the updates it loaded.
   */
  private notes: Document | null = null;
  private notesLoaded: Uint8Array[];
  private readonly bounds: NotesBounds;

  constructor(
    private readonly boardId: string,
    loaded: Record<DocName, Uint8Array[]>,
    private readonly deps: RoomDocumentsDeps,
  ) {
    this.bounds = { ...NOTES_BOUNDS, ...deps.notesBounds };
    this.board = this.open('board', loaded.board);
    this.notesLoaded = loaded.notes;
  }

  private document(name: DocName): Document {
    if (name === 'board') return this.board;
    if (!this.notes) {
      this.notes = this.open('notes', this.notesLoaded);
      this.notesLoaded = [];
    }
    return this.notes;
  }

  /** ME-11: whether the notes document was made yet (the board document always is) */
  opened(name: DocName): boolean {
    return name === 'board' || this.notes !== null;
  }

  /** Whether the stored document is more than one snapshot (as far as this process knows): a compaction would fold it. */
  storedInPieces(name: DocName): boolean {
    return this.opened(name) && this.document(name).knownCount > 1;
  }

  private open(name: DocName, updates: Uint8Array[]): Document {
    const loaded = this.load(name, updates);
    const document: Document = {
      name,
      doc: loaded.doc,
      peers: new Map(),
      version: 0,
      fullAnswer: null,
      queue: new SerialQueue(),
      dirty: false,
      unrelayed: [],
      retryMs: SNAPSHOT_RETRY_MS,
      knownCount: updates.length,
      storedWalk: loaded.walked,
    };
    if (name === 'notes') {
      document.checked = new CheckedNotes(() => document, this.bounds, (walked) =>
        this.deps.logger.error({ board: this.boardId, doc: name, walked }, 'notes too tangled to check: edits refused until they change otherwise'),
      );
    }
    this.listen(document);
    return document;
  }

  /** A document from its stored updates; the notes' placement is metered and bounded (DO-16). */
  private load(name: DocName, updates: Uint8Array[]): { doc: Y.Doc; walked: number } {
    if (name === 'notes') return loadNotes(updates, LOADED, this.bounds, this.deps.logger, this.boardId);
    const doc = new Y.Doc();
    for (const update of updates) Y.applyUpdate(doc, update, LOADED);
    return { doc, walked: 0 };
  }

  private listen(document: Document): void {
    document.onUpdate = (update: Uint8Array, origin: unknown) => {
      document.version++;
      // ME-2: an answer for an older version is never sent again: not kept until the next peer asks
      document.fullAnswer = null;
      if (origin === CHECKED) return;
      document.checked?.follow(update);
      if (origin === LOADED || origin === STORED) return;
      // RV-9: the board document is a projection of what is stored already, never stored itself (AR-4): with
      // nothing of the document's before it in the queue, its change goes to the peers in this very turn,
      // before the command's ack and anyone's personal view (a reveal reaches 500 people a queue hop sooner).
      if (!this.deps.stored[document.name] && document.queue.idle) return this.relay(document, update, null);
      // The server's own change (a projection of committed events, or a note it creates) is in memory
      // already; it reaches peers only once it is stored.
      void document.queue.run(async () => {
        const stored = await this.store(document, update, true);
        if (stored === true) this.relay(document, update, null);
        else if (stored === 'fenced') void document.queue.run(() => this.rebuild(document));
        else document.unrelayed.push(update);
      });
    };
    document.doc.on('update', document.onUpdate);
  }

  /**
   * Writes the first content of a document that is not stored and that nobody holds yet (the board document's
   * first projection, AR-4): no peer needs it as an update, so it does not take the update path — Yjs encodes
   * an update only for a document with an `update` listener, and on a 1,500-card board that encoding was
   * about 80 ms of every board load (a restart's critical path).
   */
  seed(name: DocName, write: (doc: Y.Doc) => void): void {
    const document = this.document(name);
    if (this.deps.stored[name] || document.peers.size > 0) throw new Error(`the ${name} document is stored or held: its changes take the update path`);
    document.doc.off('update', document.onUpdate!);
    try {
      write(document.doc);
    } finally {
      document.doc.on('update', document.onUpdate!);
      document.version++;
    }
  }

  /**
   * CL-8: this process wrote under a writer lease it had lost: the write was refused, but its copy holds it.
   * The copy is built again from what is stored, and its peers resync from it (they never got the write).
   */
  private async rebuild(document: Document): Promise<void> {
    const stored = await this.deps.storedUpdates!(document.name);
    const old = document.doc;
    const loaded = this.load(document.name, stored);
    document.doc = loaded.doc;
    document.storedWalk = loaded.walked;
    document.checked?.drop();
    this.listen(document);
    old.destroy();
    document.version++;
    document.fullAnswer = null;
    document.knownCount = stored.length;
    document.unrelayed = [];
    this.deps.logger.warn({ board: this.boardId, doc: document.name }, 'writer lease lost: document copy rebuilt from storage');
    for (const peer of document.peers.keys()) peer.resync();
  }

  doc(name: DocName): Y.Doc {
    return this.document(name).doc;
  }

  /**
   * RV-11: a copy of the board document as it is now, to write a change into ahead of time (`adopt`). It writes as the
   * room's own document does (the same Yjs client, from the same clock), so its update builds on what every peer holds.
   */
  fork(): ForkedDocument {
    const document = this.board;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(document.doc), LOADED);
    // (once the copy is loaded: a copy loading items of its own client id takes them for another writer's, and Yjs
    // draws it a new id, saying so on the console)
    doc.clientID = document.doc.clientID;
    return { doc, version: document.version };
  }

  /** RV-11: has every peer's transport encode `update` now, so that relaying it later sends what is encoded already */
  encodeAhead(update: Uint8Array): void {
    for (const peer of this.board.peers.keys()) peer.encodeAhead?.(update);
  }

  /**
   * RV-11: the board document becomes `fork`, into which `update` was written, and every peer is sent `update` —
   * provided nothing changed the document since it was forked (its version) and nothing of it waits to be stored
   * (the board document is a projection, never stored: AR-4). False, and nothing done, otherwise.
   */
  adopt(fork: ForkedDocument, update: Uint8Array): boolean {
    const document = this.board;
    if (fork.version !== document.version || this.deps.stored.board || !document.queue.idle) return false;
    const old = document.doc;
    old.off('update', document.onUpdate!);
    document.doc = fork.doc;
    this.listen(document);
    old.destroy();
    document.version++;
    document.fullAnswer = null;
    this.relay(document, update, null);
    return true;
  }

  get busy(): boolean {
    return !this.board.queue.idle || (this.notes !== null && !this.notes.queue.idle);
  }

  /** DO-8: adds a peer unless this person already holds as many connections to the document as allowed. */
  join(name: DocName, peer: DocPeer): boolean {
    const { peers } = this.document(name);
    let mine = 0;
    for (const other of peers.keys()) if (other.participantId === peer.participantId) mine++;
    if (mine >= LIMITS.docConnectionsPerPerson) return false;
    peers.set(peer, { answeredVersion: -1 });
    return true;
  }

  leave(name: DocName, peer: DocPeer): void {
    this.document(name).peers.delete(peer);
  }

  /**
   * DO-1: the answer to a peer's sync step 1: what it lacks. A peer gets the whole document at most once per
   * document version (it has been sent every change since), and the whole document is encoded once per
   * version for everyone who asks for it. Throws for a state vector Yjs cannot read.
   */
  answer(name: DocName, peer: DocPeer, stateVector: Uint8Array): Uint8Array {
    const document = this.document(name);
    const entry = document.peers.get(peer);
    if (!entry || entry.answeredVersion === document.version) return EMPTY_UPDATE;
    entry.answeredVersion = document.version;
    if (!isEmptyStateVector(stateVector)) return Y.encodeStateAsUpdate(document.doc, stateVector);
    if (document.fullAnswer?.version !== document.version) {
      document.fullAnswer = { version: document.version, update: Y.encodeStateAsUpdate(document.doc) };
    }
    return document.fullAnswer.update;
  }

  /**
   * DO-2: a peer's update: checked (the board document takes none, PE-6; notes only text edits, PE-8, and no more
   * work than DO-14 and the peer's allowance allow, DO-15), stored, applied, and then relayed to every other
   * peer — in that order, one update at a time.
   */
  receive(name: DocName, peer: DocPeer, update: Uint8Array): Promise<UpdateVerdict> {
    const document = this.document(name);
    return document.queue.run(async () => {
      if (name === 'board' || !this.deps.notesWritable()) return 'refused';
      // a peer's sync step 2 with nothing the server lacks, as every connection sends when it opens: nothing to
      // store, announce to the other processes or relay (each join wrote a row and a Redis message before)
      if (isEmptyUpdate(update)) return 'applied';
      // LK-1: a locked board's notes are read-only for everyone but the facilitator. The peer is told, so that a page
      // starts its notes over rather than keep (and send again at every reconnect) what nobody else will see.
      if (this.deps.notesLockedFor?.(peer.participantId)) {
        peer.refuseLocked?.();
        return 'refused';
      }
      const trial = document.checked!.try(update, peer.work);
      if (trial.work > 0) peer.work?.spend(trial.work);
      if (trial.verdict !== 'applied') {
        if (trial.verdict === 'costly') peer.refuseCostly?.(trial.reason);
        return trial.verdict;
      }
      const stored = await this.store(document, update, false, this.deps.storedVersion?.());
      if (stored === 'stale') {
        // LK-1 CL-34: another process changed the board since this copy (a lock, Close): nothing kept; the copy
        // catches up, and the peer is asked for the edit again a moment later, as for an edit over its allowance
        // (DO-15), to be decided then. (Not awaited here: the room's queue may itself be waiting for this one's.)
        document.checked!.drop(); // it holds the edit
        void this.deps.catchUp!().catch((err: unknown) => this.deps.logger.error({ err, board: this.boardId }, 'could not catch up for a notes edit'));
        return 'busy';
      }
      if (stored !== true) {
        document.checked!.drop(); // it holds what the live document will not
        peer.resync();
        return 'failed';
      }
      Y.applyUpdate(document.doc, update, CHECKED);
      this.relay(document, update, peer);
      // DO-16: what the updates stored since the last snapshot cost to place is what a load will walk
      document.storedWalk += trial.walked;
      if (document.storedWalk > this.bounds.documentWalk) {
        this.compact(name).catch((err) => this.deps.logger.error({ err, board: this.boardId, doc: name }, 'compaction failed'));
      }
      return 'applied';
    });
  }

  private relay(document: Document, update: Uint8Array, origin: DocPeer | null): void {
    for (const peer of document.peers.keys()) if (peer !== origin) peer.sendUpdate(update);
  }

  /**
   * Appends one update; true once it is stored. After a failure the document is dirty: the next write is a
   * whole snapshot (it carries whatever was missed), retried on a timer until storage works again (DO-3).
   */
  private async store(document: Document, update: Uint8Array, own = false, atVersion?: number): Promise<boolean | 'fenced' | 'stale'> {
    if (!this.deps.stored[document.name] || this.deps.deleted()) return true;
    const fence = own && this.deps.writerEpoch ? this.deps.writerEpoch() : undefined;
    if (fence === null) return 'fenced';
    try {
      if (document.dirty) await this.writeSnapshot(document);
      const count = await this.deps.store.appendDocUpdate(this.boardId, document.name, update, fence, atVersion);
      if (count > DOC_UPDATES_BEFORE_COMPACTION) this.scheduleCompaction(document);
      document.knownCount = count;
      if (document.name === 'notes') this.deps.notesStored?.(update, count);
      return true;
    } catch (err) {
      if (err instanceof Fenced) return 'fenced';
      if (err instanceof StaleCopy) return 'stale';
      // one line when storage starts failing, not one per refused keystroke
      if (!document.dirty) this.deps.logger.error({ err, board: this.boardId, doc: document.name }, 'document update not stored; refused until storage works');
      document.dirty = true;
      this.scheduleSnapshotRetry(document);
      return false;
    }
  }

  private async writeSnapshot(document: Document): Promise<void> {
    let rewritten = false;
    if (this.deps.storedUpdates) {
      // CL-8: only the writer compacts, under its lease
      const fence = this.deps.writerEpoch?.();
      if (fence === null || fence === undefined) {
        // another process writes the snapshots; this one only needs to know that storage takes writes (DO-3)
        await this.deps.store.probe();
      } else {
        // CL-6: the snapshot must hold what other processes stored too; what they store meanwhile is kept after it
        const stored = await this.deps.storedUpdates(document.name);
        this.takeIn(document, stored);
        await this.deps.store.compactDoc(this.boardId, document.name, Y.encodeStateAsUpdate(document.doc), stored.length, fence);
        document.knownCount = 1;
        rewritten = true;
      }
    } else {
      await this.deps.store.compactDoc(this.boardId, document.name, Y.encodeStateAsUpdate(document.doc));
      document.knownCount = 1;
    }
    document.storedWalk = 0;
    if (!document.dirty) return;
    document.dirty = false;
    document.retryMs = SNAPSHOT_RETRY_MS;
    clearTimeout(document.retryTimer);
    document.retryTimer = undefined;
    this.deps.logger.info({ board: this.boardId, doc: document.name }, 'storage works again; document snapshot written');
    // CL-6: what could not be stored (a note the writer made) was published to nobody, and what it stores next builds on
    // it: without it the others' copies hold every later update back for good (before: every later note, in the test)
    if (rewritten && document.name === 'notes') this.deps.notesRewritten?.();
    const pending = document.unrelayed;
    document.unrelayed = [];
    for (const update of pending) this.relay(document, update, null);
  }

  private scheduleSnapshotRetry(document: Document): void {
    if (document.retryTimer) return;
    document.retryTimer = setTimeout(() => {
      document.retryTimer = undefined;
      void document.queue.run(async () => {
        if (!document.dirty) return;
        try {
          await this.writeSnapshot(document);
        } catch {
          document.retryMs = Math.min(SNAPSHOT_RETRY_MAX_MS, document.retryMs * 2);
          this.scheduleSnapshotRetry(document);
        }
      });
    }, document.retryMs);
  }

  /**
   * Compaction re-encodes a whole document: not in the middle of a burst, once it is quiet, but no later than
   * COMPACTION_MAX_WAIT_MS after it was first asked for, however steadily people type.
   */
  private scheduleCompaction(document: Document): void {
    clearTimeout(document.compactionTimer);
    const now = Date.now();
    document.compactionDeadline ??= now + COMPACTION_MAX_WAIT_MS;
    document.compactionTimer = setTimeout(() => {
      document.compactionTimer = undefined;
      document.compactionDeadline = undefined;
      this.compact(document.name).catch((err) => this.deps.logger.error({ err, board: this.boardId, doc: document.name }, 'compaction failed'));
    }, Math.max(0, Math.min(COMPACTION_QUIET_MS, document.compactionDeadline - now)));
  }

  /** Applies stored updates (already stored: not stored again) and relays to this room's peers what was new here. */
  private takeIn(document: Document, updates: Uint8Array[]): void {
    if (updates.length === 0) return;
    for (const update of updates) Y.applyUpdate(document.doc, update, STORED);
    // peers apply what they already have as a no-op; a merged update carries deletions too (a state vector would not)
    this.relay(document, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), null);
  }

  /**
   * CL-6: an update another process stored (number `count`): applied and relayed here, in order with this
   * room's own. A number past the next one means one was missed: everything stored is taken in instead.
   */
  receiveStored(name: DocName, update: Uint8Array, count: number): Promise<void> {
    const document = this.document(name);
    return document.queue.run(async () => {
      if (count > document.knownCount + 1 && this.deps.storedUpdates) this.takeIn(document, await this.deps.storedUpdates(name));
      else this.takeIn(document, [update]);
      document.knownCount = count;
    });
  }

  /** CL-6: after fan-out was interrupted (Redis restarted), takes in everything stored. */
  refreshFromStore(name: DocName): Promise<void> {
    const document = this.document(name);
    const load = this.deps.storedUpdates;
    if (!load) return Promise.resolve();
    return document.queue.run(async () => {
      const stored = await load(name);
      this.takeIn(document, stored);
      document.knownCount = stored.length;
    });
  }

  /**
   * Folds a document's stored updates into one snapshot (in order with its other writes). AB-16: a compaction asked
   * for while one waits its turn is that one (it encodes the document when it runs, so with every change made
   * before): a burst of deletions (AC-5: each action's deletion compacts the notes) rewrites the document once, not
   * once per deletion. One already running encoded the document before, so a compaction asked for then is a new one.
   */
  compact(name: DocName): Promise<void> {
    const document = this.document(name);
    if (!this.deps.stored[name] || this.deps.deleted()) return Promise.resolve();
    if (document.compactionWaiting) return document.compactionWaiting;
    const compacted = document.queue.run(() => {
      document.compactionWaiting = undefined;
      return this.writeSnapshot(document);
    });
    document.compactionWaiting = compacted;
    return compacted;
  }

  destroy(): void {
    for (const document of this.notes ? [this.board, this.notes] : [this.board]) {
      clearTimeout(document.retryTimer);
      clearTimeout(document.compactionTimer);
      document.peers.clear();
      document.checked?.drop();
      document.doc.destroy();
    }
  }
}

