import type { BoardState } from '@candor/shared';
import type { BoardStore } from '../storage/BoardStore.js';
import { WritersSeal } from '../storage/sealedWriters.js';
import { BoardRoom } from './BoardRoom.js';
import type { RoomDeps } from './roomPorts.js';
import { readStoredBoard, readStoredLog } from './storedBoard.js';

/**
 * Loads boards on first use and unloads them when nobody has been connected for a while, after folding
 * their notes into one snapshot. Concurrent loads of one board share a single load.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, BoardRoom>();
  private readonly loading = new Map<string, Promise<BoardRoom | null>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  /** what every room is given: one object for all of them (a copy per room cost ~0.5 KB of heap a board, its shape included) */
  private readonly roomDeps: RoomDeps;

  constructor(
    private readonly store: BoardStore,
    private readonly deps: RoomDeps,
    private readonly idleUnloadMs: number,
    /** CL-7: called when a board is loaded here (the cluster asks the other processes who is connected) */
    private readonly onLoaded?: (boardId: string) => void,
  ) {
    this.roomDeps = { ...deps, onDeleted: (room) => this.forget(room) };
  }

  /** A loaded board, without loading it (CL-1: another process's change concerns only boards loaded here). */
  peek(boardId: string): BoardRoom | undefined {
    return this.rooms.get(boardId);
  }

  loaded(): Iterable<BoardRoom> {
    return this.rooms.values();
  }

  async get(boardId: string): Promise<BoardRoom | null> {
    const loaded = this.rooms.get(boardId);
    if (loaded) return loaded;
    let pending = this.loading.get(boardId);
    if (!pending) {
      pending = this.load(boardId).finally(() => this.loading.delete(boardId));
      this.loading.set(boardId, pending);
    }
    return pending;
  }

  private async load(boardId: string): Promise<BoardRoom | null> {
    const data = await this.store.loadBoard(boardId);
    if (!data) return null;
    const room = new BoardRoom(data, this.roomDeps);
    this.rooms.set(boardId, room);
    this.onLoaded?.(boardId);
    if (this.deps.cluster) await this.caughtUpAfterLoad(room);
    await this.ownerWordsAfterLoad(room);
    this.deps.logger.debug({ board: boardId, events: data.events.length }, 'board loaded');
    this.scheduleUnload(room);
    return room;
  }

  /**
   * CL-18: another process's announcement ("board B changed", a stored notes update) reaches only rooms listed
   * here; one stored after the load's snapshot and announced before the room was listed reached nobody. Now
   * that announcements reach the room, it reads once what was stored meanwhile (nothing, usually: one query).
   */
  private async caughtUpAfterLoad(room: BoardRoom): Promise<void> {
    try {
      await room.catchUpTo(null);
      await room.documents.refreshFromStore('notes');
    } catch (err) {
      // the copy stays as loaded; the board's next announcement brings it up to date
      this.deps.logger.error({ err, board: room.id }, 'could not catch up after loading');
    }
  }

  /**
   * RE-13 RE-1: a retro not closed is loaded with its Review's owner words read again from the retros its promises are
   * of, so one that missed a word (its push lost to a crash, or refused by the store) has it before anyone reads it.
   */
  private async ownerWordsAfterLoad(room: BoardRoom): Promise<void> {
    try {
      await this.deps.ownerWords?.reconcile(room);
    } catch (err) {
      // the Review keeps what it said; its next load tries again
      this.deps.logger.error({ err, board: room.id }, 'could not bring owners’ words to a Review after loading');
    }
  }

  /**
   * TM-6: a board's public view and notes for reading only (the team history): from the live room if it is
   * loaded, else straight from the store, without loading it as a room.
   */
  async readPublic(boardId: string): Promise<(ReturnType<typeof readStoredBoard> & { items: number }) | null> {
    const room = this.rooms.get(boardId);
    if (room) return { view: room.publicView(), notes: room.notesText(), items: room.readItems };
    const data = await this.store.loadBoard(boardId);
    if (!data) return null;
    // AB-13: what the read cost: every event replayed, every person and stored notes update read, and the anonymous
    // state read with them by the KiB (about a card's worth: reading it is most of the work for a big unrevealed board)
    const anonymousBytes = (data.anonymousState.cards?.length ?? 0) + (data.anonymousState.marks?.length ?? 0);
    const items = 1 + data.events.length + data.participants.length + data.docs.notes.length + Math.ceil(anonymousBytes / 1024);
    const writers = new WritersSeal(this.deps.keyring.cardWritersKeys());
    return { ...readStoredBoard(data, this.deps.now(), this.deps.claimAfterMs, writers), items };
  }

  /**
   * RE-13 RE-1: a board's name, phase and Review, to tell whether an owner's word reaches it (`reviewHearing`), without
   * loading it as a room: from the live room if it is loaded here, else from its public log as stored (neither its
   * documents nor its anonymous state are read, nor any other retro, as a load's reconciling would).
   */
  async readReview(boardId: string): Promise<Pick<BoardState, 'name' | 'phase' | 'review'> | null> {
    const room = this.rooms.get(boardId);
    if (room) return room.state;
    const data = await this.store.loadBoard(boardId, { docs: false });
    return data && readStoredLog(data, this.deps.now());
  }

  /** BD-2: a deleted board is dropped at once; a later request finds nothing in storage. */
  private forget(room: BoardRoom): void {
    clearTimeout(this.idleTimers.get(room.id));
    this.idleTimers.delete(room.id);
    if (this.rooms.get(room.id) === room) this.rooms.delete(room.id);
    // Its sockets are told and closed first; then the documents go.
    setTimeout(() => room.destroy(), 1_000).unref();
  }

  /** Call whenever a connection to the room closes. */
  scheduleUnload(room: BoardRoom): void {
    clearTimeout(this.idleTimers.get(room.id));
    this.idleTimers.set(
      room.id,
      setTimeout(() => void this.unloadIfIdle(room), this.idleUnloadMs),
    );
  }

  private async unloadIfIdle(room: BoardRoom): Promise<void> {
    this.idleTimers.delete(room.id);
    if (room.connectionCount > 0 || room.busy || this.rooms.get(room.id) !== room || room.deleted) return;
    this.rooms.delete(room.id);
    try {
      await room.forgetNeverActive();
      await room.compactDoc('notes');
    } catch (err) {
      // SO-2: storage failing now loses nothing (every change was stored as it came); the board is let go all the same
      this.deps.logger.error({ err, board: room.id }, 'could not tidy the board while unloading it');
    }
    room.destroy();
    this.deps.logger.debug({ board: room.id }, 'board unloaded');
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  /**
   * On shutdown: every room forgets who never did anything (AB-6), as an unload would, having recorded them as in
   * the room (JN-4), then is dropped.
   */
  async close(): Promise<void> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    for (const room of rooms) {
      await room.forgetNeverActive({ shuttingDown: true }).catch((err) => this.deps.logger.error({ err, board: room.id }, 'could not forget idle joiners'));
      room.destroy();
    }
  }
}
