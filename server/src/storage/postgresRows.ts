import type { PoolClient } from 'pg';
import { type BoardEvent, atRestOf, deletedActionIds, eventsAsLogged } from '@candor/shared';
import { ANONYMOUS_PARTS, type AnonymousPart, type AnonymousWrite, CommandKeyTaken, type LoadedBoard, type ParticipantRecord, StaleCopy, anonymousDigest } from './BoardStore.js';
import { openState, sealState } from './sealedState.js';
import { Fenced } from './fenced.js';

/*
 * The statements a PostgreSQL transaction runs on one board's rows, each given the transaction's connection:
 * the row lock, the checks made under it (version, fence, command key), and the writes of a commit.
 */

/** Locks the board row for the rest of the transaction; throws if there is no such board. */
export async function lockBoard(client: PoolClient, boardId: string): Promise<number> {
  return (await lockBoardRow(client, boardId)).lastSeq;
}

export async function lockBoardRow(client: PoolClient, boardId: string): Promise<{ lastSeq: number; version: number }> {
  const { rows } = await client.query<{ last_seq: number; version: string }>('SELECT last_seq, version FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
  if (!rows[0]) throw new Error(`board ${boardId} does not exist`);
  return { lastSeq: rows[0].last_seq, version: Number(rows[0].version) };
}

/**
 * CL-2: under the board lock, refuses a write decided against another version of the board than the stored
 * one (nothing written: the caller catches up and decides again), then counts this change.
 */
export async function checkAndCount(client: PoolClient, boardId: string, version: number, expected: number | undefined): Promise<void> {
  if (expected !== undefined && expected !== version) throw new StaleCopy(boardId);
  await client.query('UPDATE boards SET version = version + 1 WHERE id = $1', [boardId]);
}

export function refuseAnonymous(events: readonly BoardEvent[]): void {
  for (const event of events) if (atRestOf(event) !== 'public-log') throw new Error(`${event.type} is an anonymous fact: it is stored as state, never logged`);
}

/** CL-8: under the board lock, refuses a write under a lease epoch that is not the valid current one. */
export async function checkFence(client: PoolClient, boardId: string, fence: number | undefined): Promise<void> {
  if (fence === undefined) return;
  const { rows } = await client.query<{ ok: boolean }>('SELECT writer_epoch = $2 AND writer_until >= now() AS ok FROM boards WHERE id = $1', [boardId, fence]);
  if (!rows[0]?.ok) throw new Fenced(`the writer lease of board ${boardId} at epoch ${fence} is no longer valid`);
}

/** Appends events numbered after `lastSeq` and moves the board's counter; returns the new last seq. */
export async function appendEvents(client: PoolClient, boardId: string, lastSeq: number, events: readonly BoardEvent[]): Promise<number> {
  const deleted = deletedActionIds(events);
  if (deleted.length > 0) await client.query(TAKE_BACK_ACTION_WORDS, [boardId, deleted]);
  await insertEvents(client, boardId, lastSeq, events);
  const seq = lastSeq + events.length;
  if (seq !== lastSeq) await client.query('UPDATE boards SET last_seq = $2 WHERE id = $1', [boardId, seq]);
  return seq;
}

/** Inserts events numbered after `afterSeq`, in their order, in one statement. */
export async function insertEvents(client: PoolClient, boardId: string, afterSeq: number, events: readonly BoardEvent[]): Promise<void> {
  if (events.length === 0) return;
  await client.query('INSERT INTO events (board_id, seq, payload) SELECT $1, $2 + n, p FROM unnest($3::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n', [
    boardId,
    afterSeq,
    eventsAsLogged(events).map((e) => JSON.stringify(e)),
  ]);
}

/**
 * AC-5 AR-6: the words of deleted actions ($2), taken out of the events logged before: the text an action was created
 * with and the name it was asked of (as `withoutActionWords` does). $1 the board.
 */
export const TAKE_BACK_ACTION_WORDS = `
UPDATE events SET payload = (payload::jsonb || CASE WHEN payload::jsonb->>'type' = 'action.created' THEN '{"text":"","askOf":null}'::jsonb ELSE '{"askOf":null}'::jsonb END)::text
 WHERE board_id = $1 AND payload::jsonb->>'type' IN ('action.created', 'action.asked') AND payload::jsonb->>'actionId' = ANY($2::text[])`;

/**
 * A batch's command keys in one statement, under the board's row lock: a key stored meanwhile (a resend racing
 * its first copy) fails the whole batch. The rows go in in the batch's order, as one insert after another would.
 */
export async function insertCommands(client: PoolClient, boardId: string, commands: readonly { commandKey: string; sealed: Uint8Array }[]): Promise<void> {
  if (commands.length === 0) return;
  const inserted = await client.query(
    `INSERT INTO commands (board_id, command_key, sealed)
     SELECT $1, k, s FROM unnest($2::text[], $3::bytea[]) WITH ORDINALITY AS t(k, s, n) ORDER BY n
     ON CONFLICT DO NOTHING`,
    [boardId, commands.map((c) => c.commandKey), commands.map((c) => Buffer.from(c.sealed))],
  );
  if (inserted.rowCount !== commands.length) throw new CommandKeyTaken(`command key already used on board ${boardId}`);
}

/** the parts a commit changed, each replaced whole and sealed (AR-12; the others are left as stored) */
export async function storeAnonymousState(client: PoolClient, boardId: string, parts: AnonymousWrite | undefined, stateKey: Buffer): Promise<void> {
  for (const part of ANONYMOUS_PARTS) {
    const blob = parts?.[part];
    if (!blob) continue;
    await client.query('INSERT INTO anonymous_state (board_id, part, state, digest) VALUES ($1, $2, $3::bytea, $4) ON CONFLICT (board_id, part) DO UPDATE SET state = excluded.state, digest = excluded.digest', [
      boardId,
      part,
      sealState(stateKey, boardId, part, blob),
      anonymousDigest(blob),
    ]);
  }
}

export async function anonymousStateOf(client: PoolClient, boardId: string, stateKey: Buffer): Promise<LoadedBoard['anonymousState']> {
  const { rows } = await client.query<{ part: AnonymousPart; state: Buffer }>('SELECT part, state FROM anonymous_state WHERE board_id = $1', [boardId]);
  const parts: LoadedBoard['anonymousState'] = { cards: null, marks: null };
  for (const row of rows) parts[row.part] = new Uint8Array(openState(stateKey, boardId, row.part, row.state));
  return parts;
}

/** Under the board's row lock, so a resend racing its first copy sees it once the first has committed. */
export async function refuseTakenKey(client: PoolClient, boardId: string, commandKey: string): Promise<void> {
  const taken = await client.query('SELECT 1 FROM commands WHERE board_id = $1 AND command_key = $2', [boardId, commandKey]);
  if (taken.rowCount) throw new CommandKeyTaken(`command key already used on board ${boardId}`);
}

export async function storeParticipant(client: PoolClient, boardId: string, p: ParticipantRecord): Promise<void> {
  await client.query(
    `INSERT INTO participants (board_id, id, name, handle, auth_hash, is_facilitator) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (board_id, id) DO UPDATE SET name = excluded.name, is_facilitator = excluded.is_facilitator`,
    [boardId, p.id, p.name, p.handle, p.authHash, p.isFacilitator],
  );
}
