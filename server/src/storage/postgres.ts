import type { Pool, PoolClient } from 'pg';
import { type BoardEvent, type DocName, atRestOf } from '@candor/shared';
import { ANONYMOUS_PARTS, type AnonymousPart, type AnonymousWrite, type BoardChanges, type BoardRecord, type CopyMark, type BoardStore, CommandKeyTaken, type CommitBatch, type CommitInput, type LoadedBoard, type ParticipantRecord, StaleCopy } from './BoardStore.js';
import { DATA_FORMAT, DataFileError } from './sqlite.js';
import { Fenced } from './fenced.js';

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
/** AR-1: the anonymous state, one row per board and part (`ANONYMOUS_PARTS`), each rewritten whole */
const ANONYMOUS_STATE_TABLE = `
CREATE TABLE anonymous_state (
  board_id TEXT NOT NULL REFERENCES boards(id),
  part TEXT NOT NULL,
  state BYTEA NOT NULL,
  -- CL-17: md5(state), so a process catching up learns which parts changed without reading them
  digest TEXT NOT NULL,
  PRIMARY KEY (board_id, part)
);
ALTER TABLE anonymous_state ALTER COLUMN state SET STORAGE EXTERNAL;`;

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
`;

/**
 * The layout of the tables, in `schema_version.version`; another one is refused rather than misread. The format of
 * the stored data (how tags and command keys are derived, `DATA_FORMAT` as for SQLite) is beside it, in
 * `schema_version.data_format` (AR-9).
 */
export const POSTGRES_SCHEMA_VERSION = 5;

/** How a database of an earlier layout is brought to this one (in the schema lock), by the version it holds. */
const MIGRATIONS: Record<number, string> = {
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
};

/**
 * CL-17: a digest of a board's participant rows (JSON of each row in id order, so no name can make two row sets
 * read alike), computed where the rows are read; nothing of it is stored.
 */
const PARTICIPANTS_DIGEST = `md5(coalesce((SELECT json_agg(json_build_array(id, name, handle, auth_hash, is_facilitator) ORDER BY id COLLATE "C")::text
  FROM participants WHERE board_id = $1), ''))`;

/**
 * CL-17: what changed on a board since a copy was read, in one statement (one snapshot, one round trip): the
 * events after $2, the participant rows only if their digest is not $3, each part of the anonymous state only if
 * its md5 is not the one in $4 (the parts' digests in `ANONYMOUS_PARTS` order): a vote made elsewhere reads the
 * marks again, not every card.
 */
const CHANGES_SINCE = `
SELECT b.version, b.last_seq,
  (SELECT json_agg(json_build_array(e.seq, e.payload) ORDER BY e.seq) FROM events e WHERE e.board_id = b.id AND e.seq > $2) AS events,
  p.digest AS participants_digest,
  CASE WHEN p.digest IS DISTINCT FROM $3 THEN
    (SELECT coalesce(json_agg(json_build_array(id, name, handle, auth_hash, is_facilitator) ORDER BY name COLLATE "C", id COLLATE "C"), '[]')
       FROM participants WHERE board_id = b.id)
  END AS participants,
  (SELECT coalesce(json_agg(json_build_array(s.part, s.digest, encode(s.state, 'base64'))), '[]')
     FROM anonymous_state s
    WHERE s.board_id = b.id AND s.digest IS DISTINCT FROM ($4::text[])[array_position($5::text[], s.part)]) AS anonymous_parts
