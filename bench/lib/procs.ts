import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, freePort } from '../../tests/integration/spawnedServer.js';
import { threadCpuUs } from './threadCpu.js';
import { now, sleep, within } from './clock.js';
import { closingRequest } from './closingRequest.js';

// the tests' own helpers for child processes: one place that knows where the repository is and finds a port
export { freePort };
export const ROOT = REPO_ROOT;
export const BENCH = path.join(ROOT, 'bench');
const PROBE = path.join(BENCH, 'probe.mjs');
const CLK_TCK = 100; // `getconf CLK_TCK` on Linux x86_64; only used for the /proc cross-check

export interface Usage {
  at: number;
  /** process.cpuUsage() of the server, microseconds (user + system) */
  cpuUs: number;
  /** of it, in the kernel (system time: socket writes, page faults), µs; and the minor page faults so far */
  systemCpuUs: number;
  minorFaults: number;
  /** utime + stime from /proc/<pid>/stat, milliseconds (10 ms resolution): a cross-check */
  procCpuMs: number;
  rss: number;
  heapUsed: number;
  /** V8 heap committed, and memory outside it: `external` (Buffers and other native objects V8 knows of), of which `arrayBuffers` */
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** the server's monotonic clock in µs (the timestamps of a --cpu-prof profile) */
  hrUs: number;
  /** the server's process id (to find it in a `perf record -a` of the run: bench/perf-summary.ts) */
  pid: number;
  /** CPU time on the main (JavaScript) thread and on all its other threads (V8's GC and compiler helpers, libuv's pool), µs, from /proc/<pid>/task/<tid>/schedstat */
  mainThreadCpuUs: number;
  otherThreadsCpuUs: number;
  /** the server's writes to its sockets since the probe before this one (bench/probe.mjs) */
  writes: ServerWrites;
}

/** What a server handed to its sockets between two probes: times on the bench's clock (`now()`), 0 if nothing */
export interface ServerWrites {
  count: number;
  bytes: number;
  /** when the first and the last write were handed to the socket */
  first: number;
  last: number;
  /** when the last write to complete was done (libuv had taken its bytes) */
  lastDone: number;
  /** when the first bytes came off any of its sockets (for Candor in a reveal: the command arriving) */
  firstRead: number;
}

/** A measured server in its own process, with the probe preloaded and an IPC channel to ask it. */
export class ServerProcess {
  readonly output: string[] = [];
  private nextProbe = 1;
  private readonly waiting = new Map<number, (m: ProbeReply) => void>();

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout?.on('data', (d: Buffer) => this.keep(d));
    child.stderr?.on('data', (d: Buffer) => this.keep(d));
    child.on('message', (m: unknown) => {
      const reply = m as ProbeReply;
      if (reply && typeof reply.probe === 'number') {
        this.waiting.get(reply.probe)?.(reply);
        this.waiting.delete(reply.probe);
        return;
      }
      const answer = m as { reqId?: number; ready?: boolean };
      if (answer?.ready === true) this.saidReady = true;
      if (typeof answer?.reqId === 'number') {
        this.requests.get(answer.reqId)?.(answer);
        this.requests.delete(answer.reqId);
      }
    });
  }

  /** set when a bench server sends { ready: true } */
  saidReady = false;
  private nextRequest = 1;
  private readonly requests = new Map<number, (m: unknown) => void>();

  /** One request to a bench server over IPC, answered with the same reqId. */
  request<T>(message: Record<string, unknown>, timeoutMs = 30_000): Promise<T> {
    const reqId = this.nextRequest++;
    return within(
      timeoutMs,
      `${this.name} ${String(message.op)}`,
      new Promise<T>((resolve) => {
        this.requests.set(reqId, resolve as (m: unknown) => void);
        this.child.send({ ...message, reqId });
      }),
    );
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private keep(d: Buffer): void {
    this.output.push(d.toString());
    if (this.output.length > 200) this.output.shift();
  }

  /** Starts `entry` under node with the probe; `ready` resolves once the server answers. */
  static async start(options: {
    name: string;
    entry: string;
    env?: Record<string, string>;
    nodeArgs?: string[];
    tsx?: boolean;
    /** a fixed port (a restarted server comes back where its clients were); a free one by default */
    port?: number;
    ready: (server: ServerProcess) => Promise<boolean>;
  }): Promise<ServerProcess> {
    const port = options.port ?? (await freePort());
    const args = [...(options.nodeArgs ?? []), ...(options.tsx ? ['--import', 'tsx'] : []), '--import', PROBE, options.entry];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const server = new ServerProcess(options.name, child, port);
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`${options.name} exited with ${child.exitCode}: ${server.output.join('')}`);
        if (await options.ready(server).catch(() => false)) break;
        if (Date.now() > deadline) throw new Error(`${options.name} did not start within 30 s: ${server.output.join('')}`);
        await sleep(100);
      }
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }

  /** Asks the server's probe for its cpuUsage and memory (after a GC when `gc` and --expose-gc). */
  async usage(gc = false, heapSnapshot?: string): Promise<Usage> {
    const id = this.nextProbe++;
    const reply = await within(
      heapSnapshot ? 300_000 : 10_000,
      `${this.name} probe`,
      new Promise<ProbeReply>((resolve) => {
        this.waiting.set(id, resolve);
        this.child.send({ probe: id, gc, ...(heapSnapshot ? { heapSnapshot } : {}) });
      }),
    );
    const threads = threadCpuUs(this.child.pid!);
    return { at: now(), cpuUs: reply.cpu.user + reply.cpu.system, systemCpuUs: reply.cpu.system, minorFaults: reply.minorFaults, procCpuMs: procCpuMs(this.child.pid!), rss: procRss(this.child.pid!) ?? reply.mem.rss, heapUsed: reply.mem.heapUsed, heapTotal: reply.mem.heapTotal, external: reply.mem.external, arrayBuffers: reply.mem.arrayBuffers, hrUs: reply.hr, pid: this.child.pid!, mainThreadCpuUs: threads.main, otherThreadsCpuUs: threads.others, writes: reply.writes };
  }

  /**
   * SIGTERM (so --cpu-prof writes its profile), then SIGKILL after `graceMs`; `graceMs` 0 kills at once,
   * which spares a measured server from working through hundreds of goodbyes nobody measures.
   */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

