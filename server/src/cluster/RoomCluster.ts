import type { DocName } from '@candor/shared';
import type { BoardChanges, CopyMark } from '../storage/BoardStore.js';
import type { AnnouncedChange } from './announcedChange.js';

/**
 * CL-*: what a room needs when several processes serve its board (PostgreSQL + Redis). Without it (SQLite,
 * or PostgreSQL with one process) the room is the only copy of its board and needs none of this.
 */
export interface RoomCluster {
  /** the stored board's change counter (CL-2), to tell whether this copy is behind */
  storedVersion(boardId: string): Promise<number | null>;
  /**
   * CL-2: runs one command of the board while no other process runs one (a PostgreSQL advisory lock of the
   * board), handing it the stored board's change counter so that a copy that is behind catches up first (CL-24:
   * given the copy's mark, with what changed since it, read in the lock's round trip; CL-29: with `partsBelow`, a
   * changed part that big or bigger is left unread there)
   */
  serialize<T>(boardId: string, work: (storedVersion: number | null, changes?: BoardChanges | null) => Promise<T>, since?: CopyMark, partsBelow?: number): Promise<T>;
  /**
   * this process committed a change that made the board `version`: the others catch up (CL-1), from what `change`
   * carries of it when it can (CL-29)
   */
  committed(boardId: string, version: number, change?: AnnouncedChange): void;
  /** who is connected to the board through this process changed (CL-7) */
  presenceChanged(boardId: string, online: readonly string[]): void;
  /** whether the participant is connected to the board through another process (CL-7) */
  onlineElsewhere(boardId: string, participantId: string): boolean;
  /** this process stored a notes update (number `count` of the stored ones): the others apply it (CL-6) */
  notesStored(boardId: string, update: Uint8Array, count: number): void;
  /**
   * CL-6: this process rewrote the stored notes as one snapshot holding updates it could not store before (DO-3), which
   * the others never got: they read the notes again
   */
  notesRewritten(boardId: string): void;
  /** CL-8: the epoch of the board's writer lease while this process holds it, else null */
  writerEpoch(boardId: string): number | null;
  /** CL-12: a document ticket (DO-6) any process can redeem */
  issueTicket(boardId: string, participantId: string, doc: DocName): string;
  /** CL-12: the participant a ticket was issued to, once across every process; else null */
  redeemTicket(ticket: string, boardId: string, doc: DocName): Promise<string | null>;
  /** CL-15: a knock made through this process, withdrawn here, or one made elsewhere answered here */
  knocked(boardId: string, knock: { id: string; participantId: string; name: string }): void;
  knockGone(boardId: string, knockId: string): void;
  knockAnswered(boardId: string, knockId: string, admitted: boolean): void;
  /** the board was deleted here: the others tell their connections (BD-2) */
  deleted(boardId: string): void;
}
