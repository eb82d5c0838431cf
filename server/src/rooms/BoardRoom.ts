import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import {
  type Ack,
  type BoardEvent,
  type BoardState,
  type DocName,
  changesEveryonesView,
  changesPublicView,
  batchesPublicView,
  type Command,
  type JoinCommand,
  type PersonalView,
  type PublicBoardView,
  type SignOutReason,
  LIMITS,
  entryFor,
  mayStay,
  atRestOfCommand,
  changesAnonymousState,
  decide,
  emptyBoard,
  evolve,
  fail,
  notesKey,
  ok,
  personalViewOf,
  projectBoardDoc,
  renderMarkdown,
  viewOf,
} from '@candor/shared';
import { type BoardStore, CommandKeyTaken, type LoadedBoard, StaleCopy } from '../storage/BoardStore.js';
import type { RoomCluster } from '../cluster/RoomCluster.js';
import type { Keyring } from '../identity.js';
import { sameHash } from '../identity.js';
import type { Logger } from '../logger.js';
import { SerialQueue } from './SerialQueue.js';
import { RoomDoor } from './RoomDoor.js';
import { RoomDocuments } from './RoomDocuments.js';
import { DocTickets } from './DocTickets.js';
import { Admission, joinBuckets } from './admission.js';
import type { AddressBuckets } from '../transport/addressBuckets.js';
import { ABUSE_LIMITS } from '../abuseLimits.js';
import { commandDigest, openCommand, sealCommand } from '../storage/sealedCommand.js';
import { AnonymousState } from '../storage/anonymousState.js';

/** One connection as the room sees it; the transport decides how each message travels. */
export interface RoomSocket {
  id: string;
  /** the client address it came from (AB-4 counts new participants per address) */
  address?: string;
  sendMe(view: PersonalView): void;
  /** JN-2: tell the connection it must join again (new password); MO-1: tell it it was removed, then end it */
  signOut(reason: SignOutReason, message: string): void;
  /** JN-3: the facilitator's answer to this connection's knock */
  answerKnock(admitted: boolean, message: string): void;
  /** BD-2: the board was deleted; tell the person and end the connection */
  sendDeleted?(): void;
}

/** SU-1: sends the summary; the addresses are used for this one message and kept nowhere. */
export interface Mailer {
  send(message: { to: string[]; subject: string; text: string }): Promise<void>;
}

export interface RoomDeps {
  store: BoardStore;
  keyring: Keyring;
  logger: Logger;
  now: () => number;
  newId: () => string;
  newSeed: () => string;
  /** FA-3: how long the facilitator must be away before someone may claim the role */
  claimAfterMs: number;
  /** SU-2: null when SMTP_URL is not set */
  mailer?: Mailer | null;
  /** BD-2: called once the board is gone from storage, so the registry forgets it */
  onDeleted?: (room: BoardRoom) => void;
  /** AB-4: new participants per client address, shared by every board (one of its own when not given) */
  joins?: AddressBuckets;
  /** AB-5: participants counted at once (LIMITS.participantsPerBoard) */
  participantCap?: number;
  /** AB-6: how long a participant who never did anything is kept after leaving */
  idleJoinerExpiryMs?: number;
  /** CL-*: set when several processes serve the board (`server/src/cluster/`) */
  cluster?: RoomCluster | null;
}

interface Session {
  socket: RoomSocket;
  participantId: string | null;
  authorTag: string;
  voterTag: string;
  pulseTag: string;
  consensusTag: string;
  reactionTag: string;
  /** FA-6, BD-1: joined with this board's facilitator key */
  holdsFacilitatorKey: boolean;
  trustTag: string;
  commandKeyBase: string;
  /** digest of the last personal view sent, to send only changes */
  lastMe: string;
  /** JN-3: the knock this connection is waiting on, if any */
  knockId: string | null;
}

type BoardCommand = Exclude<Command, { type: 'join' }>;

