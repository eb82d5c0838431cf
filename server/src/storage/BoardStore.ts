import type { BoardEvent } from '@candor/shared';

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

export interface StoredEvent {
  seq: number;
  event: BoardEvent;
}

export interface LoadedBoard {
  record: BoardRecord;
  participants: ParticipantRecord[];
  events: StoredEvent[];
  notesUpdates: Uint8Array[];
  /** the board document as last saved (null if never): a reload continues its history instead of starting anew */
  boardDoc: Uint8Array | null;
}

export interface CommitInput {
  /** keyed hash of (participant secret, command id): recognises a resend, says nothing of whose it is */
  commandKey: string;
  events: BoardEvent[];
  result: unknown;
}

/**
 * Where boards live. Each commit is one transaction: the command key, then the events with the next
 * per-board sequence numbers. A command is acknowledged only after its commit has returned.
 * Async so that a networked store (PostgreSQL) can implement the same contract.
 */
export interface BoardStore {
  /** the pepper for keyed hashes, created on first use and kept with the data */
  serverKey(): Promise<Buffer>;
  createBoard(record: BoardRecord, first: BoardEvent): Promise<void>;
  createTeam(team: TeamRecord): Promise<void>;
  /** the team and its retros (ids and creation times), oldest first; null if there is no such team */
  loadTeam(teamId: string): Promise<{ team: TeamRecord; boards: { id: string; createdAt: number }[] } | null>;
  boardExists(boardId: string): Promise<boolean>;
  loadBoard(boardId: string): Promise<LoadedBoard | null>;
  upsertParticipant(boardId: string, participant: ParticipantRecord): Promise<void>;
  findCommand(boardId: string, commandKey: string): Promise<{ result: unknown } | null>;
  commit(boardId: string, input: CommitInput): Promise<{ lastSeq: number }>;
  appendNotesUpdate(boardId: string, update: Uint8Array): Promise<void>;
  /** replaces every stored notes update with one merged snapshot */
  compactNotes(boardId: string, snapshot: Uint8Array): Promise<void>;
  /**
   * Replaces the saved state of the board document. Clients keep their copy across reconnects; if a reloaded
   * room rebuilt the document from scratch, its fresh items could lose to the stale ones clients hold.
   */
  saveBoardDoc(boardId: string, snapshot: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
