import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@candor/shared';

/** How often the browser asks the server "still there?" while connected. */
export const HEARTBEAT_MS = 1500;
/** No answer within this long counts as a silent drop: worst case a drop shows within ~HEARTBEAT + TIMEOUT. */
export const HEARTBEAT_TIMEOUT_MS = 2000;
/**
 * RC-14: what engine.io in the page waits for the server's next ping beyond its interval (the server's own 5 s, given
 * at the handshake, is replaced): silence is this page's heartbeat's to notice, above.
 */
export const ENGINE_PING_TIMEOUT_MS = 16_000;
/** A command the server has not answered after this long is shown as pending, with a retry. */
export const STALL_MS = 5000;
/** This many drops within UNSTABLE_WINDOW_MS and the page says the network is unstable. */
export const UNSTABLE_DROPS = 3;
export const UNSTABLE_WINDOW_MS = 60_000;

type CandorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Connection honesty. Socket.io notices a dead link only after its ping timeout (tens of seconds); a small
 * heartbeat over the existing `time.sync` ask notices a silent drop within a few seconds. It also remembers
 * recent drops (an unstable network) and when each command was sent (commands the server has not answered).
 */
export class ConnectionHealth {
  private timer: ReturnType<typeof setInterval> | null = null;
  private awaiting = false;
  /** bumped at each drop: a beat asked on a connection given up since is no word on the one after it */
  private connection = 0;
  private drops: number[] = [];
  private readonly sentAt = new Map<string, number>();

  constructor(
    private readonly socket: CandorSocket,
    private readonly hooks: { onSilent: () => void; onTick: () => void },
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private beat(): void {
    this.hooks.onTick();
    if (!this.socket.connected || this.awaiting) return;
    this.awaiting = true;
    const askedOn = this.connection;
    this.socket.timeout(HEARTBEAT_TIMEOUT_MS).emit('time.sync', (err: Error | null) => {
      // UI-9: the unanswered beat of a link that dropped (the browser said it went offline) timed out after the page
      // had reconnected, and dropped the new, healthy connection too
      if (askedOn !== this.connection) return;
      this.awaiting = false;
      // Any answer, even RATE_LIMITED, means the link is alive.
      if (err && this.socket.connected) this.hooks.onSilent();
    });
  }

  /** A connection was lost (noticed by Socket.io or by the heartbeat). */
  dropped(): void {
    this.connection++;
    this.awaiting = false;
    const now = this.now();
    this.drops = [...this.drops.filter((t) => now - t < UNSTABLE_WINDOW_MS), now];
  }

  /** How many times the connection dropped in the last minute, when that is often enough to say so. */
  unstableDrops(): number {
    const now = this.now();
    const recent = this.drops.filter((t) => now - t < UNSTABLE_WINDOW_MS).length;
    return recent >= UNSTABLE_DROPS ? recent : 0;
  }

  sent(id: string): void {
    this.sentAt.set(id, this.now());
  }

  answered(id: string): void {
    this.sentAt.delete(id);
  }

  /** Every send on this connection is void after a drop; they are resent after the next join. */
  forgetSends(): void {
    this.sentAt.clear();
  }

  /** Ids of commands sent on this connection and not answered for STALL_MS. */
  stalled(): string[] {
    const now = this.now();
    return [...this.sentAt].filter(([, at]) => now - at >= STALL_MS).map(([id]) => id);
  }
}