/** Presence changes within this window are projected together. */
const PRESENCE_BATCH_MS = 25;
/** CL-2: how often a command decided against a copy another process had changed is decided again */
const STALE_COPY_ATTEMPTS = 50;

/**
 * One board: its state (a fold of its stored events), the rules applied through `decide`, and the fan-out
 * of what changed. The public part goes into the board document (which only this room writes); each
 * person's own part goes to their sockets alone. Knows nothing of Socket.io or WebSockets.
 */
export class BoardRoom {
  readonly id: string;
  readonly state: BoardState;
  /** the anonymous facts' at-rest form: per-fact tags and recognition of returning people (AR-2) */
  private anonymous = new AnonymousState();
  /** the board and notes documents, and the one path their changes take (DO-2) */
  readonly documents: RoomDocuments;
  private readonly docTickets: DocTickets;
  private readonly facilitatorHash: string;
  private readonly authHashes = new Map<string, string>();
  private readonly sessions = new Map<string, Session>();
  private readonly queue = new SerialQueue();
  /** other holders of the room (y-websocket connections) that keep it loaded */
  private holders = 0;
  private presenceTimer: NodeJS.Timeout | undefined;
  /** JN-*, MO-1: knocks and sign-outs (CL-15: the cluster passes on knocks made through other processes) */
  readonly door: RoomDoor;
  private readonly admission: Admission;
  /** CL-2: the stored board's change counter this copy stands at (undefined: this process is the only one) */
  private storedVersion: number | undefined;

  constructor(
    loaded: LoadedBoard,
    private readonly deps: RoomDeps,
  ) {
    this.id = loaded.record.id;
    this.facilitatorHash = loaded.record.facilitatorHash;
    this.state = emptyBoard(this.id);
    this.door = new RoomDoor(this.state, this.sessions, {
      newId: deps.newId,
      knocksChanged: () => this.schedulePresence(),
      signedOut: (participantId) => this.refreshPresence(participantId),
      ...(deps.cluster
        ? {
            knockShared: (knock) => deps.cluster!.knocked(this.id, knock),
            knockGone: (knockId) => deps.cluster!.knockGone(this.id, knockId),
            answeredElsewhere: (knockId, admitted) => deps.cluster!.knockAnswered(this.id, knockId, admitted),
          }
        : {}),
    });
    this.admission = new Admission({
      joins: deps.joins ?? joinBuckets(),
      cap: deps.participantCap ?? LIMITS.participantsPerBoard,
      expiryMs: deps.idleJoinerExpiryMs ?? ABUSE_LIMITS.idleJoinerExpiryMs,
      expire: (participantId) => void this.forgetIfNeverActive(participantId),
    });
    // A freshly loaded room has nobody connected: everyone counts as away from now (FA-3).
    const loadedAt = deps.now();
    for (const p of loaded.participants) {
      this.state.participants.set(p.id, { id: p.id, name: p.name, handle: p.handle, isFacilitator: false, online: false, offlineSince: loadedAt });
      this.authHashes.set(p.id, p.authHash);
      this.admission.markActive(p.id); // AB-6: what they did before the load is not known here
    }
    for (const { event } of loaded.events) evolve(this.state, event);
    this.foldedEvents = loaded.events.length;
    this.anonymous.load(this.state, loaded.anonymousState);
    this.storedVersion = loaded.version;
    // AR-4: the board document is a projection, rebuilt here and never stored (a stored history of it would
    // be a timeline of who came online next to every change of the card count); browsers start a fresh copy
    // on every connection. The notes document is people's own writing and continues its stored history.
    this.documents = new RoomDocuments(this.id, { board: [], notes: loaded.docs.notes }, {
      store: deps.store,
      logger: deps.logger,
      notesWritable: () => this.notesWritable(),
      stored: { board: false, notes: true },
      deleted: () => this.deleted,
      ...(deps.cluster
        ? {
            notesStored: (update: Uint8Array, count: number) => deps.cluster!.notesStored(this.id, update, count),
            storedUpdates: async (name: DocName) => (await deps.store.loadBoard(this.id))?.docs[name] ?? [],
            writerEpoch: () => deps.cluster!.writerEpoch(this.id),
          }
        : {}),
    });
    this.docTickets = new DocTickets(deps.now);
    this.ensureNotesTexts();
    projectBoardDoc(this.boardDoc, this.publicView());
  }

