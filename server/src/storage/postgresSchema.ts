import { createHmac } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { DATA_FORMAT, DataFileError } from './sqlite.js';

/**
 * CL-12: the document tickets redeemed by some process, by the SHA-256 of the ticket (nothing else: no board, no
 * person), each until its ticket expires. Logged like every other table: an unlogged one (layout 8) is
 * emptied by PostgreSQL's recovery from a crash, and a ticket spent just before was accepted again after it, for
 * the rest of its 30 s (`clusterStoreRestart.test.ts`).
 */
const SPENT_TICKETS_TABLE = `CREATE TABLE IF NOT EXISTS spent_tickets (hash TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);`;

/** AR-1: the anonymous state, one row per board and part (`ANONYMOUS_PARTS`), each rewritten whole, sealed (AR-12) */
const ANONYMOUS_STATE_TABLE = `
CREATE TABLE anonymous_state (
  board_id TEXT NOT NULL REFERENCES boards(id),
  part TEXT NOT NULL,
  state BYTEA NOT NULL,
  -- CL-17: a digest of the part before it is sealed (\`anonymousDigest\`, computed in Node), so a process catching up
  -- learns which parts changed without reading them
  digest TEXT NOT NULL,
  PRIMARY KEY (board_id, part)
);
ALTER TABLE anonymous_state ALTER COLUMN state SET STORAGE EXTERNAL;`;

/**
 * (Since layout 7 the state is compressed before it is sealed, AR-12, and sealed bytes do not compress: lz4 gives up
 * on them at once and stores them as they are. The step stays, as a layout 5 database is brought through it.)
 *
 * 5 → 6, and every new database: the anonymous state compressed with lz4 where the server has it (PostgreSQL 14 and
 * later built with it, as Debian's is), else left uncompressed (EXTERNAL). Every batch rewrites a part whole and
 * every other process reads it again; lz4 makes a 1,500-card cards part a quarter of its size, and storing or
 * reading those fewer TOAST chunks takes less time than compressing them (pglz took longer, see layout 4).
 * (`method` is for the test of a server without it: another name its `ALTER` refuses the same way.)
 */
export async function compressAnonymousState(client: PoolClient, method = 'lz4'): Promise<void> {
  await client.query('SAVEPOINT compression');
  try {
    await client.query(`ALTER TABLE anonymous_state ALTER COLUMN state SET STORAGE EXTENDED, ALTER COLUMN state SET COMPRESSION ${method}`);
    await client.query('RELEASE SAVEPOINT compression');
  } catch {
    // no lz4 in this server: the statement changed nothing, the state stays uncompressed
    await client.query('ROLLBACK TO SAVEPOINT compression');
  }
}

const SCHEMA = `
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE boards (
  id TEXT PRIMARY KEY,
  facilitator_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 0,
  writer TEXT,
  writer_epoch BIGINT NOT NULL DEFAULT 0,
  writer_until TIMESTAMPTZ,
  team_id TEXT REFERENCES teams(id)
);
CREATE INDEX boards_by_team ON boards(team_id, created_at);
CREATE TABLE participants (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  handle TEXT NOT NULL,
  auth_hash TEXT NOT NULL,
  is_facilitator BOOLEAN NOT NULL,
  PRIMARY KEY (board_id, id)
);
CREATE TABLE events (
  board_id TEXT NOT NULL REFERENCES boards(id),
  seq INTEGER NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (board_id, seq)
);
${ANONYMOUS_STATE_TABLE}
CREATE TABLE commands (
  board_id TEXT NOT NULL REFERENCES boards(id),
  command_key TEXT NOT NULL,
  sealed BYTEA NOT NULL,
  PRIMARY KEY (board_id, command_key)
);
CREATE TABLE doc_updates (
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL,
  n INTEGER NOT NULL,
  update_blob BYTEA NOT NULL,
  PRIMARY KEY (board_id, doc, n)
);
CREATE TABLE probe (k INTEGER PRIMARY KEY, v BIGINT NOT NULL);
${SPENT_TICKETS_TABLE}
`;

