import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Where each reveal server's CPU went, from the kernel's point of view: a `.cpuprofile` (bench/profile-summary.ts)
 * samples on the wall clock, so a write during which the server was preempted (its 500 writes wake 500 readers on
 * a 2-core machine) shows as time in `writeBuffer`; `perf` samples only while the server runs, on every thread.
 * Record the whole bench system-wide, on the clock of the servers' probes, then cut each measured run out by its
 * server's pid and window:
 *   perf record -a -g -k CLOCK_MONOTONIC -F 1999 -o /tmp/reveal.data -- pnpm bench --no-build --only reveal --out /tmp/r.json
 *   node --import tsx bench/perf-summary.ts /tmp/reveal.data /tmp/r.json
 * Per run: the main thread's CPU split into the kernel's socket writes (`tcp_sendmsg`: copying the bytes into
 * socket buffers and, on loopback, the receiving side's work), zlib, SQLite, V8 compiling or collecting on the main
 * thread, other system calls, page faults and JavaScript; and the other threads' (V8's optimizing compiler, GC helpers).
 */
interface Run {
  system: string;
  serverWindowUs: [number, number];
  serverPid?: number;
  serverCpuMs: number;
}

const [data, resultsFile] = process.argv.slice(2);
if (!data || !resultsFile) throw new Error('usage: perf-summary.ts <perf.data> <results.json>');
const runs = (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { reveal?: { runs?: Run[] } }).reveal?.runs ?? [];

/** the first of these that a sample's stack holds names what the sample was doing */
const MAIN_KINDS: [string, RegExp][] = [
  ['kernel: socket writes (tcp_sendmsg)', /\btcp_sendmsg\b/],
  ['zlib', /deflate|longest_match|compress_block|zlib/i],
  ['SQLite', /sqlite|fdatasync/],
  ['V8 compiling', /Compile|compiler::|maglev|baseline::BaselineCompiler/],
  ['GC', /Heap::|Scavenge|MarkCompact|Sweeper/],
  ['page faults', /exc_page_fault/],
  ['other system calls', /do_syscall_64/],
];
const OTHER_KINDS: [string, RegExp][] = [
  ['V8 optimizing compiler', /OptimizingCompileDispatcher|compiler::|maglev/],
  ['GC', /Heap|Scavenge|Marking|Sweeper|Concurrent/],
];

function kindOf(stack: string, kinds: [string, RegExp][], rest: string): string {
  for (const [kind, pattern] of kinds) if (pattern.test(stack)) return kind;
  return rest;
}

for (const run of runs) {
  if (run.serverPid === undefined) continue;
  const [from, to] = run.serverWindowUs.map((us) => (us / 1e6).toFixed(6));
  const text = execFileSync('perf', ['script', '-i', data, '--time', `${from},${to}`, '--pid', String(run.serverPid), '-F', 'tid,period,ip,sym'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const main = new Map<string, number>();
  const others = new Map<string, number>();
  // a sample: a header line (tid, period in ns) and its stack, one frame a line, then an empty line
  for (const block of text.split(/\n\s*\n/)) {
    const [header, ...frames] = block.trim().split('\n');
    const m = header?.match(/^\s*(\d+)\s+(\d+)/);
    if (!m) continue;
    const [tid, ns] = [Number(m[1]), Number(m[2])];
    const stack = frames.join('\n');
    const isMain = tid === run.serverPid;
    const kind = isMain ? kindOf(stack, MAIN_KINDS, 'JavaScript and the runtime') : kindOf(stack, OTHER_KINDS, 'other');
    const into = isMain ? main : others;
    into.set(kind, (into.get(kind) ?? 0) + ns / 1e6);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  console.log(`${run.system} (pid ${run.serverPid}): perf ${(total(main) + total(others)).toFixed(1)} ms (main ${total(main).toFixed(1)}, others ${total(others).toFixed(1)}); the probe's server CPU ${run.serverCpuMs.toFixed(1)} ms`);
  for (const [label, m] of [['main', main], ['others', others]] as const) {
    for (const [kind, ms] of [...m].sort((a, b) => b[1] - a[1])) console.log(`  ${label.padEnd(6)} ${kind.padEnd(38)} ${ms.toFixed(1).padStart(6)} ms`);
  }
}
