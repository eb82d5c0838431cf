import express from 'express';
import { describe, expect, it } from 'vitest';
import { AddressBuckets } from './addressBuckets.js';
import { addressKey, isTrustProxy, parseTrustProxy } from './clientAddress.js';

describe('AB-7 buckets per address', () => {
  it('AB-7 each address has its own bucket, the map stays bounded, and the global ceiling holds for all', () => {
    let t = 0;
    const buckets = new AddressBuckets({ burst: 2, perSecond: 1, maxAddresses: 3, global: { burst: 5, perSecond: 0, reserve: 0, weightWindowMs: 60_000 }, now: () => t });
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([true, true, false]);
    expect(buckets.take('b')).toBe(true); // a is empty, b is not
    for (const address of ['c', 'd', 'e', 'f']) buckets.take(address);
    expect(buckets.size).toBe(3); // the least recently seen were dropped
    expect(buckets.take('g')).toBe(false); // five taken in all: the global ceiling
    t = 10_000;
    expect(buckets.take('a')).toBe(false); // the global bucket does not refill in this test
  });

  it('AB-7 an address refused for its own bucket takes nothing from the global one', () => {
    const buckets = new AddressBuckets({ burst: 1, perSecond: 0, maxAddresses: 10, global: { burst: 2, perSecond: 0, reserve: 0, weightWindowMs: 60_000 }, now: () => 0 });
    expect(buckets.take('a')).toBe(true);
    for (let i = 0; i < 10; i++) expect(buckets.take('a')).toBe(false);
    expect(buckets.take('b')).toBe(true);
  });
});

/** AB-7's numbers: per address a burst of 20 then one every 5 s, globally a burst of 300 then 5 a second */
const CREATION = { burst: 20, perSecond: 0.2, maxAddresses: 10_000, global: { burst: 300, perSecond: 5, reserve: 150, weightWindowMs: 10 * 60_000 } };

describe('AB-7 the global creation ceiling is shared fairly', () => {
  it('AB-7 thirty addresses creating at their limit for ten minutes leave newcomers able to create, and the ceiling still holds for everyone together', () => {
    let t = 0;
    const buckets = new AddressBuckets({ ...CREATION, now: () => t });
    let created = 0;
    const newcomers: boolean[] = [];
    // each abuser asks ten times a second; a newcomer arrives every 20 s and creates three boards
    for (; t < 600_000; t += 100) {
      for (let a = 0; a < 30; a++) if (buckets.take(`203.0.113.${a}`)) created++;
      if (t % 20_000 === 10_000) for (let i = 0; i < 3; i++) newcomers.push(buckets.take(`198.51.100.${t / 20_000}`));
    }
    expect(newcomers).toHaveLength(90);
    expect(newcomers.filter((ok) => !ok)).toEqual([]);
    // together the abusers still got most of the ceiling: it is the backstop, not a limit for one
    expect(created).toBeGreaterThan(0.8 * 5 * 600);
    expect(created + newcomers.length).toBeLessThanOrEqual(300 + 5 * 600);
  });

  it('AB-7 the more an address created lately, the more of the global bucket it must leave for others; one that created nothing may take the last token', () => {
    const buckets = new AddressBuckets({ burst: 4, perSecond: 0, maxAddresses: 100, global: { burst: 10, perSecond: 0, reserve: 6, weightWindowMs: 60_000 }, now: () => 0 });
    // before each take an address must find 1 + 6 × (what it created lately / 4) tokens left: 1, 2.5, 4, 5.5
    expect([1, 2, 3, 4].map(() => buckets.take('a'))).toEqual([true, true, true, true]); // 10 → 6 left
    expect([1, 2, 3, 4].map(() => buckets.take('b'))).toEqual([true, true, true, false]); // 6 → 3
    expect([1, 2].map(() => buckets.take('c'))).toEqual([true, false]); // 3 → 2
    expect([buckets.take('d'), buckets.take('e'), buckets.take('f')]).toEqual([true, true, false]); // 2 → 0
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

  it('CG-1 AB-8 TRUST_PROXY is checked at start as Express reads it: what it takes passes, what would throw inside createApp is refused', () => {
    const taken = ['false', '', 'true', '1', '2', 'loopback', 'loopback, 10.0.0.0/8', 'uniquelocal,linklocal', '203.0.113.9', '::1', 'fe80::/10', '10.0.0.0/255.0.0.0'];
    const refused = ['garbage', 'yes', '10.0.0.0/33', '10.0.0.1/8/8', 'loopback,', '300.1.1.1', '-1'];
    for (const value of taken) {
      expect(isTrustProxy(value), value).toBe(true);
      expect(() => express().set('trust proxy', parseTrustProxy(value)), value).not.toThrow();
    }
    for (const value of refused) {
      expect(isTrustProxy(value), value).toBe(false);
      expect(() => express().set('trust proxy', parseTrustProxy(value)), value).toThrow();
    }
  });
});
