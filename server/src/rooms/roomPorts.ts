import type { PersonalView, SignOutReason } from '@candor/shared';
import type { BoardStore } from '../storage/BoardStore.js';
import type { RoomCluster } from '../cluster/RoomCluster.js';
import type { Keyring } from '../identity.js';
import type { Logger } from '../logger.js';
import type { AddressBuckets } from '../transport/addressBuckets.js';
import type { BoardRoom } from './BoardRoom.js';

/** BD-2: a document connection, ended when the board is deleted */
export interface DeletedListener {
  boardDeleted(): void;
}

/** One connection as the room sees it; the transport decides how each message travels. */
export interface RoomSocket {
  id: string;
  /** the client address it came from (AB-4 counts new participants per address) */
  address?: string;
  /**
   * TM-16: `false` for a connection that acts for a moment without being a browser in the room (the team page's
   * "Close it now"): its person is not counted as here, so nobody sees them come and go, and FA-3's wait is not reset
   */
  present?: false;
  /** UI-22: `upTo` is the last command of this connection the view includes */
  sendMe(view: PersonalView, upTo?: string): void;
  /** JN-2: tell the connection it must join again (new password); MO-1: tell it it was removed, then end it */
  signOut(reason: SignOutReason, message: string): void;
  /** JN-3: the facilitator's answer to this connection's knock */
  answerKnock(admitted: boolean, message: string): void;
  /** BD-2: the board was deleted; tell the person and end the connection */
  sendDeleted?(): void;
}

/** SU-1: sends the summary; the addresses are used for this one message and kept nowhere. */
export interface Mailer {
  send(message: { to: string[]; subject: string; text: string }): Promise<void>;
}

/** What a room is given by the composition root (`createApp` through `RoomRegistry`). */
export interface RoomDeps {
  store: BoardStore;
  keyring: Keyring;
  logger: Logger;
  now: () => number;
  newId: () => string;
  /** RV-3: the seed the board reveals with until one is stored (`Keyring.revealSeed`) */
  newSeed: (boardId: string) => string;
  /** FA-3: how long the facilitator must be away before someone may claim the role */
  claimAfterMs: number;
  /** SU-2: null when SMTP_URL is not set */
  mailer?: Mailer | null;
  /** BD-2: called once the board is gone from storage, so the registry forgets it */
  onDeleted?: (room: BoardRoom) => void;
  /** AB-4: new participants per client address, shared by every board (one of its own when not given) */
  joins?: AddressBuckets;
  /** AB-5: participants counted at once (LIMITS.participantsPerBoard) */
  participantCap?: number;
  /** AB-6: how long a participant who never did anything is kept after leaving */
  idleJoinerExpiryMs?: number;
  /** CL-*: set when several processes serve the board (`server/src/cluster/`) */
  cluster?: RoomCluster | null;
  /** JN-9 SW-1: how long a silent device holds its person's name at most, said with NAME_TAKEN (`nameHeldSeconds`; 10 when not given) */
  nameHeldSeconds?: number;
  /** RV-7: how quiet the room must be before a big board's cards get their entries (`CARD_ENTRIES_AFTER_QUIET_MS`; 0: at once) */
  entriesQuietMs?: number;
  /** RV-11: how long a big board in Write must be quiet before its reveal is made ready (tests make it shorter) */
  revealReadyQuietMs?: number;
  /** RE-13 RE-1: brings an owner's word on a promise to the later retros whose Review lists it (`OwnerWords`) */
  ownerWords?: OwnerWordsPort | null;
}

/**
 * RE-13 RE-1: an owner's word on a promise of a closed retro reaches the Review of every later retro of its team that
 * lists it and is not closed: pushed once the word is stored, whatever route its command came by (`passOn`), and read
 * again from the source retro's stored public facts whenever such a retro is loaded (`reconcile`), so a push lost
 * (a crash between the two, a store that refused it) is repaired by construction.
 */
export interface OwnerWordsPort {
  /** after `room`'s `promise.mark` of `actionId` was stored (or answered again, CM-1): later retros hear it */
  passOn(room: BoardRoom, actionId: string): void;
  /** `room` was just loaded: its Review's owner words are brought up to their source retros' stored facts */
  reconcile(room: BoardRoom): Promise<void>;
}
