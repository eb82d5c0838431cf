import { nanoid } from 'nanoid';
import { PHASES, fail, phaseIndex, type Ack, type CloseRetroRequest } from '@candor/shared';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { RoomSocket } from '../rooms/roomPorts.js';

/**
 * TM-16: closes a retro left open, from its team's page, as its facilitator would on the board. The person joins the
 * room for the moment of it as whoever they are there (their id and secret: someone the room knows and would still
 * let in, JN-6; with the facilitator key if they hold it, FA-1) and steps it to Close one phase at a time, each step
 * naming the phase it leaves (PH-2), so every rule of every step holds as on the board: the facilitator alone moves
 * the phase (PH-1, NOT_FACILITATOR for anyone else), Vote's tallies are settled as Vote closes (AN-12), and the
 * closed summary counts the people of the retro (SL-3). The room stores and fans out each step as it does for a
 * socket. Only from Reveal on: before it, closing would reveal cards with nobody there to see them revealed. Only a
 * retro left open (`leftOpen`, the team page's own rule, TM-16): one still running is closed on its board, where the
 * people in it see it coming, not from outside by a facilitator who is not in the room (`NOT_LEFT_OPEN`). Asked after
 * the credentials, so someone never in the retro learns nothing of it (`BAD_CREDENTIALS` alike).
 */
export async function closeLeftOpen(room: BoardRoom, request: CloseRetroRequest, address: string, leftOpen: () => Promise<boolean>): Promise<Ack> {
  if (phaseIndex(request.from) < phaseIndex('reveal')) {
    return fail('WRONG_PHASE', 'A retro whose cards were never revealed is not closed from the team page: open it to go on.');
  }
  if (room.reader(request.participantId, request.secret) !== 'in') return fail('BAD_CREDENTIALS', 'You were not in this retro.');
  // PH-2 for the whole of it: seen in another phase than it is in (Close among them), nothing is done
  if (room.state.phase !== request.from) return fail('CONFLICT', 'This retro is no longer where the team page saw it: read the page again.');
  if (!(await leftOpen())) return fail('NOT_LEFT_OPEN', 'This retro is still running, not left open: close it on its board.');
  // a connection of its own for the moment of the close: it is told nothing (it reads nothing back), and it is not
  // a browser in the room: nobody there sees its person come and go
  const socket: RoomSocket = { id: `close-${nanoid()}`, address, present: false, sendMe: () => {}, signOut: () => {}, answerKnock: () => {} };
  room.attach(socket);
  try {
    const { from, ...person } = request;
    const joined = await room.handle(socket.id, { id: nanoid(), type: 'join', ...person });
    if (!joined.ok) return joined;
    if (!(joined.data as { isFacilitator: boolean }).isFacilitator) return fail('NOT_FACILITATOR', 'Only the facilitator of this retro can close it.');
    for (const phase of PHASES.slice(PHASES.indexOf(from) + 1)) {
      const step = await room.handle(socket.id, { id: nanoid(), type: 'phase.set', phase, from: PHASES[PHASES.indexOf(phase) - 1]! });
      if (!step.ok) return step;
    }
    return { ok: true, data: {} };
  } finally {
    room.detach(socket.id);
  }
}
