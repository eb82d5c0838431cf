import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fitComponentListeners, fitList, fitListenerTable, fitListeners } from './fittedLists.js';

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

  it('ME-14 a listener table made afresh holds the same listeners: on, once, several, removal and counts work as before', () => {
    const emitter = new EventEmitter();
    const calls: string[] = [];
    const headers = () => calls.push('headers');
    emitter.on('headers', headers);
    emitter.once('error', () => calls.push('error once'));
    emitter.on('packet', () => calls.push('packet 1'));
    emitter.on('packet', () => calls.push('packet 2'));
    emitter.on('packet', () => calls.push('packet 3'));
    emitter.once('close', () => calls.push('close once'));
    emitter.removeAllListeners('headers');
    const before = (emitter as unknown as { _events: object })._events;
    fitListenerTable(emitter);
    expect((emitter as unknown as { _events: object })._events).not.toBe(before);
    expect(emitter.eventNames()).toEqual(['error', 'packet', 'close']);
    emitter.emit('packet');
    emitter.emit('close');
    emitter.emit('close');
    emitter.emit('headers');
    expect(calls).toEqual(['packet 1', 'packet 2', 'packet 3', 'close once']);
    expect(emitter.listenerCount('close')).toBe(0);
    expect(emitter.eventNames()).toEqual(['error', 'packet']);
    emitter.on('close', () => calls.push('close again'));
    emitter.emit('close');
    expect(calls.at(-1)).toBe('close again');
    fitListenerTable(undefined);
  });
});
