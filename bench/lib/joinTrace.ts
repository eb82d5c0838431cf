/**
 * `joinRoom.ts --trace <file>`: where the time of the slowest joins goes. Wraps the methods of the room's
 * classes and of the store (whatever the tree has of them) to record each call's own time (its time minus the
 * wrapped calls it made; for an async method, only until its first await), observes GC pauses and the event
 * loop's delay, and for each timed join (from the join request to its ack) adds up what ran inside its window.
 * What no wrapped call and no GC explains is the event loop doing other things (timers, microtasks, the
 * bench's own code) or the process not running at all (the machine's other load).
 */
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';

interface Call {
  name: string;
  start: number;
  end: number;
  /** time in this call minus the wrapped calls it made */
  self: number;
}
interface Frame {
  name: string;
  start: number;
  inner: number;
}
interface Window {
  pass: string;
  start: number;
  end: number;
  cpu: number;
}

const calls: Call[] = [];
const gcs: { start: number; end: number; kind: number }[] = [];
const windows: Window[] = [];
const stack: Frame[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 1 });

function wrapped(name: string, fn: (...args: unknown[]) => unknown) {
  return function (this: unknown, ...args: unknown[]) {
    const frame: Frame = { name, start: performance.now(), inner: 0 };
    stack.push(frame);
    try {
      return fn.apply(this, args);
    } finally {
      stack.pop();
      const end = performance.now();
      const took = end - frame.start;
      calls.push({ name, start: frame.start, end, self: took - frame.inner });
      if (stack.length > 0) stack[stack.length - 1]!.inner += took;
    }
  };
}

/** Wraps every method of `proto` (a class's prototype) as `Class.method`. */
export function traceClass(label: string, proto: object | undefined): void {
  if (!proto) return;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(proto, key)!;
    if (typeof d.value !== 'function') continue;
    Object.defineProperty(proto, key, { ...d, value: wrapped(`${label}.${key}`, d.value) });
  }
}

/** Wraps the function-valued properties of an object (a store). */
export function traceObject<T extends object>(label: string, o: T): T {
  for (const [key, value] of Object.entries(o)) {
    if (typeof value === 'function') (o as Record<string, unknown>)[key] = wrapped(`${label}.${key}`, value as (...a: unknown[]) => unknown);
  }
  return o;
}

let observer: PerformanceObserver | undefined;
export function startTrace(): void {
  observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration, kind: ((e as { detail?: { kind?: number } }).detail)?.kind ?? 0 });
  });
  observer.observe({ entryTypes: ['gc'] });
  loopDelay.enable();
}

export function traceJoin(pass: string, start: number, end: number, cpu: number): void {
  windows.push({ pass, start, end, cpu });
}

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/** Each wrapped call's own time inside [start, end] (spread evenly over its span when it only partly overlaps). */
function breakdown(start: number, end: number): Record<string, number> {
  const by: Record<string, number> = {};
  for (const c of calls) {
    if (c.end < start || c.start > end) continue;
    const span = c.end - c.start;
    const share = span > 0 ? overlap(c.start, c.end, start, end) / span : 1;
    by[c.name] = (by[c.name] ?? 0) + c.self * share;
  }
  let gc = 0;
  for (const g of gcs) gc += overlap(g.start, g.end, start, end);
  if (gc > 0) by['(gc)'] = gc;
  return by;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
function top(by: Record<string, number>, n: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(by)
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([k, v]) => [k, round(v)]),
  );
}

/** Per pass: the slowest 1% of joins, each with what ran inside its window, and the mean breakdown of all. */
export async function traceReport(): Promise<unknown> {
  await new Promise((r) => setTimeout(r, 50)); // the last GC entries are delivered asynchronously
  observer?.disconnect();
  loopDelay.disable();
  const passes = [...new Set(windows.map((w) => w.pass))];
  const report: Record<string, unknown> = {
    eventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    gcPauses: gcs.length,
    gcMs: round(gcs.reduce((s, g) => s + g.end - g.start, 0)),
  };
  for (const pass of passes) {
    const mine = windows.filter((w) => w.pass === pass);
    const sorted = [...mine].sort((a, b) => b.end - b.start - (a.end - a.start));
    const slow = sorted.slice(0, Math.max(1, Math.ceil(mine.length / 100)));
    const all: Record<string, number> = {};
    for (const w of mine) for (const [k, v] of Object.entries(breakdown(w.start, w.end))) all[k] = (all[k] ?? 0) + v / mine.length;
    report[pass] = {
      joins: mine.length,
      meanMs: round(mine.reduce((s, w) => s + w.end - w.start, 0) / mine.length),
      meanBreakdown: top(all, 8),
      slowest: slow.map((w) => {
        const by = breakdown(w.start, w.end);
        const explained = Object.entries(by).reduce((s, [k, v]) => (k === '(gc)' ? s : s + v), 0);
        return { ms: round(w.end - w.start), cpuMs: round(w.cpu), unexplainedMs: round(w.end - w.start - explained - (by['(gc)'] ?? 0)), by: top(by, 8) };
      }),
    };
  }
  return report;
}
