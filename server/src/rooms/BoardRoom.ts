import * as Y from 'yjs';
import {
  type Ack,
  type BoardEvent,
  type BoardState,
  type DocName,
  evolveRoster,
  type Command,
  type PublicBoardView,
  LIMITS,
  mayStay,
  emptyBoard,
  evolve,
  fail,
  membersEvent,
  ok,
  ownerWordEvents,
  type OwnerDone,
  presenceChangeOf,
  renderMarkdown,
  heldOnIfFirstStep,
  viewOf,
  type ExportLanguage,
} from '@candor/shared';
import type { SignedOutListener } from './RoomDoor.js';
import { RoomDoor } from './RoomDoor.js';
import { SerialQueue } from './SerialQueue.js';
import { RoomDocuments } from './RoomDocuments.js';
import { DocTickets } from './DocTickets.js';
import { Admission, joinBuckets } from './admission.js';
import { ABUSE_LIMITS } from '../abuseLimits.js';
import { type JoinedSession, type Session, attached, participantOf } from './Session.js';
import { Presence } from './Presence.js';
import { PendingBatch } from './PendingBatch.js';
import { Identities } from './RoomJoin.js';
import { type RevealAhead, RoomFanout } from './RoomFanout.js';
import { type PrefetchedChanges, StoredCopy } from './StoredCopy.js';
import { CommandBatches } from './CommandBatches.js';
import { CommandStaging } from './CommandStaging.js';
import type { DeletedListener, RoomDeps, RoomSocket } from './roomPorts.js';
import { type LoadedBoard, StaleCopy } from '../storage/BoardStore.js';
import type { AnnouncedChange } from '../cluster/announcedChange.js';

/** CM-2: how soon a room whose board could not be read back after a failed commit tries again, and at most how long it waits */
const RELOAD_RETRY_MS = 50;
const RELOAD_RETRY_MAX_MS = 2_000;
/** RE-13 CL-2: how often an owner's word reaching this retro is decided again after another process changed the board */
const OWNER_WORD_ATTEMPTS = 5;
/**
 * CM-2: how long the commands of a room whose board cannot be read back wait for it: after that they are answered
 * (INTERNAL), as is whatever comes until it can be read, while the room goes on trying in the background. Below the
 * browser's patience for an answer (15 s); a PostgreSQL restart takes a few seconds.
 */
export const RELOAD_HOLD_MS = 5_000;

/**
 * One board: its state, the rules applied through `decide`, and the fan-out of what changed. The public part
 * goes into the board document (which only this room writes); each person's own part goes to their sockets
 * alone. Knows nothing of Socket.io or WebSockets.
 *
 * Every change takes one path: decide → store → apply. The state is the fold of what is stored (`StoredCopy`)
 * plus presence, which is runtime only (`Presence`, `presence.changed`: never stored, a restart is everyone
 * leaving). Commands that arrive together are committed together (group commit, `CommandBatches`): each is
 * decided and applied in memory in turn, then the batch is stored in one transaction, and only then is any of
 * it answered or shown to anyone.
 */
export class BoardRoom {
  readonly id: string;
  readonly state: BoardState;
  /** this room's copy of the stored board: folding, rebuilding, catching up (CL-1, CL-17), recognition (AR-2) */
  private readonly copy: StoredCopy;
  /** the board and notes documents, and the one path their changes take (DO-2) */
  readonly documents: RoomDocuments;
  private readonly docTickets: DocTickets;
  /** each participant's auth hash and what their secret derives */
  private readonly identities: Identities;
  private readonly sessions = new Map<string, Session>();
  private readonly presence = new Presence();
  private readonly queue = new SerialQueue();
  /** the rules applied to each command, in memory (decide → apply) */
  private readonly staging: CommandStaging;
  /** group commit and the board's lock: every command passes here, then is stored (CM-4, CL-2) */
  private readonly batches: CommandBatches;
  /** other holders of the room (y-websocket connections) that keep it loaded */
  private holders = 0;
  /** what changed, to whom: the board document and personal views */
  private readonly fanout: RoomFanout;
  /** JN-*, MO-1: knocks and sign-outs (CL-15: the cluster passes on knocks made through other processes) */
  readonly door: RoomDoor;
  private readonly admission: Admission;

