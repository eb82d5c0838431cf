import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { advisoryLockHolderPorts, installationDatabase, lockWatcher } from '../../server/src/storage/postgres.testing.js';
import type { Ack, CommandType } from '@candor/shared';
import { anonymousStateKey, loadServerKey, openPostgresStore } from '@candor/server';
import { Redis } from '@candor/server/testing';
import { Person, ensureServerBuilt, newId, sendCommand, until } from './harness.js';
// the browser's pause before it sends again a command answered OUTCOME_UNKNOWN
import { RESEND_UNKNOWN_MS } from '../../client/src/sync/resendUnknown.js';
import { type SpawnOptions, type SpawnedServer, freePort, isRunning, kill9, startServerProcess } from './spawnedServer.js';
import { type CuttableProxy, cuttableProxy } from './cuttableProxy.js';

/** CL-8: a short writer lease, so that a take-over happens within a test's patience (`startProcesses` env `WRITER_LEASE_MS`) */
export const SHORT_LEASE_MS = 2_000;

/** the id of the card an accepted `card.add` made */
export const cardIdOf = (ack: Ack) => (ack as { ok: true; data: { cardId: string } }).data.cardId;

/**
 * CL-*: several built server processes on one PostgreSQL database of their own and one Redis, sharing one server
 * key (CANDOR_KEY) as every process of one installation must, and people spread over them.
 */

export async function startProcesses(count: number, options: { redisUrl?: string; databaseUrl?: string; env?: Record<string, string> } = {}): Promise<SpawnedServer[]> {
  ensureServerBuilt();
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-cl-')), 'data');
  const common: SpawnOptions = {
    dataDir,
    databaseUrl: options.databaseUrl ?? (await installationDatabase()),
    redisUrl: options.redisUrl ?? inject('redisUrl'),
    env: { CANDOR_KEY: randomBytes(32).toString('hex'), ...options.env },
  };
  const started: SpawnedServer[] = [];
  for (let i = 0; i < count; i++) started.push(await startServerProcess(common));
  return started;
}

/**
 * Processes whose PostgreSQL is reached through a relay the test can cut or freeze (`cuttableProxy`), so that the
 * shared PostgreSQL serves everyone else meanwhile; with `peopleOf`'s `join` and `live`. Registers their ending in `cleanup`.
 */
export async function processesThroughRelay(cleanup: (() => Promise<void>)[], count = 2): Promise<{ proxy: CuttableProxy; processes: SpawnedServer[] } & ReturnType<typeof peopleOf>> {
  const shared = new URL(await installationDatabase());
  const proxy = await cuttableProxy(shared.hostname, Number(shared.port));
  cleanup.push(async () => {
    proxy.thaw();
    await proxy.close();
  });
  const through = new URL(shared);
  through.port = String(proxy.port);
  const processes = await startProcesses(count, { databaseUrl: through.toString(), env: { WRITER_LEASE_MS: String(SHORT_LEASE_MS) } });
  return { proxy, processes, ...peopleOf(processes, cleanup) };
}

/**
 * As someone who presses again after "nothing was changed" (or "too many changes"), a moment later, or as the browser
 * sends again a command whose outcome the server could not tell (CM-6): the same command, the same id, until it is decided
 */
