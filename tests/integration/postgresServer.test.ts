import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Person, REPO_ROOT, SERVER_ENTRY, createBoard, ensureServerBuilt, until } from './harness.js';

/**
 * PG-1: the built server, started with DATABASE_URL, keeps its boards in PostgreSQL (the run's own database,
 * server/src/storage/postgres.globalSetup.ts), survives kill -9 there, and writes no SQLite file.
 */

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function spawnServer(dataDir: string, databaseUrl: string, port: number) {
  const output: string[] = [];
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', IDLE_UNLOAD_MS: '3600000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  return { child, output };
}

async function startChild(dataDir: string, databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const { child, output } = spawnServer(dataDir, databaseUrl, port);
  const url = `http://127.0.0.1:${port}`;
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output.join('')}`);
    const res = await fetch(`${url}/healthz`).catch(() => null);
    return res?.ok ?? false;
  }, 15_000);
  return { child, url };
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

describe('the server on PostgreSQL', () => {
  let dataDir: string;
  let running: ChildProcess | null = null;
  const people: Person[] = [];
  beforeAll(() => {
    ensureServerBuilt();
    dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-pg-')), 'data');
  }, 120_000);
  afterAll(async () => {
    for (const p of people) await p.disconnect();
    if (running && running.exitCode === null && running.signalCode === null) await kill9(running);
  });

  it('PG-1 DATABASE_URL keeps the boards in PostgreSQL: acknowledged cards and votes survive kill -9, and no SQLite file is written', async () => {
    const databaseUrl = inject('databaseUrl');
    let server = await startChild(dataDir, databaseUrl);
    running = server.child;
    const { boardId, facilitatorKey } = await createBoard(server.url, 'On PostgreSQL');
    const F = new Person(server.url);
    const A = new Person(server.url);
    people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    const added = await A.cmd('card.add', { columnId: 'start', text: 'kept in postgres' });
    expect(added).toMatchObject({ ok: true });
    const cardId = (added as { data: { cardId: string } }).data.cardId;
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: cardId })).toMatchObject({ ok: true });
    await A.waitFor(() => A.me?.votesLeft === 2);
    const before = structuredClone(A.me!);

    await kill9(server.child);
    server = await startChild(dataDir, databaseUrl);
    running = server.child;
    for (const p of [F, A]) expect(await p.reconnect(server.url)).toMatchObject({ ok: true });
    expect(A.me).toEqual(before);
    expect(A.board()).toMatchObject({ phase: 'vote', cardCount: 1 });
    expect(A.board()!.cards.map((c) => c.text)).toEqual(['kept in postgres']);
    // the data directory was never created: nothing is stored beside PostgreSQL but the key file (AR-7)
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(fs.existsSync(`${dataDir}.key`)).toBe(true);
  }, 60_000);

  it('PG-1 a DATABASE_URL nobody answers stops the server with one clear line', async () => {
    const port = await freePort();
    const { child, output } = spawnServer(dataDir, `postgres://postgres:wrong@127.0.0.1:${port}/nothing`, await freePort());
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(output.join('')).toMatch(/^Candor cannot start: cannot connect to PostgreSQL \(DATABASE_URL\): .*ECONNREFUSED/);
    expect(output.join('')).not.toContain('wrong');
  }, 30_000);
});
