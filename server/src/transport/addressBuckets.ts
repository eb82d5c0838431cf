import { TokenBucket } from './rateLimit.js';

/** AB-7: a global bucket behind the addresses', and how much of it is kept for addresses that took little lately */
export interface GlobalBucket {
  burst: number;
  perSecond: number;
  /**
   * Tokens an address must leave in the global bucket in proportion to its weight: what it took over about the last
   * `weightWindowMs`, as a share of its burst (at most 1). An address that took nothing lately may take the last
   * token; one that took a burst's worth may take only while more than `reserve` are left.
   */
  reserve: number;
  weightWindowMs: number;
}

/** an address's bucket, and with a global bucket, what it took lately (a bucket of `burst` refilled over the window) */
interface AddressEntry {
  bucket: TokenBucket;
  recent: TokenBucket | null;
}

/**
 * A token bucket per client address, in a map of bounded size: the least recently seen address is dropped
 * when a new one would not fit, so a flood of addresses costs bounded memory. Dropping an address only
 * gives it a full bucket again, so an optional global bucket stays the backstop for everyone together.
 *
 * AB-7: the global bucket is shared fairly. Without it, the addresses that ask most would take every token the
 * global bucket gets (25 addresses at their own limit take all of 5 a second) and nobody else could ever create
 * anything. So the more an address took lately, the more of the global bucket it must leave (`GlobalBucket.reserve`):
 * addresses at their limit can bring it down to the reserve, never below, and what is left and refills below it
 * goes to those that asked little. The global ceiling still bounds everyone together.
 */
export class AddressBuckets {
  private readonly buckets = new Map<string, AddressEntry>();

  constructor(
    private readonly options: {
      burst: number;
      perSecond: number;
      maxAddresses: number;
      global?: GlobalBucket;
      now?: () => number;
    },
    private readonly global = options.global ? new TokenBucket(options.global.burst, options.global.perSecond, options.now) : null,
  ) {}

  /** Takes one token from `address`'s bucket and from the global one; false (nothing taken) when either has none for it. */
  take(address: string): boolean {
    const entry = this.entryOf(address);
    if (!entry.bucket.has(1)) return false;
    if (this.global && entry.recent) {
      if (!this.global.has(1 + this.options.global!.reserve * weightOf(entry.recent, this.options.burst))) return false;
      this.global.take();
      entry.recent.spend(1);
    }
    return entry.bucket.take();
  }

  /** `address`'s bucket, for a connection to hold on to (one that was dropped from the map still works for it). */
  of(address: string): TokenBucket {
    return this.entryOf(address).bucket;
  }

  private entryOf(address: string): AddressEntry {
    let entry = this.buckets.get(address);
    if (entry) this.buckets.delete(address); // re-inserted below: the map's order is least recently seen first
    else entry = this.newEntry();
    this.buckets.set(address, entry);
    if (this.buckets.size > this.options.maxAddresses) this.buckets.delete(this.buckets.keys().next().value!);
    return entry;
  }

  private newEntry(): AddressEntry {
    const { burst, perSecond, global, now } = this.options;
    return {
      bucket: new TokenBucket(burst, perSecond, now),
      recent: global ? new TokenBucket(burst, burst / (global.weightWindowMs / 1000), now) : null,
    };
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** what an address took lately as a share of its burst, from 0 (nothing) to 1 (a burst's worth or more) */
function weightOf(recent: TokenBucket, burst: number): number {
  return Math.min(1, Math.max(0, (burst - recent.available()) / burst));
}
