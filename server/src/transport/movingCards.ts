import { LIMITS, type CardsMovingBatch } from '@candor/shared';

/**
 * MV-1, MV-2: which cards of one board are being moved right now, relayed in batches. A mark knows the
 * connection that set it (in memory only, so that its connection closing ends it); what leaves here is card
 * ids, never a person. Nothing of it is stored.
 */
export class MovingCards {
  /** card id → the connection moving it and when the mark ends unless renewed */
  private readonly marks = new Map<string, { socketId: string; until: number }>();
  private readonly changed = new Map<string, boolean>();
  private flushTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (batch: CardsMovingBatch) => void,
    private readonly now: () => number,
  ) {}

  signal(socketId: string, cardId: string, moving: boolean): void {
    if (moving) {
      // Someone else's drag of the same card: the card is being moved either way; the later one owns the mark.
      // A renewal is relayed too, so that browsers can end a mark whose renewals stopped coming.
      this.marks.set(cardId, { socketId, until: this.now() + LIMITS.movingTtlMs });
      this.changed.set(cardId, true);
      this.scheduleExpiry();
    } else if (this.marks.get(cardId)?.socketId === socketId) {
      this.marks.delete(cardId);
      this.changed.set(cardId, false);
    }
    this.scheduleFlush();
  }

  /** The connection closed: whatever it was moving is put down. */
  dropConnection(socketId: string): void {
    for (const [cardId, mark] of this.marks) {
      if (mark.socketId !== socketId) continue;
      this.marks.delete(cardId);
      this.changed.set(cardId, false);
    }
    this.scheduleFlush();
  }

  get size(): number {
    return this.marks.size;
  }

  stop(): void {
    clearTimeout(this.flushTimer);
    clearTimeout(this.expiryTimer);
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.changed.size === 0) return;
    this.flushTimer = setTimeout(() => this.flush(), LIMITS.movingBatchMs);
    this.flushTimer.unref?.();
  }

  private flush(): void {
    this.flushTimer = undefined;
    const batch: CardsMovingBatch = { moving: [], still: [] };
    for (const [cardId, moving] of this.changed) (moving ? batch.moving : batch.still).push(cardId);
    this.changed.clear();
    if (batch.moving.length || batch.still.length) this.send(batch);
  }

  private scheduleExpiry(): void {
    if (this.expiryTimer) return;
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      const now = this.now();
      for (const [cardId, mark] of this.marks) {
        if (mark.until > now) continue;
        this.marks.delete(cardId);
        this.changed.set(cardId, false);
      }
      this.scheduleFlush();
      if (this.marks.size) this.scheduleExpiry();
    }, LIMITS.movingTtlMs / 2);
    this.expiryTimer.unref?.();
  }
}