export async function untilDecided(person: Person, payload: { id: string; type: string } & Record<string, unknown>, undecided?: (ack: Ack | null) => void): Promise<Ack> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const ack = await sendCommand(person.socket!, payload, 14_000).catch(() => null);
    if (ack && (ack.ok || !['INTERNAL', 'RATE_LIMITED', 'OUTCOME_UNKNOWN'].includes(ack.code))) return ack;
    undecided?.(ack);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${payload.type} ${payload.id} was never decided`);
}

/**
 * A Redis of the test's own on `port` (never the shared one, which other tests use): to be killed (CL-11) or stopped
 * (CL-31). Started as `scripts/redis.sh` starts it (nothing saved, no slow log, CL-5); resolves once it answers.
 */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--slowlog-log-slower-than', '-1'], { stdio: 'ignore' });
  const client = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, retryStrategy: () => 50 });
  client.on('error', () => undefined); // refused until the server listens
  await until(async () => (await client.ping().catch(() => null)) === 'PONG', 10_000);
  client.disconnect();
  return child;
}

/**
 * A Redis of the test's own on a free port, to be stopped with SIGSTOP (CL-31, CL-32): the test's ending (in
 * `cleanup`) resumes it and kills it.
 */
export async function stoppableRedis(cleanup: (() => Promise<void>)[]): Promise<{ redis: ChildProcess; redisUrl: string }> {
  const port = await freePort();
  const redis = await startRedisServer(port);
  cleanup.push(async () => {
    redis.kill('SIGCONT');
    redis.kill('SIGKILL');
  });
  return { redis, redisUrl: `redis://127.0.0.1:${port}` };
}

/** A PostgreSQL of the test's own, to be restarted under its processes (never the shared one, which other tests use). */
export interface OwnPostgres {
  url: string;
  /** `pg_ctl restart`: `fast` ends every session and shuts down cleanly; `immediate` as a crash (recovery from the WAL) */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
}

/**
 * A PostgreSQL cluster of the test's own (Debian's binaries, `initdb` into a temporary directory, on a free port,
 * logins trusted on 127.0.0.1 only), so that a test can restart it; the test's ending (in `cleanup`) stops it and
 * removes it. As root (the tests' machine), it runs as the `postgres` user, as `scripts/postgres.sh`'s does.
 */