  constructor(
    loaded: LoadedBoard,
    private readonly deps: RoomDeps,
  ) {
    this.id = loaded.record.id;
    this.identities = new Identities(this.id, deps.keyring, loaded.record.facilitatorHash);
    this.state = emptyBoard(this.id, loaded.record.createdAt);
    this.door = new RoomDoor(this.state, this.sessions, {
      newId: deps.newId,
      knocksChanged: () => this.fanout.schedulePresence(),
      signOut: (session) => this.leave(session, attached(session.socket, session.knockId)),
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
    this.copy = new StoredCopy({
      id: this.id,
      state: this.state,
      deps,
      sessions: this.sessions,
      presence: this.presence,
      identities: this.identities,
      admission: this.admission,
      isOnline: (participantId) => this.isOnline(participantId),
    });
    this.copy.load(loaded);
    for (const p of loaded.participants) this.admission.markActive(p.id); // AB-6: what they did before the load is not known here
    // AR-4: the board document is a projection, rebuilt here and never stored (a stored history of it would
    // be a timeline of who came online next to every change of the card count); browsers start a fresh copy
    // on every connection. The notes document is people's own writing and continues its stored history.
    this.documents = new RoomDocuments(this.id, { board: [], notes: loaded.docs.notes }, {
      store: deps.store,
      logger: deps.logger,
      notesWritable: () => this.notesWritable(),
      notesLockedFor: (participantId) => this.state.locked && participantId !== this.state.facilitatorId,
      stored: { board: false, notes: true },
      deleted: () => this.deleted,
      ...(deps.cluster
        ? {
            notesStored: (update: Uint8Array, count: number) => deps.cluster!.notesStored(this.id, update, count),
            notesRewritten: () => deps.cluster!.notesRewritten(this.id),
            storedUpdates: async (name: DocName) => (await deps.store.loadBoard(this.id))?.docs[name] ?? [],
            writerEpoch: () => deps.cluster!.writerEpoch(this.id),
            storedVersion: () => this.copy.storedVersion,
            catchUp: () => this.catchUpTo(null),
          }
        : {}),
    });
    this.docTickets = new DocTickets(deps.now);
    this.fanout = new RoomFanout(this.state, this.sessions, this.door, this.documents, () => this.publicView(), (changed) => presenceChangeOf(this.state, changed, this.deps.claimAfterMs), {
      socketsOf: (participantId) => this.presence.socketsOf(participantId),
      // CL-7: who is connected here goes to the other processes with each projection that changed it (with one
      // process there is nobody to tell, and 500 people's ids need not be sorted at every projection)
      projecting: () => {
        const cluster = this.deps.cluster;
        if (cluster && this.presenceSent !== (this.presenceSent = this.onlineHere().sort().join())) cluster.presenceChanged(this.id, this.onlineHere());
      },
      // CL-8: with several processes only the holder of the board's writer lease creates shared texts
      mayCreateTexts: () => !this.deps.cluster || this.deps.cluster.writerEpoch(this.id) !== null,
      compactionFailed: (err) => this.deps.logger.error({ err, board: this.id, doc: 'notes' }, 'notes not compacted after an action was deleted'),
      revealSeed: () => deps.newSeed(this.id),
      entriesQuietMs: deps.entriesQuietMs,
      // RV-11: with one process; with several, another process may reveal or change the board first
      ...(deps.cluster ? {} : { revealAhead: () => this.revealAhead() }),
      revealReadyQuietMs: deps.revealReadyQuietMs,
      readyFailed: (err) => this.deps.logger.error({ err, board: this.id }, 'reveal not made ready; the reveal will work it out in its turn'),
    });
    this.staging = new CommandStaging({
      id: this.id,
      deps,
      state: this.state,
      sessions: this.sessions,
      identities: this.identities,
      admission: this.admission,
      door: this.door,
      presence: this.presence,
      copy: this.copy,
      storedCommand: (commandKey, sealKey) => this.batches.storedCommand(commandKey, sealKey),
      refreshPresence: (participantId) => this.refreshPresence(participantId),
      revealSeed: () => this.fanout.revealKeys().seed,
      deleteBoard: () => this.deleteBoard(),
      exportMarkdown: (now, language) => this.exportMarkdown(now, language),
      promiseMarked: (actionId) => this.deps.ownerWords?.passOn(this, actionId),
    });
    this.batches = new CommandBatches({
      id: this.id,
      deps,
      sessions: this.sessions,
      queue: this.queue,
      copy: this.copy,
      fanout: this.fanout,
      deleted: () => this.deleted,
      unreadable: () => this.unreadable,
      stageJoin: (session, command, batch) => this.staging.stageJoin(session, command, batch),
      stage: (session, command, batch) => this.staging.stage(session, command, batch),
      actAlone: (session, command) => this.staging.actAlone(session, command),
      rollback: (batch) => this.rollback(batch),
      settle: () => this.settle(),
      catchUp: (prefetched) => this.catchUp(prefetched),
      joinStoresNothing: (command) => command.facilitatorKey === undefined && this.state.participants.has(command.participantId),
    });
    this.fanout.projectFirst();
    this.watchHands();
  }

  /** CL-2: the stored board's change counter this copy stands at (undefined: this process is the only one) */
  private get storedVersion(): number | undefined {
    return this.copy.storedVersion;
  }

  /** connected here, or (CL-7) through another process */
  private isOnline(participantId: string): boolean {
    return this.presence.isOnline(participantId) || (this.deps.cluster?.onlineElsewhere(this.id, participantId) ?? false);
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

  /** AB-13: what projecting this board's public view costs, in board items: its cards, people and actions */
  get readItems(): number {
    return 1 + this.state.cards.size + this.state.participants.size + this.state.actions.size;
  }

  get busy(): boolean {
    return !this.queue.idle || this.batches.waiting || this.documents.busy;
  }

  publicView(): PublicBoardView {
    return viewOf(this.state, { kind: 'public' }, this.deps.claimAfterMs, this.fanout.revealKeys()).board;
  }

  /**
   * RV-11: the reveal the facilitator can make next from Write — the event its decision gives (`phase.set`: the phase,
   * and the seed the board reveals with unless it has one) — and the public view the room will have once it is stored,
   * worked out on a copy of the state: nothing of the room changes here.
   */
  private revealAhead(): RevealAhead | null {
    if (this.deleted || this.unreadable || this.state.phase !== 'write') return null;
    // EX-12: outside a team the reveal is the room's first step and carries its day, as the decision will: in the
    // board's time zone, the facilitator's own on the creator's device (a day that turns before the reveal, or another
    // day where a facilitator elsewhere reveals, makes another event, and the reveal goes the ordinary way)
    const event: BoardEvent = {
      type: 'phase.changed',
      phase: 'reveal',
      ...(this.state.revealSeed ? {} : { revealSeed: this.fanout.revealKeys().seed }),
      ...heldOnIfFirstStep(this.state, this.deps.now()),
    };
    const after = structuredClone(this.state);
    evolve(after, event);
    return { event, view: viewOf(after, { kind: 'public' }, this.deps.claimAfterMs, this.fanout.revealKeys()).board };
  }

  /** the shared notes as plain text, by notes key */
  notesText(): Record<string, string> {
    const notes = this.notesDoc.getMap<Y.Text>('notes');
    const out: Record<string, string> = {};
    for (const [key, text] of notes) if (text instanceof Y.Text) out[key] = text.toString();
    return out;
  }

  exportMarkdown(now: Date, language: ExportLanguage = 'en'): string {
    return renderMarkdown(this.publicView(), this.notesText(), now, language, this.state.peopleAtClose);
  }

  /** Notes are co-edited during Discuss and Act and frozen at Close. */
  notesWritable(): boolean {
    return this.state.phase !== 'closed';
  }

  /** DO-6: a single-use ticket for one document connection, for a session that has joined. */
  issueDocTicket(socketId: string, doc: DocName): Ack<{ ticket: string }> {
    const participantId = participantOf(this.sessions.get(socketId));
    if (!participantId) return fail('NOT_JOINED', 'Join the board first.');
    // CL-12: with several processes, a ticket any of them can redeem
    const cluster = this.deps.cluster;
    return ok({ ticket: cluster ? cluster.issueTicket(this.id, participantId, doc) : this.docTickets.issue(participantId, doc) });
  }

  /** A document connection of `participantId`, ended (`signedOut`) when they are signed out, until it is unwatched. */
  watchDocConnection(participantId: string, connection: SignedOutListener): void {
    this.door.watchDocConnection(participantId, connection);
  }

  unwatchDocConnection(participantId: string, connection: SignedOutListener): void {
    this.door.unwatchDocConnection(participantId, connection);
  }

  /** DO-6: the participant a ticket was issued to (once), or null; JN-*, MO-1: only while they may be here. */
  redeemDocTicket(ticket: string, doc: DocName): string | null | Promise<string | null> {
    if (this.deps.cluster) {
      return this.deps.cluster.redeemTicket(ticket, this.id, doc).then(async (id) => {
        if (id === null) return null;
        // CL-19: let in through another process, whose announcement has not reached this copy yet
        if (!mayStay(this.state, id)) await this.catchUpTo(null);
        return mayStay(this.state, id) ? id : null;
      });
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
    if (!this.identities.isParticipant(participantId, secret)) return 'stranger';
    return mayStay(this.state, participantId) ? 'in' : 'out';
  }

  hold(): void {
    this.holders++;
  }

  release(): void {
    this.holders = Math.max(0, this.holders - 1);
  }

  attach(socket: RoomSocket): void {
    this.sessions.set(socket.id, attached(socket));
  }

  detach(socketId: string): void {
    const session = this.sessions.get(socketId);
    if (!session) return;
    if (session.knockId) this.door.dropKnock(session.knockId);
    if (session.kind === 'joined') this.leave(session, null);
    this.sessions.delete(socketId);
  }

  /** A joined session ends (closed, or signed out: then `next` is what the connection becomes). */
  private leave(session: JoinedSession, next: Session | null): void {
    if (next) this.sessions.set(session.socket.id, next);
    if (session.socket.present === false) return;
    this.presence.disconnected(session.participantId, session.socket.id);
    this.refreshPresence(session.participantId);
  }

  /** Applies `presence.changed` when whether someone is connected (here or, CL-7, elsewhere) changed. */
  private refreshPresence(participantId: string): void {
    const participant = this.state.participants.get(participantId);
    if (!participant) return;
    const online = this.isOnline(participantId);
    if (participant.online === online && (online || participant.offlineSince !== null)) return;
    evolveRoster(this.state, { type: 'presence.changed', participantId, online, at: this.deps.now() });
    this.admission.presenceChanged(participantId, online);
    this.fanout.presenceChanged(participantId);
    this.watchHand(participantId);
  }

  /**
   * SL-1: a raised hand belongs to someone present. Once its person has been away for the grace an away facilitator
   * gets (FA-3, `claimAfterMs`), their hand drops, for everyone; a reconnect within it keeps the hand. Like presence
   * this is the room's runtime knowledge: the log is told at unload (`lowerHandsAtUnload`).
   */
  private watchHand(participantId: string): void {
    clearTimeout(this.handTimers.get(participantId));
    this.handTimers.delete(participantId);
    const person = this.state.participants.get(participantId);
    if (!person || person.online || person.offlineSince === null || !this.state.raisedHands.includes(participantId)) return;
    const wait = Math.max(0, person.offlineSince + this.deps.claimAfterMs - this.deps.now());
    this.handTimers.set(participantId, setTimeout(() => this.dropHandOfAway(participantId), wait));
  }

  private dropHandOfAway(participantId: string): void {
    this.handTimers.delete(participantId);
    const person = this.state.participants.get(participantId);
    if (!person || person.online || person.offlineSince === null || !this.state.raisedHands.includes(participantId)) return;
    if (this.deps.now() - person.offlineSince < this.deps.claimAfterMs) return this.watchHand(participantId);
    this.state.raisedHands = this.state.raisedHands.filter((id) => id !== participantId);
    this.handsDropped.add(participantId);
    this.fanout.projectPublic();
    // (their own view: handRaised, should they have a connection through another process)
    this.fanout.sendPersonal((session) => session.participantId === participantId);
  }

  /** SL-1: hands up of people who were away when the room was loaded (a restart is everyone leaving) */
  private watchHands(): void {
    for (const id of this.state.raisedHands) this.watchHand(id);
  }

  /** SL-1: the hands dropped here while the log still has them up */
  private readonly handsDropped = new Set<string>();
  private readonly handTimers = new Map<string, NodeJS.Timeout>();

  /** CL-7: who is connected through this process (the cluster tells the others) */
  onlineHere(): string[] {
    return [...this.presence.online()];
  }

  /** CL-7: who is connected through other processes changed: presence is worked out again for these people */
  presenceElsewhereChanged(participantIds: Iterable<string>): void {
    for (const id of participantIds) this.refreshPresence(id);
  }

  /** CL-7: who was connected here when presence was last projected */
  private presenceSent = '';

  /**
   * Every command of every socket of this board passes here. Commands that arrive together (in one turn of
   * the event loop, or while the previous batch was being stored) are decided one after another and stored
   * as one batch; each is answered once its batch is stored.
   */
  handle(socketId: string, command: Command): Promise<Ack> {
    return this.batches.handle(socketId, command);
  }

  /** CL-31: whether the stored board is past this copy (another process changed it since) */
  isBehind(storedVersion: number): boolean {
    return this.copy.storedVersion !== undefined && this.copy.storedVersion < storedVersion;
  }

  /**
   * CL-1: another process stored the board at `version`; if this copy is behind, it catches up from the store
   * and sends what changed to its own connections. In order with this room's commands. CL-22: not while commands
   * wait here for a batch: that batch reads the stored version before it decides anything and catches up then
   * (under the board's lock when the board is busy, where it would have to catch up again anyway). CL-25: for a
   * second after such an announcement, this room's batches take the board's lock at once. CL-29: what the
   * announcement carries of the change (`change`) is kept at once, for whichever catch-up comes first, which folds
   * it rather than read the store when it follows the copy's version.
   */
  catchUpTo(version: number | null, change?: AnnouncedChange): Promise<void> {
    if (version !== null) {
      // CL-25: an announced change (not a catch-up asked for here) says the board is busy elsewhere
      this.batches.changedElsewhere();
      if (change) this.copy.announced(version, change);
    }
    return this.queue.run(async () => {
      // (CM-2: a copy that could not be read back is read whole once it can be; nothing is folded onto it meanwhile)
      if (this.unreadable) return;
      if (this.deleted || (version !== null && this.copy.storedVersion !== undefined && this.copy.storedVersion >= version)) return;
      if (version !== null && this.batches.waiting) return;
      // CL-29: brought up to the announced version by what the announcements carried, the copy reads nothing
      if (version !== null && this.copy.foldAnnounced(version)) return this.settle();
      await this.catchUp();
    });
  }

  /**
   * CL-1: brings the copy up to the store — CL-17: by folding only what changed, or, when that cannot be done,
   * by rebuilding it from everything stored — then fans out whatever changed for the people here.
   */
  private async catchUp(prefetched?: PrefetchedChanges): Promise<void> {
    if (!(await this.copy.foldChanges(prefetched))) await this.reloadState();
    this.settle();
  }

  /** CL-1: after the copy was rebuilt, whatever changed reaches the people here (and who may not stay leaves). */
  private settle(): void {
    const { events, personalFor, publicChanged } = this.copy.takeUnsettled();
    this.door.signOutWhoMayNotStay(events);
    this.fanout.caughtUp(events, personalFor, publicChanged);
  }

  /**
   * After a failed commit: the sessions that joined in the batch are attached again, the state is the store's. The
   * store may be unreadable just then too (PostgreSQL restarting, CM-2): the room reads it again until it can, and
   * decides, shows and answers nothing meanwhile. A copy left holding the batch that was not stored refused its
   * people's next votes as over budget and stored its cards with the next commit, though they were answered INTERNAL.
   */
  private async rollback(batch: PendingBatch): Promise<void> {
    for (const session of batch.joined) {
      if (this.sessions.get(session.socket.id) !== session) continue;
      this.sessions.set(session.socket.id, attached(session.socket, session.knockId));
      this.presence.disconnected(session.participantId, session.socket.id);
    }
    // (the time each failed read took counts too: CM-6 bounds it, but a read of a frozen store takes seconds to fail)
    const since = this.deps.now();
    const version = this.copy.storedVersion;
    let waited = 0;
    for (let wait = RELOAD_RETRY_MS; !this.deleted; wait = Math.min(wait * 2, RELOAD_RETRY_MAX_MS)) {
      try {
        await this.reloadState();
        break;
      } catch (err) {
        this.deps.logger.error({ err, board: this.id, retryInMs: wait }, 'could not reload the board after a failed commit');
        if (Math.max(waited, this.deps.now() - since) >= RELOAD_HOLD_MS) return this.becomeUnreadable(wait, version);
        await new Promise((resolve) => setTimeout(resolve, wait));
        waited += wait;
      }
    }
    this.readBack(version);
  }

  /**
   * The board was read back after a failed commit that had found it at `version`. CM-6: if the store moved on
   * meanwhile (that very commit, made after all though never answered; or another process's), the people here are
   * shown it as after a catch-up (before, nobody here saw a card stored so, until some later change).
   */
  private readBack(version: number | undefined): void {
    if (this.copy.storedVersion !== version) this.settle();
    this.fanout.schedulePresence();
  }

  /**
   * CM-2: the board could not be read back for `RELOAD_HOLD_MS`: the commands waiting are answered, and so is every
   * command until it can be (`unreadable`), rather than waiting for a store that may not come back. The copy may still
   * hold the batch that was not stored, so nothing of it is shown (the fan-out is held back) and no catch-up folds
   * onto it; the board is read again in the background, in the room's queue, until it can be.
   */
  private becomeUnreadable(wait: number, version: number | undefined): void {
    this.unreadable = true;
    this.fanout.holdBack();
    this.deps.logger.error({ board: this.id }, 'board unreadable: commands are refused until it can be read again');
    this.readBackLater(wait, version);
  }

  private readBackLater(wait: number, version: number | undefined): void {
    this.readBackTimer = setTimeout(() => {
      void this.queue.run(async () => {
        if (this.deleted || !this.unreadable) return;
        try {
          await this.reloadState();
        } catch (err) {
          this.deps.logger.error({ err, board: this.id, retryInMs: wait }, 'could not reload the board after a failed commit');
          return this.readBackLater(Math.min(wait * 2, RELOAD_RETRY_MAX_MS), version);
        }
        this.unreadable = false;
        this.deps.logger.info({ board: this.id }, 'board read again: commands are decided again');
        this.fanout.release();
        this.readBack(version);
      });
    }, wait);
  }

  /** Rebuilds the board from the store, keeping who is connected (`StoredCopy.reload`). */
  private async reloadState(): Promise<void> {
    const up = new Set(this.state.raisedHands);
    await this.copy.reload();
    // SL-1: the rebuilt state has the log's hands: those dropped here stay down (a hand raised again since is up here)
    this.state.raisedHands = this.state.raisedHands.filter((id) => up.has(id) || !this.handsDropped.has(id));
    this.watchHands();
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
      this.copy.forget(participantId);
      evolveRoster(this.state, { type: 'participant.forgotten', participantId });
      this.identities.forget(participantId);
      this.fanout.schedulePresence();
    });
  }

  /**
   * AB-6: before the room is unloaded (everyone has left), forgets every participant who never did anything. At an
   * orderly shutdown they are first recorded as in the room (JN-4, `access.members`): the people a deploy cut off come
   * straight back, through a door that closes meanwhile too, and are not paced as newcomers of their address (AB-4).
   * What is recorded is who was in the people list, as its rows said until then — not who was connected, nor what
   * anyone did unseen.
   */
  async forgetNeverActive({ shuttingDown = false }: { shuttingDown?: boolean } = {}): Promise<void> {
    if (shuttingDown) await this.recordWhoIsIn();
    else await this.lowerHandsAtUnload();
    for (const id of [...this.state.participants.keys()]) await this.forgetIfNeverActive(id);
  }

  /**
   * SL-1: the room is unloaded because everyone has left: every hand still up, and every hand dropped here, is
   * lowered in the log, so that whoever loads the board again finds no hand of someone gone (a shutdown keeps them:
   * its people come straight back).
   */
  private lowerHandsAtUnload(): Promise<void> {
    return this.queue.run(async () => {
      if (this.deleted) return;
      const ids = [...new Set([...this.handsDropped, ...this.state.raisedHands])].filter((id) => !this.state.participants.get(id)?.online);
      const events = ids.map((participantId) => ({ type: 'hand.raised' as const, participantId, raised: false }));
      if (events.length === 0) return;
      try {
        await this.deps.store.commitBatch(this.id, { participants: [], commands: [], events, ...(this.storedVersion === undefined ? {} : { expectedVersion: this.storedVersion }) });
        for (const event of events) evolve(this.state, event);
        this.handsDropped.clear();
      } catch (err) {
        // (a room loaded again drops them after the grace all the same)
        this.deps.logger.warn({ err, board: this.id }, 'could not lower the hands of people gone at unload');
      }
    });
  }

  /** JN-4: records the people in the list whom the shutdown is about to forget (AB-6) */
  private recordWhoIsIn(): Promise<void> {
    return this.queue.run(async () => {
      if (this.deleted) return;
      const forgotten = [...this.state.participants.keys()].filter((id) => !this.admission.hasActed(id));
      const events = membersEvent(this.state, forgotten, (id) => this.identities.authHashOf(id));
      if (events.length === 0) return;
      try {
        await this.deps.store.commitBatch(this.id, { participants: [], commands: [], events, ...(this.storedVersion === undefined ? {} : { expectedVersion: this.storedVersion }) });
        for (const event of events) evolve(this.state, event);
      } catch (err) {
        // they are forgotten all the same and meet the door as newcomers, as before JN-4 knew them
        this.deps.logger.warn({ err, board: this.id }, 'could not record who was in the room at shutdown');
      }
    });
  }

  /**
   * RE-13 RE-1: owners' words on promises of earlier retros, said after this retro was made, reach its Review list: at
   * once for the people here, and for good (`ownerWordEvents` decides whether there is anything to record: nothing
   * when the list says so already). `words` is read inside the room's queue, so the last of two words told at once
   * wins, whichever was told first. The server's, not a person's: in the room's queue as a command is, stored first,
   * then shown. CL-2: when another process changed the board meanwhile, the copy catches up and it is decided again.
   */
  recordOwnerWords(words: () => readonly { ref: string; ownerDone: OwnerDone | null }[]): Promise<void> {
    return this.queue.run(async () => {
      for (let attempt = 1; ; attempt++) {
        if (this.deleted || this.unreadable) return;
        const batch = new PendingBatch();
        for (const { ref, ownerDone } of words()) batch.events.push(...ownerWordEvents(this.state, ref, ownerDone));
        if (batch.events.length === 0) return;
        let lastSeq: number;
        try {
          ({ lastSeq } = await this.deps.store.commitBatch(this.id, { participants: [], commands: [], events: batch.events, ...(this.storedVersion === undefined ? {} : { expectedVersion: this.storedVersion }) }));
        } catch (err) {
          if (!(err instanceof StaleCopy) || attempt >= OWNER_WORD_ATTEMPTS) throw err;
          await this.catchUp();
          continue;
        }
        for (const event of batch.events) evolve(this.state, event);
        this.copy.counted(batch, lastSeq, undefined);
        this.fanout.publish([{ events: batch.events, actorId: '' }]);
        return;
      }
    });
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
      for (const listener of this.deletedListeners) listener.boardDeleted();
      for (const session of this.sessions.values()) session.socket.sendDeleted?.();
    }, 0);
  }

