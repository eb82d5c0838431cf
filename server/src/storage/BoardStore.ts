import { createHash } from 'node:crypto';
import type { BoardEvent, DocName } from '@candor/shared';

export interface BoardRecord {
  id: string;
  facilitatorHash: string;
  createdAt: number;
  teamId?: string | null;
}

export interface TeamRecord {
  id: string;
  name: string;
  createdAt: number;
}

/** A participant's row: the name is public, the hash only proves identity. No card or vote refers to it. */
export interface ParticipantRecord {
  id: string;
  name: string;
  /** random public handle, shown to the room instead of the id */
  handle: string;
  authHash: string;
  isFacilitator: boolean;
}

/**
 * AR-1: the anonymous state is stored in these parts, each one value replaced whole: the cards and groups, and
 * the marks put on them (votes, pulse and consensus answers, lens taps, reactions). A batch writes only the parts
 * it changed, so a vote does not write every card's text again.
 */
export const ANONYMOUS_PARTS = ['cards', 'marks'] as const;
export type AnonymousPart = (typeof ANONYMOUS_PARTS)[number];

/**
 * the parts of the anonymous state a commit replaces (absent: kept as stored); each is JSON, so it never ends in
 * a space (SQLite pads what it stores with spaces, and cuts them off as it reads)
 */
export type AnonymousWrite = Partial<Record<AnonymousPart, Uint8Array>>;

export interface StoredEvent {
  seq: number;
  event: BoardEvent;
}

export interface LoadedBoard {
  record: BoardRecord;
  participants: ParticipantRecord[];
  /** AR-1: the public log, in order; anonymous facts are never in it */
  events: StoredEvent[];
  /** AR-1: the board's anonymous state (`anonymousState.ts`), part by part (null: that part was never stored) */
  anonymousState: Record<AnonymousPart, Uint8Array | null>;
  /** each document's stored Yjs updates, oldest first; the board document is a projection and is never stored (AR-4) */
  docs: Record<DocName, Uint8Array[]>;
  /**
   * CL-2: how many changes the board has had (commits, participants added or removed), on a store that several
   * processes share (PostgreSQL); a process whose copy is at another version must catch up before it decides.
   */
  version?: number;
  /** CL-17: the digest of the participant rows (a store with `loadChanges` gives it), to tell later whether they changed */
  participantsDigest?: string;
}

/**
 * CL-17: what a process's copy of a board was built from, so that catching up reads only what changed since.
 * Nothing of it is stored: the digests are computed from the rows when they are read.
 */
export interface CopyMark {
  /** the last public-log seq folded into the copy */
  afterSeq: number;
  /** `participantsDigest` of the rows the copy knows */
  participantsDigest: string;
  /** `anonymousDigest` of each anonymous-state part the copy holds (null: none) */
  anonymousDigests: Record<AnonymousPart, string | null>;
}

/** the digests already computed, by part: a commit's parts are hashed for the row and again for the copy's mark */
const digestsOf = new WeakMap<Uint8Array, string>();

/**
 * CL-17: the digest of an anonymous-state part (its JSON, before AR-12 seals it): the first 128 bits of its SHA-256
 * in hex, computed in Node for the row and for every copy's mark (SHA-256 rather than md5: this machine's CPU has
 * instructions for it, 0.14 ms for a 1,500-card part against md5's 0.34). Computed once per part.
 */
export function anonymousDigest(blob: Uint8Array | null): string | null {
  if (!blob) return null;
  let digest = digestsOf.get(blob);
  if (digest === undefined) {
    digest = createHash('sha256').update(blob).digest('hex').slice(0, 32);
    digestsOf.set(blob, digest);
  }
  return digest;
}

/** CL-17: what changed on a board since a `CopyMark`, read at one moment. */
export interface BoardChanges {
  version: number;
  /** the board's last public-log seq */
  lastSeq: number;
  /** the public-log events after `afterSeq`, in order */
  events: StoredEvent[];
  /** every participant row and their digest, only when the digest is not the mark's (else null) */
  participants: { rows: ParticipantRecord[]; digest: string } | null;
  /**
   * each anonymous-state part whose `anonymousDigest` is not the mark's, with that digest (the others are absent);
   * `json` is the same part as text, when the store read it so (a catch-up then need not decode it again)
   */
  anonymousParts: Partial<Record<AnonymousPart, { blob: Uint8Array | null; digest: string | null; json?: string }>>;
  /** CL-29: parts that changed but were left unread, being big (the lock's read, `withBoardLock`): read them to fold */
  unread?: AnonymousPart[];
}

/** Thrown by a commit whose command key is already stored: the room answers the resend from `findCommand`. */
export class CommandKeyTaken extends Error {}

/**
 * CL-2: a commit (or participant upsert) made against `expectedVersion` when the stored board is at another:
 * another process changed the board since this copy was read. Nothing was written; the room catches up and
 * decides again.
 */
export class StaleCopy extends Error {
  constructor(readonly boardId: string) {
    super(`board ${boardId} changed in another process`);
  }
}

/**
 * CM-6: the store did not answer in time (`STORE_ANSWER_MS`) after a commit was sent: it may have been made or not.
 * The connection is given up (PostgreSQL rolls back what it had not committed when it finds it gone); the room reads
 * the board back before it decides anything more, and the commands are answered `OUTCOME_UNKNOWN`.
 */