export async function ownPostgres(cleanup: (() => Promise<void>)[], options: { alsoListenOn?: { address: string; trusted: string } } = {}): Promise<OwnPostgres> {
  const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  const bin = (name: string) => path.join('/usr/lib/postgresql', versions[0]!, 'bin', name);
  const asRoot = process.getuid?.() === 0;
  // (the run's temporary directory is for its own user alone: the `postgres` user's cluster lives beside it)
  const dir = fs.mkdtempSync(path.join(asRoot ? '/tmp' : os.tmpdir(), 'candor-pg-'));
  const run = async (command: string, args: string[]) => {
    // (asynchronously: the test's people go on sending meanwhile)
    await promisify(execFile)(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args);
  };
  if (asRoot) await promisify(execFile)('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  const data = path.join(dir, 'data');
  await run(bin('initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  const also = options.alsoListenOn;
  // (an address of the test's own network, whose logins from `trusted` are trusted too: PG-7's dead machine)
  if (also) fs.appendFileSync(path.join(data, 'pg_hba.conf'), `host all all ${also.trusted} trust\n`);
  const started = ['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${also ? `,${also.address}` : ''}`];
  const ctl = (...args: string[]) => run(bin('pg_ctl'), ['-D', data, '-w', '-l', path.join(dir, 'log'), ...args]);
  await ctl('start', ...started);
  cleanup.push(async () => {
    await ctl('stop', '-m', 'immediate');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, restart: (mode) => ctl('restart', '-m', mode, ...started) };
}

/**
 * The people of a test's processes: `join` connects a person to the board through process `i`; `live` lists the
 * processes still running. Registers the test's ending in `cleanup`: everyone disconnects, then every process is
 * killed (resumed first if it was stopped).
 */
export function peopleOf(processes: SpawnedServer[], cleanup: (() => Promise<void>)[]) {
  const people: Person[] = [];
  cleanup.push(async () => {
    for (const p of people) await p.disconnect();
    for (const p of processes) {
      if (p.child.signalCode === 'SIGSTOP') p.child.kill('SIGCONT');
      await kill9(p);
    }
  });
  const live = () => processes.filter((p) => isRunning(p.child));
  const join = async (i: number, boardId: string, name: string, facilitatorKey?: string) => {
    const person = new Person(processes[i]!.url);
    people.push(person);
    await person.connect(boardId, name, facilitatorKey);
    return person;
  };
  return { people, live, join };
}

/** the same person (participant id and secret) on another connection, e.g. a second tab behind the balancer */
export function twinOf(person: Person, url: string): Person {
  const twin = new Person(url);
  Object.assign(twin, { participantId: person.participantId, secret: person.secret });
  return twin;
}

/**
 * How many texts were ever set under this notes key (CL-8): a Y.Map keeps an overwritten entry as a deleted
 * item to the left of the visible one, so rival texts made by two processes show up here.
 */
export function textsEverSet(person: Person, key: string): number {
  const notes = person.notesDoc.getMap('notes') as unknown as { _map: Map<string, { left: unknown } | undefined> };
  let count = 0;
  for (let item = notes._map.get(key); item; item = item.left as { left: unknown } | undefined) count++;
  return count;
}

/** what every person must agree on: the board as its document shows it */
export function comparable(person: Person) {
  const board = person.board();
  return board && { ...board, participants: [...board.participants].sort((a, b) => a.handle.localeCompare(b.handle)) };
}

/**
 * A read-only look at what PostgreSQL holds of a board (its anonymous state's cards and votes, the writer lease),
 * opened with the key of the processes that stored it (AR-12).
 */
export async function storedBoard(boardId: string, processes: readonly SpawnedServer[]) {
  const store = await openPostgresStore(processes[0]!.options.databaseUrl!, { poolSize: 1, stateKey: anonymousStateKey(loadServerKey({ keyFile: '', envKey: processes[0]!.options.env!.CANDOR_KEY })) });
  try {
    const loaded = await store.loadBoard(boardId, { docs: false });
    const lease = await store.writerLease(boardId);
    const part = <T>(blob: Uint8Array | null | undefined) => (blob ? (JSON.parse(Buffer.from(blob).toString('utf8')) as T) : null);
    const cards = part<{ cards: { id: string }[] }>(loaded?.anonymousState.cards);
    const marks = part<{ votes: unknown[] }>(loaded?.anonymousState.marks);
    return { cardIds: cards?.cards.map((c) => c.id) ?? [], votes: marks?.votes.length ?? 0, lease };
  } finally {
    await store.close();
  }
}

/** PE-9: the notes document's stored updates of a board, as PostgreSQL holds them (each one a row) */
export async function storedNotes(boardId: string, processes: readonly SpawnedServer[]): Promise<Buffer[]> {
  const store = await openPostgresStore(processes[0]!.options.databaseUrl!, { poolSize: 1, stateKey: anonymousStateKey(loadServerKey({ keyFile: '', envKey: processes[0]!.options.env!.CANDOR_KEY })) });
  try {
    return ((await store.loadBoard(boardId))?.docs.notes ?? []).map((update) => Buffer.from(update));
  } finally {
    await store.close();
  }
}

/**
 * Sends one command until it is acknowledged, as the browser does: when the connection is lost before the ack
 * (its process was killed), the person reconnects to another live process and sends it again with the same id; when
 * the answer is OUTCOME_UNKNOWN (the process could not tell whether its commit happened: PostgreSQL ended its session
 * mid-transaction), it sends it again with the same id after the browser's pause. Told INTERNAL ("nothing was
 * changed": the session ended before the commit), the person presses again after that pause, as in CL-11.
 */
export async function sendUntilAcked(person: Person, live: () => SpawnedServer[], type: CommandType, fields: Record<string, unknown>, id = newId()): Promise<Ack> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const socket = person.socket;
    if (socket?.connected) {
      const lost = new Promise<null>((resolve) => socket.once('disconnect', () => resolve(null)));
      const ack = await Promise.race([sendCommand(socket, { id, type, ...fields }, 15_000).catch(() => null), lost]);
      if (ack && !ack.ok && (ack.code === 'OUTCOME_UNKNOWN' || ack.code === 'INTERNAL')) {
        await new Promise((resolve) => setTimeout(resolve, RESEND_UNKNOWN_MS));
        continue;
      }
      if (ack) return ack;
    }
    await moveOnce(person, socket, live);
  }
  throw new Error(`${type} ${id} was never acknowledged`);
}

/** the move under way for a person, so that commands waiting on the same lost connection share one reconnect */
const moves = new WeakMap<Person, { from: unknown; done: Promise<void> }>();

function moveOnce(person: Person, lostSocket: unknown, live: () => SpawnedServer[]): Promise<void> {
  const current = moves.get(person);
  if (current && current.from === lostSocket) return current.done;
  // another command already moved this person to a live connection
  if (person.socket !== lostSocket && person.socket?.connected) return Promise.resolve();
  const done = moveToLiveProcess(person, live);
  moves.set(person, { from: lostSocket, done });
  return done;
}

/** Reconnects a person to a live process (not the one it was on, if that one is gone). */
export async function moveToLiveProcess(person: Person, live: () => SpawnedServer[]): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 10; attempt++) {
    // a process being killed may still look alive for a moment: then the next attempt picks another
    const candidates = live().filter((p) => isRunning(p.child));
    const target = candidates[(attempt + Math.floor(Math.random() * candidates.length)) % candidates.length]!;
    try {
      await person.reconnect(target.url);
      return;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

/** The local ports of a process's TCP connections (its sockets in /proc, looked up in the TCP table). */
function connectionPorts(pid: number): Set<number> {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    const target = (() => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return ''; // closed meanwhile
      }
    })();
    const socket = /^socket:\[(\d+)\]$/.exec(target);
    if (socket) inodes.add(socket[1]!);
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    for (const line of fs.readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[9] && inodes.has(fields[9])) ports.add(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/** CL-2: whether one of the process's PostgreSQL connections holds a board's lock (the only board of its database) while the process decides. */
export async function holdsBoardLock(server: SpawnedServer): Promise<boolean> {
  return ownsOneOf(server, await advisoryLockHolderPorts(server.options.databaseUrl!));
}

/** whether one of the process's own connections is at one of these client ports (of PostgreSQL's sessions) */
function ownsOneOf(server: SpawnedServer, clientPorts: readonly number[]): boolean {
  const ports = connectionPorts(server.child.pid!);
  return clientPorts.some((port) => ports.has(port));
}

/** Stops the process (SIGSTOP) at a moment it holds the board's lock: tried again until it is stopped holding it. */
export async function stopHoldingBoardLock(server: SpawnedServer, timeout = 30_000): Promise<void> {
  await stopWhile(server, (watcher) => watcher.advisoryHolders(), "the board's lock", timeout);
}

/**
 * Stops the process (SIGSTOP) at a moment one of its store's connections holds a board's row mid-transaction (between
 * two statements of a notes update, say): tried again until it is stopped holding it.
 */
export async function stopHoldingBoardRow(server: SpawnedServer, timeout = 30_000): Promise<void> {
  await stopWhile(server, (watcher) => watcher.rowHolders(), "a board's row", timeout);
}

async function stopWhile(server: SpawnedServer, holders: (watcher: Awaited<ReturnType<typeof lockWatcher>>) => Promise<number[]>, what: string, timeout: number): Promise<void> {
  const watcher = await lockWatcher(server.options.databaseUrl!);
  const holds = async () => ownsOneOf(server, await holders(watcher));
  try {
    const deadline = Date.now() + timeout;
    let looks = 0;
    let seen = 0;
    while (Date.now() < deadline) {
      looks++;
      // Stopped first, then asked: looking before stopping caught the hold only as it ended (a notes update's
      // transaction is a few round trips; CI saw 51 holds in 1,671 looks all gone once stopped). A stopped process
      // sends nothing more, so a hold still there a moment later is one it keeps until it resumes (a COMMIT already
      // on its way is seen gone by the second look).
      server.child.kill('SIGSTOP');
      if (await holds()) {
        seen++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (await holds()) return;
      }
      server.child.kill('SIGCONT');
      // run on a little, a different while each time, so the next stop falls elsewhere in its work
      await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(Math.random() * 8)));
    }
    throw new Error(`the process was never stopped holding ${what} within ${timeout} ms (${looks} stops; held at ${seen}, then let go)`);
  } finally {
    await watcher.end();
  }
}
