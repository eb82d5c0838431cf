import { describe, expect, it } from 'vitest';
import { ABUSE_LIMITS } from '../abuseLimits.js';
import { HttpReads, READ_REFUSED } from './httpReads.js';

describe('AB-13 HTTP reads of boards per address', () => {
  it('AB-13 an address’s reads run one after another, each charged; one in debt is refused, another address is not', async () => {
    const reads = new HttpReads(() => 0);
    const order: string[] = [];
    let release!: () => void;
    const first = reads.run('a', async (allowance) => {
      order.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      allowance.spend(ABUSE_LIMITS.readWorkBurstPerAddress + 1);
      order.push('first ends');
      return 1;
    });
    const second = reads.run('a', async () => {
      order.push('second starts');
      return 2;
    });
    await new Promise((resolve) => setImmediate(resolve));
    release();
    // the second waited for the first, which left the address in debt: it never ran
    expect([await first, await second]).toEqual([1, READ_REFUSED]);
    expect(order).toEqual(['first starts', 'first ends']);
    expect(await reads.run('b', async () => 3)).toBe(3);
  });

  it('AB-13 a read of several boards sees the allowance spent before the next board', async () => {
    const reads = new HttpReads(() => 0);
    const boardsRead = await reads.run('a', async (allowance) => {
      let boards = 0;
      while (!allowance.spent) {
        allowance.spend(70_000);
        boards++;
      }
      return boards;
    });
    expect(boardsRead).toBe(Math.ceil(ABUSE_LIMITS.readWorkBurstPerAddress / 70_000));
  });

  it('AB-13 past the reads waiting their turn, one more is refused at once', async () => {
    const reads = new HttpReads(() => 0);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const queued = Array.from({ length: ABUSE_LIMITS.readsWaitingPerAddress + 1 }, () => reads.run('a', () => held));
    expect(await reads.run('a', async () => 'ran')).toBe(READ_REFUSED);
    release();
    await Promise.all(queued);
    expect(await reads.run('a', async () => 'ran')).toBe('ran');
  });
});
