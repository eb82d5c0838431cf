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
 * RE-13: `GET /api/boards/:id/mine`: the actions of that retro the asking person (by id and secret) may mark done now:
 * the ones they promised to help with, once it is closed (none before). Pages offer "Mark done" on these and no other.
 */
export interface MyPromisesResponse {
  actionIds: string[];
}
