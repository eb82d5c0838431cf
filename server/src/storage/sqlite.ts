import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BoardEvent, type DocName, atRestOf, deletedActionIds, eventsAsLogged, withoutActionWords } from '@candor/shared';
import { WalDiscipline, checkpoint } from './walDiscipline.js';
import { ANONYMOUS_PARTS, type AnonymousPart, type AnonymousWrite, type BoardRecord, type BoardStore, type CommitBatch, type CommitInput, type LoadedBoard, type ParticipantRecord } from './BoardStore.js';
import { makeDirectory } from './makeDirectory.js';

/** AR-6: whether a commit writes any part of the anonymous state (then it goes alone through the WAL) */
const writesAnonymous = (parts: AnonymousWrite | undefined) => ANONYMOUS_PARTS.some((part) => parts?.[part] !== undefined);
/** AR-6: a commit that takes words back from the log (AC-5: an action deleted) is alone in the WAL, scrubbed out of it */
const takesWordsBack = (events: readonly BoardEvent[]) => events.some((e) => e.type === 'action.deleted');

/**
 * AR-1…AR-6. Every table is WITHOUT ROWID (no implicit counter in insertion order); no timestamps but the
 * public creation dates; anonymous facts live in two blobs per board (`anonymous_state`: the cards, and the
 * marks on them), never as rows of their own, because rows leak their insertion order through where SQLite
 * places them in a page.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  facilitator_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0,
  team_id TEXT REFERENCES teams(id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS boards_by_team ON boards(team_id, created_at);
-- name is public; auth_hash only proves identity. Cards and votes never refer to this table.
CREATE TABLE IF NOT EXISTS participants (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  handle TEXT NOT NULL,
  auth_hash TEXT NOT NULL,
  is_facilitator INTEGER NOT NULL,
  PRIMARY KEY (board_id, id)
) WITHOUT ROWID;
-- AR-1: the public log only (phase, facilitator, actions and their named owners, …), in order.
CREATE TABLE IF NOT EXISTS events (
  board_id TEXT NOT NULL REFERENCES boards(id),
  seq INTEGER NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (board_id, seq)
) WITHOUT ROWID;
-- AR-1: cards and groups in one blob per board ('cards'), votes, pulse, consensus answers, lens taps and
-- reactions in another ('marks'); each rewritten whole, and only by a commit that changed it.
CREATE TABLE IF NOT EXISTS anonymous_state (
  board_id TEXT NOT NULL REFERENCES boards(id),
  part TEXT NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (board_id, part)
) WITHOUT ROWID;
-- AR-5: opaque lookup key and a sealed, fixed-size record per command.
CREATE TABLE IF NOT EXISTS commands (
  board_id TEXT NOT NULL,
  command_key TEXT NOT NULL,
  sealed BLOB NOT NULL,
  PRIMARY KEY (board_id, command_key)
) WITHOUT ROWID;
-- Yjs updates of the co-edited notes document (the board document is a projection, never stored: AR-4).
CREATE TABLE IF NOT EXISTS doc_updates (
  board_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  n INTEGER NOT NULL,
  update_blob BLOB NOT NULL,
  PRIMARY KEY (board_id, doc, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS probe (k INTEGER PRIMARY KEY, v INTEGER NOT NULL) WITHOUT ROWID;
`;

/**
 * The layout of the data file, in `PRAGMA user_version`. A file of another layout (or an older one, which
 * has none) is refused rather than misread: there are no users to migrate yet. 4: the stored per-fact tags
 * and command keys come from `Keyring.person` (a format-3 file's would never be recognised or matched). 5: the
 * anonymous state is stored in two parts (`ANONYMOUS_PARTS`), no longer as one blob. 6: the auth hash is one of
 * `Keyring.person`'s values and the slot tags are AES under the person tag itself, no HMAC (AR-2: a format-5 file's
 * participants could not join and its facts would never be recognised).
 */
export const DATA_FORMAT = 6;

/** DU-5: how long opening waits for another process to let go of the file (a server restarting) before refusing */
const LOCK_WAIT_MS = 2_000;

/** Thrown when a data file or directory cannot be used; its message is the one line the server prints before it exits. */
export class DataFileError extends Error {}

/**
 * better-sqlite3 in WAL mode, synchronous=FULL (a returned commit is on disk, kill -9 or power cut: one fsync
 * of the WAL per commit) and secure_delete (freed bytes are zeroed). AR-6: `WalDiscipline` keeps the WAL from
 * ever holding a timeline of anonymous facts — named commits (joins) may wait in it, a commit of anonymous state
 * or a delete is alone in it and scrubbed out of it before it returns; a WAL left by a server that was killed is
 * folded into the file and emptied at open, before anything else.
 *
 * DU-5: the file is held with an exclusive lock for as long as the store is open. One server process owns it
 * anyway (a second one on the same file would keep a copy of every board that goes stale); holding the lock
 * spares every commit taking and dropping file locks, and keeps the WAL index in the process's memory (no
 * `-shm` file); a second process is refused at start instead.
 */
