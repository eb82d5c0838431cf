import type { Socket } from 'socket.io-client';
import { LIMITS, type ClientToServerEvents, type ServerToClientEvents } from '@candor/shared';

type CandorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * MV-*: the cards someone on the board is dragging right now (the server never says who), and my own
 * "I picked this up / put it down". A mark ends when the server says so, when its renewals stop coming
 * (`movingTtlMs`), or when the connection drops. React reads it through `subscribe` / `getSnapshot`.
 */
export class MovingCards {
  private readonly until = new Map<string, number>();
  private snapshot: ReadonlySet<string> = new Set();
  private readonly listeners = new Set<() => void>();
  private expiry: ReturnType<typeof setTimeout> | null = null;
  private held: { cardId: string; renew: ReturnType<typeof setInterval> } | null = null;

  constructor(private readonly socket: CandorSocket) {
    socket.on('cards.moving', ({ moving, still }) => {
      const until = Date.now() + LIMITS.movingTtlMs;
      // My own drag comes back too: I know I am moving it, so it is not "someone".
      for (const cardId of moving) if (cardId !== this.held?.cardId) this.until.set(cardId, until);
      for (const cardId of still) this.until.delete(cardId);
      this.changed();
    });
    socket.on('disconnect', () => {
      this.until.clear();
      this.changed();
    });
  }

  /** I picked a card up: the room is told, and told again while I hold it so the mark does not run out. */
  pickUp(cardId: string): void {
    this.putDown();
    const tell = () => this.tell(cardId, true);
    tell();
    this.held = { cardId, renew: setInterval(tell, LIMITS.movingRenewMs) };
  }

  putDown(): void {
    if (!this.held) return;
    clearInterval(this.held.renew);
    this.tell(this.held.cardId, false);
    this.until.delete(this.held.cardId);
    this.held = null;
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReadonlySet<string> => this.snapshot;

  stop(): void {
    this.putDown();
    if (this.expiry) clearTimeout(this.expiry);
  }

  /** A refused or lost signal costs nothing but the mark: the drop itself is a command and says why it fails. */
  private tell(cardId: string, moving: boolean): void {
    if (this.socket.connected) this.socket.timeout(5000).emit('card.moving', { cardId, moving }, () => {});
  }

  private changed(): void {
    const now = Date.now();
    for (const [cardId, until] of this.until) if (until <= now) this.until.delete(cardId);
    this.snapshot = new Set(this.until.keys());
    for (const listener of this.listeners) listener();
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = null;
    if (this.until.size) {
      const next = Math.min(...this.until.values()) - now;
      this.expiry = setTimeout(() => this.changed(), Math.max(0, next) + 10);
    }
  }
}
