import { nanoid } from 'nanoid';
import type { Ack, MarkPromiseRequest } from '@candor/shared';
import { loadIdentity } from './identity.js';
import { postForAck } from './teamPageAct.js';

/**
 * RE-13: whether this browser is offered "Mark done" for a promise of a closed retro: it was in that retro under a
 * name among the promise's owners. The server decides (only an owner, known by their id and secret, `promise.mark`);
 * this only spares everyone else a button that would be refused.
 */
export function mayMarkPromise(boardId: string, owners: readonly string[]): boolean {
  const identity = loadIdentity(boardId);
  return identity !== null && owners.includes(identity.name);
}

/**
 * RE-13: marks a promise done (or not any more) from the team page, as the person this browser was in its retro. One
 * command id for the tries of one click: a try whose answer was lost is answered as the first was (CM-1), and records
 * nothing twice. The refusal, if any, is the server's ack (NOT_YOURS, WRONG_PHASE, …).
 */
export async function markPromise(boardId: string, actionId: string, done: boolean): Promise<Ack> {
  const identity = loadIdentity(boardId);
  if (!identity) return { ok: false, code: 'NOT_YOURS', message: '' };
  const request: MarkPromiseRequest = { id: nanoid(), ...identity, actionId, done };
  return postForAck(`/api/boards/${encodeURIComponent(boardId)}/promise`, request, 2);
}
