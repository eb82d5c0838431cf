import type { Tags } from '../identity.js';
import type { RoomSocket } from './roomPorts.js';

/**
 * One connection as the room sees it: attached (connected, not yet anyone) or joined (a participant, with the
 * tags that stand for them on their anonymous facts). A joined session goes back to attached when it is
 * signed out (JN-2, MO-1) or its join did not commit.
 */
export type Session = AttachedSession | JoinedSession;

interface Connection {
  socket: RoomSocket;
  /** JN-3: the knock this connection is waiting on, if any */
  knockId: string | null;
}

export interface AttachedSession extends Connection {
  kind: 'attached';
}

export interface JoinedSession extends Connection {
  kind: 'joined';
  participantId: string;
  tags: Tags;
  /** FA-6, BD-1: joined with this board's facilitator key */
  holdsFacilitatorKey: boolean;
  /** makes this person's command keys (CM-3): keyed hash of their secret */
  commandKeyBase: string;
  /** digest of the last personal view sent, to send only changes */
  lastMe: string;
  /** UI-22: the last command of this connection that is decided and stored: every personal view from then on includes it */
  lastDecided?: string;
}

export function attached(socket: RoomSocket, knockId: string | null = null): AttachedSession {
  return { kind: 'attached', socket, knockId };
}

export function participantOf(session: Session | undefined): string | null {
  return session?.kind === 'joined' ? session.participantId : null;
}
