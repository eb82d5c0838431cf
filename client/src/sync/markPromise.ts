import { nanoid } from 'nanoid';
import type { Ack, MarkPromiseRequest, MyPromisesResponse } from '@candor/shared';
import { loadIdentity } from './identity.js';
import { postForAck } from './teamPageAct.js';

/**
 * RE-13: the promises of a retro this browser's person may mark done now, as the server knows who they are (their id
 * and secret in that retro, `GET /api/boards/:id/mine`), so "Mark done" shows exactly where the room would take it. A
 * name would not do: two people may have been called Ada, and one may have changed hers since. None when this
 * browser was not in that retro, or the server cannot be asked.
 */
export async function myPromiseIds(boardId: string): Promise<string[]> {
  const identity = loadIdentity(boardId);
  if (!identity) return [];
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/mine`, { headers: { authorization: `Candor ${identity.participantId} ${identity.secret}` } });
    return response.ok ? ((await response.json()) as MyPromisesResponse).actionIds : [];
  } catch {
    return [];
  }
}

/**
 * RE-13: marks a promise done (or not any more) from the team page or the closed retro's summary, as the person this
 * browser was in its retro. One command id for the tries of one click: a try whose answer was lost is answered as the
 * first was (CM-1), and records nothing twice. The refusal, if any, is the server's ack (NOT_YOURS, WRONG_PHASE, …).
 */
export async function markPromise(boardId: string, actionId: string, done: boolean): Promise<Ack> {
  const identity = loadIdentity(boardId);
  if (!identity) return { ok: false, code: 'BAD_CREDENTIALS', message: '' };
  const request: MarkPromiseRequest = { id: nanoid(), ...identity, actionId, done };
  return postForAck(`/api/boards/${encodeURIComponent(boardId)}/promise`, request, 2);
}
