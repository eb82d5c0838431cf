import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@candor/server';
import { openSqliteStore } from '../../server/src/storage/sqlite.js';
import { type FaultyStore, faultyStore } from '../../server/src/storage/faultyStore.js';
import { Person, createBoard, ensureServerBuilt, startServer, until } from './harness.js';
import { runUntilExit } from './spawnedServer.js';

/** SO-1, SO-2, AR-9: storage trouble is said clearly, never hidden. */

/** Read-only for this process: root ignores file modes, so for root the file is made immutable instead. */
function makeReadOnly(target: string, mode: number): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', target]);
    return () => execFileSync('chattr', ['-i', target]);
  }
  const before = fs.statSync(target).mode;
  fs.chmodSync(target, mode);
  return () => fs.chmodSync(target, before);
}

/** Starts the built server on `dataDir` and waits for it to exit (or to listen, which fails the test). */
const startAndWaitForExit = (dataDir: string) => runUntilExit({ DATA_DIR: dataDir });

describe('storage trouble', () => {
  beforeAll(() => ensureServerBuilt(), 120_000);

  it('SO-1 a read-only DATA_DIR stops the server with one line naming DATA_DIR and the OS error', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-ro-dir-'));
    const undo = makeReadOnly(dataDir, 0o555);
    try {
      const { code, stderr } = await startAndWaitForExit(dataDir);
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`DATA_DIR=${dataDir}`);
      expect(stderr).toMatch(/EPERM|EACCES|EROFS/);
    } finally {
      undo();
    }
  }, 30_000);

  it('SO-1 a DATA_DIR or KEY_FILE where no directory can be made (under /proc) stops the server with one line', async () => {
    // procfs answers ENOENT, not EACCES, to a mkdir it will never allow, and Node's recursive mkdir takes ENOENT
    // for "the parent is missing": it made the parent (EEXIST) and tried again for ever, the server at 100 % CPU,
    // silent, never listening (a stale /tmp mount does the same); now each missing directory is made in turn
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-proc-'));
    try {
      const [data, key] = await Promise.all([
        runUntilExit({ DATA_DIR: '/proc/candor-nowhere/data', KEY_FILE: path.join(keyDir, 'candor.key') }),
        runUntilExit({ DATA_DIR: path.join(keyDir, 'data'), KEY_FILE: '/proc/candor-nowhere/candor.key' }),
      ]);
      expect(data.code).toBe(1);
      expect(data.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^Candor cannot start: DATA_DIR=\/proc\/candor-nowhere\/data: cannot create the data directory: ENOENT /),
      ]);
      expect(key.code).toBe(1);
      expect(key.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^Candor cannot start: cannot create the key file KEY_FILE=\/proc\/candor-nowhere\/candor.key: ENOENT/),
      ]);
    } finally {
      fs.rmSync(keyDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('SO-1 a read-only database file stops the server the same way', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-ro-file-'));
    const file = path.join(dataDir, 'candor.sqlite');
    openSqliteStore(file).close();
    const undo = makeReadOnly(file, 0o444);
    try {
      const { code, stderr } = await startAndWaitForExit(dataDir);
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`DATA_DIR=${dataDir}`);
      expect(stderr).toContain('candor.sqlite');
      expect(stderr).toMatch(/EPERM|EACCES|EROFS/);
    } finally {
      undo();
    }
  }, 30_000);

  it('AR-9 a data file of an older format is refused with one line, not misread', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-old-'));
    const db = new Database(path.join(dataDir, 'candor.sqlite'));
    db.exec('CREATE TABLE events (board_id TEXT, seq INTEGER, payload TEXT)');
    db.close();
    const { code, stderr } = await startAndWaitForExit(dataDir);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/format none \(an older Candor\)/);
  }, 30_000);

  it('DU-5 a second server on the DATA_DIR of a running one stops with one line, and the first keeps serving', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-twice-'));
    const first = await startServer({ dbFile: path.join(dataDir, 'candor.sqlite') });
    try {
      const { code, stderr } = await startAndWaitForExit(dataDir);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/candor\.sqlite is in use by another process/);
      expect((await createBoard(first.url, 'still here')).boardId).toBeTruthy();
    } finally {
      await first.close();
    }
  }, 30_000);

  it('SO-2 /healthz answers 503 with the last storage error while writes fail, and 200 once they work again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-health-'));
    const dbFile = path.join(dataDir, 'candor.sqlite');
    const store = faultyStore(openSqliteStore(dbFile));
    const app = await createApp({ config: { dbFile, clientDist: null, idleUnloadMs: 60_000, logLevel: 'silent' }, store });
    const port = await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}`;
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      let healed = false;
      store.failUntil(() => healed);
      const created = await fetch(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Full disk', templateId: '4ls' }) });
      expect(created.status).toBe(500);
      const sick = await fetch(`${url}/healthz`);
      expect(sick.status).toBe(503);
      expect(await sick.json()).toMatchObject({ ok: false, storage: { failing: true, lastError: { code: 'EIO', message: expect.stringContaining('injected storage fault') } } });
      healed = true;
      // the next health check tries a small write, which now succeeds
      await until(async () => (await fetch(`${url}/healthz`)).status === 200, 5_000);
      const well = await (await fetch(`${url}/healthz`)).json();
      expect(well).toMatchObject({ ok: true, storage: { failing: false, lastError: { code: 'EIO' } } });
    } finally {
      await app.close();
    }
  });

  it('SO-2 a board unloaded (nobody there) while storage fails is let go all the same: nothing is left unhandled, and it loads again once storage works', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('unhandledRejection', onUnhandled);
    let store!: FaultyStore;
    const server = await startServer({ idleUnloadMs: 50, wrapStore: (inner) => (store = faultyStore(inner)) });
    try {
      const { boardId, facilitatorKey } = await createBoard(server.url, 'Unloaded in trouble');
      const fran = new Person(server.url);
      expect(await fran.connect(boardId, 'Fran', facilitatorKey)).toMatchObject({ ok: true });
      expect(await fran.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
      let healed = false;
      store.failUntil(() => healed);
      await fran.disconnect();
      // the unload's writes (forgetting who never acted, the notes' snapshot) fail; the board is let go all the same
      await until(async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { boardsLoaded: number }).boardsLoaded === 0, 5_000);
      await until(() => store.failures > 0, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
      healed = true;
      const back = new Person(server.url);
      expect(await back.connect(boardId, 'Fran', facilitatorKey)).toMatchObject({ ok: true });
      expect(back.board()?.phase).toBe('reveal');
      await back.disconnect();
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await server.close();
    }
  });
});
