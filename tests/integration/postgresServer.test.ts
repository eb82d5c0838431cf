import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installationDatabase } from '../../server/src/storage/postgres.testing.js';
import { Person, createBoard, ensureServerBuilt } from './harness.js';
import { type SpawnOptions, type SpawnedServer, freePort, kill9, spawnServer, startServerProcess } from './spawnedServer.js';

/**
 * PG-1: the built server, started with DATABASE_URL, keeps its boards in PostgreSQL (a database of its own in the
 * run's PostgreSQL, server/src/storage/postgres.globalSetup.ts), survives kill -9 there, and writes no SQLite file.
 */

describe('the server on PostgreSQL', () => {
  let dataDir: string;
  let running: SpawnedServer | null = null;
  /** PG-7's processes, killed at the end whatever the test did */
  const alsoStarted: SpawnedServer[] = [];
  const people: Person[] = [];
  beforeAll(() => {
    ensureServerBuilt();
    dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-pg-')), 'data');
  }, 120_000);
  afterAll(async () => {
    for (const p of people) await p.disconnect();
    if (running) await kill9(running);
    for (const server of alsoStarted) await kill9(server);
  });

  it('PG-1 DATABASE_URL keeps the boards in PostgreSQL: acknowledged cards and votes survive kill -9, and no SQLite file is written', async () => {
    const databaseUrl = await installationDatabase();
    let server = await startServerProcess({ dataDir, databaseUrl });
    running = server;
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

    await kill9(server);
    server = await startServerProcess({ dataDir, databaseUrl });
    running = server;
    for (const p of [F, A]) expect(await p.reconnect(server.url)).toMatchObject({ ok: true });
    expect(A.me).toEqual(before);
    expect(A.board()).toMatchObject({ phase: 'vote', cardCount: 1 });
    expect(A.board()!.cards.map((c) => c.text)).toEqual(['kept in postgres']);
    // the data directory was never created: nothing is stored beside PostgreSQL but the key file (AR-7)
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(fs.existsSync(`${dataDir}.key`)).toBe(true);
  }, 60_000);

  it('PG-7 one process per database without REDIS_URL: a second is refused with one line, and so is one without it beside processes with it, or one with it beside one without', async () => {
    const alone: SpawnOptions = { dataDir, databaseUrl: await installationDatabase() };
    const withRedis: SpawnOptions = { ...alone, redisUrl: inject('redisUrl') };
    const refusal = async (options: SpawnOptions) => {
      const { child, output } = spawnServer(options, await freePort());
      // (one that starts is killed after 8 s, and its exit code, null, fails the test)
      const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      clearTimeout(timer);
      return { code, lines: output.join('').trim().split('\n') };
    };
    const first = await startServerProcess(alone);
    alsoStarted.push(first);
    // before, both started: each showed the other's people as gone, and their changes only after its own next command
    expect(await Promise.all([refusal(alone), refusal(withRedis)])).toEqual([
      { code: 1, lines: [expect.stringMatching(/^Candor cannot start: another Candor process serves this database \(DATABASE_URL\): without REDIS_URL run one process per database/)] },
      { code: 1, lines: [expect.stringMatching(/^Candor cannot start: a Candor process without REDIS_URL serves this database \(DATABASE_URL\)/)] },
    ]);
    // killed (no shutdown hook), it leaves the database free: processes with REDIS_URL start, and again refuse one without
    await kill9(first);
    for (let i = 0; i < 2; i++) alsoStarted.push(await startServerProcess(withRedis));
    expect(await refusal(alone)).toMatchObject({ code: 1, lines: [expect.stringMatching(/^Candor cannot start: another Candor process serves this database/)] });
  }, 60_000);

  it('PG-1 a DATABASE_URL whose host takes the connection and never answers (a firewall, a frozen machine) stops the server with one line within seconds', async () => {
    // before, nothing was said for as long as the system kept trying (about 2 minutes for a host that drops packets), and
    // then "Connection terminated unexpectedly"
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const { child, output } = spawnServer({ dataDir, databaseUrl: `postgres://postgres:wrong@127.0.0.1:${(silent.address() as net.AddressInfo).port}/nothing` }, await freePort());
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      clearTimeout(timer);
      expect(code).toBe(1);
      expect(output.join('').trim().split('\n')).toEqual(['Candor cannot start: cannot connect to PostgreSQL (DATABASE_URL): no answer within 5 s']);
      // (5 s of waiting, and the start of a process on a busy machine)
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      silent.close();
    }
  }, 30_000);

  it('PG-1 a DATABASE_URL nobody answers stops the server with one clear line', async () => {
    const port = await freePort();
    const { child, output } = spawnServer({ dataDir, databaseUrl: `postgres://postgres:wrong@127.0.0.1:${port}/nothing` }, await freePort());
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(output.join('')).toMatch(/^Candor cannot start: cannot connect to PostgreSQL \(DATABASE_URL\): .*ECONNREFUSED/);
    expect(output.join('')).not.toContain('wrong');
  }, 30_000);
});