  get boardDoc(): Y.Doc {
    return this.documents.doc('board');
  }

  get notesDoc(): Y.Doc {
    return this.documents.doc('notes');
  }

  compactDoc(name: DocName): Promise<void> {
    return this.documents.compact(name);
  }

  get connectionCount(): number {
    return this.sessions.size + this.holders;
  }

  get busy(): boolean {
    return !this.queue.idle || this.documents.busy;
  }

  publicView(): PublicBoardView {
    return viewOf(this.state, { kind: 'public' }, this.deps.claimAfterMs).board;
  }

  /** the shared notes as plain text, by notes key */
  notesText(): Record<string, string> {
    const notes = this.notesDoc.getMap<Y.Text>('notes');
    const out: Record<string, string> = {};
    for (const [key, text] of notes) if (text instanceof Y.Text) out[key] = text.toString();
    return out;
  }

  exportMarkdown(now: Date): string {
    return renderMarkdown(this.publicView(), this.notesText(), now);
  }

  /** Notes are co-edited during Discuss and Act and frozen at Close. */
  notesWritable(): boolean {
    return this.state.phase !== 'closed';
  }

  /** DO-6: a single-use ticket for one document connection, for a session that has joined. */
  issueDocTicket(socketId: string, doc: DocName): Ack<{ ticket: string }> {
    const participantId = this.sessions.get(socketId)?.participantId;
    if (!participantId) return fail('NOT_JOINED', 'Join the board first.');
    // CL-12: with several processes, a ticket any of them can redeem
    const cluster = this.deps.cluster;
    return ok({ ticket: cluster ? cluster.issueTicket(this.id, participantId, doc) : this.docTickets.issue(participantId, doc) });
  }

  /** A document connection of `participantId`; `close` ends it when they are signed out. Returns the unwatch. */
  watchDocConnection(participantId: string, close: () => void): () => void {
    return this.door.watchDocConnection(participantId, close);
  }

  /** DO-6: the participant a ticket was issued to (once), or null; JN-*, MO-1: only while they may be here. */
  redeemDocTicket(ticket: string, doc: DocName): string | null | Promise<string | null> {
    if (this.deps.cluster) {
      return this.deps.cluster.redeemTicket(ticket, this.id, doc).then((id) => (id !== null && mayStay(this.state, id) ? id : null));
    }
    const participantId = this.docTickets.redeem(ticket, doc);
    return participantId !== null && mayStay(this.state, participantId) ? participantId : null;
  }

  /**
   * JN-6: who is reading over HTTP. `stranger` when the credentials are not a participant's of this board,
   * `out` when they are but the door would not let them in now (removed, signed out by a new password, waiting),
   * `in` otherwise.
   */
  reader(participantId: string, secret: string): 'stranger' | 'out' | 'in' {
    const authHash = this.authHashes.get(participantId);
    if (!authHash || !sameHash(authHash, this.deps.keyring.authHash(this.id, secret))) return 'stranger';
    return mayStay(this.state, participantId) ? 'in' : 'out';
  }

  hold(): void {
    this.holders++;
  }

  release(): void {
    this.holders = Math.max(0, this.holders - 1);
  }

  attach(socket: RoomSocket): void {
    this.sessions.set(socket.id, {
      socket,
      participantId: null,
      authorTag: '',
      voterTag: '',
      pulseTag: '',
      consensusTag: '',
      reactionTag: '',
      holdsFacilitatorKey: false,
      trustTag: '',
      commandKeyBase: '',
      lastMe: '',
      knockId: null,
    });
  }

  detach(socketId: string): void {
    const session = this.sessions.get(socketId);
    this.sessions.delete(socketId);
    if (session?.knockId) this.door.dropKnock(session.knockId);
    if (session?.participantId) this.refreshPresence(session.participantId);
  }

