import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATA_FORMAT, DataFileError, openSqliteStore } from './sqlite.js';

const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-pragma-')), 'candor.sqlite');

/** The connection the store opened, caught as it sets its first pragma, to ask SQLite itself what holds. */
function openAndCatch(file: string, options?: { synchronous?: 'FULL' | 'NORMAL' }) {
  const pragma = Database.prototype.pragma;
  let db: Database.Database | null = null;
  const spy = vi.spyOn(Database.prototype, 'pragma').mockImplementation(function (this: Database.Database, ...args: Parameters<Database.Database['pragma']>) {
    db ??= this;
    return pragma.apply(this, args);
  });
  const store = openSqliteStore(file, options);
  spy.mockRestore();
  if (!db) throw new Error('the store set no pragma');
  return { store, db: db as Database.Database };
}

describe('DU-4 the SQLite file settings', () => {
  afterEach(() => vi.restoreAllMocks());

  it('DU-4 AR-6 synchronous is FULL by default (2) and NORMAL (1) only when asked; WAL with its index in memory (no -shm file), secure_delete on', async () => {
    const file = tmpFile();
    const full = openAndCatch(file);
    expect(full.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(full.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(full.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(full.db.pragma('locking_mode', { simple: true })).toBe('exclusive');
    await full.store.createTeam({ id: 'team', name: 'Team', createdAt: 1 });
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['candor.sqlite', 'candor.sqlite-wal']);
    await full.store.close();
    const normal = openAndCatch(tmpFile(), { synchronous: 'NORMAL' });
    expect(normal.db.pragma('synchronous', { simple: true })).toBe(1);
    await normal.store.close();
  });

  it('AR-6 named writes wait in the WAL; a delete or an anonymous commit leaves it all zeros, also when named ones waited before it', async () => {
    const file = tmpFile();
    const store = openSqliteStore(file);
    // bytes of the WAL that are not zero
    const walBytes = () => fs.readFileSync(`${file}-wal`).filter((b) => b !== 0).length;
    await store.createBoard({ id: 'b', facilitatorHash: 'h', createdAt: 1 }, { type: 'board.created', name: 'B', templateId: 't', columns: [], settings: { voteBudget: 3, perItemCap: 2 } } as never);
    const row = (id: string) => ({ id, name: `name of ${id}`, handle: `handle-${id}`, authHash: 'a', isFacilitator: false });
    await store.upsertParticipant('b', row('p1'));
    await store.commitBatch('b', { participants: [row('p2')], commands: [], events: [] });
    expect(walBytes()).toBeGreaterThan(0);
    await store.commitBatch('b', { participants: [], commands: [{ commandKey: 'k1', sealed: new Uint8Array(8) }], events: [], anonymousState: { cards: Buffer.from('{"cards":["secret"]}') } });
    expect(walBytes()).toBe(0);
    await store.upsertParticipant('b', row('p3'));
    expect(walBytes()).toBeGreaterThan(0);
    await store.removeParticipant('b', 'p3');
    expect(walBytes()).toBe(0);
    await store.upsertParticipant('b', row('p4'));
    await store.deleteBoard('b');
    expect(walBytes()).toBe(0);
    for (const text of ['name of p3', 'name of p4', 'secret']) expect(fs.readFileSync(file).includes(Buffer.from(text))).toBe(false);
    await store.close();
  });

  it('AR-6 a long run of named commits is checkpointed as SQLite would (1,000 pages), so the WAL file stays that size', async () => {
    const file = tmpFile();
    const store = openSqliteStore(file, { synchronous: 'NORMAL' });
    await store.createBoard({ id: 'b', facilitatorHash: 'h', createdAt: 1 }, { type: 'board.created', name: 'B', templateId: 't', columns: [], settings: { voteBudget: 3, perItemCap: 2 } } as never);
    // each row fills most of a page, so 1,500 of them write more than 1,000 pages
    for (let i = 0; i < 1500; i++) await store.upsertParticipant('b', { id: `p${i}`, name: 'n'.repeat(3000), handle: `h${i}`, authHash: 'a', isFacilitator: false });
    expect(fs.statSync(file).size).toBeGreaterThan(1500 * 3000);
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(1100 * 4120);
    expect((await store.loadBoard('b'))!.participants).toHaveLength(1500);
    await store.close();
  });

  it('AR-6 DU-4 a WAL left behind by a server killed after a commit is folded into the file and emptied at start', async () => {
    const file = tmpFile();
    await openSqliteStore(file).close();
    // what a killed server leaves: a committed transaction in the WAL, never checkpointed
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)').run('team', 'Left in the WAL', 1);
    const killed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-killed-')), 'candor.sqlite');
    fs.copyFileSync(file, killed);
    fs.copyFileSync(`${file}-wal`, `${killed}-wal`);
    writer.close();
    expect(fs.statSync(`${killed}-wal`).size).toBeGreaterThan(0);
    const store = openSqliteStore(killed);
    expect(fs.statSync(`${killed}-wal`).size).toBe(0);
    expect((await store.loadTeam('team'))?.team.name).toBe('Left in the WAL');
    await store.close();
  });

  it('DU-5 a second store on a file that is open is refused with one line, and opens once the first is closed', async () => {
    const file = tmpFile();
    const first = openSqliteStore(file);
    const refused = (() => {
      try {
        openSqliteStore(file);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(DataFileError);
    expect((refused as Error).message).toMatch(/in use by another process/);
    // nor can another connection read it behind the owner's back
    const reader = new Database(file, { readonly: true, timeout: 0 });
    expect(() => reader.pragma('user_version')).toThrow(/locked/);
    reader.close();
    await first.close();
    const second = openSqliteStore(file);
    expect(await second.boardExists('nope')).toBe(false);
    await second.close();
  });

  it('AR-9 AR-1 a file of format 4 (the anonymous state as one blob per board) is refused with one line naming both formats, and left as it was', () => {
    const file = tmpFile();
    const db = new Database(file);
    db.exec(`CREATE TABLE boards (id TEXT PRIMARY KEY) WITHOUT ROWID;
             CREATE TABLE anonymous_state (board_id TEXT PRIMARY KEY, state BLOB NOT NULL) WITHOUT ROWID;
             INSERT INTO boards VALUES ('b'); INSERT INTO anonymous_state VALUES ('b', '{"format":1}');`);
    db.pragma('user_version = 4');
    db.close();
    expect(DATA_FORMAT).toBe(6);
    expect(() => openSqliteStore(file)).toThrow(/ of format 4, but this server reads format 6; move it away/);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(4);
    expect(after.prepare('SELECT board_id, CAST(state AS TEXT) AS state FROM anonymous_state').all()).toEqual([{ board_id: 'b', state: '{"format":1}' }]);
    after.close();
  });

  it('AR-9 AR-2 a file of format 5 (auth hashes and slot tags made with HMACs of their own) is refused with one line naming both formats, and left as it was', () => {
    const file = tmpFile();
    const written = openSqliteStore(file);
    void written.close();
    const db = new Database(file);
    db.pragma('user_version = 5');
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/ of format 5, but this server reads format 6; move it away/);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(5);
    after.close();
  });

  it('AR-9 a file of a newer layout is refused, never misread', () => {
    const file = tmpFile();
    const db = new Database(file);
    db.pragma(`user_version = ${DATA_FORMAT + 1}`);
    db.close();
    expect(() => openSqliteStore(file)).toThrow(DataFileError);
  });
});
