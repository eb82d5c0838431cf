import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgresStore, type PostgresOptions } from './postgres.js';

/** Runs `work` on a connection of its own to `url` (with `options`, e.g. a search path), ended whatever happens. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>, options?: string): Promise<T> {
  const client = new pg.Client({ connectionString: url, ...(options ? { options } : {}) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL of this test run's database (tests/postgres/globalSetup.ts). */
export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}

/** A schema no other test uses, so tests and runs never see each other's boards. */
export function freshSchema(): string {
  return `t_${randomBytes(8).toString('hex')}`;
}

/**
 * A database of its own in this run's PostgreSQL, for servers started as processes: they keep their boards in
 * `public`, and one installation's database holds one server key's state (AR-12), so each test's installation gets
 * one. The run's global teardown drops it with the run's database.
 */
export async function installationDatabase(): Promise<string> {
  const url = new URL(testDatabaseUrl());
  const name = `${url.pathname.slice(1)}_${randomBytes(4).toString('hex')}`;
  await withClient(url.toString(), (admin) => admin.query(`CREATE DATABASE ${name}`));
  url.pathname = `/${name}`;
  return url.toString();
}

/** AR-12: the key the tests' stores seal the anonymous state with (a server's is `anonymousStateKey` of its key) */
export const TEST_STATE_KEY = Buffer.alloc(32, 7);

/** A PostgreSQL store in a schema of its own, and a way to open it again (as a restarted server would). */
export async function openTestStore(options: Partial<PostgresOptions> = {}) {
  const schema = options.schema ?? freshSchema();
  const url = testDatabaseUrl();
  const open = () => openPostgresStore(url, { stateKey: TEST_STATE_KEY, ...options, schema });
  return { store: await open(), reopen: open, schema, url };
}

/**
 * What `pg_dump` of a schema gives an attacker: every row of every table, in the order the dump writes them
 * (their order in the heap, `ctid`), numbered in that order as `_rowid`. Bytea columns come back as Buffers.
 */
export async function logicalDump(url: string, schema: string): Promise<Map<string, Record<string, unknown>[]>> {
  return withClient(
    url,
    async (client) => {
      const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'", [schema]);
      const out = new Map<string, Record<string, unknown>[]>();
      for (const { table_name } of tables.rows) {
        const { rows } = await client.query<Record<string, unknown>>(`SELECT * FROM "${table_name}" ORDER BY ctid`);
        out.set(table_name, rows.map((row, i) => ({ _rowid: i + 1, ...row })));
      }
      return out;
    },
    `-c search_path=${schema}`,
  );
}

/**
 * AR-12: where the server keeps its files (tables and WAL), after a checkpoint has written every table's pages, for
 * a test that reads them as a copy of the data directory would.
 */
export async function dataDirectoryAfterCheckpoint(url: string): Promise<string> {
  return withClient(url, async (client) => {
    await client.query('CHECKPOINT');
    return (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory;
  });
}

/**
 * How a schema's anonymous state column is stored: `attstorage` then `attcompression` (`e`: out of line,
 * uncompressed; `xl`: compressible, with lz4).
 */
export async function anonymousStateStorage(client: Pick<pg.ClientBase, 'query'>, schema: string): Promise<string> {
  const { rows } = await client.query<{ attstorage: string; attcompression: string }>(
    `SELECT attstorage, attcompression FROM pg_attribute WHERE attrelid = '${schema}.anonymous_state'::regclass AND attname = 'state'`,
  );
  return `${rows[0]!.attstorage}${rows[0]!.attcompression}`;
}

const ADVISORY_LOCK_HOLDERS = `SELECT a.client_port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND a.state = 'idle in transaction' AND a.datname = current_database()`;

const ROW_LOCK_HOLDERS = `SELECT client_port FROM pg_stat_activity
  WHERE state = 'idle in transaction' AND backend_xid IS NOT NULL AND application_name = 'candor' AND datname = current_database()`;

/**
 * CL-2: the client ports of the sessions of `url`'s database that hold an advisory lock (a board's lock, taken by a
 * process's lock pool) and wait in their transaction for the process (which decides and commits meanwhile on another
 * connection), so that a test can tell which process holds it.
 */
export async function advisoryLockHolderPorts(url: string): Promise<number[]> {
  const { rows } = await withClient(url, (client) => client.query<{ client_port: number }>(ADVISORY_LOCK_HOLDERS));
  return rows.map((r) => r.client_port);
}

/**
 * CL-2: one session of `url`'s database kept open to look, as often as a test can, at whose sessions sit in a
 * transaction holding a board's lock or row (see the two queries): a new session per look would cost a connection's
 * start-up each time and miss the short moments between a process's statements.
 */
export async function lockWatcher(url: string): Promise<{ advisoryHolders(): Promise<number[]>; rowHolders(): Promise<number[]>; end(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ports = async (sql: string) => (await client.query<{ client_port: number }>(sql)).rows.map((r) => r.client_port);
  return {
    advisoryHolders: () => ports(ADVISORY_LOCK_HOLDERS),
    // (the store's own pool, not the board locks' pool: a transaction with a transaction id took a board's row
    // `FOR UPDATE`, as every write of a board takes it first, and waits for its process between two statements)
    rowHolders: () => ports(ROW_LOCK_HOLDERS),
    end: () => client.end(),
  };
}

/**
 * Ends every other session of `url`'s database, as a restart of PostgreSQL (or an administrator) ends them: their
 * clients get `terminating connection due to administrator command` (57P01). Returns how many it ended.
 */
export async function endSessions(url: string): Promise<number> {
  const { rows } = await withClient(url, (client) =>
    client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'),
  );
  return rows.length;
}

/**
 * Takes a board's row lock in a transaction of its own and sits there, as a process stopped mid-transaction (or a
 * slow one) holds it: every commit of the board waits for it. `release` ends the transaction.
 */
export async function holdBoardRow(url: string, boardId: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
  return {
    async release() {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    },
  };
}