  /** Every command of every socket of this board passes here, one at a time. */
  handle(socketId: string, command: Command): Promise<Ack> {
    return this.queue.run(async () => {
      const session = this.sessions.get(socketId);
      if (!session) return fail('NOT_JOINED', 'This connection is closed.');
      if (this.deleted) return fail('NOT_FOUND', 'This board was deleted.');
      for (let attempt = 1; ; attempt++) {
        const version = this.storedVersion;
        try {
          return command.type === 'join' ? await this.join(session, command) : await this.apply(session, command);
        } catch (err) {
          // CL-2: another process changed the board since this copy was read: catch up, decide again.
          // CL-3: another process stored this very command meanwhile: the next attempt answers from the store.
          if ((err instanceof StaleCopy || err instanceof CommandKeyTaken) && attempt < STALE_COPY_ATTEMPTS) {
            if (this.storedVersion === version) await this.reloadState();
            this.settle();
            continue;
          }
          this.deps.logger.error({ err, board: this.id, type: command.type }, 'command failed');
          return fail('INTERNAL', 'Something went wrong on the server; nothing was changed.');
        }
      }
    });
  }

  /** CL-2: after this copy's change was stored, the copy stands one change further; the others learn of it. */
  private counted(): void {
    if (this.storedVersion === undefined) return;
    this.storedVersion += 1;
    this.deps.cluster?.committed(this.id, this.storedVersion);
  }

  /**
   * CL-1: another process stored the board at `version`; if this copy is behind, it catches up from the store
   * and sends what changed to its own connections. In order with this room's commands.
   */
  catchUpTo(version: number | null): Promise<void> {
    return this.queue.run(async () => {
      if (this.deleted || (version !== null && this.storedVersion !== undefined && this.storedVersion >= version)) return;
      await this.catchUp();
    });
  }

  /** CL-1: rebuilds the copy from the store, then fans out whatever changed for the people here. */
  private async catchUp(): Promise<void> {
    await this.reloadState();
    this.settle();
  }

  /** CL-1: after the copy was rebuilt, whatever changed reaches the people here (and who may not stay leaves). */
  private settle(): void {
    const fresh = this.unsettled;
    this.unsettled = [];
    this.door.signOutWhoMayNotStay(fresh);
    this.projectPublic();
    this.sendPersonal(() => true);
  }

  /** events folded by a rebuild whose fan-out has not happened yet */
  private unsettled: BoardEvent[] = [];

