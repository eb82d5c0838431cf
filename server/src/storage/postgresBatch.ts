import { deletedActionIds, eventsAsLogged } from '@candor/shared';
import { type AnonymousPart, type CommitBatch, type ParticipantRecord, anonymousDigest } from './BoardStore.js';
import { sealState } from './sealedState.js';

/**
 * CM-4, CL-2: a batch's whole commit as one statement, so one round trip and one transaction (autocommit): the
 * board row is counted and its sequence moved on (CL-2: only at the expected version, and unless another process
 * holds the board's lock), then, each only if that row was counted, the participant rows, the command keys, the
 * events numbered after the old last seq, and the parts of the anonymous state the batch changed. A command key
 * stored meanwhile fails the statement (`commands_pkey`), so the batch, whole. With several processes the board
 * row's lock is held for one round trip instead of one per write, and the other processes wait that much less.
 *
 * $1 board, $2 expected version (null: any), $3 whether the caller holds the board's lock, $4 the lock's class,
 * $5 event payloads, $6–$10 participant columns, $11–$12 command keys and sealed records, $13–$14 the new cards and
 * marks parts, sealed (AR-12; null: unchanged, each a parameter of its own so that a big cards part goes as bytes, not
 * in an array's text), $15–$16 their digests (`anonymousDigest` of each part before it was sealed, as every process's copy computes it),
 * $17 the actions the batch deletes, whose words leave the events logged before (AC-5 AR-6, `TAKE_BACK_ACTION_WORDS`).
 */
export const COMMIT_BATCH = `
WITH counted AS (
  UPDATE boards SET version = version + 1, last_seq = last_seq + cardinality($5::text[])
   WHERE id = $1 AND ($2::bigint IS NULL OR version = $2) AND ($3::boolean OR pg_try_advisory_xact_lock($4, hashtext($1)))
  RETURNING last_seq
), participants_written AS (
  INSERT INTO participants (board_id, id, name, handle, auth_hash, is_facilitator)
  SELECT $1, t.id, t.name, t.handle, t.auth_hash, t.is_facilitator
    FROM counted, unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[]) AS t(id, name, handle, auth_hash, is_facilitator)
  ON CONFLICT (board_id, id) DO UPDATE SET name = excluded.name, is_facilitator = excluded.is_facilitator
), commands_written AS (
  INSERT INTO commands (board_id, command_key, sealed)
  SELECT $1, t.k, t.s FROM counted, unnest($11::text[], $12::bytea[]) WITH ORDINALITY AS t(k, s, n) ORDER BY t.n
), events_written AS (
  INSERT INTO events (board_id, seq, payload)
  SELECT $1, counted.last_seq - cardinality($5::text[]) + t.n, t.p FROM counted, unnest($5::text[]) WITH ORDINALITY AS t(p, n) ORDER BY t.n
), anonymous_written AS (
  INSERT INTO anonymous_state (board_id, part, state, digest)
  SELECT $1, t.part, t.state, t.digest FROM counted, (VALUES ('cards', $13::bytea, $15::text), ('marks', $14::bytea, $16::text)) AS t(part, state, digest)
   WHERE t.state IS NOT NULL
  ON CONFLICT (board_id, part) DO UPDATE SET state = excluded.state, digest = excluded.digest
), words_taken_back AS (
  UPDATE events SET payload = (payload::jsonb || CASE WHEN payload::jsonb->>'type' = 'action.created' THEN '{"text":"","askOf":null}'::jsonb ELSE '{"askOf":null}'::jsonb END)::text
    FROM counted
   WHERE cardinality($17::text[]) > 0 AND events.board_id = $1 AND events.payload::jsonb->>'type' IN ('action.created', 'action.asked')
     AND events.payload::jsonb->>'actionId' = ANY($17::text[])
)
SELECT (SELECT last_seq FROM counted) AS last_seq, EXISTS (SELECT 1 FROM boards WHERE id = $1) AS board_exists`;

/** PostgreSQL's SQLSTATE for a unique constraint violated (a command key stored already) */
export const UNIQUE_VIOLATION = '23505';

/**
 * One row per participant, as the upserts one after another would leave it: the first record inserts the row
 * (handle, auth hash), later ones of the same person only rename it and set whether they facilitate. (One
 * statement may not touch a row twice.)
 */
function participantRows(participants: readonly ParticipantRecord[]): ParticipantRecord[] {
  const rows = new Map<string, ParticipantRecord>();
  for (const p of participants) {
    const first = rows.get(p.id);
    rows.set(p.id, first ? { ...first, name: p.name, isFacilitator: p.isFacilitator } : p);
  }
  return [...rows.values()];
}

/** The parameters of `COMMIT_BATCH` for `batch`. */
export function commitBatchParameters(boardId: string, batch: CommitBatch, lockClass: number, stateKey: Buffer): unknown[] {
  const participants = participantRows(batch.participants);
  const part = (name: AnonymousPart) => {
    const blob = batch.anonymousState?.[name];
    return blob ? sealState(stateKey, boardId, name, blob) : null;
  };
  return [
    boardId,
    batch.expectedVersion ?? null,
    batch.expectedVersion === undefined || batch.underBoardLock === true,
    lockClass,
    eventsAsLogged(batch.events).map((e) => JSON.stringify(e)),
    participants.map((p) => p.id),
    participants.map((p) => p.name),
    participants.map((p) => p.handle),
    participants.map((p) => p.authHash),
    participants.map((p) => p.isFacilitator),
    batch.commands.map((c) => c.commandKey),
    batch.commands.map((c) => Buffer.from(c.sealed)),
    part('cards'),
    part('marks'),
    anonymousDigest(batch.anonymousState?.cards ?? null),
    anonymousDigest(batch.anonymousState?.marks ?? null),
    deletedActionIds(batch.events),
  ];
}
