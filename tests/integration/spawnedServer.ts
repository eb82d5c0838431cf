import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built server as a child process of its own (`server/dist/index.js`), for what only a real process can
 * show: `kill -9` (DU-*, PG-1), SIGSTOP, several processes on one PostgreSQL and Redis (CL-*), behind a load
 * balancer (the end-to-end CL-14). Used by Vitest and Playwright alike, so it imports neither. In Vitest, call
 * `ensureServerBuilt()` (harness.ts) once before the first start.
 */

/** The repository root and the built server. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_ENTRY = path.join(REPO_ROOT, 'server/dist/index.js');

/** Polls `check` until it is true (or throws what it threw), for at most `timeout` ms; `what` names what was waited for. */
export async function waitFor(check: () => Promise<boolean>, timeout: number, what = 'the server to be ready'): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface SpawnOptions {
  /** DATA_DIR (on PostgreSQL only the key file lives beside it) */
  dataDir: string;
  /** PG-1: DATABASE_URL */
  databaseUrl?: string;
  /** CL-*: REDIS_URL, so that several processes fan out to each other */
  redisUrl?: string;
  /** the port to listen on (a free one when not given); a restarted process may take its old one again */
  port?: number;
  /** more environment (e.g. CANDOR_KEY, so that several processes share one server key) */
  env?: Record<string, string>;
}

export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  port: number;
  /** everything the process wrote, stdout and stderr */
  output: string[];
  /** the options it was started with, to start it again */
  options: SpawnOptions;
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Starts the process without waiting for it (to watch it refuse to start, say). */
export function spawnServer(options: SpawnOptions, port: number): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'silent',
      IDLE_UNLOAD_MS: '3600000',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  return { child, output };
}

/** Starts the process and resolves once it answers /healthz. */
export async function startServerProcess(options: SpawnOptions): Promise<SpawnedServer> {
  const port = options.port ?? (await freePort());
  const { child, output } = spawnServer(options, port);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output.join('')}`);
    const res = await fetch(`${url}/healthz`).catch(() => null);
    return res?.ok ?? false;
  }, 20_000);
  return { child, url, port, output, options: { ...options, port } };
}

/** The same process started again on the same port and configuration (after `kill9`). */
export function restartServerProcess(server: SpawnedServer): Promise<SpawnedServer> {
  return startServerProcess(server.options);
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Whether the process is stopped (SIGSTOP), as Linux's /proc says; Node's `signalCode` only tells how it exited. */
export function isStopped(child: ChildProcess): boolean {
  return readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /s, '').startsWith('T');
}

/** `kill -9`: no shutdown hook runs. Resolves once the process is gone. */
export async function kill9(server: { child: ChildProcess }): Promise<void> {
  if (!isRunning(server.child)) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill('SIGKILL');
  await exited;
}

/**
 * Starts the built server with `env` on a port of its own and waits for it to exit: for what stops it at start (CG-1,
 * SO-1). One that is still running after 15 s is killed, and its exit code (null) fails the test that expected one.
 */
export function runUntilExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