  private async join(session: Session, command: JoinCommand): Promise<Ack> {
    if (session.participantId && session.participantId !== command.participantId) {
      return fail('INVALID_INPUT', 'This connection already belongs to someone else.');
    }
    const { keyring, cluster } = this.deps;
    // CL-4: someone who joined through another process is known here before their credentials are checked
    if (cluster && (await cluster.storedVersion(this.id)) !== this.storedVersion) await this.catchUp();
    const authHash = keyring.authHash(this.id, command.secret);
    const wantsFacilitator = command.facilitatorKey !== undefined;
    const facilitatorOk = wantsFacilitator && sameHash(this.facilitatorHash, keyring.facilitatorHash(this.id, command.facilitatorKey!));
    if (wantsFacilitator && !facilitatorOk) return fail('NOT_FACILITATOR', 'That facilitator link is not valid for this board.');

    const existing = this.state.participants.get(command.participantId);
    if (existing && !sameHash(this.authHashes.get(existing.id)!, authHash)) return fail('BAD_CREDENTIALS', 'These credentials do not match.');
    // JN-*, MO-1: the door (removed, locked joining, password, knock) before anything is recorded.
    const entry = entryFor(this.state, {
      participantId: command.participantId,
      known: existing !== undefined,
      facilitatorKeyOk: facilitatorOk,
      passwordHash: command.password === undefined ? null : keyring.passwordHash(this.id, command.password),
    });
    if (entry.kind === 'refused') return fail(entry.code, entry.message);
    if (!existing) {
      const refused = this.admission.refuseNewcomer(this.state.participants.values(), session.socket.address ?? 'unknown');
      if (refused) return refused;
    }
    if (entry.kind === 'knock') return this.door.knock(session, command.participantId, command.name);
    if (session.knockId) this.door.dropKnock(session.knockId);
    if (!existing) {
      const record = { id: command.participantId, name: command.name, handle: this.deps.newId(), authHash, isFacilitator: false };
      await this.deps.store.upsertParticipant(this.id, record, this.storedVersion);
      this.counted();
      this.authHashes.set(record.id, authHash);
      this.state.participants.set(record.id, {
        id: record.id,
        name: record.name,
        handle: record.handle,
        isFacilitator: false,
        online: false,
        offlineSince: null,
      });
    }
    // FA-1: the facilitator key makes its holder the facilitator only while the retro has none; afterwards
    // the role moves by handover or claim, so there is exactly one facilitator at any moment.
    const joinEvents: BoardEvent[] = [];
    if (entry.admit) joinEvents.push({ type: 'access.admitted', participantId: command.participantId });
    if (facilitatorOk) this.admission.markActive(command.participantId);
    if (facilitatorOk && this.state.facilitatorId === null) {
      joinEvents.push({ type: 'facilitator.changed', participantId: command.participantId, how: 'created' });
    }
    if (joinEvents.length > 0) {
      const base = keyring.commandKeyBase(this.id, command.secret);
      const commandKey = keyring.commandKey(base, command.id);
      const sealed = sealCommand(keyring.commandSealKey(base, command.id), { digest: commandDigest(command), result: {} });
      await this.deps.store.commit(this.id, { commandKey, events: joinEvents, sealed, expectedVersion: this.storedVersion });
      this.counted();
      for (const event of joinEvents) evolve(this.state, event);
    }
    session.participantId = command.participantId;
    session.authorTag = keyring.authorTag(this.id, command.secret);
    session.voterTag = keyring.voterTag(this.id, command.secret);
    session.pulseTag = keyring.pulseTag(this.id, command.secret);
    session.consensusTag = keyring.consensusTag(this.id, command.secret);
    session.reactionTag = keyring.reactionTag(this.id, command.secret);
    session.holdsFacilitatorKey = facilitatorOk;
    session.trustTag = keyring.trustTag(this.id, command.secret);
    session.commandKeyBase = keyring.commandKeyBase(this.id, command.secret);
    // AR-2: after a restart this person's facts wait under placeholders; hand them back
    this.anonymous.recognise(this.state, session);
    session.lastMe = '';
    this.refreshPresence(command.participantId);
    this.sendPersonal((s) => s === session);
    const participant = this.state.participants.get(command.participantId)!;
    return ok({ participantId: participant.id, isFacilitator: participant.isFacilitator });
  }

