import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { BoardEvent, DocName } from '@candor/shared';
import type { BoardRecord, BoardStore, CommitInput, LoadedBoard, ParticipantRecord } from './BoardStore.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  facilitator_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0,
  team_id TEXT REFERENCES teams(id)
);
-- name is public; auth_hash only proves identity. Cards and votes never refer to this table.
CREATE TABLE IF NOT EXISTS participants (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  handle TEXT NOT NULL DEFAULT '',
  auth_hash TEXT NOT NULL,
  is_facilitator INTEGER NOT NULL,
  PRIMARY KEY (board_id, id)
);
-- No timestamps: the order of events is all a board needs, and times would help link cards to joins.
CREATE TABLE IF NOT EXISTS events (
  board_id TEXT NOT NULL REFERENCES boards(id),
  seq INTEGER NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (board_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commands (
  board_id TEXT NOT NULL,
  command_key TEXT NOT NULL,
  sealed BLOB NOT NULL,
  PRIMARY KEY (board_id, command_key)
) WITHOUT ROWID;
-- Yjs updates of each board's two documents: 'notes' (co-edited) and 'board' (the server's public projection).
CREATE TABLE IF NOT EXISTS doc_updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  update_blob BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_board ON doc_updates(board_id, doc, id);
`;

/** better-sqlite3 in WAL mode with synchronous=FULL: a returned commit is on disk, kill -9 or not. */
export function openSqliteStore(file: string, options: { synchronous?: 'FULL' | 'NORMAL' } = {}): BoardStore {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  // BD-3: deleted rows are overwritten with zeros, so a deleted board's text is not left in free pages.
  db.pragma('secure_delete = ON');
  refuseOtherFormats(db, file);
  db.exec(SCHEMA);
  migrate(db);
  db.pragma(`user_version = ${DATA_FORMAT}`);
  db.exec('CREATE INDEX IF NOT EXISTS boards_by_team ON boards(team_id, created_at)');

  const q = {
    getMeta: db.prepare<[string], { value: Buffer }>('SELECT value FROM meta WHERE key = ?'),
    putMeta: db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)'),
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
    insertEvent: db.prepare('INSERT INTO events (board_id, seq, payload) VALUES (?, ?, ?)'),
    events: db.prepare<[string], { seq: number; payload: string }>('SELECT seq, payload FROM events WHERE board_id = ? ORDER BY seq'),
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
    appendDoc: db.prepare('INSERT INTO doc_updates (board_id, doc, update_blob) VALUES (?, ?, ?)'),
    countDoc: db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM doc_updates WHERE board_id = ? AND doc = ?'),
    docUpdates: db.prepare<[string, string], { update_blob: Buffer }>(
      'SELECT update_blob FROM doc_updates WHERE board_id = ? AND doc = ? ORDER BY id',
    ),
    clearDoc: db.prepare('DELETE FROM doc_updates WHERE board_id = ? AND doc = ?'),
    deleteBoardRows: [
      db.prepare('DELETE FROM doc_updates WHERE board_id = ?'),
      db.prepare('DELETE FROM commands WHERE board_id = ?'),
      db.prepare('DELETE FROM events WHERE board_id = ?'),
      db.prepare('DELETE FROM participants WHERE board_id = ?'),
      db.prepare('DELETE FROM boards WHERE id = ?'),
    ],
  };

  const appendEvents = (boardId: string, events: BoardEvent[]): number => {
    let lastSeq = 0;
    for (const event of events) {
      const row = q.bumpSeq.get(boardId) as { last_seq: number } | undefined;
      if (!row) throw new Error(`board ${boardId} does not exist`);
      lastSeq = row.last_seq;
      q.insertEvent.run(boardId, lastSeq, JSON.stringify(event));
    }
    return lastSeq;
  };

  const createBoardTx = db.transaction((record: BoardRecord, first: BoardEvent) => {
    q.insertBoard.run(record.id, record.facilitatorHash, record.createdAt, record.teamId ?? null);
    appendEvents(record.id, [first]);
  });

  const commitTx = db.transaction((boardId: string, input: CommitInput) => {
    q.insertCommand.run(boardId, input.commandKey, Buffer.from(input.sealed));
    return appendEvents(boardId, input.events);
  });

  const compactTx = db.transaction((boardId: string, doc: DocName, snapshot: Uint8Array) => {
    q.clearDoc.run(boardId, doc);
    q.appendDoc.run(boardId, doc, Buffer.from(snapshot));
  });
  const appendDocTx = db.transaction((boardId: string, doc: DocName, update: Uint8Array) => {
    q.appendDoc.run(boardId, doc, Buffer.from(update));
    return q.countDoc.get(boardId, doc)!.n;
  });
  const deleteBoardTx = db.transaction((boardId: string) => {
    for (const statement of q.deleteBoardRows) statement.run(boardId);
  });
  const docUpdates = (boardId: string, doc: DocName) => q.docUpdates.all(boardId, doc).map((n) => new Uint8Array(n.update_blob));

  return {
    async serverKey() {
      const existing = q.getMeta.get('server_key');
      if (existing) return existing.value;
      q.putMeta.run('server_key', randomBytes(32));
      return q.getMeta.get('server_key')!.value;
    },
    async createBoard(record, first) {
      createBoardTx(record, first);
    },
    async createTeam(team) {
      q.insertTeam.run(team.id, team.name, team.createdAt);
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
      return {
        record: { id: board.id, facilitatorHash: board.facilitator_hash, createdAt: board.created_at, teamId: board.team_id },
        participants: q.participants.all(boardId).map(
          (p): ParticipantRecord => ({ id: p.id, name: p.name, handle: p.handle, authHash: p.auth_hash, isFacilitator: p.is_facilitator === 1 }),
        ),
        events: q.events.all(boardId).map((e) => ({ seq: e.seq, event: JSON.parse(e.payload) as BoardEvent })),
        docs: { board: docUpdates(boardId, 'board'), notes: docUpdates(boardId, 'notes') },
      };
    },
    async removeParticipant(boardId, participantId) {
      q.removeParticipant.run(boardId, participantId);
    },
    async upsertParticipant(boardId, p) {
      q.upsertParticipant.run(boardId, p.id, p.name, p.handle, p.authHash, p.isFacilitator ? 1 : 0);
    },
    async findCommand(boardId, commandKey) {
      const row = q.findCommand.get(boardId, commandKey);
      return row ? new Uint8Array(row.sealed) : null;
    },
    async commit(boardId, input) {
      return { lastSeq: commitTx(boardId, input) };
    },
    async appendDocUpdate(boardId, doc, update) {
      return appendDocTx(boardId, doc, update);
    },
    async compactDoc(boardId, doc, snapshot) {
      compactTx(boardId, doc, snapshot);
    },
    async deleteBoard(boardId) {
      deleteBoardTx(boardId);
      // The WAL still holds the pages as they were before the delete: copy it into the file and empty it.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    async close() {
      db.close();
    },
  };
}

/**
 * The layout of the data file, in `PRAGMA user_version`. A file of another layout (or an older one, which
 * has none) is refused rather than misread: there are no users to migrate yet.
 */
export const DATA_FORMAT = 2;

/** Thrown when a data file cannot be used; its message is the one line the server prints before it exits. */
export class DataFileError extends Error {}

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

/** Columns added after a data file was first created. */
function migrate(db: Database.Database): void {
  const has = (table: string, column: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
  if (!has('boards', 'team_id')) db.exec('ALTER TABLE boards ADD COLUMN team_id TEXT REFERENCES teams(id)');
  if (!has('participants', 'handle')) db.exec("ALTER TABLE participants ADD COLUMN handle TEXT NOT NULL DEFAULT ''");
}
