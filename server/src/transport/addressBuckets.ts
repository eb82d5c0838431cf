import { TokenBucket } from './rateLimit.js';

/**
 * A token bucket per client address, in a map of bounded size: the least recently seen address is dropped
 * when a new one would not fit, so a flood of addresses costs bounded memory. Dropping an address only
 * gives it a full bucket again, so an optional global bucket stays the backstop for everyone together.
 */
export class AddressBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly options: {
      burst: number;
      perSecond: number;
      maxAddresses: number;
      global?: { burst: number; perSecond: number };
      now?: () => number;
    },
    private readonly global = options.global ? new TokenBucket(options.global.burst, options.global.perSecond, options.now) : null,
  ) {}

  /** Takes one token from `address`'s bucket and from the global one; false (nothing taken) when either is empty. */
  take(address: string): boolean {
    const bucket = this.of(address);
    if (!bucket.has(1)) return false;
    if (this.global && !this.global.take()) return false;
    return bucket.take();
  }

  /** `address`'s bucket, for a connection to hold on to (one that was dropped from the map still works for it). */
  of(address: string): TokenBucket {
    let bucket = this.buckets.get(address);
    if (bucket) this.buckets.delete(address); // re-inserted below: the map's order is least recently seen first
    else bucket = new TokenBucket(this.options.burst, this.options.perSecond, this.options.now);
    this.buckets.set(address, bucket);
    if (this.buckets.size > this.options.maxAddresses) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }

  get size(): number {
    return this.buckets.size;
  }
}