  private async apply(session: Session, command: BoardCommand): Promise<Ack> {
    const participantId = session.participantId;
    if (!participantId) return fail('NOT_JOINED', 'Join the board first.');
    const { keyring } = this.deps;
    const commandKey = keyring.commandKey(session.commandKeyBase, command.id);
    const sealKey = keyring.commandSealKey(session.commandKeyBase, command.id);
    const digest = commandDigest(command);
    const stored = await this.deps.store.findCommand(this.id, commandKey);
    if (stored) {
      // CM-3: the same id is answered with its first result only if it is the same command
      const first = openCommand(sealKey, stored);
      if (first.digest !== digest) return fail('ID_REUSED', 'This command id was already used for a different command.');
      return ok(first.result);
    }

    const actor = {
      participantId,
      isFacilitator: this.state.facilitatorId === participantId,
      authorTag: session.authorTag,
      voterTag: session.voterTag,
      pulseTag: session.pulseTag,
      consensusTag: session.consensusTag,
      reactionTag: session.reactionTag,
      holdsFacilitatorKey: session.holdsFacilitatorKey,
      trustTag: session.trustTag,
    };
    const { now, newId, newSeed, claimAfterMs } = this.deps;
    const hashPassword = (password: string) => keyring.passwordHash(this.id, password);
    const decision = decide(this.state, actor, command, { now: now(), newId, newSeed, claimAfterMs, hashPassword });
    if (!decision.ok) {
      // CL-2: a refusal stands only if this copy is the stored board (a change is checked under the lock instead)
      if (this.deps.cluster && (await this.deps.cluster.storedVersion(this.id)) !== this.storedVersion) throw new StaleCopy(this.id);
      return decision;
    }
    if (command.type === 'board.delete') return this.deleteBoard();
    if (command.type === 'summary.email') {
      const sent = await this.emailSummary(command.to);
      if (!sent.ok) return sent;
    }
    this.admission.markActive(participantId);

    const sealed = sealCommand(sealKey, { digest, result: decision.data });
    const anonymous = atRestOfCommand(decision.events) === 'anonymous-state';
    if (!decision.events.some(changesAnonymousState)) {
      await this.deps.store.commit(this.id, { commandKey, events: decision.events, sealed, expectedVersion: this.storedVersion });
      this.counted();
      for (const event of decision.events) evolve(this.state, event);
    } else {
      // The stored anonymous state is the state after the command, so it is applied first; if the commit
      // fails the room goes back to what the store holds (CM-2).
      for (const event of decision.events) evolve(this.state, event);
      const anonymousState = this.anonymous.encode(this.state);
      try {
        await this.deps.store.commit(this.id, { commandKey, events: anonymous ? [] : decision.events, anonymousState, sealed, expectedVersion: this.storedVersion });
        this.counted();
      } catch (err) {
        await this.reloadState();
        throw err;
      }
    }
    if (command.type === 'access.admit') this.door.answerKnock(command.knockId, command.admit);
    this.door.signOutWhoMayNotStay(decision.events);
    if (decision.events.length > 0) this.publish(decision.events, participantId);
    return ok(decision.data);
  }

  /**
   * Rebuilds the board from the store (after a failed commit, or CL-1 to catch up on another process's
   * changes), keeping who is here and recognising them again. The events it had not folded before wait in
   * `unsettled` for `settle()`.
   */
  private async reloadState(): Promise<void> {
    const loaded = await this.deps.store.loadBoard(this.id, { docs: false });
    if (!loaded) return;
    const fresh = emptyBoard(this.id);
    fresh.participants = this.mergeParticipants(loaded);
    fresh.knocks = this.state.knocks;
    const foldedBefore = this.foldedEvents;
    for (const { event } of loaded.events) evolve(fresh, event);
    this.foldedEvents = loaded.events.length;
    this.storedVersion = loaded.version;
    const anonymous = new AnonymousState();
    anonymous.load(fresh, loaded.anonymousState);
    for (const session of this.sessions.values()) if (session.participantId) anonymous.recognise(fresh, session);
    const newcomers = [...fresh.participants.keys()].filter((id) => !this.state.participants.has(id));
    Object.assign(this.state, fresh);
    this.anonymous = anonymous;
    for (const id of newcomers) {
      // AB-6: what they did through another process is not known here, as for people loaded from storage
      this.admission.markActive(id);
      // CL-7: someone who joined through another process may be connected there already
      this.refreshPresence(id);
    }
    this.unsettled.push(...loaded.events.slice(foldedBefore).map((e) => e.event));
  }

  /** how many stored events this copy has folded (CL-1: the rest are new to it) */
  private foldedEvents = 0;

  /**
   * CL-4: the stored participants, each keeping what this process knows of their presence; someone forgotten
   * elsewhere (AB-6) stays only while connected here.
   */
  private mergeParticipants(loaded: LoadedBoard): BoardState['participants'] {
    const merged: BoardState['participants'] = new Map();
    for (const p of loaded.participants) {
      const known = this.state.participants.get(p.id);
      merged.set(p.id, {
        id: p.id,
        name: p.name,
        handle: p.handle,
        isFacilitator: false,
        online: known?.online ?? false,
        offlineSince: known ? known.offlineSince : this.deps.now(),
      });
      this.authHashes.set(p.id, p.authHash);
    }
    for (const [id, known] of this.state.participants) if (!merged.has(id) && known.online) merged.set(id, { ...known, isFacilitator: false });
    return merged;
  }

