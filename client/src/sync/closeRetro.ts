import type { Ack, CloseRetroRequest, Phase } from '@candor/shared';
import { loadFacilitatorKey, loadIdentity } from './identity.js';
import { postForAck } from './teamPageAct.js';

/**
 * TM-16: closes a retro left open in `from`, from the team page, as the person this browser was in it (with its
 * facilitator key, if held); the server steps it to Close as the board would (`closeLeftOpen`). The refusal, if any,
 * is the server's ack (NOT_FACILITATOR, CONFLICT when it moved on meanwhile, …).
 */
export async function closeRetro(boardId: string, from: Phase): Promise<Ack> {
  const identity = loadIdentity(boardId);
  if (!identity) return { ok: false, code: 'BAD_CREDENTIALS', message: '' };
  const facilitatorKey = loadFacilitatorKey(boardId);
  const request: CloseRetroRequest = { ...identity, from, ...(facilitatorKey ? { facilitatorKey } : {}) };
  return postForAck(`/api/boards/${encodeURIComponent(boardId)}/close`, request);
}
