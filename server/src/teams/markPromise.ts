import { nanoid } from 'nanoid';
import { fail, type Ack, type MarkPromiseRequest } from '@candor/shared';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { RoomSocket } from '../rooms/roomPorts.js';

/**
 * RE-13: an owner marks their promise of a closed retro done (or takes it back) from the team page, between retros.
 * As TM-16's close, the person joins the room for the moment of it as whoever they are there (id and secret: someone
 * the room knows and would still let in, JN-6) and sends the command with the id their page made (CM-1: a resend is
 * answered as the first was, and stores nothing again), so the room's rules decide it as any command: only an owner,
 * only in Close (`decidePromiseMark`). The connection is not a browser in the room: nobody sees its person come and go.
 */
export async function markPromise(room: BoardRoom, request: MarkPromiseRequest, address: string): Promise<Ack> {
  if (room.reader(request.participantId, request.secret) !== 'in') return fail('BAD_CREDENTIALS', 'You were not in this retro.');
  const socket: RoomSocket = { id: `promise-${nanoid()}`, address, present: false, sendMe: () => {}, signOut: () => {}, answerKnock: () => {} };
  room.attach(socket);
  try {
    const { id, participantId, secret, name, actionId, done } = request;
    const joined = await room.handle(socket.id, { id: nanoid(), type: 'join', participantId, secret, name });
    if (!joined.ok) return joined;
    return await room.handle(socket.id, { id, type: 'promise.mark', actionId, done });
  } finally {
    room.detach(socket.id);
  }
}