FROM boards b
CROSS JOIN LATERAL (SELECT ${PARTICIPANTS_DIGEST} AS digest) p
WHERE b.id = $1`;

/** An arbitrary constant: the advisory lock that lets only one process create the schema at a time. */
const SCHEMA_LOCK = 0x63616e64;

export { CommandKeyTaken };

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
   * CL-2: runs `work` holding the board's advisory lock (on a connection of its own, so that the writes `work`
   * makes through the store's other connections are not blocked by it), with the board's change counter read
   * once the lock is held. Every process takes it for each command of the board, so commands of one board are
   * decided one at a time against the stored board, whatever process they reach.
   */
  withBoardLock<T>(boardId: string, work: (storedVersion: number | null) => Promise<T>): Promise<T>;
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
}

const POOL_SIZE = 10;
/** CL-2: connections that hold board locks (one per board with a command under way in this process) */
const LOCK_POOL_SIZE = 10;
/** An arbitrary constant: the class of the per-board advisory locks (the other key is the board id's hash). */
const BOARD_LOCK_CLASS = 0x63616e65;
/**
 * CL-2: PostgreSQL ends a lock holder's session that sits this long in its transaction (a process stopped
 * with SIGSTOP mid-command), so the board's other processes are not held up for good.
 */
const BOARD_LOCK_IDLE_MS = 5_000;

export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  // loaded here, not at start: a server on SQLite never needs it, and a restart does not wait for it
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? POOL_SIZE, application_name: options.applicationName ?? 'candor', options: `-c search_path=${schema}` });
  // an idle connection that the server drops must not crash the process: the next query gets a new one
  pool.on('error', () => undefined);
  const lockPool = new pg.Pool({
    connectionString: url,
    max: LOCK_POOL_SIZE,
    application_name: `${options.applicationName ?? 'candor'}-locks`,
    options: `-c search_path=${schema} -c idle_in_transaction_session_timeout=${BOARD_LOCK_IDLE_MS}`,
  });
  lockPool.on('error', () => undefined);
  try {
    await ensureSchema(pool, schema);
  } catch (err) {
    await Promise.all([pool.end(), lockPool.end()]);
    throw err;
  }

  async function inTransaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Locks the board row for the rest of the transaction; throws if there is no such board. */
  async function lockBoard(client: PoolClient, boardId: string): Promise<number> {
    return (await lockBoardRow(client, boardId)).lastSeq;
  }

  async function lockBoardRow(client: PoolClient, boardId: string): Promise<{ lastSeq: number; version: number }> {
    const { rows } = await client.query<{ last_seq: number; version: string }>('SELECT last_seq, version FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
    if (!rows[0]) throw new Error(`board ${boardId} does not exist`);
    return { lastSeq: rows[0].last_seq, version: Number(rows[0].version) };
  }

  /**
   * CL-2: under the board lock, refuses a write decided against another version of the board than the stored
   * one (nothing written: the caller catches up and decides again), then counts this change.
   */
  async function checkAndCount(client: PoolClient, boardId: string, version: number, expected: number | undefined): Promise<void> {
    if (expected !== undefined && expected !== version) throw new StaleCopy(boardId);
    await client.query('UPDATE boards SET version = version + 1 WHERE id = $1', [boardId]);
  }

  function refuseAnonymous(events: readonly BoardEvent[]): void {
    for (const event of events) if (atRestOf(event) !== 'public-log') throw new Error(`${event.type} is an anonymous fact: it is stored as state, never logged`);
  }

  /** CL-8: under the board lock, refuses a write under a lease epoch that is not the valid current one. */
  async function checkFence(client: PoolClient, boardId: string, fence: number | undefined): Promise<void> {
    if (fence === undefined) return;
    const { rows } = await client.query<{ ok: boolean }>('SELECT writer_epoch = $2 AND writer_until >= now() AS ok FROM boards WHERE id = $1', [boardId, fence]);
    if (!rows[0]?.ok) throw new Fenced(`the writer lease of board ${boardId} at epoch ${fence} is no longer valid`);
  }

  /** Appends events numbered after `lastSeq` and moves the board's counter; returns the new last seq. */
  /** Appends events numbered after `lastSeq` and moves the board's counter; returns the new last seq. */
  async function appendEvents(client: PoolClient, boardId: string, lastSeq: number, events: readonly BoardEvent[]): Promise<number> {
    await insertEvents(client, boardId, lastSeq, events);
    const seq = lastSeq + events.length;
    if (seq !== lastSeq) await client.query('UPDATE boards SET last_seq = $2 WHERE id = $1', [boardId, seq]);
    return seq;
  }

  /** Inserts events numbered after `afterSeq`, in their order, in one statement. */
  async function insertEvents(client: PoolClient, boardId: string, afterSeq: number, events: readonly BoardEvent[]): Promise<void> {
    if (events.length === 0) return;
    await client.query('INSERT INTO events (board_id, seq, payload) SELECT $1, $2 + n, p FROM unnest($3::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n', [
      boardId,
      afterSeq,
      events.map((e) => JSON.stringify(e)),
    ]);
  }

  /**
   * A batch's command keys in one statement, under the board's row lock: a key stored meanwhile (a resend racing
   * its first copy) fails the whole batch. The rows go in in the batch's order, as one insert after another would.
   */
  async function insertCommands(client: PoolClient, boardId: string, commands: readonly { commandKey: string; sealed: Uint8Array }[]): Promise<void> {
    if (commands.length === 0) return;
    const inserted = await client.query(
      `INSERT INTO commands (board_id, command_key, sealed)
       SELECT $1, k, s FROM unnest($2::text[], $3::bytea[]) WITH ORDINALITY AS t(k, s, n) ORDER BY n
       ON CONFLICT DO NOTHING`,
      [boardId, commands.map((c) => c.commandKey), commands.map((c) => Buffer.from(c.sealed))],
    );
    if (inserted.rowCount !== commands.length) throw new CommandKeyTaken(`command key already used on board ${boardId}`);
  }

  /** the parts a commit changed, each replaced whole (the others are left as stored) */
  async function storeAnonymousState(client: PoolClient, boardId: string, parts: AnonymousWrite | undefined): Promise<void> {
    for (const part of ANONYMOUS_PARTS) {
      const blob = parts?.[part];
      if (!blob) continue;
      await client.query('INSERT INTO anonymous_state (board_id, part, state, digest) VALUES ($1, $2, $3::bytea, md5($3::bytea)) ON CONFLICT (board_id, part) DO UPDATE SET state = excluded.state, digest = excluded.digest', [
        boardId,
        part,
        Buffer.from(blob),
      ]);
    }
  }

  async function anonymousStateOf(client: PoolClient, boardId: string): Promise<LoadedBoard['anonymousState']> {
    const { rows } = await client.query<{ part: AnonymousPart; state: Buffer }>('SELECT part, state FROM anonymous_state WHERE board_id = $1', [boardId]);
    const parts: LoadedBoard['anonymousState'] = { cards: null, marks: null };
    for (const row of rows) parts[row.part] = new Uint8Array(row.state);
    return parts;
  }

  /** Under the board's row lock, so a resend racing its first copy sees it once the first has committed. */
  async function refuseTakenKey(client: PoolClient, boardId: string, commandKey: string): Promise<void> {
    const taken = await client.query('SELECT 1 FROM commands WHERE board_id = $1 AND command_key = $2', [boardId, commandKey]);
    if (taken.rowCount) throw new CommandKeyTaken(`command key already used on board ${boardId}`);
  }

  async function storeParticipant(client: PoolClient, boardId: string, p: ParticipantRecord): Promise<void> {
    await client.query(
      `INSERT INTO participants (board_id, id, name, handle, auth_hash, is_facilitator) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (board_id, id) DO UPDATE SET name = excluded.name, is_facilitator = excluded.is_facilitator`,
      [boardId, p.id, p.name, p.handle, p.authHash, p.isFacilitator],
    );
  }

  async function commitLocked(
    boardId: string,
    commandKey: string,
    decide: (board: LockedBoard) => LockedDecision | Promise<LockedDecision>,
  ): Promise<{ lastSeq: number } | { refused: string }> {
    return inTransaction(async (client) => {
      const { lastSeq, version } = await lockBoardRow(client, boardId);
      await refuseTakenKey(client, boardId, commandKey);
      const decision = await decide({ lastSeq, version, anonymousState: await anonymousStateOf(client, boardId) });
      if ('refuse' in decision) return { refused: decision.refuse };
      refuseAnonymous(decision.events);
      await checkAndCount(client, boardId, version, decision.expectedVersion);
      await insertCommands(client, boardId, [{ commandKey, sealed: decision.sealed }]);
      const newSeq = await appendEvents(client, boardId, lastSeq, decision.events);
      await storeAnonymousState(client, boardId, decision.anonymousState);
      return { lastSeq: newSeq };
    });
  }

  const docUpdates = async (client: PoolClient, boardId: string, doc: DocName) =>
    (await client.query<{ update_blob: Buffer }>('SELECT update_blob FROM doc_updates WHERE board_id = $1 AND doc = $2 ORDER BY n', [boardId, doc])).rows.map(
      (r) => new Uint8Array(r.update_blob),
    );

  return {
    commitLocked,
    async withBoardLock(boardId, work) {
      const client = await lockPool.connect();
      let healthy = true;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [BOARD_LOCK_CLASS, boardId]);
        // a statement of its own, after the lock is held, so that it sees every commit made before
        const { rows } = await client.query<{ version: string }>('SELECT version FROM boards WHERE id = $1', [boardId]);
        return await work(rows[0] ? Number(rows[0].version) : null);
      } finally {
        // the lock holds no writes: ending its transaction only lets the next command of the board go
        await client.query('COMMIT').catch(() => (healthy = false));
        client.release(!healthy);
      }
    },
    async claimWriter(boardId, owner, leaseMs) {
      const { rows } = await pool.query<{ writer_epoch: string }>(
        `UPDATE boards SET
           writer_epoch = CASE WHEN writer = $2 AND writer_until >= now() THEN writer_epoch ELSE writer_epoch + 1 END,
           writer = $2,
           writer_until = now() + $3 * interval '1 millisecond'
         WHERE id = $1 AND (writer IS NULL OR writer = $2 OR writer_until < now())
         RETURNING writer_epoch`,
        [boardId, owner, leaseMs],
      );
      return rows[0] ? Number(rows[0].writer_epoch) : null;
    },
    async renewWriter(boardId, owner, epoch, leaseMs) {
      const result = await pool.query(
        `UPDATE boards SET writer_until = now() + $4 * interval '1 millisecond' WHERE id = $1 AND writer = $2 AND writer_epoch = $3`,
        [boardId, owner, epoch, leaseMs],
      );
      return result.rowCount === 1;
    },
    async releaseWriter(boardId, owner, epoch) {
      await pool.query('UPDATE boards SET writer = NULL, writer_until = NULL WHERE id = $1 AND writer = $2 AND writer_epoch = $3', [boardId, owner, epoch]);
    },
    async writerLease(boardId) {
      const { rows } = await pool.query<{ owner: string | null; writer_epoch: string }>(
        'SELECT CASE WHEN writer_until >= now() THEN writer END AS owner, writer_epoch FROM boards WHERE id = $1',
        [boardId],
      );
      return rows[0] ? { owner: rows[0].owner, epoch: Number(rows[0].writer_epoch) } : null;
    },
    async storedVersion(boardId) {
      const { rows } = await pool.query<{ version: string }>('SELECT version FROM boards WHERE id = $1', [boardId]);
      return rows[0] ? Number(rows[0].version) : null;
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
    async loadBoard(boardId, options = {}): Promise<LoadedBoard | null> {
      // one snapshot, so the log, the state and the documents belong to the same moment
      return inTransaction(async (client) => {
        const board = (
          await client.query<{ id: string; facilitator_hash: string; created_at: string; team_id: string | null; version: string }>(
            'SELECT id, facilitator_hash, created_at, team_id, version FROM boards WHERE id = $1',
            [boardId],
          )
        ).rows[0];
        if (!board) return null;
        const participants = await client.query<{ id: string; name: string; handle: string; auth_hash: string; is_facilitator: boolean }>(
          'SELECT id, name, handle, auth_hash, is_facilitator FROM participants WHERE board_id = $1 ORDER BY name COLLATE "C", id COLLATE "C"',
          [boardId],
        );
        const events = await client.query<{ seq: number; payload: string }>('SELECT seq, payload FROM events WHERE board_id = $1 ORDER BY seq', [boardId]);
        const anonymousState = await anonymousStateOf(client, boardId);
        const digest = await client.query<{ digest: string }>(`SELECT ${PARTICIPANTS_DIGEST} AS digest`, [boardId]);
        return {
          record: { id: board.id, facilitatorHash: board.facilitator_hash, createdAt: Number(board.created_at), teamId: board.team_id },
          participants: participants.rows.map(
            (p): ParticipantRecord => ({ id: p.id, name: p.name, handle: p.handle, authHash: p.auth_hash, isFacilitator: p.is_facilitator }),
          ),
          events: events.rows.map((e) => ({ seq: e.seq, event: JSON.parse(e.payload) as BoardEvent })),
          anonymousState,
          docs: options.docs === false ? { board: [], notes: [] } : { board: await docUpdates(client, boardId, 'board'), notes: await docUpdates(client, boardId, 'notes') },
          version: Number(board.version),
          participantsDigest: digest.rows[0]!.digest,
        };
      }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    },
    async loadChanges(boardId, since): Promise<BoardChanges | null> {
      type Row = [string, string, string, string, boolean];
      const { rows } = await pool.query<{
        version: string;
        last_seq: number;
        events: [number, string][] | null;
        participants_digest: string;
        participants: Row[] | null;
        anonymous_parts: [AnonymousPart, string | null, string | null][];
      }>(CHANGES_SINCE, [boardId, since.afterSeq, since.participantsDigest, ANONYMOUS_PARTS.map((part) => since.anonymousDigests[part]), ANONYMOUS_PARTS]);
      const row = rows[0];
      if (!row) return null;
      return {
        version: Number(row.version),
        lastSeq: row.last_seq,
        events: (row.events ?? []).map(([seq, payload]) => ({ seq, event: JSON.parse(payload) as BoardEvent })),
        participants: row.participants
          ? {
              rows: row.participants.map(([id, name, handle, authHash, isFacilitator]): ParticipantRecord => ({ id, name, handle, authHash, isFacilitator })),
              digest: row.participants_digest,
            }
          : null,
        anonymousParts: Object.fromEntries(
          row.anonymous_parts.map(([part, digest, base64]) => [part, { blob: base64 === null ? null : new Uint8Array(Buffer.from(base64, 'base64')), digest }]),
        ),
      };
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
      return inTransaction(async (client) => {
        if (batch.expectedVersion !== undefined && !batch.underBoardLock) {
          // CL-2: another process is deciding under the board's lock: this batch waits its turn there
          const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS got', [BOARD_LOCK_CLASS, boardId]);
          if (!rows[0]?.got) throw new StaleCopy(boardId);
        }
        // the row is locked, counted and its sequence moved on in one statement (CL-2: only at the expected version)
        const { rows: counted } = await client.query<{ last_seq: number }>(
          'UPDATE boards SET version = version + 1, last_seq = last_seq + $3 WHERE id = $1 AND ($2::bigint IS NULL OR version = $2) RETURNING last_seq',
          [boardId, batch.expectedVersion ?? null, batch.events.length],
        );
        if (!counted[0]) {
          // CL-2: decided against another version of the board: nothing of it is written
          if ((await client.query('SELECT 1 FROM boards WHERE id = $1', [boardId])).rowCount) throw new StaleCopy(boardId);
          throw new Error(`board ${boardId} does not exist`);
        }
        const newSeq = counted[0].last_seq;
        for (const p of batch.participants) await storeParticipant(client, boardId, p);
        await insertCommands(client, boardId, batch.commands);
        await insertEvents(client, boardId, newSeq - batch.events.length, batch.events);
        await storeAnonymousState(client, boardId, batch.anonymousState);
        return { lastSeq: newSeq };
      });
    },
    async appendDocUpdate(boardId, doc, update, fence) {
      return inTransaction(async (client) => {
        await lockBoard(client, boardId);
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
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
}

/**
 * Creates the tables on an empty database (one process at a time, under an advisory lock) and refuses a
 * database whose `schema_version` is not this server's, or that holds tables but no version.
 */
async function ensureSchema(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect().catch((err: Error) => {
    // the operator's to fix, in one line (the URL is not repeated: it holds the password)
    throw new DataFileError(`cannot connect to PostgreSQL (DATABASE_URL): ${err.message}`);
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
        await client.query(MIGRATIONS[version]!);
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
    } else if (names.size > 0) {
      throw new DataFileError(
        `the PostgreSQL schema "${schema}" already holds tables (${[...names].sort().join(', ')}) but no Candor schema_version; ` +
          'point DATABASE_URL at an empty database.',
      );
    } else {
      await client.query(SCHEMA);
      await client.query('CREATE TABLE schema_version (version INTEGER NOT NULL, data_format INTEGER)');
      await client.query('INSERT INTO schema_version (version, data_format) VALUES ($1, $2)', [POSTGRES_SCHEMA_VERSION, DATA_FORMAT]);
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
