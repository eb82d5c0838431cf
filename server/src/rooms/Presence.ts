/**
 * Who is connected here right now: runtime knowledge, never stored (a restart is everyone leaving). Counts each
 * participant's joined connections; the room turns a change of "connected here or (CL-7) elsewhere" into the
 * `presence.changed` fact it applies. O(1) per connection, however many people are in the room.
 *
 * ME-13: most people hold one connection, so a participant's one connection id is kept as it is, and a set is
 * made only for a second one (an empty Set is ~150 bytes of the server's heap, a ninth of a joined person's room
 * bookkeeping).
 */
export class Presence {
  private readonly connections = new Map<string, string | Set<string>>();

  /** a connection of `participantId` joined */
  connected(participantId: string, socketId: string): void {
    const held = this.connections.get(participantId);
    if (held === undefined || held === socketId) this.connections.set(participantId, socketId);
    else if (typeof held === 'string') this.connections.set(participantId, new Set([held, socketId]));
    else held.add(socketId);
  }

  /** a connection of `participantId` ended (or was signed out) */
  disconnected(participantId: string, socketId: string): void {
    const held = this.connections.get(participantId);
    if (held === socketId) {
      this.connections.delete(participantId);
      return;
    }
    if (typeof held === 'string' || !held?.delete(socketId)) return;
    // back to the one id left (a set of one would keep its table)
    if (held.size === 1) this.connections.set(participantId, held.values().next().value!);
    else if (held.size === 0) this.connections.delete(participantId);
  }

  isOnline(participantId: string): boolean {
    return this.connections.has(participantId);
  }

  /** the joined connections of `participantId` here (none when they are not connected here) */
  socketsOf(participantId: string): readonly string[] | ReadonlySet<string> {
    const held = this.connections.get(participantId);
    return held === undefined ? [] : typeof held === 'string' ? [held] : held;
  }

  /** everyone connected here (the participants a rebuilt room must recognise again) */
  online(): IterableIterator<string> {
    return this.connections.keys();
  }
}
