/** One connection's part in its address's total: the address, and the bytes the connection was last counted with. */
export interface HeldShare {
  readonly address: string;
  counted: number;
}

/**
 * AB-11: what the connections of one address hold unsent together, over both transports (Socket.io's `SendBuffers`
 * and the document connections' `DocSession`). Each connection keeps the number it was last counted with and
 * reports the new one when it looks again, so a packet costs one map update however many connections the address
 * holds (a reveal writes one message to hundreds of them).
 *
 * A connection looks again whenever it is sent something (counted with that, before it is written), right after a
 * write (what the kernel did not take) and when its socket drains. Between those moments what it holds only goes
 * down, as the kernel takes the bytes, so an address is never counted below what it holds; it is counted above by
 * at most what its connections held when last looked at.
 */
export class HeldPerAddress {
  private readonly held = new Map<string, number>();

  constructor(readonly capBytes: number) {}

  /** a connection of `address` that holds nothing yet */
  share(address: string): HeldShare {
    return { address, counted: 0 };
  }

  /** `share`'s connection holds `bytes` now; returns what its address's connections hold together. */
  count(share: HeldShare, bytes: number): number {
    const total = (this.held.get(share.address) ?? 0) - share.counted + bytes;
    share.counted = bytes;
    if (total > 0) this.held.set(share.address, total);
    else this.held.delete(share.address);
    return total;
  }

  /** what `address`'s connections hold unsent together, as last counted */
  of(address: string): number {
    return this.held.get(address) ?? 0;
  }

  /** how many addresses hold anything: one that holds nothing has no entry */
  get size(): number {
    return this.held.size;
  }
}
