/**
 * Who is connected here right now: runtime knowledge, never stored (a restart is everyone leaving). Counts each
 * participant's joined connections; the room turns a change of "connected here or (CL-7) elsewhere" into the
 * `presence.changed` fact it applies. O(1) per connection, however many people are in the room.
 */
export class Presence {
  private readonly connections = new Map<string, Set<string>>();

  /** a connection of `participantId` joined */
  connected(participantId: string, socketId: string): void {
    const sockets = this.connections.get(participantId) ?? new Set<string>();
    sockets.add(socketId);
    this.connections.set(participantId, sockets);
  }

  /** a connection of `participantId` ended (or was signed out) */
  disconnected(participantId: string, socketId: string): void {
    const sockets = this.connections.get(participantId);
    if (!sockets?.delete(socketId) || sockets.size > 0) return;
    this.connections.delete(participantId);
  }

  isOnline(participantId: string): boolean {
    return this.connections.has(participantId);
  }

  /** the joined connections of `participantId` here (none when they are not connected here) */
  socketsOf(participantId: string): Iterable<string> {
    return this.connections.get(participantId) ?? [];
  }

  /** everyone connected here (the participants a rebuilt room must recognise again) */
  online(): IterableIterator<string> {
    return this.connections.keys();
  }
}