  private refreshPresence(participantId: string): void {
    const participant = this.state.participants.get(participantId);
    if (!participant) return;
    const here = [...this.sessions.values()].some((s) => s.participantId === participantId);
    const online = here || (this.deps.cluster?.onlineElsewhere(this.id, participantId) ?? false);
    if (participant.online && !online) participant.offlineSince = this.deps.now();
    if (online) participant.offlineSince = null;
    participant.online = online;
    this.admission.presenceChanged(participantId, online);
    this.schedulePresence();
  }

  /**
   * AB-6: forgets someone who joined and never did anything once they are gone — from storage first, then
   * from the room — so that names which never come back cannot fill the board for good.
   */
  private forgetIfNeverActive(participantId: string): Promise<void> {
    return this.queue.run(async () => {
      const participant = this.state.participants.get(participantId);
      if (!participant || participant.online || this.admission.hasActed(participantId)) return;
      await this.deps.store.removeParticipant(this.id, participantId);
      this.state.participants.delete(participantId);
      this.authHashes.delete(participantId);
      this.schedulePresence();
    });
  }

  /** AB-6: before the room is unloaded (everyone has left), forgets every participant who never did anything. */
  async forgetNeverActive(): Promise<void> {
    for (const id of [...this.state.participants.keys()]) await this.forgetIfNeverActive(id);
  }

  /**
   * Fans out what `events` changed: the board document only if the public view can have changed, and
   * personal views only for the people they can concern — the actor, or everyone for the few events that
   * touch other people's views. Nothing is recomputed for sockets whose view cannot have changed.
   */
  private publish(events: BoardEvent[], actorId: string): void {
    const changed = events.filter((e) => changesPublicView(e, this.state));
    // TL-7, DN-4: a burst of taps or of done marks is one projection, in the presence batch
    if (changed.some((e) => !batchesPublicView(e))) this.projectPublic();
    else if (changed.length > 0) this.schedulePresence(); // TL-7, RX-4, DN-4: a burst of taps, reactions, hands or done marks is one projection
    const everyone = events.some(changesEveryonesView);
    this.sendPersonal((s) => everyone || s.participantId === actorId);
  }

  /** Presence changes come in bursts (a room joining or leaving); one projection serves the whole burst. */
  private schedulePresence(): void {
    this.presenceTimer ??= setTimeout(() => this.projectPublic(), PRESENCE_BATCH_MS);
  }

  /** CL-7: who is connected through this process (the cluster tells the others) */
  onlineHere(): string[] {
    const ids = new Set<string>();
    for (const s of this.sessions.values()) if (s.participantId) ids.add(s.participantId);
    return [...ids];
  }

  /** CL-7: who is connected through other processes changed: presence is worked out again for these people */
  presenceElsewhereChanged(participantIds: Iterable<string>): void {
    for (const id of participantIds) this.refreshPresence(id);
  }

  private projectPublic(): void {
    clearTimeout(this.presenceTimer);
    this.presenceTimer = undefined;
    if (this.presenceSent !== (this.presenceSent = this.onlineHere().sort().join())) this.deps.cluster?.presenceChanged(this.id, this.onlineHere());
    this.ensureNotesTexts();
    projectBoardDoc(this.boardDoc, this.publicView());
    if (this.door.takeKnocksChanged()) {
      this.sendPersonal((s) => s.participantId !== null && s.participantId === this.state.facilitatorId);
    }
  }

