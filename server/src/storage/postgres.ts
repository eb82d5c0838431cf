import type { Pool, PoolClient, QueryResult } from 'pg';
import type { BoardEvent } from '@candor/shared';
import type { BoardChanges, BoardRecord, BoardStore, CommitBatch, CommitInput, CopyMark, LoadedBoard } from './BoardStore.js';
import { CommandKeyTaken, OutcomeUnknown, StaleCopy } from './BoardStore.js';
import { Fenced } from './fenced.js';
import { STATEMENT_ENDED_BEFORE_MS, STORE_ANSWER_MS, StoreSilence, sentUnanswered } from './postgresSilence.js';
import { ensureSchema } from './postgresSchema.js';
import { DataFileError } from './sqlite.js';
import { NOT_A_URL } from '../config.js';
import { writerLeases } from './postgresLeases.js';
import { type ChangesRow, changesOf, changesSinceStatement, readBoard, readChanges } from './postgresReads.js';
import { COMMIT_BATCH, UNIQUE_VIOLATION, commitBatchParameters } from './postgresBatch.js';
import {
  anonymousStateOf,
  appendEvents,
  checkAndCount,
  checkFence,
  insertCommands,
  lockBoard,
  lockBoardRow,
  refuseAnonymous,
  refuseTakenKey,
  storeAnonymousState,
  storeParticipant,
} from './postgresRows.js';

/**
 * The PostgreSQL `BoardStore` (`DATABASE_URL=postgres://…`), the same contract as `sqlite.ts`
 * (store.contract.ts runs against both). Each command is one transaction that locks its board row
 * (`SELECT … FOR UPDATE`), so commands of one board are applied one after another whatever connection or
 * process they come through: the command key is checked, the public events are numbered from the locked
 * row's `last_seq` (gap-free and in commit order, unlike a sequence/bigserial, whose numbers are handed out
 * before commit), the parts of the anonymous state it changed are rewritten, then it commits. No table has a serial column or a
 * timestamp besides the public creation dates (AR-1, AR-3). What PostgreSQL's files keep of old row versions
 * is said in the README ("Running on PostgreSQL").
 */
export { CommandKeyTaken };
export { POSTGRES_SCHEMA_VERSION } from './postgresSchema.js';

/** What a command's transaction sees of its board once the row is locked. */
export interface LockedBoard {
  lastSeq: number;
  /** CL-2: the board's change counter (see `LoadedBoard.version`) */
  version: number;
  anonymousState: LoadedBoard['anonymousState'];
}

/** The rest of a commit, decided against the locked board, or a refusal that writes nothing. */
export type LockedDecision = { refuse: string } | Omit<CommitInput, 'commandKey'>;

export { Fenced };

