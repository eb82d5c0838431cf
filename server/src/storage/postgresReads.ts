import type { Pool, PoolClient } from 'pg';
import type { BoardEvent, DocName } from '@candor/shared';
import { ANONYMOUS_PARTS, type AnonymousPart, type BoardChanges, type CopyMark, type LoadedBoard, type ParticipantRecord } from './BoardStore.js';
import { anonymousStateOf } from './postgresRows.js';
import { openState } from './sealedState.js';

/**
 * CL-17: a digest of a board's participant rows (JSON of each row in id order, so no name can make two row sets
 * read alike), computed where the rows are read; nothing of it is stored.
 */
const PARTICIPANTS_DIGEST = `md5(coalesce((SELECT json_agg(json_build_array(id, name, handle, auth_hash, is_facilitator) ORDER BY id COLLATE "C")::text
  FROM participants WHERE board_id = $1), ''))`;

/**
 * CL-17: each part of the anonymous state whose digest is not the copy's (parameter `$n`), as a digest and state
 * column pair (`<part>_digest`, `<part>_state`), both null when that part is as the copy has it. The state goes
 * as it is stored (bytea, the JSON's UTF-8) and is read in binary format (`CHANGES_FORMAT`): a 1,500-card board's
 * cards part is a few hundred KB, which a catch-up reads whole under the board's lock (each batch of cards made
 * elsewhere rewrites it). As text, `convert_from` checked every byte as UTF-8 and copied it in PostgreSQL, which
 * cost more than reading and sending it (1.5-4 ms of a 311 KB part); as base64 inside JSON it took five times as
 * long to send and decode.
 */
const partColumns = (firstParameter: number, below: number) =>
  ANONYMOUS_PARTS.map((part, i) => ({
    select: `${part}.digest AS ${part}_digest, ${part}.state AS ${part}_state`,
    // CL-29: octet_length reads a TOASTed value's size from its pointer, without fetching or decompressing it
    // AR-12: the sealed state as base64 text, which the binary format hands over as it is (its bytes are no UTF-8)
    join: `LEFT JOIN LATERAL (SELECT s.digest, CASE WHEN $${below}::int IS NULL OR octet_length(s.state) < $${below}::int THEN encode(s.state, 'base64') END AS state
      FROM anonymous_state s WHERE s.board_id = b.id AND s.part = '${part}' AND s.digest IS DISTINCT FROM $${firstParameter + i}) ${part} ON true`,
  }));
const PARTS = partColumns(4, 4 + ANONYMOUS_PARTS.length);

/**
 * CL-17: what changed on a board since a copy was read, in one statement (one snapshot, one round trip): the
 * events after $2, the participant rows only if their digest is not $3, each part of the anonymous state only if
 * its digest is not the copy's ($4…, in `ANONYMOUS_PARTS` order): a vote made elsewhere reads the marks again, not
 * every card. CL-29: given a size (the last parameter), a changed part of that many bytes or more is left unread,
 * its digest alone said (`BoardChanges.unread`). Every column is text or bytea, whose binary format is their bytes: read in binary format, each
 * arrives as the string its UTF-8 says (`CHANGES_FORMAT`), the other columns being cast to text for it.
 */
const CHANGES_SINCE = `
SELECT b.version::text AS version, b.last_seq::text AS last_seq,
  (SELECT json_agg(json_build_array(e.seq, e.payload) ORDER BY e.seq)::text FROM events e WHERE e.board_id = b.id AND e.seq > $2) AS events,
  p.digest AS participants_digest,
  CASE WHEN p.digest IS DISTINCT FROM $3 THEN
    (SELECT coalesce(json_agg(json_build_array(id, name, handle, auth_hash, is_facilitator) ORDER BY name COLLATE "C", id COLLATE "C"), '[]')::text
       FROM participants WHERE board_id = b.id)
  END AS participants,
  ${PARTS.map((c) => c.select).join(',\n  ')}
FROM boards b
CROSS JOIN LATERAL (SELECT ${PARTICIPANTS_DIGEST} AS digest) p
${PARTS.map((c) => c.join).join('\n')}
WHERE b.id = $1`;

/** `CHANGES_SINCE`'s columns, in order */
const CHANGES_COLUMNS = ['version', 'last_seq', 'events', 'participants_digest', 'participants', ...ANONYMOUS_PARTS.flatMap((part) => [`${part}_digest`, `${part}_state`])];

/**
 * How `CHANGES_SINCE` is read: rows as arrays of the strings node-postgres decodes from each value's UTF-8 (it
 * does so for binary values too, and a binary text or bytea value is its bytes), so that no column is converted
 * again: an object row would turn each binary value back into a Buffer and then into a string.
 */
