import { nanoid } from 'nanoid';
import type { Ack, MarkPromiseAnswer, MarkPromiseRequest, MyPromisesResponse } from '@candor/shared';
import { loadIdentity } from './identity.js';
import { postForAck } from './teamPageAct.js';

/** what a browser may do in a retro it was not in (or cannot ask about): nothing */
export const NOTHING_MINE: MyPromisesResponse = { actionIds: [], facilitating: false };

/**
 * RE-13, TM-16: what this browser's person may do in a retro from the team page, as the server knows who they are
 * (their id and secret in that retro, `GET /api/boards/:id/mine`): the promises they may mark done, whether they
 * facilitate it (and so may close it), so "Mark done" and "Close it now" show exactly where the room would take them.
 * A name would not do: two people may have been called Ada, and one may have changed hers since. Nothing when this
 * browser was not in that retro, or the server cannot be asked.
 */
export async function mineIn(boardId: string): Promise<MyPromisesResponse> {
  const identity = loadIdentity(boardId);
  if (!identity) return NOTHING_MINE;
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/mine`, { headers: { authorization: `Candor ${identity.participantId} ${identity.secret}` } });
    return response.ok ? ((await response.json()) as MyPromisesResponse) : NOTHING_MINE;
  } catch {
    return NOTHING_MINE;
  }
}

/**
 * RE-13: marks a promise done (or not any more) from the team page or the closed retro's summary, as the person this
 * browser was in its retro. One command id for the tries of one click: a try whose answer was lost is answered as the
 * first was (CM-1), and records nothing twice. The refusal, if any, is the server's ack (NOT_YOURS, WRONG_PHASE, …);
 * taken, which later retro's Review shows it now, if one does (`MarkPromiseAnswer`).
 */
export async function markPromise(boardId: string, actionId: string, done: boolean): Promise<Ack<MarkPromiseAnswer>> {
  const identity = loadIdentity(boardId);
  if (!identity) return { ok: false, code: 'BAD_CREDENTIALS', message: '' };
  const request: MarkPromiseRequest = { id: nanoid(), ...identity, actionId, done };
  return (await postForAck(`/api/boards/${encodeURIComponent(boardId)}/promise`, request, 2)) as Ack<MarkPromiseAnswer>;
}
