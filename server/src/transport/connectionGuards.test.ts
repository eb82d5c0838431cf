import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ConnectionCounts } from './connectionGuards.js';

describe('AB-3 ME-5 connections counted per address until they close', () => {
  it('AB-3 a connection counts until it closes, once however often `close` comes, and frees room for the next', () => {
    const counts = new ConnectionCounts(2);
    const [a, b, c] = [new EventEmitter(), new EventEmitter(), new EventEmitter()];
    counts.holdUntilClose(a, '10.0.0.1');
    counts.holdUntilClose(b, '10.0.0.1');
    counts.holdUntilClose(c, '10.0.0.2');
    expect(counts.hasRoom('10.0.0.1')).toBe(false);
    expect(counts.hasRoom('10.0.0.2')).toBe(true);
    a.emit('close');
    a.emit('close');
    expect(counts.count('10.0.0.1')).toBe(1);
    expect(counts.hasRoom('10.0.0.1')).toBe(true);
    b.emit('close');
    c.emit('close');
    expect([counts.count('10.0.0.1'), counts.count('10.0.0.2')]).toEqual([0, 0]);
  });

  it('ME-5 every counted connection gets the very same `close` listener: none keeps a closure of its own', () => {
    const counts = new ConnectionCounts(10);
    const [a, b] = [new EventEmitter(), new EventEmitter()];
    counts.holdUntilClose(a, '10.0.0.1');
    counts.holdUntilClose(b, '10.0.0.3');
    expect(a.listeners('close')).toHaveLength(1);
    expect(a.listeners('close')[0]).toBe(b.listeners('close')[0]);
  });
});