export interface PostgresStore extends BoardStore {
  /** CL-17: always there on PostgreSQL, the store several processes share */
  loadChanges(boardId: string, since: CopyMark): Promise<BoardChanges | null>;
  /**
   * CL-8: takes the board's writer lease for `owner` if nobody holds it, it expired, or `owner` holds it
   * already (then only renewed). Taking it over counts one more epoch. Expiry is on the database's clock.
   * Returns the epoch held, or null if another process holds a valid lease.
   */
  claimWriter(boardId: string, owner: string, leaseMs: number): Promise<number | null>;
  /** CL-8: extends the lease only if `owner` still holds it at `epoch` (compare-and-set); false once it is lost */
  renewWriter(boardId: string, owner: string, epoch: number, leaseMs: number): Promise<boolean>;
  /** CL-8: gives the lease up only if `owner` still holds it at `epoch` (compare-and-set) */
  releaseWriter(boardId: string, owner: string, epoch: number): Promise<void>;
  /** CL-8: who holds the board's writer lease now (null if nobody holds a valid one) and its epoch */
  writerLease(boardId: string): Promise<{ owner: string | null; epoch: number } | null>;
  /** CL-2: the board's change counter, or null if there is no such board */
  storedVersion(boardId: string): Promise<number | null>;
  /**
   * CL-31: for each of these boards that still exists, its change counter and a mark of its stored notes (how many
   * updates and the size of the first, which a compaction replaces), in one round trip: what a process that hears
   * nothing from Redis polls, to tell which boards changed elsewhere
   */
  storedMarks(boardIds: readonly string[]): Promise<Map<string, { version: number; notes: string }>>;
  /**
   * CM-6 CL-1: for each of these boards that still exists, its change counter, in one round trip: what every process
   * checks of its loaded boards each presence period, to find a change nobody announced (`UnannouncedCommits`)
   */
  storedVersions(boardIds: readonly string[]): Promise<Map<string, number>>;
  /**
   * CL-12: marks a document ticket spent (by its hash, until it expires, ms since the epoch); true the first time,
   * false if some process spent it already
   */
  spendTicket(hash: string, until: number): Promise<boolean>;
  /** CL-12: drops the marks of tickets that expired before `now` (each process, now and then) */
  dropSpentTickets(now: number): Promise<void>;
  /**
   * CL-2: runs `work` holding the board's advisory lock (on a connection of its own, so that the writes `work`
   * makes through the store's other connections are not blocked by it), with the board's change counter read
   * once the lock is held. Every process takes it for each command of the board, so commands of one board are
   * decided one at a time against the stored board, whatever process they reach. CL-24: given `since`, what changed
   * after it (`loadChanges`) is read once the lock is held, in the lock's round trip, and handed to `work` too.
   * CL-29: with `partsBelow`, a changed part of the anonymous state of that many bytes or more is left unread there
   * (`BoardChanges.unread`): an announcement may have brought it meanwhile.
   */
  withBoardLock<T>(
    boardId: string,
    work: (storedVersion: number | null, changes?: BoardChanges | null) => Promise<T>,
    since?: CopyMark,
    partsBelow?: number,
  ): Promise<T>;
  /**
   * One command as one transaction: lock the board row, check the command key, let `decide` apply the rule
   * against the state read under the lock (e.g. a vote budget), write what it decided, commit. Two such
   * transactions of one board never interleave, on any connection of any process.
   */
  commitLocked(boardId: string, commandKey: string, decide: (board: LockedBoard) => LockedDecision | Promise<LockedDecision>): Promise<{ lastSeq: number } | { refused: string }>;
}

export interface PostgresOptions {
  /** a schema of its own (created if missing) instead of `public`: tests give every run one */
  schema?: string;
  /** connections in the pool */
  poolSize?: number;
  /** shown in `pg_stat_activity`, so an operator (or a test) can tell Candor's connections apart */
  applicationName?: string;
  /** AR-12: the key the anonymous state is sealed with (`anonymousStateKey` of the server key, the same in every process) */
  stateKey: Buffer;
}

const POOL_SIZE = 10;
/** CL-2: connections that hold board locks (one per board with a command under way in this process) */
const LOCK_POOL_SIZE = 10;
/** An arbitrary constant: the class of the per-board advisory locks (the other key is the board id's hash). */
const BOARD_LOCK_CLASS = 0x63616e65;
/**
 * CL-2: PostgreSQL ends a lock holder's session that sits this long in its transaction (a process stopped
 * with SIGSTOP mid-command), so the board's other processes are not held up for good. The same for the store's other
 * connections: every write of a board takes its row first (a notes update between its statements, say), and a
 * process stopped there held every other process's commits of the board up for as long as it was stopped.
 */
const BOARD_LOCK_IDLE_MS = 5_000;
/** CM-6: a board's lock may be waited for while its holder stalls until PostgreSQL ends its session (CL-2) */
const LOCK_ANSWER_MS = BOARD_LOCK_IDLE_MS + STORE_ANSWER_MS;
/** PG-1: how long a starting server waits for PostgreSQL to take its first connection */
export const SCHEMA_CONNECT_MS = 5_000;