export class OutcomeUnknown extends Error {
  constructor(
    readonly boardId: string,
    cause: unknown,
  ) {
    super(`no answer whether a commit of board ${boardId} was made`, { cause });
  }
}

export interface CommitInput {
  /** keyed hash of (participant secret, command id): recognises a resend, says nothing of whose it is */
  commandKey: string;
  /** public-log events only (AR-1); the store refuses anonymous ones */
  events: BoardEvent[];
  /** the parts of the board's anonymous state this command changed, each whole */
  anonymousState?: AnonymousWrite;
  /** the command's digest and result, sealed under a key only its sender's connection has (`sealedCommand.ts`) */
  sealed: Uint8Array;
  /** CL-2: commit only if the stored board is still at this version (else `StaleCopy`); it is then one more */
  expectedVersion?: number;
}

/**
 * Several commands of one board, and the participant rows they need, committed as one transaction (group
 * commit): a command in it is acknowledged once the whole batch has committed, so durability is that of
 * `commit`, at one commit's cost for the batch. All or nothing: a command key already stored fails the batch.
 */
export interface CommitBatch {
  /** participant rows written before the commands (people who joined in this batch) */
  participants: ParticipantRecord[];
  /** one entry per command, as in `CommitInput` */
  commands: { commandKey: string; sealed: Uint8Array }[];
  /** the public-log events of every command, in order (AR-1) */
  events: BoardEvent[];
  /** the parts of the board's anonymous state the batch changed, each whole */
  anonymousState?: AnonymousWrite;
  /** CL-2: store only if the stored board is still at this version (else `StaleCopy`); the batch is one change */
  expectedVersion?: number;
  /**
   * CL-2: made by the holder of the board's lock (`withBoardLock`). Without it, a batch with `expectedVersion`
   * is refused (`StaleCopy`) while another process holds the lock, so that a process retrying under the lock
   * is not overtaken again and again.
   */
  underBoardLock?: boolean;
}

/**
 * Where boards live. Each commit is one transaction: the command key, the public events with the next
 * per-board sequence numbers, and the parts of the anonymous state it changed. A command is acknowledged only after
 * its commit has returned. Async so that a networked store (PostgreSQL) can implement the same contract.
 * The server key is not here: it lives in its own file (`keyFile.ts`), so a copy of the data is not enough
 * to recompute anyone's tags.
 */
export interface BoardStore {
  createBoard(record: BoardRecord, first: BoardEvent): Promise<void>;
  createTeam(team: TeamRecord): Promise<void>;
  /** the team and its retros (ids and creation times), oldest first; null if there is no such team */
  loadTeam(teamId: string): Promise<{ team: TeamRecord; boards: { id: string; createdAt: number }[] } | null>;
  boardExists(boardId: string): Promise<boolean>;
  /** `docs: false` leaves the documents out (a process catching up on another's commands needs only the state) */
  loadBoard(boardId: string, options?: { docs?: boolean }): Promise<LoadedBoard | null>;
  /**
   * CL-17: what changed since `since` (null if there is no such board), for a process catching up on another's
   * changes. Only stores that several processes share implement it; without it a copy is rebuilt by `loadBoard`.
   */
  loadChanges?(boardId: string, since: CopyMark): Promise<BoardChanges | null>;
  /** CL-4: with `expectedVersion`, only if the stored board is still at it (else `StaleCopy`) */
  upsertParticipant(boardId: string, participant: ParticipantRecord, expectedVersion?: number): Promise<void>;
  /** forgets a participant (AB-6: one who joined and never did anything) */
  removeParticipant(boardId: string, participantId: string): Promise<void>;
  /** the sealed record stored with that command key, or null */
  findCommand(boardId: string, commandKey: string): Promise<Uint8Array | null>;
  /** CM-3: the sealed records stored with any of these command keys, by key (absent: none), in one read */
  findCommands(boardId: string, commandKeys: readonly string[]): Promise<Map<string, Uint8Array>>;
  commit(boardId: string, input: CommitInput): Promise<{ lastSeq: number }>;
  /** group commit: participant rows and many commands in one transaction (see `CommitBatch`) */
  commitBatch(boardId: string, batch: CommitBatch): Promise<{ lastSeq: number }>;
  /**
   * appends one Yjs update of a board's document; returns how many updates that document now has stored.
   * With `fence` (CL-8, PostgreSQL), only while the board's writer lease is valid at that epoch. With `atVersion`
   * (LK-1 CL-34, PostgreSQL), only if the stored board is still at that version (else `StaleCopy`): a person's edit
   * is checked against the lock and the phase of the board as stored, not of a copy another process changed.
   */
  appendDocUpdate(boardId: string, doc: DocName, update: Uint8Array, fence?: number, atVersion?: number): Promise<number>;
  /**
   * replaces the stored updates of that document with one merged snapshot: all of them, or with `upTo` only the
   * first `upTo` (CL-6: updates another process appended meanwhile are kept, after the snapshot)
   */
  compactDoc(boardId: string, doc: DocName, snapshot: Uint8Array, upTo?: number, fence?: number): Promise<void>;
  /** SO-2: a small write that proves storage accepts writes again */
  probe(): Promise<void>;
  /** BD-3: removes the board and everything recorded for it, leaving none of its bytes in the files */
  deleteBoard(boardId: string): Promise<void>;
  close(): Promise<void>;
}
