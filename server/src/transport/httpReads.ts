import { ABUSE_LIMITS } from '../abuseLimits.js';
import { AddressBuckets } from './addressBuckets.js';
import type { TokenBucket } from './rateLimit.js';

/** AB-13: what a read is charged through, board by board */
export interface ReadAllowance {
  /** true once the address has spent its allowance: a read of several boards stops before the next one */
  readonly spent: boolean;
  /** charges `items` of work done (events replayed, or cards and people projected), also past what was left */
  spend(items: number): void;
}

/** what `HttpReads.run` answers instead of running a read the address cannot afford now */
export const READ_REFUSED = Symbol('read refused');

/**
 * AB-13: HTTP reads of boards (a board's view, its exports, a team's history) cost the server work in proportion to
 * the boards' size, and nothing else bounds them. Each address has an allowance in board items
 * (`ABUSE_LIMITS.readWork*`), charged with what each read did once it is done; an address in debt is refused until
 * the refills paid it back. An address's reads run one after another, so the reads it has in flight cannot all start
 * on the last of its allowance together: one read's worth is the most it can go past it. A few wait their turn
 * (a whole office opening a board at once); more are refused.
 */
export class HttpReads {
  private readonly allowances: AddressBuckets;
  /** per address with reads in flight: the last one's end, and how many are running or waiting */
  private readonly queues = new Map<string, { tail: Promise<unknown>; count: number }>();

  constructor(now?: () => number) {
    this.allowances = new AddressBuckets({
      burst: ABUSE_LIMITS.readWorkBurstPerAddress,
      perSecond: ABUSE_LIMITS.readWorkPerSecondPerAddress,
      maxAddresses: ABUSE_LIMITS.addressesTracked,
      now,
    });
  }

  /**
   * Runs `read` for `address` once its earlier reads are done, if the address still has some allowance then;
   * `READ_REFUSED` (and `read` never runs) when it has none, or too many reads waiting already.
   */
  run<T>(address: string, read: (allowance: ReadAllowance) => Promise<T>): Promise<T | typeof READ_REFUSED> {
    const queue = this.queues.get(address) ?? { tail: Promise.resolve(), count: 0 };
    if (queue.count > ABUSE_LIMITS.readsWaitingPerAddress) return Promise.resolve(READ_REFUSED);
    const allowance = this.allowances.of(address);
    const turn = queue.tail.then((): Promise<T | typeof READ_REFUSED> | typeof READ_REFUSED => (allowance.available() > 0 ? read(chargeTo(allowance)) : READ_REFUSED));
    queue.count++;
    queue.tail = turn.then(
      () => this.finished(address, queue),
      () => this.finished(address, queue),
    );
    this.queues.set(address, queue);
    return turn;
  }

  private finished(address: string, queue: { count: number }): void {
    if (--queue.count === 0 && this.queues.get(address) === queue) this.queues.delete(address);
  }
}

function chargeTo(bucket: TokenBucket): ReadAllowance {
  return {
    get spent() {
      return bucket.available() <= 0;
    },
    spend: (items) => bucket.spend(items),
  };
}
