/**
 * A token bucket per connection. Synchronous on purpose: a command's place in its board's queue is taken
 * the moment it arrives, so the limiter must not add an await that could reorder commands.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes `cost` tokens (one message, or a message's bytes) if there are that many. */
  take(cost = 1): boolean {
    if (!this.has(cost)) return false;
    this.tokens -= cost;
    return true;
  }

  /** True when `cost` tokens are there now; takes nothing. */
  has(cost = 1): boolean {
    return this.available() >= cost;
  }

  /** The tokens there now (below zero while work done past them is paid back, `spend`). */
  available(): number {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.refillPerSecond);
    this.last = t;
    return this.tokens;
  }

  /** Takes `cost` tokens even past what is there: for work already done, which the next refills pay back. */
  spend(cost: number): void {
    this.available();
    this.tokens -= cost;
  }
}

/**
 * AB-14: a connection's bucket that also takes from its address's, shared by the address's other connections: a
 * request is refused when either has no token for it, and then takes from neither.
 */
export class SharedTokenBucket extends TokenBucket {
  constructor(
    capacity: number,
    refillPerSecond: number,
    now: () => number,
    private readonly address: TokenBucket,
  ) {
    super(capacity, refillPerSecond, now);
  }

  override take(cost = 1): boolean {
    if (!this.has(cost) || !this.address.has(cost)) return false;
    this.address.take(cost);
    return super.take(cost);
  }
}
