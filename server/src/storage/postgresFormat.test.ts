import pg, { type PoolClient } from 'pg';
import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '@candor/shared';
import { POSTGRES_SCHEMA_VERSION, type PostgresStore, openPostgresStore } from './postgres.js';
import { compressAnonymousState } from './postgresSchema.js';
import { anonymousStateStorage, freshSchema, testDatabaseUrl, TEST_STATE_KEY } from './postgres.testing.js';
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

/** what each test here works on: a schema of its own, laid out by this server */
interface Stored {
  schema: string;
  /** a connection that reads and rewrites the schema as an older server (or an operator) would */
  db: pg.Client;
  /** opens the store, as a server starting on this database does (`stateKey`: another server key's) */
  open(stateKey?: Buffer): Promise<PostgresStore>;
}

/** Makes a schema with this server's layout (and a board in it, `withBoard`), then runs `body` on it. */
async function onStoredSchema(body: (stored: Stored) => Promise<void>, options: { withBoard?: boolean } = {}): Promise<void> {
  const schema = freshSchema();
  const open = (stateKey = TEST_STATE_KEY) => openPostgresStore(testDatabaseUrl(), { stateKey, schema });
  const store = await open();
  if (options.withBoard) await store.createBoard({ id: 'old-board', facilitatorHash: 'f', createdAt: 1 }, created);
  await store.close();
  const db = await admin(schema);
  try {
    await body({ schema, db, open });
  } finally {
    await db.end();
  }
}

