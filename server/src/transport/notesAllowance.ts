import { ABUSE_LIMITS } from '../abuseLimits.js';
import type { WorkAllowance } from '../rooms/CheckedNotes.js';
import { AddressBuckets } from './addressBuckets.js';
import { TokenBucket } from './rateLimit.js';

/**
 * DO-15: what one notes connection may make the server spend placing its updates, in Yjs items placed, walked
 * past or rebuilt (0.2–1.1 µs each, `rooms/notesBounds.ts`): one update at DO-14's bounds (10,000 items, 50,000
 * walked, 10,000 deletions) fits the burst; typing costs 1–5 a keystroke.
 */
export const NOTES_WORK_BURST = 100_000;
export const NOTES_WORK_PER_SEC = 10_000;

/** DO-15: the notes allowance of every address (AB-8), shared by its connections. */
export function notesWorkPerAddress(now?: () => number): AddressBuckets {
  return new AddressBuckets({
    burst: ABUSE_LIMITS.notesWorkBurstPerAddress,
    perSecond: ABUSE_LIMITS.notesWorkPerSecondPerAddress,
    maxAddresses: ABUSE_LIMITS.addressesTracked,
    now,
  });
}

/**
 * DO-15: a notes connection's allowance: its own bucket and its address's. It may start what the fuller of them
 * allows less of; whatever it cost is taken from both, also past what they held (work done is paid back by the
 * refills before the next update may start).
 */
export class NotesAllowance implements WorkAllowance {
  private readonly own: TokenBucket;

  constructor(
    private readonly address: TokenBucket,
    now?: () => number,
  ) {
    this.own = new TokenBucket(NOTES_WORK_BURST, NOTES_WORK_PER_SEC, now);
  }

  available(): number {
    return Math.min(this.own.available(), this.address.available());
  }

  spend(items: number): void {
    this.own.spend(items);
    this.address.spend(items);
  }
}
