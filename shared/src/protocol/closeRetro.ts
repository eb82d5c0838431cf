import { z } from 'zod';
import { JoinCommand } from './messages.js';
import { PHASES } from '../domain/phases.js';

/**
 * TM-16: "Close it now" on the team page, for a retro of the team left open: who asks (as they are in that retro: id,
 * secret, name, and its facilitator key if this browser holds it) and the phase they saw it left in (PH-2: had it moved
 * on meanwhile, nothing is done).
 */
export const CloseRetroRequest = JoinCommand.pick({ participantId: true, secret: true, name: true, facilitatorKey: true }).extend({
  from: z.enum(PHASES),
});
export type CloseRetroRequest = z.infer<typeof CloseRetroRequest>;

/**
 * RE-13: "Mark done" on the team page, for a promise of a closed retro: who asks (as they are in that retro: id,
 * secret, name), the command's own id (CM-1: a resend returns the first answer) and what they mark.
 */
export const MarkPromiseRequest = JoinCommand.pick({ id: true, participantId: true, secret: true, name: true }).extend({
  actionId: JoinCommand.shape.participantId,
  done: z.boolean(),
});
export type MarkPromiseRequest = z.infer<typeof MarkPromiseRequest>;

/**
 * RE-13: what `POST /api/boards/:id/promise` answers with a mark taken: the name of the team's retro whose Review shows
 * the promise now (`reviewNow`: made ahead, or in Review), for the status to say where the room confirms it, where it
 * said "the next Review" while that Review was open; null when none does yet. Read as the answer is made: a resend of
 * the same command (CM-1) is taken once, and says where it shows then.
 */
export interface MarkPromiseAnswer {
  reviewNow: string | null;
}

/**
 * `GET /api/boards/:id/mine`: what the asking person (by id and secret, as the room knows them, never by a name two
 * people may share) may do in that retro from the team page, for the page to offer exactly what the server takes.
 */
export interface MyPromisesResponse {
  /**
   * RE-13: the actions whose mark they may change now: the ones they promised to help with, once it is closed (none
   * before), but not one another owner marked done (that word is the other's to take back)
   */
  actionIds: string[];
  /** TM-16: they are its facilitator now and it is not closed: the one whose "Close it now" the room takes (PH-1) */
  facilitating: boolean;
}