  /**
   * CL-8: this process took the board's writer lease: after taking in every stored notes update, it creates
   * the shared texts nobody created yet (a writer that was killed may have left some).
   */
  becameWriter(): Promise<void> {
    return this.queue.run(async () => {
      await this.documents.refreshFromStore('notes');
      this.fanout.ensureNotesTexts();
    });
  }

  /** Set once the board is gone from storage: nothing may load or write it again. */
  deleted = false;
  /** CM-2: the board could not be read back after a failed commit for `RELOAD_HOLD_MS`: commands are answered at once */
  unreadable = false;
  private readBackTimer: NodeJS.Timeout | undefined;
  private readonly deletedListeners = new Set<DeletedListener>();

  /** MV-1: the connections of the people joined here (the transport relays "being moved" batches to them) */
  *joinedSockets(): IterableIterator<RoomSocket> {
    for (const session of this.sessions.values()) if (session.kind === 'joined') yield session.socket;
  }

  /** BD-2: the document connections end when the board is deleted (objects, not closures: ME-7). */
  onDeleted(listener: DeletedListener): void {
    this.deletedListeners.add(listener);
  }

  offDeleted(listener: DeletedListener): void {
    this.deletedListeners.delete(listener);
  }

  destroy(): void {
    clearTimeout(this.readBackTimer);
    for (const timer of this.handTimers.values()) clearTimeout(timer);
    this.admission.destroy();
    this.fanout.destroy();
    this.documents.destroy();
  }
}
