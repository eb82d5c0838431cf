import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fitComponentListeners, fitList, fitListeners } from './fittedLists.js';

describe('fitted lists', () => {
  it('ME-14 a fitted listener list is a copy of the same listeners in the same order, and emitting, once and removing still work', () => {
    const emitter = new EventEmitter();
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = () => calls.push('b');
    emitter.on('close', a);
    emitter.once('close', () => calls.push('once'));
    emitter.on('close', b);
    const before = (emitter as unknown as { _events: Record<string, unknown[]> })._events.close;
    fitListeners(emitter, 'close');
    const after = (emitter as unknown as { _events: Record<string, unknown[]> })._events.close;
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
    emitter.emit('close');
    expect(calls).toEqual(['a', 'once', 'b']);
    emitter.off('close', a);
    emitter.emit('close');
    expect(calls).toEqual(['a', 'once', 'b', 'b']);
  });

  it("ME-14 a component-emitter's list (Socket.io's parser) is fitted under its `$event` key", () => {
    const listener = () => undefined;
    const list = [listener];
    const emitter = { _callbacks: { $decoded: list, $other: [listener] } };
    fitComponentListeners(emitter, 'decoded');
    expect(emitter._callbacks.$decoded).not.toBe(list);
    expect(emitter._callbacks.$decoded).toEqual([listener]);
    expect(emitter._callbacks.$other).toEqual([listener]);
  });

  it('ME-14 leaves a missing, single or empty list alone', () => {
    const single = new EventEmitter();
    const only = () => undefined;
    single.on('close', only);
    fitListeners(single, 'close');
    expect(single.listeners('close')).toEqual([only]);
    fitListeners(undefined, 'close');
    const owner: { list: unknown[]; other?: string } = { list: [], other: 'x' };
    const empty = owner.list;
    fitList(owner, 'list');
    fitList(owner, 'other');
    fitList(owner, 'absent');
    expect(owner.list).toBe(empty);
    expect(owner).toEqual({ list: [], other: 'x' });
  });
});
