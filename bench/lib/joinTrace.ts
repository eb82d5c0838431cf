/**
 * `joinRoom.ts --trace <file>`: where the time of the slowest joins goes. Wraps the methods of the room's
 * classes and of the store (whatever the tree has of them) to record each call's own time (its time minus the
 * wrapped calls it made; for an async method, only until its first await), observes GC pauses and the event
 * loop's delay, and for each timed join (from the join request to its ack) adds up what ran inside its window.
 * What no wrapped call and no GC explains is the event loop doing other things (timers, microtasks, the
 * bench's own code) or the process not running at all (the machine's other load).
 * Besides the slowest joins (each with its `timeline`), `parts` gives per wrapped call the p50 and p99 of its own
 * time in a join and of when it started after the join's arrival: whether the slow joins wait in a queue (late
 * starts) or are slowed inside one step (a long own time).
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

/**
 * A slow join's timeline: what ran inside its window, in order of start (nested calls too), each wrapped call
 * and GC pause as `+start ms name (own ms / whole ms)`, and the gaps that no wrapped call explains. A long own
 * time in trivial code (a map lookup, a promise) is the main thread stopped there: a deoptimisation, a GC step
 * or the thread not running (`--threads` in joinRoom.ts says whether the process's other threads were busy).
 */
function timeline(start: number, end: number): string[] {
  const lines: string[] = [];
  const inWindow = [
    ...calls.filter((c) => c.end >= start && c.start <= end),
    ...gcs.filter((g) => g.end >= start && g.start <= end).map((g) => ({ name: `(gc kind ${g.kind})`, start: g.start, end: g.end, self: g.end - g.start })),
  ].sort((x, y) => x.start - y.start);
  let until = start;
  for (const c of inWindow) {
    if (c.start - until >= GAP_SHOWN_MS) lines.push(`+${round(until - start)} (nothing wrapped for ${round(c.start - until)} ms)`);
    if (c.self >= CALL_SHOWN_MS || c.end - c.start >= CALL_SHOWN_MS * 4) lines.push(`+${round(c.start - start)} ${c.name} (own ${round(c.self)} / ${round(c.end - c.start)} ms)`);
    until = Math.max(until, c.end);
  }
  if (end - until >= GAP_SHOWN_MS) lines.push(`+${round(until - start)} (nothing wrapped for ${round(end - until)} ms, until the ack)`);
  return lines;
}
/**
 * Across all joins of a pass, per wrapped name: p50 and p99 of the own time it took inside a join's window and
 * of when (after the join's arrival) it first started, and the same of what nothing wrapped explains: where
 * the slow joins' time goes, against the typical join's.
 */
function timelineStats(mine: Window[]): Record<string, string> {
  const own = new Map<string, number[]>();
  const at = new Map<string, number[]>();
  const rest: number[] = [];
  for (const w of mine) {
    const by = breakdown(w.start, w.end);
    let explained = 0;
    for (const [name, ms] of Object.entries(by)) {
      (own.get(name) ?? own.set(name, []).get(name)!).push(ms);
      explained += ms;
    }
    rest.push(w.end - w.start - explained);
    const first = new Map<string, number>();
    for (const c of calls) if (c.start >= w.start && c.start <= w.end && !first.has(c.name)) first.set(c.name, c.start - w.start);
    for (const [name, t] of first) (at.get(name) ?? at.set(name, []).get(name)!).push(t);
  }
  const q = (xs: number[], f: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return round(s[Math.min(s.length - 1, Math.max(0, Math.ceil(f * s.length) - 1))] ?? 0);
  };
  const rows: [string, string][] = [['(wall)', `p50 ${q(mine.map((w) => w.end - w.start), 0.5)} p99 ${q(mine.map((w) => w.end - w.start), 0.99)}`]];
  rows.push(['(not wrapped)', `own p50 ${q(rest, 0.5)} p99 ${q(rest, 0.99)}`]);
  const names = [...own.keys()].sort((x, y) => q(own.get(y)!, 0.99) - q(own.get(x)!, 0.99));
  for (const name of names) {
    const o = own.get(name)!;
    const a = at.get(name) ?? [];
    rows.push([name, `in ${o.length} joins, own p50 ${q(o, 0.5)} p99 ${q(o, 0.99)}${a.length ? `, starts at p50 +${q(a, 0.5)} p99 +${q(a, 0.99)}` : ''}`]);
  }
  return Object.fromEntries(rows.slice(0, 16));
}

/** a timeline shows calls of at least this much own time, and gaps of at least this much */
const CALL_SHOWN_MS = 0.01;
const GAP_SHOWN_MS = 0.02;
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
    const byCpu = [...mine].sort((a, b) => b.cpu - a.cpu).slice(0, Math.max(1, Math.ceil(mine.length / 100)));
    report[pass] = {
      joins: mine.length,
      /** the joins that took the most process CPU (every thread), with what ran in their window */
      mostCpu: byCpu.map((w) => ({ at: round(w.start), ms: round(w.end - w.start), cpuMs: round(w.cpu), by: top(breakdown(w.start, w.end), 6) })),
      parts: timelineStats(mine),
      meanMs: round(mine.reduce((s, w) => s + w.end - w.start, 0) / mine.length),
      meanBreakdown: top(all, 8),
      slowest: slow.map((w) => {
        const by = breakdown(w.start, w.end);
        const explained = Object.entries(by).reduce((s, [k, v]) => (k === '(gc)' ? s : s + v), 0);
        return {
          /** performance.now() at its arrival: ms since the process started, about what --trace-gc and --trace-deopt print */
          at: round(w.start),
          ms: round(w.end - w.start),
          cpuMs: round(w.cpu),
          unexplainedMs: round(w.end - w.start - explained - (by['(gc)'] ?? 0)),
          by: top(by, 8),
          timeline: timeline(w.start, w.end),
        };
      }),
    };
  }
  return report;
}
