import { describe, expect, it } from 'vitest';
import { AddressBuckets } from './addressBuckets.js';
import { addressKey, parseTrustProxy } from './clientAddress.js';

describe('AB-7 buckets per address', () => {
  it('AB-7 each address has its own bucket, the map stays bounded, and the global ceiling holds for all', () => {
    let t = 0;
    const buckets = new AddressBuckets({ burst: 2, perSecond: 1, maxAddresses: 3, global: { burst: 5, perSecond: 0 }, now: () => t });
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([true, true, false]);
    expect(buckets.take('b')).toBe(true); // a is empty, b is not
    for (const address of ['c', 'd', 'e', 'f']) buckets.take(address);
    expect(buckets.size).toBe(3); // the least recently seen were dropped
    expect(buckets.take('g')).toBe(false); // five taken in all: the global ceiling
    t = 10_000;
    expect(buckets.take('a')).toBe(false); // the global bucket does not refill in this test
  });

  it('AB-7 an address refused for its own bucket takes nothing from the global one', () => {
    const buckets = new AddressBuckets({ burst: 1, perSecond: 0, maxAddresses: 10, global: { burst: 2, perSecond: 0 }, now: () => 0 });
    expect(buckets.take('a')).toBe(true);
    for (let i = 0; i < 10; i++) expect(buckets.take('a')).toBe(false);
    expect(buckets.take('b')).toBe(true);
  });
});

describe('AB-8 client addresses', () => {
  it('AB-8 counts IPv4 as itself (also IPv4-mapped) and IPv6 by its /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('AB-8 reads TRUST_PROXY as Express takes it', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });
});