  /** Sends each chosen person their own view if it changed since the last one they got. */
  private sendPersonal(include: (session: Session) => boolean): void {
    for (const session of this.sessions.values()) {
      if (!session.participantId || !include(session)) continue;
      const me = personalViewOf(this.state, {
        kind: 'participant',
        participantId: session.participantId,
        authorTag: session.authorTag,
        voterTag: session.voterTag,
        pulseTag: session.pulseTag,
        consensusTag: session.consensusTag,
        reactionTag: session.reactionTag,
        trustTag: session.trustTag,
      });
      // A digest, not the JSON itself: a person's last view can hold all their cards, for every socket.
      const digest = createHash('sha1').update(JSON.stringify(me)).digest('base64');
      if (digest === session.lastMe) continue;
      session.lastMe = digest;
      session.socket.sendMe(me);
    }
  }

  /**
   * CL-8: this process took the board's writer lease: after taking in every stored notes update, it creates
   * the shared texts nobody created yet (a writer that was killed may have left some).
   */
  becameWriter(): Promise<void> {
    return this.queue.run(async () => {
      await this.documents.refreshFromStore('notes');
      this.ensureNotesTexts();
    });
  }

  /**
   * The server creates each shared text once, so two people never create rival texts for the same key. With
   * several processes only the holder of the board's writer lease does (CL-8), or each would make its own.
   */
  private ensureNotesTexts(): void {
    if (this.deps.cluster && this.deps.cluster.writerEpoch(this.id) === null) return;
    const notes = this.notesDoc.getMap<Y.Text>('notes');
    const missing: [string, string][] = [];
    for (const itemId of this.state.discussedItemIds) if (!notes.has(notesKey.item(itemId))) missing.push([notesKey.item(itemId), '']);
    for (const action of this.state.actions.values()) {
      if (!notes.has(notesKey.action(action.id))) missing.push([notesKey.action(action.id), action.initialText]);
    }
    if (missing.length === 0) return;
    this.notesDoc.transact(() => {
      for (const [key, initial] of missing) notes.set(key, new Y.Text(initial));
    }, 'server');
  }

  /**
   * BD-1, BD-2: removes everything of the board from storage, then tells everyone connected and ends
   * their connections. The ack goes out first (the notices wait a turn of the event loop).
   */
  private async deleteBoard(): Promise<Ack> {
    await this.deps.store.deleteBoard(this.id);
    this.deps.cluster?.deleted(this.id);
    this.deletedHere();
    return ok({});
  }

  /** BD-2: the board is gone from storage (deleted here, or CL-1 through another process): everyone here is told. */
  deletedHere(): void {
    if (this.deleted) return;
    this.deleted = true;
    this.deps.onDeleted?.(this);
    setTimeout(() => {
      for (const listener of this.deletedListeners) listener();
      for (const session of this.sessions.values()) session.socket.sendDeleted?.();
    }, 0);
  }

  /** CL-7: who was connected here when presence was last projected */
  private presenceSent = '';

  /** Set once the board is gone from storage: nothing may load or write it again. */
  deleted = false;
  private readonly deletedListeners = new Set<() => void>();

  /** BD-2: the document connections end when the board is deleted. */
  onDeleted(listener: () => void): () => void {
    this.deletedListeners.add(listener);
    return () => this.deletedListeners.delete(listener);
  }

  /** SU-1: the Markdown summary (the public view and notes alone, AN-4) to the typed addresses. */
  private async emailSummary(to: string[]): Promise<Ack> {
    const mailer = this.deps.mailer;
    if (!mailer) return fail('EMAIL_UNAVAILABLE', 'This server cannot send email (no SMTP_URL is set).');
    try {
      await mailer.send({ to, subject: `Retro summary: ${this.state.name}`, text: this.exportMarkdown(new Date(this.deps.now())) });
      return ok({});
    } catch (err) {
      // Only the error's message: the addresses must not end up in the log either.
      this.deps.logger.warn({ board: this.id, reason: (err as Error).message }, 'summary email not sent');
      return fail('INTERNAL', 'The mail server did not take the message. Nothing was sent.');
    }
  }

  destroy(): void {
    this.admission.destroy();
    clearTimeout(this.presenceTimer);
    this.documents.destroy();
  }
}
