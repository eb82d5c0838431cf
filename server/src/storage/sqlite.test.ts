import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from './sqlite.js';
import { storeContract } from './store.contract.js';

storeContract('SQLite (in memory)', async () => ({ store: openSqliteStore(':memory:') }));

storeContract('SQLite (file, WAL)', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-store-')), 'candor.sqlite');
  return { store: openSqliteStore(file), reopen: async () => openSqliteStore(file) };
});