/**
 * The layout of the tables, in `schema_version.version`; another one is refused rather than misread. The format of
 * the stored data (how tags and command keys are derived, `DATA_FORMAT` as for SQLite) is beside it, in
 * `schema_version.data_format` (AR-9).
 */
export const POSTGRES_SCHEMA_VERSION = 9;

/**
 * 6 → 7: the anonymous state is sealed (AR-12). What layout 6 stored is in clear and cannot be read as sealed, so a
 * database that holds any is refused (the transaction undoes the step); one without keeps going.
 */
async function refuseClearState(client: PoolClient): Promise<void> {
  if ((await client.query('SELECT 1 FROM anonymous_state LIMIT 1')).rowCount === 0) {
    await client.query('ALTER TABLE schema_version ADD COLUMN IF NOT EXISTS key_check TEXT');
    return;
  }
  throw new DataFileError(
    'this PostgreSQL database holds anonymous state that an older Candor stored in clear (layout 6); this server seals it and cannot read it: ' +
      'point DATABASE_URL at an empty database (or drop those tables) to start afresh.',
  );
}

/** How a database of an earlier layout is brought to this one (in the schema lock), by the version it holds. */
const MIGRATIONS: Record<number, string | ((client: PoolClient) => Promise<void>)> = {
  // 1 → 2: every change of a board counts, so a process can tell its copy is behind (CL-2); the notes
  // document's writer lease (CL-8)
  1: `ALTER TABLE boards ADD COLUMN version BIGINT NOT NULL DEFAULT 0, ADD COLUMN writer TEXT,
      ADD COLUMN writer_epoch BIGINT NOT NULL DEFAULT 0, ADD COLUMN writer_until TIMESTAMPTZ`,
  // 2 → 3: the data format (AR-9); unknown (null) for what was stored before it, see `refuseOtherFormats`
  2: 'ALTER TABLE schema_version ADD COLUMN IF NOT EXISTS data_format INTEGER',
  // 3 → 4: the anonymous state is kept uncompressed (out of line, but not through pglz): every batch rewrites it
  // whole and every catch-up of another process reads it, and on a 1,500-card board compressing its few hundred
  // KB took longer than the rest of the commit (rows written before stay as they are until rewritten)
  3: `ALTER TABLE anonymous_state ALTER COLUMN state SET STORAGE EXTERNAL`,
  // 4 → 5: the anonymous state in parts, a row per board and part (AR-1). Boards stored before it are of data
  // format 4 and refused (AR-9) in the same transaction, which undoes this; so only a database without boards
  // keeps the new table.
  4: `DROP TABLE anonymous_state; ${ANONYMOUS_STATE_TABLE}`,
  // 5 → 6: lz4 (rows written before stay as they are until rewritten, which a busy board's next batch does)
  5: compressAnonymousState,
  6: refuseClearState,
  // 7 → 8: spent document tickets are marked here rather than in Redis, so that a silent Redis stops nobody opening a
  // document (CL-31)
  7: SPENT_TICKETS_TABLE,
  // 8 → 9: the spent tickets are logged, so that a crash of PostgreSQL does not forget them (CL-12)
  8: 'ALTER TABLE spent_tickets SET LOGGED',
};

/** An arbitrary constant: the advisory lock that lets only one process create the schema at a time. */
const SCHEMA_LOCK = 0x63616e64;

/**
 * Creates the tables on an empty database (one process at a time, under an advisory lock) and refuses a
 * database whose `schema_version` is not this server's, or that holds tables but no version.
 */