interface ProbeReply {
  probe: number;
  cpu: { user: number; system: number };
  minorFaults: number;
  mem: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  hr: number;
  writes: ServerWrites;
}

function procCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return Number.NaN;
  }
}

/** The RSS of a process from /proc, without asking it (it may be too busy to answer its probe). */
export function procRss(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The built Candor server (`node server/dist/index.js`, as `pnpm start` runs it) on a temp data dir. */
export async function startCandor(options: {
  dataDir: string;
  idleUnloadMs?: number;
  cpuProfile?: string;
  exposeGc?: boolean;
  /** only for filling boards fast where fsyncs are not what is measured (memory) */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  env?: Record<string, string>;
  port?: number;
}): Promise<ServerProcess> {
  const nodeArgs = profilerArgs(options.cpuProfile);
  if (options.exposeGc) nodeArgs.push('--expose-gc');
  if (process.env.XX_CANDOR_NODE_ARGS) nodeArgs.push(...process.env.XX_CANDOR_NODE_ARGS.split(' '));
  return ServerProcess.start({
    name: 'candor',
    entry: path.join(ROOT, 'server/dist/index.js'),
    nodeArgs,
    port: options.port,
    env: {
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      IDLE_UNLOAD_MS: String(options.idleUnloadMs ?? 3_600_000),
      SQLITE_SYNCHRONOUS: options.sqliteSynchronous ?? 'FULL',
      // Every simulated person connects from 127.0.0.1: lift the per-address limits (AB-3, AB-4, AB-14, IN-33) the way a
      // deployment would for one trusted address. The abuse scenario gives each client an address of its own.
      MAX_CONNECTIONS_PER_ADDRESS: '1000000',
      MAX_JOINS_PER_ADDRESS: '1000000',
      MAX_READ_BYTES_PER_ADDRESS: '1000000000',
      MAX_COMMANDS_PER_ADDRESS: '1000000000',
      MAX_REQUESTS_PER_ADDRESS: '1000000000',
      ...options.env,
    },
    ready: async (s) => (await closingRequest(`${s.url}/healthz`)).status === 200,
  });
}

/** node's flags to write a .cpuprofile named `name` under bench/profiles/ (none without a name) */
function profilerArgs(name: string | undefined): string[] {
  if (!name) return [];
  fs.mkdirSync(path.join(BENCH, 'profiles'), { recursive: true });
  return ['--cpu-prof', '--cpu-prof-dir', path.join(BENCH, 'profiles'), '--cpu-prof-name', name, ...samplingArgs()];
}

/** node's default samples every 1,000 µs: a reveal of some 30 ms is then a few dozen samples */
function samplingArgs(): string[] {
  const us = process.env.BENCH_CPU_PROF_INTERVAL_US;
  return us ? ['--cpu-prof-interval', us] : [];
}

/**
 * A server of the bench itself (floor, stock), run from TypeScript; ready when it says so on IPC. With
 * `cpuProfile`, tsx's loader thread writes a profile too: each thread's goes to a folder of its own, and
 * `keepMainThreadProfile` keeps the main thread's under the name asked for once the server has stopped.
 */
export async function startBenchServer(name: string, file: string, options: { port?: number; env?: Record<string, string>; cpuProfile?: string } = {}): Promise<ServerProcess> {
  const { cpuProfile, ...rest } = options;
  const nodeArgs = cpuProfile ? ['--cpu-prof', '--cpu-prof-dir', threadProfiles(cpuProfile), ...samplingArgs()] : [];
  return ServerProcess.start({ name, entry: path.join(BENCH, file), tsx: true, nodeArgs, ...rest, ready: async (s) => s.saidReady });
}

const threadProfiles = (name: string) => path.join(BENCH, 'profiles', `${name}.threads`);

/** After a profiled bench server stopped: its main thread's profile (thread id 0) as bench/profiles/<name>. */
export function keepMainThreadProfile(name: string): void {
  const dir = threadProfiles(name);
  const main = fs.readdirSync(dir).find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (!main) throw new Error(`no main-thread profile in ${dir}`);
  fs.renameSync(path.join(dir, main), path.join(BENCH, 'profiles', name));
  fs.rmSync(dir, { recursive: true, force: true });
}