export function openSqliteStore(file: string, options: { synchronous?: 'FULL' | 'NORMAL' } = {}): BoardStore {
  if (file !== ':memory:') makeDirectory(path.dirname(file));
  const db = new Database(file, { timeout: LOCK_WAIT_MS });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    // AR-6, BD-3: deleted rows are overwritten with zeros, so no deleted or replaced text stays in free pages.
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    refuseOtherFormats(db, file);
    db.pragma('journal_mode = WAL');
    // AR-6: whatever a killed server left in the WAL is folded into the file before anything else is written
    checkpoint(db, 'TRUNCATE');
    db.exec(SCHEMA);
    // a write, so the exclusive lock (DU-5) is taken now, not at the first command
    db.pragma(`user_version = ${DATA_FORMAT}`);
    checkpoint(db, 'TRUNCATE');
  } catch (err) {
    if (db.open) db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DataFileError(`${file} is in use by another process (another Candor server on the same DATA_DIR?); stop it first.`);
    }
    throw err;
  }

  const q = {
    insertBoard: db.prepare('INSERT INTO boards (id, facilitator_hash, created_at, last_seq, team_id) VALUES (?, ?, ?, 0, ?)'),
    getBoard: db.prepare<[string], { id: string; facilitator_hash: string; created_at: number; last_seq: number; team_id: string | null }>(
      'SELECT id, facilitator_hash, created_at, last_seq, team_id FROM boards WHERE id = ?',
    ),
    insertTeam: db.prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)'),
    getTeam: db.prepare<[string], { id: string; name: string; created_at: number }>('SELECT id, name, created_at FROM teams WHERE id = ?'),
    teamBoards: db.prepare<[string], { id: string; created_at: number }>(
      'SELECT id, created_at FROM boards WHERE team_id = ? ORDER BY created_at, id',
    ),
    bumpSeq: db.prepare('UPDATE boards SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq'),
    lastSeq: db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM boards WHERE id = ?'),
    insertEvent: db.prepare('INSERT INTO events (board_id, seq, payload) VALUES (?, ?, ?)'),
    // AC-5 AR-6: the logged events that may name an action (a LIKE narrows them; each is parsed and checked)
    eventsNaming: db.prepare<[string, string], { seq: number; payload: string }>('SELECT seq, payload FROM events WHERE board_id = ? AND payload LIKE ?'),
    rewriteEvent: db.prepare('UPDATE events SET payload = ? WHERE board_id = ? AND seq = ?'),
    events: db.prepare<[string], { seq: number; payload: string }>('SELECT seq, payload FROM events WHERE board_id = ? ORDER BY seq'),
    putState: db.prepare('INSERT INTO anonymous_state (board_id, part, state) VALUES (?, ?, ?) ON CONFLICT (board_id, part) DO UPDATE SET state = excluded.state'),
    getState: db.prepare<[string], { part: AnonymousPart; state: Buffer }>('SELECT part, state FROM anonymous_state WHERE board_id = ?'),
    upsertParticipant: db.prepare(
      `INSERT INTO participants (board_id, id, name, handle, auth_hash, is_facilitator) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (board_id, id) DO UPDATE SET name = excluded.name, is_facilitator = excluded.is_facilitator`,
    ),
    removeParticipant: db.prepare('DELETE FROM participants WHERE board_id = ? AND id = ?'),
    participants: db.prepare<[string], { id: string; name: string; handle: string; auth_hash: string; is_facilitator: number }>(
      'SELECT id, name, handle, auth_hash, is_facilitator FROM participants WHERE board_id = ? ORDER BY name, id',
    ),
    findCommand: db.prepare<[string, string], { sealed: Buffer }>('SELECT sealed FROM commands WHERE board_id = ? AND command_key = ?'),
    insertCommand: db.prepare('INSERT INTO commands (board_id, command_key, sealed) VALUES (?, ?, ?)'),
    appendDoc: db.prepare(
      'INSERT INTO doc_updates (board_id, doc, n, update_blob) VALUES (?, ?, (SELECT coalesce(max(n), 0) + 1 FROM doc_updates WHERE board_id = ? AND doc = ?), ?)',
    ),
    countDoc: db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM doc_updates WHERE board_id = ? AND doc = ?'),
    docUpdates: db.prepare<[string, string], { update_blob: Buffer }>('SELECT update_blob FROM doc_updates WHERE board_id = ? AND doc = ? ORDER BY n'),
    clearDoc: db.prepare('DELETE FROM doc_updates WHERE board_id = ? AND doc = ?'),
    probe: db.prepare('INSERT INTO probe (k, v) VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET v = v + 1'),
    deleteBoardRows: [
      db.prepare('DELETE FROM doc_updates WHERE board_id = ?'),
      db.prepare('DELETE FROM commands WHERE board_id = ?'),
      db.prepare('DELETE FROM events WHERE board_id = ?'),
      db.prepare('DELETE FROM anonymous_state WHERE board_id = ?'),
      db.prepare('DELETE FROM participants WHERE board_id = ?'),
      db.prepare('DELETE FROM boards WHERE id = ?'),
    ],
  };

  const appendEvents = (boardId: string, events: readonly BoardEvent[]): number => {
    takeBackActionWords(boardId, events);
    for (const event of eventsAsLogged(events)) {
      if (atRestOf(event) !== 'public-log') throw new Error(`${event.type} is an anonymous fact: it is stored as state, never logged`);
      const row = q.bumpSeq.get(boardId) as { last_seq: number } | undefined;
      if (!row) throw new Error(`board ${boardId} does not exist`);
      q.insertEvent.run(boardId, row.last_seq, JSON.stringify(event));
    }
    const row = q.lastSeq.get(boardId);
    if (!row) throw new Error(`board ${boardId} does not exist`);
    return row.last_seq;
  };

  /** AC-5 AR-6: the words of the actions `events` delete, taken out of the events logged before (secure_delete zeroes the old bytes) */
  const takeBackActionWords = (boardId: string, events: readonly BoardEvent[]) => {
    const deleted = deletedActionIds(events);
    if (deleted.length === 0) return;
    const ids = new Set(deleted);
    for (const actionId of deleted) {
      for (const row of q.eventsNaming.all(boardId, `%"actionId":${JSON.stringify(actionId)}%`)) {
        const without = withoutActionWords(JSON.parse(row.payload) as BoardEvent, ids);
        if (without) q.rewriteEvent.run(JSON.stringify(without), boardId, row.seq);
      }
    }
  };

  const putParts = (boardId: string, parts: AnonymousWrite | undefined) => {
    for (const part of ANONYMOUS_PARTS) {
      const blob = parts?.[part];
      if (blob) q.putState.run(boardId, part, padded(blob));
    }
  };

  const createBoardTx = db.transaction((record: BoardRecord, first: BoardEvent) => {
    q.insertBoard.run(record.id, record.facilitatorHash, record.createdAt, record.teamId ?? null);
    appendEvents(record.id, [first]);
  });

  const commitTx = db.transaction((boardId: string, input: CommitInput) => {
    q.insertCommand.run(boardId, input.commandKey, Buffer.from(input.sealed));
    const lastSeq = appendEvents(boardId, input.events);
    putParts(boardId, input.anonymousState);
    return lastSeq;
  });

  const commitBatchTx = db.transaction((boardId: string, batch: CommitBatch) => {
    for (const p of batch.participants) q.upsertParticipant.run(boardId, p.id, p.name, p.handle, p.authHash, p.isFacilitator ? 1 : 0);
    for (const c of batch.commands) q.insertCommand.run(boardId, c.commandKey, Buffer.from(c.sealed));
    const lastSeq = appendEvents(boardId, batch.events);
    putParts(boardId, batch.anonymousState);
    return lastSeq;
  });

  const compactTx = db.transaction((boardId: string, doc: DocName, snapshot: Uint8Array) => {
    q.clearDoc.run(boardId, doc);
    q.appendDoc.run(boardId, doc, boardId, doc, Buffer.from(snapshot));
  });
  const appendDocTx = db.transaction((boardId: string, doc: DocName, update: Uint8Array) => {
    q.appendDoc.run(boardId, doc, boardId, doc, Buffer.from(update));
    return q.countDoc.get(boardId, doc)!.n;
  });
  const deleteBoardTx = db.transaction((boardId: string) => {
    for (const statement of q.deleteBoardRows) statement.run(boardId);
  });
  const wal = new WalDiscipline(db, file, options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL');
  const docUpdates = (boardId: string, doc: DocName) => q.docUpdates.all(boardId, doc).map((n) => new Uint8Array(n.update_blob));

  return {
    async createBoard(record, first) {
      wal.named(() => createBoardTx(record, first));
    },
    async createTeam(team) {
      wal.named(() => q.insertTeam.run(team.id, team.name, team.createdAt));
    },
    async loadTeam(teamId) {
      const team = q.getTeam.get(teamId);
      if (!team) return null;
      return {
        team: { id: team.id, name: team.name, createdAt: team.created_at },
        boards: q.teamBoards.all(teamId).map((b) => ({ id: b.id, createdAt: b.created_at })),
      };
    },
    async boardExists(boardId) {
      return q.getBoard.get(boardId) !== undefined;
    },
    async loadBoard(boardId): Promise<LoadedBoard | null> {
      const board = q.getBoard.get(boardId);
      if (!board) return null;
      const anonymousState: LoadedBoard['anonymousState'] = { cards: null, marks: null };
      for (const row of q.getState.all(boardId)) anonymousState[row.part] = unpadded(row.state);
      return {
        record: { id: board.id, facilitatorHash: board.facilitator_hash, createdAt: board.created_at, teamId: board.team_id },
        participants: q.participants.all(boardId).map(
          (p): ParticipantRecord => ({ id: p.id, name: p.name, handle: p.handle, authHash: p.auth_hash, isFacilitator: p.is_facilitator === 1 }),
        ),
        events: q.events.all(boardId).map((e) => ({ seq: e.seq, event: JSON.parse(e.payload) as BoardEvent })),
        anonymousState,
        docs: { board: docUpdates(boardId, 'board'), notes: docUpdates(boardId, 'notes') },
      };
    },
    async removeParticipant(boardId, participantId) {
      wal.alone(() => q.removeParticipant.run(boardId, participantId));
    },
    async upsertParticipant(boardId, p) {
      wal.named(() => q.upsertParticipant.run(boardId, p.id, p.name, p.handle, p.authHash, p.isFacilitator ? 1 : 0));
    },
    async findCommand(boardId, commandKey) {
      const row = q.findCommand.get(boardId, commandKey);
      return row ? new Uint8Array(row.sealed) : null;
    },
    async findCommands(boardId, commandKeys) {
      const found = new Map<string, Uint8Array>();
      for (const key of commandKeys) {
        const row = q.findCommand.get(boardId, key);
        if (row) found.set(key, new Uint8Array(row.sealed));
      }
      return found;
    },
    async commit(boardId, input) {
      return { lastSeq: writesAnonymous(input.anonymousState) || takesWordsBack(input.events) ? wal.alone(() => commitTx(boardId, input)) : wal.named(() => commitTx(boardId, input)) };
    },
    async commitBatch(boardId, batch) {
      return { lastSeq: writesAnonymous(batch.anonymousState) || takesWordsBack(batch.events) ? wal.alone(() => commitBatchTx(boardId, batch)) : wal.named(() => commitBatchTx(boardId, batch)) };
    },
    async appendDocUpdate(boardId, doc, update) {
      return wal.named(() => appendDocTx(boardId, doc, update));
    },
    async compactDoc(boardId, doc, snapshot) {
      wal.alone(() => compactTx(boardId, doc, snapshot));
    },
    async probe() {
      wal.named(() => q.probe.run());
    },
    async deleteBoard(boardId) {
      wal.alone(() => deleteBoardTx(boardId));
    },
    async close() {
      db.close();
      wal.close();
    },
  };
}

