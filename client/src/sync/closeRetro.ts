import type { Ack, CloseRetroRequest, Phase } from '@candor/shared';
import { loadFacilitatorKey, loadIdentity } from './identity.js';
import { postForAck } from './teamPageAct.js';

/**
 * TM-16: whether this browser is offered "Close it now" for a retro left open: it was in that retro, and holds its
 * facilitator key or was there under a name that facilitated it. The server decides (the facilitator alone moves a
 * retro's phase, PH-1); this only spares the others a button that would be refused.
 */
export function mayOfferClose(boardId: string, facilitators: readonly string[]): boolean {
  const identity = loadIdentity(boardId);
  return identity !== null && (loadFacilitatorKey(boardId) !== null || facilitators.includes(identity.name));
}

/**
 * TM-16: closes a retro left open in `from`, from the team page, as the person this browser was in it (with its
 * facilitator key, if held); the server steps it to Close as the board would (`closeLeftOpen`). The refusal, if any,
 * is the server's ack (NOT_FACILITATOR, CONFLICT when it moved on meanwhile, …).
 */
export async function closeRetro(boardId: string, from: Phase): Promise<Ack> {
  const identity = loadIdentity(boardId);
  if (!identity) return { ok: false, code: 'NOT_FACILITATOR', message: '' };
  const facilitatorKey = loadFacilitatorKey(boardId);
  const request: CloseRetroRequest = { ...identity, from, ...(facilitatorKey ? { facilitatorKey } : {}) };
  return postForAck(`/api/boards/${encodeURIComponent(boardId)}/close`, request);
}
