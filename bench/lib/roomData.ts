import { openSqliteStore } from '../../server/src/storage/sqlite.js';

/** Opens a store and its server key the way the current server does (kept apart so the bench survives storage changes). */
export async function openRoomData(file: string) {
  const store = openSqliteStore(file, { synchronous: 'NORMAL' });
  return { store, serverKey: await store.serverKey() };
}
