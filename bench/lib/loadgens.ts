import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { within } from './clock.js';
import type { LoadgenOp, LoadgenReply, Outcome, WindowStats } from './loadgenProtocol.js';
import { BENCH, ROOT } from './procs.js';

/**
 * How a load process treats its own memory. The simulated people stand for browsers on machines of their own, but
 * 250 of them share a load process and read one after another, so whatever that process spends on its own memory
 * in the measured window delays every person after it (and falls on whichever system's clients run first after the
 * set-up, which are Candor's). "settled": glibc keeps the memory the process freed (no trim, 64 MB top pad), so a
 * reveal's 25 MB of message buffers do not fault in fresh pages again, and a full GC runs when armed, so garbage from
 * the set-up is not collected inside the window. "plain": as before (node's and glibc's defaults). The servers are
 * untouched either way: their own collections and page faults stay in what is measured.
 */
export type LoadgenMode = 'settled' | 'plain';
const SETTLED_ENV = { LOADGEN_SETTLED: '1', MALLOC_TRIM_THRESHOLD_: String(512 * 2 ** 20), MALLOC_TOP_PAD_: String(64 * 2 ** 20) };

/** One load-generating child process (bench/loadgen.ts), asked over IPC. */
export class Loadgen {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly stderr: string[] = [];

  private constructor(readonly child: ChildProcess) {
    child.stderr?.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    child.on('message', (m: LoadgenReply) => {
      const waiter = this.pending.get(m.reqId);
      if (!waiter) return;
      this.pending.delete(m.reqId);
      if (m.ok) waiter.resolve(m.data);
      else waiter.reject(new Error(`loadgen: ${m.error}`));
    });
    child.on('exit', (code) => {
      for (const w of this.pending.values()) w.reject(new Error(`loadgen exited (${code}): ${this.stderr.join('').slice(-2000)}`));
      this.pending.clear();
    });
  }

  static async start(mode: LoadgenMode = 'plain'): Promise<Loadgen> {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(BENCH, 'loadgen.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...(mode === 'settled' ? SETTLED_ENV : {}) },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`loadgen exited with ${code}`)));
    });
    try {
      await within(30_000, 'loadgen start', ready);
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    }
    return new Loadgen(child);
  }

  request<T>(op: LoadgenOp, timeoutMs = 120_000): Promise<T> {
    const reqId = this.nextId++;
    const answer = new Promise<T>((resolve, reject) => {
      this.pending.set(reqId, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...op, reqId });
    });
    return within(timeoutMs, `loadgen ${op.op}`, answer);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.request({ op: 'exit' }, 15_000).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The two load processes as one: people are split between them by key (even → first, odd → second). */
export class Crowd {
  constructor(readonly gens: Loadgen[]) {}

  static async start(count = 2, mode: LoadgenMode = 'plain'): Promise<Crowd> {
    const gens: Loadgen[] = [];
    try {
      for (let i = 0; i < count; i++) gens.push(await Loadgen.start(mode));
    } catch (err) {
      await Promise.all(gens.map((g) => g.stop()));
      throw err;
    }
    return new Crowd(gens);
  }

  genOf(key: number): number {
    return key % this.gens.length;
  }

  /** Sends each process the part of `items` it owns (by key), through `make`. */
  async split<I extends { key: number }, T>(items: I[], make: (mine: I[]) => LoadgenOp, timeoutMs?: number): Promise<T[]> {
    return Promise.all(this.gens.map((g, i) => g.request<T>(make(items.filter((it) => this.genOf(it.key) === i)), timeoutMs)));
  }

  all<T>(op: LoadgenOp, timeoutMs?: number): Promise<T[]> {
    return Promise.all(this.gens.map((g) => g.request<T>(op, timeoutMs)));
  }

  async collect(quietMs: number, timeoutMs: number): Promise<WindowStats> {
    const parts = await this.all<WindowStats>({ op: 'collect', quietMs, timeoutMs }, timeoutMs + 10_000);
    const merged: WindowStats = { keys: [], wsBytes: [], wsFrames: [], wsFirst: [], wsLast: [], sockBytes: [], sockFrames: [], rawLast: [], loadgenCpuMs: [], loadgenPageFaults: [], timedOut: false };
    for (const p of parts) {
      for (const k of ['keys', 'wsBytes', 'wsFrames', 'wsFirst', 'wsLast', 'sockBytes', 'sockFrames', 'rawLast', 'loadgenCpuMs', 'loadgenPageFaults'] as const) merged[k].push(...p[k]);
      merged.timedOut ||= p.timedOut;
    }
    return merged;
  }

  async reset(): Promise<void> {
    await this.all({ op: 'reset' }, 30_000);
  }

  async stop(): Promise<void> {
    await Promise.all(this.gens.map((g) => g.stop()));
  }
}

export function mergeOutcomes(parts: Outcome[]): Outcome {
  const errors: Record<string, number> = {};
  for (const p of parts) for (const [code, n] of Object.entries(p.errors)) errors[code] = (errors[code] ?? 0) + n;
  return { ok: parts.reduce((a, p) => a + p.ok, 0), errors };
}
