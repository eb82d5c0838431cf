import type { Logger } from '../logger.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { PostgresStore } from '../storage/postgres.js';

/** CL-8: the default length of a board's writer lease (WRITER_LEASE_MS). */
export const WRITER_LEASE_MS = 3_000;
/** CL-8: renewals (and claims by the others) happen this many times per lease period */
const TICKS_PER_LEASE = 3;

type LeaseStore = Pick<PostgresStore, 'claimWriter' | 'renewWriter' | 'releaseWriter'>;

/**
 * CL-8: the writer lease of every board loaded in this process. The holder of a board's lease is the one
 * process that writes the server's own changes to its notes document (the shared texts it creates) and
 * compacts it; a lease lives in the board row (owner, epoch, expiry on PostgreSQL's clock). The holder renews
 * it (compare-and-set on owner and epoch) three times per period; the others try to take it, which succeeds
 * once it expired, with the next epoch. Every fenced write checks the epoch in its transaction, and this
 * process stops counting on a lease as soon as its own clock says it may have expired (a process resumed
 * after SIGSTOP does not write before it renewed).
 */
export class WriterLeases {
  private readonly held = new Map<string, { epoch: number; validUntil: number }>();
  private readonly timer: NodeJS.Timeout;
  private ticking = false;

  constructor(
    private readonly store: LeaseStore,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly rooms: () => Iterable<BoardRoom>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => void this.tick(), Math.max(10, Math.floor(leaseMs / TICKS_PER_LEASE)));
    this.timer.unref();
  }

  /** the epoch this process holds the board's lease at, or null (not held, or possibly expired) */
  epoch(boardId: string): number | null {
    const lease = this.held.get(boardId);
    return lease && this.now() < lease.validUntil ? lease.epoch : null;
  }

  /** Tries to take (or renew) the lease of a board right away, e.g. when it was just loaded. */
  async claim(room: BoardRoom): Promise<void> {
    const asked = this.now();
    const epoch = await this.store.claimWriter(room.id, this.owner, this.leaseMs);
    if (epoch === null) {
      this.held.delete(room.id);
      return;
    }
    const before = this.held.get(room.id)?.epoch;
    this.held.set(room.id, { epoch, validUntil: asked + this.leaseMs });
    if (before !== epoch) {
      this.logger.info({ board: room.id, epoch }, 'board writer lease taken');
      await room.becameWriter();
    }
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const loaded = new Map<string, BoardRoom>();
      for (const room of this.rooms()) loaded.set(room.id, room);
      for (const [boardId, lease] of [...this.held]) {
        if (loaded.has(boardId)) continue;
        this.held.delete(boardId);
        await this.store.releaseWriter(boardId, this.owner, lease.epoch).catch(() => undefined);
      }
      for (const room of loaded.values()) {
        if (room.deleted) continue;
        const lease = this.held.get(room.id);
        try {
          if (lease) await this.renew(room.id, lease);
          if (!this.held.has(room.id)) await this.claim(room);
        } catch (err) {
          this.logger.warn({ board: room.id, reason: (err as Error).message }, 'board writer lease not renewed or taken');
        }
      }
    } finally {
      this.ticking = false;
    }
  }

  private async renew(boardId: string, lease: { epoch: number; validUntil: number }): Promise<void> {
    const asked = this.now();
    if (await this.store.renewWriter(boardId, this.owner, lease.epoch, this.leaseMs)) {
      lease.validUntil = asked + this.leaseMs;
      return;
    }
    this.held.delete(boardId);
    this.logger.warn({ board: boardId, epoch: lease.epoch }, 'board writer lease lost to another process');
  }

  /** On shutdown: every lease is given up, so another process takes over at once rather than after expiry. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const [boardId, lease] of this.held) await this.store.releaseWriter(boardId, this.owner, lease.epoch).catch(() => undefined);
    this.held.clear();
  }
}
