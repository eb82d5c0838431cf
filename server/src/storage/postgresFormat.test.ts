import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '@candor/shared';
import { POSTGRES_SCHEMA_VERSION, openPostgresStore } from './postgres.js';
import { freshSchema, testDatabaseUrl } from './postgres.testing.js';
import { DATA_FORMAT, DataFileError } from './sqlite.js';

const created: BoardEvent = {
  type: 'board.created',
  name: 'Format',
  templateId: 'start-stop-continue',
  columns: [{ id: 'start', title: 'Start', prompt: 'What should we begin?' }],
  settings: { voteBudget: 5, perItemCap: 5 },
};

async function admin(schema: string) {
  const client = new pg.Client({ connectionString: testDatabaseUrl(), options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

describe('AR-9 the data format of a PostgreSQL database', () => {
  it('AR-9 PG-2 boards stored without a data format (before Keyring.person) or in another one are refused with one clear line, never misread', async () => {
    const url = testDatabaseUrl();
    const schema = freshSchema();
    const store = await openPostgresStore(url, { schema });
    await store.createBoard({ id: 'old-board', facilitatorHash: 'f', createdAt: 1 }, created);
    await store.close();
    const db = await admin(schema);
    try {
      expect((await db.query('SELECT data_format FROM schema_version')).rows).toEqual([{ data_format: DATA_FORMAT }]);
      // what a server before the data format wrote: its layout (schema version 2), no data format, boards
      await db.query('ALTER TABLE schema_version DROP COLUMN data_format; UPDATE schema_version SET version = 2');
      const refused = await openPostgresStore(url, { schema }).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(DataFileError);
      expect((refused as Error).message).toMatch(new RegExp(`data of format none \\(an older Candor\\), but this server reads format ${DATA_FORMAT}`));
      // nothing was changed by the refusal
      expect((await db.query('SELECT version FROM schema_version')).rows).toEqual([{ version: 2 }]);
      await db.query(`ALTER TABLE schema_version ADD COLUMN data_format INTEGER; UPDATE schema_version SET version = 3, data_format = ${DATA_FORMAT - 1}`);
      await expect(openPostgresStore(url, { schema })).rejects.toThrow(new RegExp(`format ${DATA_FORMAT - 1}, but this server reads format ${DATA_FORMAT}`));
    } finally {
      await db.end();
    }
  });

  it('AR-9 PG-2 a database of the older layout that holds no board yet opens, and is marked with this format', async () => {
    const url = testDatabaseUrl();
    const schema = freshSchema();
    await (await openPostgresStore(url, { schema })).close();
    const db = await admin(schema);
    try {
      await db.query('ALTER TABLE schema_version DROP COLUMN data_format; UPDATE schema_version SET version = 2');
      const store = await openPostgresStore(url, { schema });
      expect(await store.boardExists('any')).toBe(false);
      await store.close();
      expect((await db.query('SELECT version, data_format FROM schema_version')).rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION, data_format: DATA_FORMAT }]);
    } finally {
      await db.end();
    }
  });
});
