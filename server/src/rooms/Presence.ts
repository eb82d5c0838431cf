import type { RosterEvent } from '@candor/shared';

/**
 * Who is connected right now: runtime knowledge, never stored (a restart is everyone leaving). Counts each
 * participant's joined connections and turns the first one in and the last one out into the
 * `presence.changed` facts the room applies. O(1) per connection, however many people are in the room.
 */
export class Presence {
  private readonly connections = new Map<string, Set<string>>();

  /** a connection of `participantId` joined; the fact to apply if they just came online */
  connected(participantId: string, socketId: string, at: number): RosterEvent | null {
    const sockets = this.connections.get(participantId) ?? new Set<string>();
    const wasOnline = sockets.size > 0;
    sockets.add(socketId);
    this.connections.set(participantId, sockets);
    return wasOnline ? null : { type: 'presence.changed', participantId, online: true, at };
  }

  /** a connection of `participantId` ended (or was signed out); the fact to apply if it was their last */
  disconnected(participantId: string, socketId: string, at: number): RosterEvent | null {
    const sockets = this.connections.get(participantId);
    if (!sockets?.delete(socketId)) return null;
    if (sockets.size > 0) return null;
    this.connections.delete(participantId);
    return { type: 'presence.changed', participantId, online: false, at };
  }

  isOnline(participantId: string): boolean {
    return this.connections.has(participantId);
  }

  /** everyone connected here (the participants a rebuilt room must recognise again) */
  online(): IterableIterator<string> {
    return this.connections.keys();
  }
}