export async function ensureSchema(pool: Pool, schema: string, stateKey: Buffer): Promise<void> {
  const client = await pool.connect().catch((err: Error) => {
    // the operator's to fix, in one line (the URL is not repeated: it holds the password); pg's words for its own
    // connection timeout ("timeout exceeded when trying to connect") do not say that PostgreSQL never answered
    const timeout = pool.options.connectionTimeoutMillis;
    const what = timeout && /timeout/i.test(err.message) ? `no answer within ${timeout / 1000} s` : err.message;
    throw new DataFileError(`cannot connect to PostgreSQL (DATABASE_URL): ${what}`);
  });
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const tables = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    const names = new Set(tables.rows.map((r) => r.table_name));
    if (names.has('schema_version')) {
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
      let version = rows[0]?.version;
      while (version !== undefined && MIGRATIONS[version] !== undefined && version < POSTGRES_SCHEMA_VERSION) {
        const step = MIGRATIONS[version]!;
        if (typeof step === 'string') await client.query(step);
        else await step(client);
        version += 1;
        await client.query('UPDATE schema_version SET version = $1', [version]);
      }
      if (version !== POSTGRES_SCHEMA_VERSION) {
        throw new DataFileError(
          `the PostgreSQL schema "${schema}" holds Candor tables of version ${version ?? 'none'}, but this server reads version ${POSTGRES_SCHEMA_VERSION}; ` +
            'point DATABASE_URL at an empty database (or drop those tables) to start afresh.',
        );
      }
      await refuseOtherFormats(client, schema);
      await refuseOtherKey(client, schema, stateKey);
    } else if (names.size > 0) {
      throw new DataFileError(
        `the PostgreSQL schema "${schema}" already holds tables (${[...names].sort().join(', ')}) but no Candor schema_version; ` +
          'point DATABASE_URL at an empty database.',
      );
    } else {
      await client.query(SCHEMA);
      await compressAnonymousState(client);
      await client.query('CREATE TABLE schema_version (version INTEGER NOT NULL, data_format INTEGER, key_check TEXT)');
      await client.query('INSERT INTO schema_version (version, data_format, key_check) VALUES ($1, $2, $3)', [POSTGRES_SCHEMA_VERSION, DATA_FORMAT, keyCheck(stateKey)]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * AR-12: a keyed hash of a fixed text, which tells whether a server holds the key this database's anonymous state
 * was sealed with, and nothing of the key.
 */
function keyCheck(stateKey: Buffer): string {
  return createHmac('sha256', stateKey).update('key-check').digest('base64url');
}

/**
 * AR-12: a server whose key is not the one the database's state was sealed with could open none of it, and what
 * it sealed no other process could open: it is refused at start with one line. The first server to open a
 * database of layout 7 without a check (one migrated from layout 6) records its own.
 */
async function refuseOtherKey(client: PoolClient, schema: string, stateKey: Buffer): Promise<void> {
  const { rows } = await client.query<{ key_check: string | null }>('SELECT key_check FROM schema_version');
  const stored = rows[0]?.key_check ?? null;
  const check = keyCheck(stateKey);
  if (stored === check) return;
  if (stored === null) {
    await client.query('UPDATE schema_version SET key_check = $1', [check]);
    return;
  }
  throw new DataFileError(
    `the PostgreSQL schema "${schema}" was written with another server key: start Candor with the key file (KEY_FILE) or CANDOR_KEY it was written with; ` +
      'every process on one database needs the same key.',
  );
}

/**
 * AR-9: data of another format is refused, never misread: its stored tags and command keys were derived another
 * way, so nobody's facts would be recognised again. Data stored before the format was recorded (null) is of an
 * older format. A database that holds no board yet is marked with this format, whatever it said.
 */
async function refuseOtherFormats(client: PoolClient, schema: string): Promise<void> {
  const { rows } = await client.query<{ data_format: number | null }>('SELECT data_format FROM schema_version');
  const format = rows[0]?.data_format ?? null;
  if (format === DATA_FORMAT) return;
  if ((await client.query('SELECT 1 FROM boards LIMIT 1')).rowCount === 0) {
    await client.query('UPDATE schema_version SET data_format = $1', [DATA_FORMAT]);
    return;
  }
  throw new DataFileError(
    `the PostgreSQL schema "${schema}" holds Candor data of format ${format ?? 'none (an older Candor)'}, but this server reads format ${DATA_FORMAT}; ` +
      'point DATABASE_URL at an empty database (or drop those tables) to start afresh.',
  );
}