export async function openPostgresStore(url: string, options: PostgresOptions): Promise<PostgresStore> {
  const { stateKey } = options;
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  // loaded here, not at start: a server on SQLite never needs it, and a restart does not wait for it
  const { default: pg } = await import('pg');
  // CG-1: pg reads the URL only as a pool first connects, and a URL it cannot read (a password with a bare #) threw there
  // past every handler: a stack instead of one line. A client made and never connected reads it, and connects nowhere.
  try {
    new pg.Client({ connectionString: url });
  } catch {
    throw new DataFileError(`DATABASE_URL ${NOT_A_URL}`);
  }
  const applicationName = options.applicationName ?? 'candor';
  // CM-6: no query or new connection waits for PostgreSQL longer than STORE_ANSWER_MS (a board's lock: LOCK_ANSWER_MS),
  // and PostgreSQL ends a statement itself (a row lock waited for, a heavy read) before that, saying so
  const bounded = { query_timeout: STORE_ANSWER_MS, statement_timeout: STORE_ANSWER_MS - STATEMENT_ENDED_BEFORE_MS, connectionTimeoutMillis: STORE_ANSWER_MS };
  const silence = new StoreSilence();
  const pool = silence.guard(new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? POOL_SIZE,
    application_name: applicationName,
    options: `-c search_path=${schema} -c idle_in_transaction_session_timeout=${BOARD_LOCK_IDLE_MS}`,
    ...bounded,
  }));
  // an idle connection that the server drops must not crash the process: the next query gets a new one
  pool.on('error', () => undefined);
  const lockPool = silence.guard(new pg.Pool({
    connectionString: url,
    max: LOCK_POOL_SIZE,
    application_name: `${applicationName}-locks`,
    options: `-c search_path=${schema} -c idle_in_transaction_session_timeout=${BOARD_LOCK_IDLE_MS}`,
    // (a board's lock, and a free connection to wait for it on, may be waited for while other boards' holders stall)
    query_timeout: LOCK_ANSWER_MS,
    statement_timeout: LOCK_ANSWER_MS - STATEMENT_ENDED_BEFORE_MS,
    connectionTimeoutMillis: LOCK_ANSWER_MS,
  }));
  lockPool.on('error', () => undefined);
  // the schema is made ready on a connection of its own, unbounded: a migration (or another process's) may take long
  // (its connection is bounded, not its queries: a host that takes the connection and never answers, or drops packets,
  // kept a starting server silent for the system's TCP patience, about 2 minutes, PG-1)
  const schemaPool = new pg.Pool({ connectionString: url, max: 1, application_name: applicationName, options: `-c search_path=${schema}`, connectionTimeoutMillis: SCHEMA_CONNECT_MS });
  schemaPool.on('error', () => undefined);
  try {
    await ensureSchema(schemaPool, schema, stateKey);
  } catch (err) {
    silence.stop();
    await Promise.all([pool.end(), lockPool.end()]);
    throw err;
  } finally {
    await schemaPool.end();
  }

  async function inTransaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const lost = await connectWatched(pool);
    const { client } = lost;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // CM-6: a query left unanswered holds the connection: it is given up (PostgreSQL rolls back what it had not committed)
      silence.heard(err);
      if (sentUnanswered(err)) lost.release(true);
      else await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      lost.release();
    }
  }


  async function commitLocked(
    boardId: string,
    commandKey: string,
    decide: (board: LockedBoard) => LockedDecision | Promise<LockedDecision>,
  ): Promise<{ lastSeq: number } | { refused: string }> {
    return inTransaction(async (client) => {
      const { lastSeq, version } = await lockBoardRow(client, boardId);
      await refuseTakenKey(client, boardId, commandKey);
      const decision = await decide({ lastSeq, version, anonymousState: await anonymousStateOf(client, boardId, stateKey) });
      if ('refuse' in decision) return { refused: decision.refuse };
      refuseAnonymous(decision.events);
      await checkAndCount(client, boardId, version, decision.expectedVersion);
      await insertCommands(client, boardId, [{ commandKey, sealed: decision.sealed }]);
      const newSeq = await appendEvents(client, boardId, lastSeq, decision.events);
      await storeAnonymousState(client, boardId, decision.anonymousState, stateKey);
      return { lastSeq: newSeq };
    });
  }

  return {
    commitLocked,
    async withBoardLock(boardId, work, since, partsBelow) {
      // CL-2: PostgreSQL ends this session if the process stalls holding the lock (BOARD_LOCK_IDLE_MS); what `work`
      // stores is checked against the stored version anyway, so the batch goes on and the connection is dropped
      const lost = await connectWatched(lockPool);
      const { client } = lost;
      // the lock holds no writes: ending its transaction only lets the next command of the board go
      const unlock = () =>
        client.query('COMMIT').then(
          () => lost.release(),
          () => lost.release(true),
        );
      let result;
      try {
        // one round trip for the three (a query of several statements takes no parameters: the id goes as a
        // literal); the version is read by a statement of its own, after the lock is held, so that it sees every
        // commit made before (each statement of a READ COMMITTED transaction takes its own snapshot)
        const board = client.escapeLiteral(boardId);
        const lock = `BEGIN; SELECT pg_advisory_xact_lock(${BOARD_LOCK_CLASS}, hashtext(${board}));`;
        if (since) {
          const read = changesSinceStatement(boardId, since, (text) => client.escapeLiteral(text), partsBelow ?? null);
          const results = (await client.query({ ...read, text: `${lock} ${read.text}` })) as unknown as QueryResult<ChangesRow>[];
          const changes = changesOf(results.at(-1)?.rows[0], boardId, stateKey);
          result = await work(changes ? changes.version : null, changes);
        } else {
          const results = (await client.query(`${lock} SELECT version FROM boards WHERE id = ${board}`)) as unknown as QueryResult<{ version: string }>[];
          const row = results.at(-1)?.rows[0];
          result = await work(row ? Number(row.version) : null);
        }
      } catch (err) {
        // CM-6: no COMMIT after a query left unanswered: it would wait as long again (a lock waited for that long
        // says nothing of PostgreSQL, so `silence` is not told: its holder may just be slow)
        if (sentUnanswered(err)) lost.release(true);
        else await unlock();
        throw err;
      }
      // CL-2: the COMMIT is on its way (pg sends it at once); what `work` stored is committed already, so the caller
      // answers and fans out meanwhile rather than after one more round trip. The next holder waits for PostgreSQL.
      void unlock();
      return result;
    },
    ...writerLeases(pool),
    async storedVersion(boardId) {
      const { rows } = await pool.query<{ version: string }>('SELECT version FROM boards WHERE id = $1', [boardId]);
      return rows[0] ? Number(rows[0].version) : null;
    },
    async spendTicket(hash, until) {
      const { rowCount } = await pool.query('INSERT INTO spent_tickets (hash, expires_at) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING', [hash, until]);
      return rowCount === 1;
    },
    async dropSpentTickets(now) {
      await pool.query('DELETE FROM spent_tickets WHERE expires_at < $1', [now]);
    },
    async storedVersions(boardIds) {
      const { rows } = await pool.query<{ id: string; version: string }>('SELECT id, version FROM boards WHERE id = ANY($1)', [boardIds]);
      return new Map(rows.map((row) => [row.id, Number(row.version)]));
    },
    async storedMarks(boardIds) {
      const { rows } = await pool.query<{ id: string; version: string; notes: number | null; first: number | null }>(
        `SELECT b.id, b.version,
           (SELECT max(n) FROM doc_updates d WHERE d.board_id = b.id AND d.doc = 'notes') AS notes,
           (SELECT octet_length(update_blob) FROM doc_updates d WHERE d.board_id = b.id AND d.doc = 'notes' AND d.n = 1) AS first
         FROM boards b WHERE b.id = ANY($1)`,
        [boardIds],
      );
      return new Map(rows.map((row) => [row.id, { version: Number(row.version), notes: `${row.notes ?? 0}:${row.first ?? 0}` }]));
    },
    async createBoard(record: BoardRecord, first: BoardEvent) {
      refuseAnonymous([first]);
      await inTransaction(async (client) => {
        await client.query('INSERT INTO boards (id, facilitator_hash, created_at, last_seq, team_id) VALUES ($1, $2, $3, 0, $4)', [
          record.id,
          record.facilitatorHash,
          record.createdAt,
          record.teamId ?? null,
        ]);
        await appendEvents(client, record.id, 0, [first]);
      });
    },
    async createTeam(team) {
      await pool.query('INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)', [team.id, team.name, team.createdAt]);
    },
    async loadTeam(teamId) {
      const team = await pool.query<{ id: string; name: string; created_at: string }>('SELECT id, name, created_at FROM teams WHERE id = $1', [teamId]);
      const row = team.rows[0];
      if (!row) return null;
      const boards = await pool.query<{ id: string; created_at: string }>(
        'SELECT id, created_at FROM boards WHERE team_id = $1 ORDER BY created_at, id COLLATE "C"',
        [teamId],
      );
      return {
        team: { id: row.id, name: row.name, createdAt: Number(row.created_at) },
        boards: boards.rows.map((b) => ({ id: b.id, createdAt: Number(b.created_at) })),
      };
    },
    async boardExists(boardId) {
      return ((await pool.query('SELECT 1 FROM boards WHERE id = $1', [boardId])).rowCount ?? 0) > 0;
    },
    loadBoard(boardId, options = {}): Promise<LoadedBoard | null> {
      // one snapshot, so the log, the state and the documents belong to the same moment
      return inTransaction((client) => readBoard(client, boardId, options, stateKey), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    },
    loadChanges(boardId, since): Promise<BoardChanges | null> {
      return readChanges(pool, boardId, since, stateKey);
    },
    async upsertParticipant(boardId, p, expectedVersion) {
      await inTransaction(async (client) => {
        const { version } = await lockBoardRow(client, boardId);
        await checkAndCount(client, boardId, version, expectedVersion);
        await storeParticipant(client, boardId, p);
      });
    },
    async removeParticipant(boardId, participantId) {
      await inTransaction(async (client) => {
        const { version } = await lockBoardRow(client, boardId);
        await checkAndCount(client, boardId, version, undefined);
        await client.query('DELETE FROM participants WHERE board_id = $1 AND id = $2', [boardId, participantId]);
      });
    },
    async findCommand(boardId, commandKey) {
      const { rows } = await pool.query<{ sealed: Buffer }>('SELECT sealed FROM commands WHERE board_id = $1 AND command_key = $2', [boardId, commandKey]);
      return rows[0] ? new Uint8Array(rows[0].sealed) : null;
    },
    async findCommands(boardId, commandKeys) {
      const found = new Map<string, Uint8Array>();
      if (commandKeys.length === 0) return found;
      // one round trip for a batch's commands, however many (CM-3)
      const { rows } = await pool.query<{ command_key: string; sealed: Buffer }>('SELECT command_key, sealed FROM commands WHERE board_id = $1 AND command_key = ANY($2::text[])', [
        boardId,
        commandKeys,
      ]);
      for (const row of rows) found.set(row.command_key, new Uint8Array(row.sealed));
      return found;
    },
    async commit(boardId, input) {
      refuseAnonymous(input.events);
      const { commandKey, ...rest } = input;
      const result = await commitLocked(boardId, commandKey, () => rest);
      if ('refused' in result) throw new Error(result.refused);
      return result;
    },
    async commitBatch(boardId: string, batch: CommitBatch) {
      refuseAnonymous(batch.events);
      const parameters = commitBatchParameters(boardId, batch, BOARD_LOCK_CLASS, stateKey);
      // (a connection that cannot be had is no commit sent: that failure says nothing was changed)
      const lost = await connectWatched(pool);
      // one statement, so one round trip and one transaction of its own (PostgreSQL commits it as it ends)
      const { rows } = await lost.client.query<{ last_seq: number | null; board_exists: boolean }>(COMMIT_BATCH, parameters).then(
        (result) => {
          lost.release();
          return result;
        },
        (err: { code?: string; constraint?: string }) => {
          // (an error PostgreSQL answered leaves the connection usable; anything else ends it)
          silence.heard(err);
          lost.release(err.code === undefined);
          // a command key stored meanwhile (a resend racing its first copy) fails the whole statement, so the batch
          if (err.code === UNIQUE_VIOLATION && err.constraint === 'commands_pkey') throw new CommandKeyTaken(`command key already used on board ${boardId}`);
          // CM-6: the statement was sent and no answer came: it may have been committed
          if (sentUnanswered(err)) throw new OutcomeUnknown(boardId, err);
          throw err;
        },
      );
      const row = rows[0]!;
      if (row.last_seq !== null) return { lastSeq: row.last_seq };
      // CL-2: decided against another version of the board, or another process holds its lock: nothing was written
      if (row.board_exists) throw new StaleCopy(boardId);
      throw new Error(`board ${boardId} does not exist`);
    },
    async appendDocUpdate(boardId, doc, update, fence, atVersion) {
      return inTransaction(async (client) => {
        const { version } = await lockBoardRow(client, boardId);
        // LK-1 CL-34: a person's edit decided against a copy another process has changed since (a lock, Close)
        if (atVersion !== undefined && atVersion !== version) throw new StaleCopy(boardId);
        await checkFence(client, boardId, fence);
        const { rows } = await client.query<{ n: number }>(
          'INSERT INTO doc_updates (board_id, doc, n, update_blob) VALUES ($1, $2, (SELECT coalesce(max(n), 0) + 1 FROM doc_updates WHERE board_id = $1 AND doc = $2), $3) RETURNING n',
          [boardId, doc, Buffer.from(update)],
        );
        // updates are numbered 1… without gaps (compaction restarts at 1), so the last number is the count
        return rows[0]!.n;
      });
    },
    async compactDoc(boardId, doc, snapshot, upTo, fence) {
      await inTransaction(async (client) => {
        await lockBoard(client, boardId);
        await checkFence(client, boardId, fence);
        if (upTo === undefined) {
          await client.query('DELETE FROM doc_updates WHERE board_id = $1 AND doc = $2', [boardId, doc]);
        } else {
          // CL-6: the snapshot covers the first `upTo`; later ones (appended by another process meanwhile) move
          // up behind it, keeping the numbers 1… without gaps (negated first, so no two rows share a number)
          await client.query('DELETE FROM doc_updates WHERE board_id = $1 AND doc = $2 AND n <= $3', [boardId, doc, upTo]);
          await client.query('UPDATE doc_updates SET n = -(n - $3 + 1) WHERE board_id = $1 AND doc = $2', [boardId, doc, upTo]);
          await client.query('UPDATE doc_updates SET n = -n WHERE board_id = $1 AND doc = $2', [boardId, doc]);
        }
        await client.query('INSERT INTO doc_updates (board_id, doc, n, update_blob) VALUES ($1, $2, 1, $3)', [boardId, doc, Buffer.from(snapshot)]);
      });
    },
    async probe() {
      await pool.query('INSERT INTO probe (k, v) VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET v = probe.v + 1');
    },
    async deleteBoard(boardId) {
      await inTransaction(async (client) => {
        // BD-3: the board's row first, as every writer takes it: a commit or document write in progress finishes
        // before anything is deleted, and what it wrote goes too (else its row would still point at the board)
        const held = await client.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
        if (!held.rowCount) return;
        for (const table of ['doc_updates', 'commands', 'events', 'anonymous_state', 'participants']) {
          await client.query(`DELETE FROM ${table} WHERE board_id = $1`, [boardId]);
        }
        await client.query('DELETE FROM boards WHERE id = $1', [boardId]);
      });
    },
    async close() {
      silence.stop();
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
}

/**
 * A connection taken from a pool emits `error` when PostgreSQL ends it between two queries (a board lock's
 * session after BOARD_LOCK_IDLE_MS, a restart): the pool listens only while it holds the connection, and an
 * `error` nobody listens to ends the process. So it is listened to from the moment the pool hands it over (in the
 * pool's callback: a new connection's end can come in the very packet that made it ready, before an `await` goes
 * on) until it is given back, as broken if it ended.
 */
function connectWatched(pool: Pool): Promise<{ client: PoolClient; release(broken?: boolean): void }> {
  return new Promise((resolve, reject) => {
    pool.connect((err, client) => {
      if (err || !client) return reject(err ?? new Error('no connection'));
      let lost: Error | null = null;
      const onError = (e: Error) => (lost = e);
      client.on('error', onError);
      let released = false;
      resolve({
        client,
        // (once: a connection given up as broken, CM-6, is not given back again after)
        release(broken = false) {
          if (released) return;
          released = true;
          client.off('error', onError);
          client.release(broken || lost !== null);
        },
      });
    });
  });
}