/** the smallest size class: one page */
const PART_SIZE_STEP_MIN = 4096;
const SPACE = 0x20;

/**
 * AR-1, AR-6: a part of the anonymous state is stored padded with spaces to a size class: a multiple of a power of
 * two at most an eighth of its size, and of one page at least (4 KiB) — so a part of 32 KiB or more gets at most 1/8
 * more bytes, a smaller one at most a page. SQLite overwrites a row whose size is unchanged
 * in place and writes only the pages whose bytes changed; a row of another size gets a new chain of overflow
 * pages and the old one zeroed (`secure_delete`). So a card added to a 1,500-card board rewrites about half the
 * part's pages, once, instead of writing all of them twice. In place, a rewrite also leaves no trace of when it
 * happened in where the row lies. (A part is JSON, which ends in `}`: the padding is whitespace to a parser, and
 * cut off exactly when it is read.)
 */
function padded(blob: Uint8Array): Buffer {
  const step = Math.max(PART_SIZE_STEP_MIN, 2 ** Math.floor(Math.log2(Math.max(1, blob.length / 8))));
  const out = Buffer.alloc(Math.ceil((blob.length + 1) / step) * step, SPACE);
  out.set(blob);
  return out;
}

function unpadded(stored: Buffer): Uint8Array {
  let end = stored.length;
  while (end > 0 && stored[end - 1] === SPACE) end--;
  return new Uint8Array(stored.buffer, stored.byteOffset, end);
}

function refuseOtherFormats(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
  if (version === DATA_FORMAT || (version === 0 && tables.n === 0)) return;
  db.close();
  throw new DataFileError(
    `${file} is a Candor data file of format ${version || 'none (an older Candor)'}, but this server reads format ${DATA_FORMAT}; ` +
      'move it away (or point DATA_DIR elsewhere) to start with an empty one.',
  );
}
