import type { BoardState } from './board.js';

/**
 * Who is in a room, as facts the room applies the way it applies `BoardEvent`s (decide → store → apply):
 * - `participant.joined` / `participant.forgotten`: stored as the participant's row (name, handle) — written
 *   or deleted in the same transaction as the commands around them, applied once that transaction committed;
 * - `presence.changed`: runtime only, never stored. A restart is everyone leaving: a loaded room starts with
 *   everyone away (`offlineSince` = load time), and presence then follows the connections that come back.
 * Kept apart from `BoardEvent` because none of them is part of the board's log (AR-1: the log is public
 * facts; who was online when is not a fact the data files may keep).
 */
export type RosterEvent =
  | { type: 'participant.joined'; participantId: string; name: string; handle: string }
  | { type: 'participant.forgotten'; participantId: string }
  | { type: 'presence.changed'; participantId: string; online: boolean; at: number };

/** Where each roster fact lives: a participant row, or nowhere (runtime). */
export function rosterAtRest(event: RosterEvent): 'participant-row' | 'runtime' {
  return event.type === 'presence.changed' ? 'runtime' : 'participant-row';
}

export function evolveRoster(state: BoardState, event: RosterEvent): void {
  switch (event.type) {
    case 'participant.joined':
      state.participants.set(event.participantId, {
        id: event.participantId,
        name: event.name,
        handle: event.handle,
        isFacilitator: state.facilitatorId === event.participantId,
        online: false,
        offlineSince: null,
      });
      return;
    case 'participant.forgotten':
      state.participants.delete(event.participantId);
      return;
    case 'presence.changed': {
      const participant = state.participants.get(event.participantId);
      if (!participant) return;
      // away since the first moment they were seen away (FA-3 counts from there); a loaded room: since the load
      if (!event.online && !participant.online && participant.offlineSince !== null) return;
      participant.online = event.online;
      participant.offlineSince = event.online ? null : event.at;
      return;
    }
    default: {
      const never: never = event;
      throw new Error(`unknown roster event ${JSON.stringify(never)}`);
    }
  }
}