const CHANGES_FORMAT = { rowMode: 'array' } as const;

const docUpdates = async (client: PoolClient, boardId: string, doc: DocName) =>
  (await client.query<{ update_blob: Buffer }>('SELECT update_blob FROM doc_updates WHERE board_id = $1 AND doc = $2 ORDER BY n', [boardId, doc])).rows.map(
    (r) => new Uint8Array(r.update_blob),
  );

/** Everything stored of a board, read through `client` (in one snapshot: the caller's read-only transaction). */
export async function readBoard(client: PoolClient, boardId: string, options: { docs?: boolean }, stateKey: Buffer): Promise<LoadedBoard | null> {
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
  const anonymousState = await anonymousStateOf(client, boardId, stateKey);
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
}

/** a `CHANGES_SINCE` row as read in `CHANGES_FORMAT`: each column's text, or null */
export type ChangesRow = (string | null)[];

const changesParameters = (boardId: string, since: CopyMark, partsBelow: number | null = null) => [
  boardId,
  since.afterSeq,
  since.participantsDigest,
  ...ANONYMOUS_PARTS.map((part) => since.anonymousDigests[part]),
  partsBelow,
];

/** CL-17: what changed on a board since a copy was read (`CHANGES_SINCE`), or null if there is no such board. */
export async function readChanges(pool: Pool, boardId: string, since: CopyMark, stateKey: Buffer): Promise<BoardChanges | null> {
  // `binary` asks for every column in binary format (node-postgres has it, its types do not)
  const query = { text: CHANGES_SINCE, values: changesParameters(boardId, since), binary: true, ...CHANGES_FORMAT };
  const { rows } = await pool.query<ChangesRow>(query);
  return changesOf(rows[0], boardId, stateKey);
}

/**
 * CL-24: `CHANGES_SINCE` with its parameters written in as literals, for a query of several statements (which
 * takes no parameters), as a binary cursor and its fetch (a query of several statements has no other way to ask
 * for binary format): the board's lock and the catch-up it makes under it go in one round trip. Its row is the
 * query's last result.
 */
export function changesSinceStatement(
  boardId: string,
  since: CopyMark,
  literal: (text: string) => string,
  partsBelow: number | null = null,
): { text: string } & typeof CHANGES_FORMAT {
  if (!Number.isSafeInteger(since.afterSeq)) throw new Error(`not a sequence number: ${since.afterSeq}`);
  if (partsBelow !== null && !Number.isSafeInteger(partsBelow)) throw new Error(`not a size: ${partsBelow}`);
  const values = changesParameters(boardId, since, partsBelow).map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : literal(v)));
  const select = CHANGES_SINCE.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1]!);
  // the cursor is closed with the transaction that holds the lock
  return { text: `DECLARE board_changes BINARY CURSOR FOR ${select}; FETCH ALL FROM board_changes`, ...CHANGES_FORMAT };
}

/** the changes a `CHANGES_SINCE` row of `boardId` says (none: no such board), its parts opened with `stateKey` */
export function changesOf(values: ChangesRow | undefined, boardId: string, stateKey: Buffer): BoardChanges | null {
  if (!values) return null;
  const row = Object.fromEntries(CHANGES_COLUMNS.map((column, i) => [column, values[i] ?? null])) as Record<string, string | null>;
  const anonymousParts: BoardChanges['anonymousParts'] = {};
  const unread: AnonymousPart[] = [];
  for (const part of ANONYMOUS_PARTS) {
    const state = row[`${part}_state`]!;
    if (state !== null) {
      const blob = openState(stateKey, boardId, part, Buffer.from(state, 'base64'));
      anonymousParts[part] = { blob, digest: row[`${part}_digest`] ?? null, json: blob.toString('utf8') };
    }
    else if (row[`${part}_digest`] !== null) unread.push(part);
  }
  const events = row.events === null ? [] : (JSON.parse(row.events!) as [number, string][]);
  const participants = row.participants === null ? null : (JSON.parse(row.participants!) as [string, string, string, string, boolean][]);
  return {
    version: Number(row.version),
    lastSeq: Number(row.last_seq),
    events: events.map(([seq, payload]) => ({ seq, event: JSON.parse(payload) as BoardEvent })),
    participants: participants
      ? {
          rows: participants.map(([id, name, handle, authHash, isFacilitator]): ParticipantRecord => ({ id, name, handle, authHash, isFacilitator })),
          digest: row.participants_digest!,
        }
      : null,
    anonymousParts,
    ...(unread.length > 0 ? { unread } : {}),
  };
}
