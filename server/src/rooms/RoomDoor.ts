import { type Ack, type BoardEvent, type BoardState, fail, mayStay, whoToAsk } from '@candor/shared';
import type { JoinedSession, Session } from './Session.js';

type Knock = BoardState['knocks'] extends Map<string, infer K> ? K : never;

/** A document connection, ended when its person is signed out (an object, not a closure: issue 13, ME-7). */
export interface SignedOutListener {
  signedOut(): void;
}

/**
 * JN-*, MO-1: the runtime side of who may be in a room — the knocks waiting for the facilitator, and
 * signing people out (Socket.io sessions and document connections) when a new password or a removal says
 * they may not stay. The rules themselves are `entryFor` / `mayStay` in shared.
 */
export class RoomDoor {
  private knocksChanged = false;
  /** which connection each knock came from */
  private readonly knockSockets = new Map<string, string>();
  /** each participant's document connections, to end them when they are signed out */
  private readonly docConnections = new Map<string, Set<SignedOutListener>>();

  constructor(
    private readonly state: BoardState,
    private readonly sessions: Map<string, Session>,
    private readonly hooks: {
      newId: () => string;
      /** the facilitator's knock list changed: send it with the next presence batch */
      knocksChanged: () => void;
      /** this joined session is signed out: it goes back to attached and its presence ends */
      signOut: (session: JoinedSession) => void;
      /** CL-15: a knock made here, or gone from here, for the facilitator's process if it is another */
      knockShared?: (knock: Knock) => void;
      knockGone?: (knockId: string) => void;
      /** CL-15: a knock made through another process was answered here */
      answeredElsewhere?: (knockId: string, admitted: boolean) => void;
    },
  ) {}

  /** CL-15: the knocks made through this process (to tell a process that loads the board later) */
  localKnocks(): Knock[] {
    return [...this.knockSockets.keys()].flatMap((id) => {
      const knock = this.state.knocks.get(id);
      return knock ? [knock] : [];
    });
  }

  /** CL-15: someone knocks through another process: the facilitator here sees it (a newer knock replaces theirs). */
  knockFromElsewhere(knock: Knock): void {
    for (const [id, other] of this.state.knocks) if (other.participantId === knock.participantId && !this.knockSockets.has(id)) this.state.knocks.delete(id);
    this.state.knocks.set(knock.id, knock);
    this.markKnocksChanged();
  }

  /** CL-15: a knock made through another process was withdrawn (its connection closed) or answered there. */
  knockGoneElsewhere(knockId: string): void {
    if (this.knockSockets.has(knockId)) return;
    if (this.state.knocks.delete(knockId)) this.markKnocksChanged();
  }

  watchDocConnection(participantId: string, connection: SignedOutListener): void {
    const connections = this.docConnections.get(participantId) ?? new Set();
    connections.add(connection);
    this.docConnections.set(participantId, connections);
  }

  unwatchDocConnection(participantId: string, connection: SignedOutListener): void {
    const connections = this.docConnections.get(participantId);
    if (!connections?.delete(connection)) return;
    if (connections.size === 0) this.docConnections.delete(participantId);
  }

  /** True once after the knock list changed (the room then sends the facilitator their view). */
  takeKnocksChanged(): boolean {
    const changed = this.knocksChanged;
    this.knocksChanged = false;
    return changed;
  }

  /** JN-3: the connection waits; the facilitator sees the knock in the next presence batch. */
  knock(session: Session, participantId: string, name: string): Ack {
    for (const [id, knock] of this.state.knocks) if (knock.participantId === participantId) this.dropKnock(id);
    const knockId = this.hooks.newId();
    this.state.knocks.set(knockId, { id: knockId, participantId, name });
    this.knockSockets.set(knockId, session.socket.id);
    session.knockId = knockId;
    this.markKnocksChanged();
    this.hooks.knockShared?.({ id: knockId, participantId, name });
    return fail('WAITING_TO_BE_ADMITTED', `You knocked. Waiting for ${whoToAsk(this.state)} to let you in.`);
  }

  dropKnock(knockId: string): void {
    const socketId = this.knockSockets.get(knockId);
    const session = socketId ? this.sessions.get(socketId) : undefined;
    if (session?.knockId === knockId) session.knockId = null;
    const local = this.knockSockets.delete(knockId);
    if (this.state.knocks.delete(knockId)) this.markKnocksChanged();
    if (local) this.hooks.knockGone?.(knockId);
  }

  /** JN-3: tells the knocking connection the answer; a refused person learns who to ask. */
  answerKnock(knockId: string, admitted: boolean): void {
    const socketId = this.knockSockets.get(knockId);
    // CL-15: a knock made through another process is answered there
    if (!socketId && this.state.knocks.has(knockId)) this.hooks.answeredElsewhere?.(knockId, admitted);
    this.dropKnock(knockId);
    const session = socketId ? this.sessions.get(socketId) : undefined;
    if (!session) return;
    const ask = whoToAsk(this.state);
    const message = admitted ? 'You are in.' : `${ask} did not let you in this time. Ask ${ask} directly if you think you should be here.`;
    session.socket.answerKnock(admitted, message);
  }

  /** JN-2/MO-1: after a new password or a removal, whoever may no longer be here is signed out everywhere. */
  signOutWhoMayNotStay(events: BoardEvent[]): void {
    const removal = events.some((e) => e.type === 'participant.removed');
    const newPassword = events.some((e) => e.type === 'access.passwordChanged' && e.passwordHash !== null);
    if (!removal && !newPassword) return;
    const out = new Set<string>();
    for (const session of [...this.sessions.values()]) {
      if (session.kind !== 'joined' || mayStay(this.state, session.participantId)) continue;
      const removed = this.state.access.removed.has(session.participantId);
      this.hooks.signOut(session);
      session.socket.signOut(
        removed ? 'removed' : 'password',
        removed ? 'The facilitator removed you from this retro.' : 'The facilitator changed the password of this retro. Enter the new one to come back in.',
      );
      out.add(session.participantId);
    }
    for (const id of this.docConnections.keys()) if (!mayStay(this.state, id)) out.add(id);
    for (const id of out) for (const connection of [...(this.docConnections.get(id) ?? [])]) connection.signedOut();
  }

  private markKnocksChanged(): void {
    this.knocksChanged = true;
    this.hooks.knocksChanged();
  }
}
