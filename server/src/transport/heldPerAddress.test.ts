import { describe, expect, it } from 'vitest';
import { HeldPerAddress } from './heldPerAddress.js';

describe('AB-11 HeldPerAddress: one number per address, moved by each connection’s change', () => {
  it('AB-11 an address holds the sum of what its connections were last counted with; a recount replaces a connection’s part, it does not add to it', () => {
    const held = new HeldPerAddress(1000);
    const [a, b] = [held.share('192.0.2.1'), held.share('192.0.2.1')];
    const other = held.share('198.51.100.2');
    expect(held.count(a, 300)).toBe(300);
    expect(held.count(b, 500)).toBe(800);
    expect(held.count(other, 900)).toBe(900);
    expect(held.count(a, 100)).toBe(600); // the kernel took 200 of a's
    expect(held.of('192.0.2.1')).toBe(600);
    expect(held.of('198.51.100.2')).toBe(900);
  });

  it('AB-11 an address whose connections hold nothing has no entry: a flood of addresses leaves nothing behind', () => {
    const held = new HeldPerAddress(1000);
    for (let i = 0; i < 1000; i++) {
      const share = held.share(`10.0.${i >> 8}.${i & 255}`);
      held.count(share, 50);
      held.count(share, 0);
    }
    expect(held.size).toBe(0);
  });
});
