import { randomBytes } from 'node:crypto';
import { openSqliteStore } from '../../server/src/storage/sqlite.js';

/** Opens a store and a server key the way the server does (kept apart so the bench survives storage changes). */
export async function openRoomData(file: string) {
  const store = openSqliteStore(file, { synchronous: 'NORMAL' });
  return { store, serverKey: randomBytes(32) };
}
