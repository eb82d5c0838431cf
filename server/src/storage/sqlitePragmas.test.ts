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

  it('DU-4 synchronous is FULL by default (2) and NORMAL (1) only when asked; rollback journal, secure_delete on', async () => {
    const full = openAndCatch(tmpFile());
    expect(full.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(full.db.pragma('journal_mode', { simple: true })).toBe('truncate');
    expect(full.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(full.db.pragma('locking_mode', { simple: true })).toBe('exclusive');
    await full.store.close();
    const normal = openAndCatch(tmpFile(), { synchronous: 'NORMAL' });
    expect(normal.db.pragma('synchronous', { simple: true })).toBe(1);
    await normal.store.close();
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

  it('AR-9 a file of a newer layout is refused, never misread', () => {
    const file = tmpFile();
    const db = new Database(file);
    db.pragma(`user_version = ${DATA_FORMAT + 1}`);
    db.close();
    expect(() => openSqliteStore(file)).toThrow(DataFileError);
  });
});