describe('AR-9 the data format of a PostgreSQL database', () => {
  it('AR-9 PG-2 boards stored without a data format (before Keyring.person) or in another one are refused with one clear line, never misread', async () => {
    await onStoredSchema(async ({ db, open }) => {
      expect((await db.query('SELECT data_format FROM schema_version')).rows).toEqual([{ data_format: DATA_FORMAT }]);
      // what a server before the data format wrote: its layout (schema version 2), no data format, boards
      await db.query('ALTER TABLE schema_version DROP COLUMN data_format; UPDATE schema_version SET version = 2');
      const refused = await open().catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(DataFileError);
      expect((refused as Error).message).toMatch(new RegExp(`data of format none \\(an older Candor\\), but this server reads format ${DATA_FORMAT}`));
      // nothing was changed by the refusal
      expect((await db.query('SELECT version FROM schema_version')).rows).toEqual([{ version: 2 }]);
      await db.query(`ALTER TABLE schema_version ADD COLUMN data_format INTEGER; UPDATE schema_version SET version = 3, data_format = ${DATA_FORMAT - 1}`);
      await expect(open()).rejects.toThrow(new RegExp(`format ${DATA_FORMAT - 1}, but this server reads format ${DATA_FORMAT}`));
    }, { withBoard: true });
  });

  it('AR-9 PG-2 AR-1 a database of layout 4 (the anonymous state as one row per board) that holds boards is refused with one line, and left as it was', async () => {
    await onStoredSchema(async ({ db, open }) => {
      // what the server before the parts wrote: one row of anonymous state per board, layout 4, data format 4
      await db.query(`DROP TABLE anonymous_state;
        CREATE TABLE anonymous_state (board_id TEXT PRIMARY KEY REFERENCES boards(id), state BYTEA NOT NULL);
        INSERT INTO anonymous_state VALUES ('old-board', '\\x7b7d');
        UPDATE schema_version SET version = 4, data_format = 4`);
      expect(POSTGRES_SCHEMA_VERSION).toBe(9);
      expect(DATA_FORMAT).toBe(6);
      const refused = await open().catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(DataFileError);
      expect((refused as Error).message).toMatch(/holds Candor data of format 4, but this server reads format 6; point DATABASE_URL at an empty database/);
      expect((refused as Error).message).not.toContain('\n');
      // the refusal changed nothing: the old layout and its row are there as they were
      expect((await db.query('SELECT version, data_format FROM schema_version')).rows).toEqual([{ version: 4, data_format: 4 }]);
      expect((await db.query('SELECT board_id FROM anonymous_state')).rows).toEqual([{ board_id: 'old-board' }]);
    }, { withBoard: true });
  });

  it('AR-12 PG-2 a database of layout 6 (the anonymous state in clear) that holds any is refused with one line, and left as it was', async () => {
    await onStoredSchema(async ({ db, open }) => {
      const clear = Buffer.from('{"cards":[{"id":"c1","text":"I am stuck"}]}');
      await db.query("INSERT INTO anonymous_state (board_id, part, state, digest) VALUES ('old-board', 'cards', $1::bytea, md5($1::bytea))", [clear]);
      await db.query('UPDATE schema_version SET version = 6');
      const refused = await open().catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(DataFileError);
      expect((refused as Error).message).toMatch(/anonymous state that an older Candor stored in clear \(layout 6\).*point DATABASE_URL at an empty database/);
      expect((refused as Error).message).not.toContain('\n');
      expect((await db.query('SELECT version FROM schema_version')).rows).toEqual([{ version: 6 }]);
      expect((await db.query<{ state: Buffer }>('SELECT state FROM anonymous_state')).rows.map((r) => r.state.equals(clear))).toEqual([true]);
      // without anonymous state, layout 6 is brought to this one
      await db.query('DELETE FROM anonymous_state');
      await (await open()).close();
      expect((await db.query('SELECT version FROM schema_version')).rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
    }, { withBoard: true });
  });

  it('AR-12 PG-2 a server with another key than the one the database was written with is refused at start with one line', async () => {
    await onStoredSchema(async ({ schema, db, open }) => {
      const refused = await open(Buffer.alloc(32, 8)).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(DataFileError);
      expect((refused as Error).message).toMatch(new RegExp(`the PostgreSQL schema "${schema}" was written with another server key: start Candor with the key file \\(KEY_FILE\\) or CANDOR_KEY`));
      expect((refused as Error).message).not.toContain('\n');
      // the right key still opens it
      await (await open()).close();
      // a database migrated from layout 6 has no check yet: the first server records its key, and the next with another is refused
      await db.query('ALTER TABLE schema_version DROP COLUMN key_check; UPDATE schema_version SET version = 6');
      await (await open()).close();
      expect((await db.query('SELECT version FROM schema_version')).rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
      await expect(open(Buffer.alloc(32, 8))).rejects.toThrow(/written with another server key/);
    });
  });

  it('CL-12 PG-2 a database of layout 8 (spent tickets unlogged, emptied by a crash of PostgreSQL) is brought to this one: the table logged, its marks kept', async () => {
    await onStoredSchema(async ({ db, open }) => {
      const persistence = async () => (await db.query<{ relpersistence: string }>("SELECT relpersistence FROM pg_class WHERE oid = 'spent_tickets'::regclass")).rows[0]!.relpersistence;
      // (p: permanent, u: unlogged)
      expect(await persistence()).toBe('p');
      await db.query("ALTER TABLE spent_tickets SET UNLOGGED; INSERT INTO spent_tickets VALUES ('hash-1', 2000); UPDATE schema_version SET version = 8");
      const store = await open();
      expect(await store.spendTicket('hash-1', 2_000)).toBe(false);
      await store.close();
      expect(await persistence()).toBe('p');
      expect((await db.query('SELECT version FROM schema_version')).rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
    });
  });

  it('AR-9 PG-2 a database of the older layout that holds no board yet opens, and is marked with this format', async () => {
    await onStoredSchema(async ({ db, open }) => {
      await db.query('ALTER TABLE schema_version DROP COLUMN data_format; UPDATE schema_version SET version = 2');
      const store = await open();
      expect(await store.boardExists('any')).toBe(false);
      await store.close();
      expect((await db.query('SELECT version, data_format FROM schema_version')).rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION, data_format: DATA_FORMAT }]);
    });
  });

  it('PG-2 on a server without lz4, layout 6 leaves the anonymous state uncompressed and the schema transaction goes on', async () => {
    await onStoredSchema(async ({ schema, db }) => {
      const storage = () => anonymousStateStorage(db, schema);
      // the column as layout 5 left it, then layout 6's step with a method this server refuses, as one without lz4
      // refuses lz4 ("compression method lz4 not supported"): the statement fails, nothing of it stays
      await db.query("ALTER TABLE anonymous_state ALTER COLUMN state SET STORAGE EXTERNAL, ALTER COLUMN state SET COMPRESSION DEFAULT");
      expect(await storage()).toBe('e');
      await db.query('BEGIN');
      await compressAnonymousState(db as unknown as PoolClient, 'no_such_method');
      // the transaction is not aborted: the migration's next statement runs and commits
      await db.query('UPDATE schema_version SET version = version');
      await db.query('COMMIT');
      expect(await storage()).toBe('e');
      await db.query('BEGIN');
      await compressAnonymousState(db as unknown as PoolClient);
      await db.query('COMMIT');
      expect(await storage()).toBe('xl');
    });
  });
});
