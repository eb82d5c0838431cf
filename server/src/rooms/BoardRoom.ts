import * as Y from 'yjs';
import {
  type Ack,
  type BoardEvent,
  type BoardState,
  type DocName,
  evolveRoster,
  type Command,
  type JoinCommand,
  type PersonalView,
  type PublicBoardView,
  type SignOutReason,
  LIMITS,
  mayStay,
  atRestOfCommand,
  changesAnonymousState,
  decide,
  emptyBoard,
  evolve,
  fail,
  ok,
  renderMarkdown,
  viewOf,
} from '@candor/shared';
import {
  ANONYMOUS_PARTS,
  type AnonymousPart,
  type AnonymousWrite,
  type BoardStore,
  CommandKeyTaken,
  type LoadedBoard,
  type ParticipantRecord,
  StaleCopy,
  anonymousDigest,
} from '../storage/BoardStore.js';
import { addedRows, followsWithoutGap, rowKey, withoutAnonymousFacts, withoutMarks } from './copyChanges.js';
import type { RoomCluster } from '../cluster/RoomCluster.js';
import type { Keyring } from '../identity.js';
import type { Logger } from '../logger.js';
import { SerialQueue } from './SerialQueue.js';
import { RoomDoor, type SignedOutListener } from './RoomDoor.js';
import { RoomDocuments } from './RoomDocuments.js';
import { DocTickets } from './DocTickets.js';
import { Admission, joinBuckets } from './admission.js';
import type { AddressBuckets } from '../transport/addressBuckets.js';
import { ABUSE_LIMITS } from '../abuseLimits.js';
import { commandDigest, openCommand, sealCommand } from '../storage/sealedCommand.js';
import { AnonymousState } from '../storage/anonymousState.js';
import { type JoinedSession, type Session, attached, participantOf } from './Session.js';
import { Presence } from './Presence.js';
import { PendingBatch } from './PendingBatch.js';
import { Identities, decideJoin } from './RoomJoin.js';
import { RoomFanout } from './RoomFanout.js';

/** BD-2: a document connection, ended when the board is deleted */
export interface DeletedListener {
  boardDeleted(): void;
}

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

type BoardCommand = Exclude<Command, { type: 'join' }>;

type AloneCommand = Extract<Command, { type: 'board.delete' | 'summary.email' }>;
/** Commands that act outside the board's own storage (email, deleting it all): never part of a batch. */
const runsAlone = (command: Command): command is AloneCommand => command.type === 'board.delete' || command.type === 'summary.email';

/** CL-2: how often a batch decided against a copy another process had changed is decided again */
const STALE_COPY_ATTEMPTS = 50;
/**
 * CL-2: for this long after one of its batches found the copy stale, a room takes the board's lock for its
 * batches at once: while other processes are busy on the board too, a lock-free attempt is mostly refused,
 * and each refusal costs a rebuild of the copy before the attempt under the lock.
 */
const CONTENDED_MS = 1_000;
/**
 * CM-4: a commit that rewrote an anonymous state of at least `BIG_STATE_BYTES` (a big board: its every card)
 * and took at least `SLOW_COMMIT_MS` makes the next batch wait as long again, up to `GROUP_COMMIT_MAX_WAIT_MS`,
 * for more commands to share its commit: on such a board (in Vote, everyone voting) the commits, not the
 * commands, are the cost. Small boards and fast commits change nothing.
 */
const BIG_STATE_BYTES = 64 * 1024;
const SLOW_COMMIT_MS = 5;
const GROUP_COMMIT_MAX_WAIT_MS = 25;
/**
 * CM-4: only while commits follow each other (the last one ended less than this ago) can waiting gather more
 * commands; a command after a quiet spell (the facilitator's reveal after the writing) is stored at once.
 */
const BURST_GAP_MS = 100;

interface Incoming {
  socketId: string;
  command: Command;
  answer: (ack: Ack) => void;
  /** answered already (a batch decided again after a stale copy, CL-2, leaves these out) */
  answered?: boolean;
}

/**
 * One board: its state, the rules applied through `decide`, and the fan-out of what changed. The public part
 * goes into the board document (which only this room writes); each person's own part goes to their sockets
 * alone. Knows nothing of Socket.io or WebSockets.
 *
 * Every change takes one path: decide → store → apply. The state is the fold of what is stored — the public
 * log (`evolve`), the anonymous state (AR-1), the participant rows (`participant.joined`, `evolveRoster`) —
 * plus presence, which is runtime only (`Presence`, `presence.changed`: never stored, a restart is everyone
 * leaving). Commands that arrive together are committed together (group commit, `PendingBatch`): each is
 * decided and applied in memory in turn, then the batch is stored in one transaction, and only then is any of
 * it answered or shown to anyone.
 */
export class BoardRoom {
  readonly id: string;
  readonly state: BoardState;
  /** the anonymous facts' at-rest form: per-fact tags and recognition of returning people (AR-2) */
  private anonymous = new AnonymousState();
  /** AR-2: loaded participants whose stored facts still wait for them (recognition runs once per person) */
  private unrecognised = new Set<string>();
  /** the board and notes documents, and the one path their changes take (DO-2) */
  readonly documents: RoomDocuments;
  private readonly docTickets: DocTickets;
  /** each participant's auth hash and what their secret derives */
  private readonly identities: Identities;
  private readonly sessions = new Map<string, Session>();
  private readonly presence = new Presence();
  private readonly queue = new SerialQueue();
  /** commands received and not yet taken into a batch */
  private readonly inbox: Incoming[] = [];
  private drainScheduled = false;
  /** other holders of the room (y-websocket connections) that keep it loaded */
  private holders = 0;
  /** what changed, to whom: the board document and personal views */
  private readonly fanout: RoomFanout;
  /** JN-*, MO-1: knocks and sign-outs (CL-15: the cluster passes on knocks made through other processes) */
  readonly door: RoomDoor;
  private readonly admission: Admission;
  /** CL-2: the stored board's change counter this copy stands at (undefined: this process is the only one) */
  private storedVersion: number | undefined;
  /** how many stored events this copy has folded (CL-1: the rest are new to it) */
  private foldedEvents = 0;
  /** events folded by a rebuild whose fan-out has not happened yet */
  private unsettled: BoardEvent[] = [];
  /**
   * CL-17: what this copy was built from, when the store can say what changed since (`loadChanges`): the rows
   * it knows, their digest, the digest of its anonymous state. Catching up then reads only what changed.
   */
  private mark: {
    rows: Map<string, string>;
    participantsDigest: string;
    anonymousDigests: Record<AnonymousPart, string | null>;
    slotKeys: Map<string, string> | undefined;
    slotTags: Map<string, string> | undefined;
  } | null = null;

  constructor(
    loaded: LoadedBoard,
    private readonly deps: RoomDeps,
  ) {
    this.id = loaded.record.id;
    this.identities = new Identities(this.id, deps.keyring, loaded.record.facilitatorHash);
    this.state = emptyBoard(this.id);
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
    this.foldStored(this.state, loaded);
    this.foldedEvents = loaded.events.length;
    for (const p of loaded.participants) this.admission.markActive(p.id); // AB-6: what they did before the load is not known here
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
    this.fanout = new RoomFanout(this.state, this.sessions, this.door, this.documents, () => this.publicView(), {
      socketsOf: (participantId) => this.presence.socketsOf(participantId),
      // CL-7: who is connected here goes to the other processes with each projection that changed it (with one
      // process there is nobody to tell, and 500 people's ids need not be sorted at every projection)
      projecting: () => {
        const cluster = this.deps.cluster;
        if (cluster && this.presenceSent !== (this.presenceSent = this.onlineHere().sort().join())) cluster.presenceChanged(this.id, this.onlineHere());
      },
      // CL-8: with several processes only the holder of the board's writer lease creates shared texts
      mayCreateTexts: () => !this.deps.cluster || this.deps.cluster.writerEpoch(this.id) !== null,
    });
    this.fanout.projectFirst();
  }

  /**
   * Folds what the store holds into `state`: the participant rows, the public log, the anonymous state. Who
   * is connected is runtime: someone connected here stays online, everyone else is away (since they were
   * last seen, or since now: FA-3 counts a restart as everyone leaving).
   */
  private foldStored(state: BoardState, loaded: LoadedBoard): void {
    const at = this.deps.now();
    for (const p of loaded.participants) {
      evolveRoster(state, { type: 'participant.joined', participantId: p.id, name: p.name, handle: p.handle });
      const online = this.isOnline(p.id);
      evolveRoster(state, { type: 'presence.changed', participantId: p.id, online, at: this.state.participants.get(p.id)?.offlineSince ?? at });
    }
    this.identities.load(loaded.participants, this.presence.online());
    for (const { event } of loaded.events) evolve(state, event);
    // CL-17: with several processes, recognising people again after each rebuild reuses their slot blocks
    const slotKeys = this.deps.cluster ? (this.mark?.slotKeys ?? new Map<string, string>()) : undefined;
    const slotTags = this.deps.cluster ? (this.mark?.slotTags ?? new Map<string, string>()) : undefined;
    this.anonymous = new AnonymousState({ slotKeys, slotTags });
    this.anonymous.load(state, loaded.anonymousState);
    this.unrecognised = new Set(loaded.participants.map((p) => p.id));
    this.storedVersion = loaded.version;
    this.mark =
      this.deps.store.loadChanges && loaded.participantsDigest !== undefined
        ? {
            rows: new Map(loaded.participants.map((p) => [p.id, rowKey(p)])),
            participantsDigest: loaded.participantsDigest,
            anonymousDigests: { cards: anonymousDigest(loaded.anonymousState.cards), marks: anonymousDigest(loaded.anonymousState.marks) },
            slotKeys,
            slotTags,
          }
        : null;
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

  get busy(): boolean {
    return !this.queue.idle || this.inbox.length > 0 || this.documents.busy;
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
    this.fanout.schedulePresence();
  }

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
    return new Promise<Ack>((answer) => {
      this.inbox.push({ socketId, command, answer });
      if (this.drainScheduled) return;
      this.drainScheduled = true;
      const drain = () => void this.queue.run(() => this.drain());
      // (with several processes a batch waiting for the board's lock takes in what arrives meanwhile: no wait here)
      const inBurst = this.deps.now() - this.lastCommitEndedAt < BURST_GAP_MS;
      if (!this.deps.cluster && this.lastCommitMs >= SLOW_COMMIT_MS && inBurst) setTimeout(drain, Math.min(this.lastCommitMs, GROUP_COMMIT_MAX_WAIT_MS));
      else setImmediate(drain);
    });
  }

  /** CL-2: this process holds the board's lock (its batches may be stored while others wait for it) */
  private holdsBoardLock = false;
  /** CM-4: how long the last commit took, if it rewrote a big anonymous state (`BIG_STATE_BYTES`), else 0 */
  private lastCommitMs = 0;
  private lastCommitEndedAt = Number.NEGATIVE_INFINITY;
  /** CL-2: when a lock-free batch of this room last found its copy stale */
  private staleAt = Number.NEGATIVE_INFINITY;

  private async drain(): Promise<void> {
    this.drainScheduled = false;
    const items = this.inbox.splice(0);
    if (items.length === 0) return; // an earlier batch took them in while it waited for the board's lock
    const cluster = this.deps.cluster;
    if (!cluster) {
      for (let attempt = 1; ; attempt++) {
        const outcome = await this.runBatch(items.filter((item) => !item.answered), attempt < STALE_COPY_ATTEMPTS);
        if (outcome !== 'retry') return;
        // CL-3: one of these very commands was stored meanwhile: the next attempt answers it from the store
        this.settle();
      }
    }
    if (this.deps.now() - this.staleAt >= CONTENDED_MS) {
      // CL-4: with several processes, someone who joined (or anything that changed) through another process is
      // known here before anything is decided
      if ((await cluster.storedVersion(this.id)) !== this.storedVersion) await this.catchUp();
      if ((await this.runBatch(items.filter((item) => !item.answered), true)) !== 'retry') return;
      // CL-2: another process changed the board since this copy was read (CL-3: or stored one of these very
      // commands). The batch is decided again holding the board's lock, which holds every other process's
      // commands back meanwhile, so a busy board cannot starve this process.
      this.staleAt = this.deps.now();
      this.settle();
    }
    // CL-2: what is stored under the lock is shown (and answered) once the lock is let go, so that the other
    // processes' commands wait for this process's commit, not for its fan-out too
    const shows: (() => void)[] = [];
    let lockFailed: unknown = null;
    try {
      await cluster.serialize(this.id, async (stored) => {
        this.holdsBoardLock = true;
        this.showsAfterLock = shows;
        try {
          // what arrived while the lock was awaited joins this batch, in order, rather than waiting for the lock again
          items.push(...this.inbox.splice(0));
          for (let attempt = 1; ; attempt++) {
            const current = attempt === 1 ? stored : await cluster.storedVersion(this.id);
            if (current !== this.storedVersion) await this.catchUp();
            const outcome = await this.runBatch(items.filter((item) => !item.answered), attempt < STALE_COPY_ATTEMPTS);
            if (outcome !== 'retry') return;
            this.settle();
          }
        } finally {
          this.holdsBoardLock = false;
          this.showsAfterLock = null;
        }
      });
    } catch (err) {
      lockFailed = err;
    }
    for (const show of shows) show();
    if (lockFailed === null) return;
    // the lock could not be had (PostgreSQL unreachable): every command still waiting gets its one answer
    this.deps.logger.error({ err: lockFailed, board: this.id }, 'board lock not taken');
    for (const item of items) if (!item.answered) item.answer(fail('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
  }

  /** CL-2: while this process holds the board's lock, where stored batches leave their fan-out for after it */
  private showsAfterLock: (() => void)[] | null = null;

  /**
   * CM-3: the command keys of the batch being decided, read from the store at once before any is decided (one
   * round trip on PostgreSQL, not one per command); a key not among them (a command of someone who joins in the
   * same batch) is looked up on its own.
   */
  private lookedUp: { keys: Set<string>; found: Map<string, Uint8Array> } | null = null;

  private async lookUpCommands(items: Incoming[]): Promise<void> {
    const keys: string[] = [];
    for (const { socketId, command } of items) {
      const session = this.sessions.get(socketId);
      if (session?.kind === 'joined' && command.type !== 'join') keys.push(this.deps.keyring.commandKey(session.commandKeyBase, command.id));
    }
    if (keys.length === 0) return;
    // a read that fails leaves each command to its own lookup, answered INTERNAL if that fails too
    const found = await this.deps.store.findCommands(this.id, keys).catch(() => null);
    this.lookedUp = found && { keys: new Set(keys), found };
  }

  /** Decides every command of `items` in turn and stores them as one batch; 'retry' when the copy was stale. */
  private async runBatch(items: Incoming[], mayRetry: boolean): Promise<'done' | 'retry'> {
    await this.lookUpCommands(items);
    try {
      return await this.decideAndStore(items, mayRetry);
    } finally {
      this.lookedUp = null;
    }
  }

  private async decideAndStore(items: Incoming[], mayRetry: boolean): Promise<'done' | 'retry'> {
    let batch = this.newBatch();
    for (const item of items) {
      const { socketId, command } = item;
      const answer = (ack: Ack) => {
        item.answered = true;
        item.answer(ack);
      };
      const session = this.sessions.get(socketId);
      if (!session) {
        answer(fail('NOT_JOINED', 'This connection is closed.'));
        continue;
      }
      if (this.deleted) {
        answer(fail('NOT_FOUND', 'This board was deleted.'));
        continue;
      }
      try {
        if (runsAlone(command)) {
          if ((await this.flush(batch, mayRetry)) === 'retry') return 'retry';
          // CL-20: what it does outside (an email) cannot be taken back, so with several processes it runs only
          // under the board's lock, where no other process's change can make its record stale
          if (this.deps.cluster && !this.holdsBoardLock) return 'retry';
          answer(await this.runAlone(session, command));
          batch = this.newBatch();
          continue;
        }
        batch.answerLater(answer, command.type === 'join' ? this.stageJoin(session, command, batch) : await this.stage(session, command, batch));
      } catch (err) {
        this.deps.logger.error({ err, board: this.id, type: command.type }, 'command failed');
        answer(fail('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
      }
    }
    return (await this.flush(batch, mayRetry)) === 'retry' ? 'retry' : 'done';
  }

  /**
   * Stores a batch in one transaction, then shows it: knock answers and sign-outs, one projection and one
   * round of personal views for the whole batch, and every answer. If the store fails, the room goes back to
   * what the store holds and the whole batch is answered INTERNAL (CM-2: nothing acknowledged is lost,
   * nothing unacknowledged is shown).
   */
  private async flush(batch: PendingBatch, mayRetry = false): Promise<'stored' | 'failed' | 'retry'> {
    let outcome: 'stored' | 'failed' | 'retry' = 'stored';
    try {
      // CL-2: a refusal stands only if this copy is the stored board (a change is checked under the lock instead)
      if (mayRetry && batch.refusals > 0 && this.deps.cluster && (await this.deps.cluster.storedVersion(this.id)) !== this.storedVersion) {
        throw new StaleCopy(this.id);
      }
      if (batch.writes) {
        // AR-1: only the parts that changed (a vote writes the marks, not every card's text)
        const anonymousState = batch.anonymousChanged ? this.anonymous.changedParts(this.state) : undefined;
        const anonymousBytes = (anonymousState?.cards?.length ?? 0) + (anonymousState?.marks?.length ?? 0);
        const started = this.deps.now();
        const { lastSeq } = await this.deps.store.commitBatch(this.id, {
          participants: batch.participants,
          commands: batch.commands,
          events: batch.events,
          ...(anonymousBytes > 0 ? { anonymousState } : {}),
          ...(this.storedVersion !== undefined ? { expectedVersion: this.storedVersion } : {}),
          ...(this.holdsBoardLock ? { underBoardLock: true } : {}),
        });
        this.lastCommitEndedAt = this.deps.now();
        this.lastCommitMs = anonymousBytes >= BIG_STATE_BYTES ? this.lastCommitEndedAt - started : 0;
        this.counted(batch, lastSeq, anonymousState);
      }
    } catch (err) {
      outcome = mayRetry && (err instanceof StaleCopy || err instanceof CommandKeyTaken) ? 'retry' : 'failed';
      if (outcome === 'failed') this.deps.logger.error({ err, board: this.id, commands: batch.size }, 'batch not stored');
      await this.rollback(batch).catch((reloadErr) => this.deps.logger.error({ err: reloadErr, board: this.id }, 'could not reload the board'));
    } finally {
      this.fanout.release();
    }
    if (outcome === 'retry') return outcome;
    if (outcome === 'failed') {
      batch.answerAll(fail('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
      return outcome;
    }
    if (batch.size === 0) return outcome;
    const show = () => {
      for (const effect of batch.afterCommit) effect();
      this.fanout.publish(batch.published);
      batch.answerAll();
    };
    if (this.showsAfterLock) this.showsAfterLock.push(show);
    else show();
    return outcome;
  }

  /**
   * CL-2: after this copy's change was stored, the copy stands one change further (CL-17: with the rows, events
   * and anonymous state it just stored); the others learn of it.
   */
  private counted(batch: PendingBatch, lastSeq: number, anonymousState: AnonymousWrite | undefined): void {
    this.foldedEvents = lastSeq;
    if (this.mark) {
      for (const p of batch.participants) this.mark.rows.set(p.id, rowKey(p));
      for (const part of ANONYMOUS_PARTS) {
        const written = anonymousState?.[part];
        if (written) this.mark.anonymousDigests[part] = anonymousDigest(written);
      }
    }
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

  /**
   * CL-1: brings the copy up to the store — CL-17: by folding only what changed, or, when that cannot be done,
   * by rebuilding it from everything stored — then fans out whatever changed for the people here.
   */
  private async catchUp(): Promise<void> {
    if (!(await this.foldChanges())) await this.reloadState();
    this.settle();
  }

  /**
   * CL-17: reads what changed since this copy was built or last caught up — the events after the last one it
   * folded, the participant rows if their digest changed, the anonymous state if its digest changed — and
   * folds that onto the copy, to the state `reloadState` would build. False, with nothing changed, when the
   * store cannot say what changed or the change is not one to fold (a gap in the events, a row that changed or
   * went): the caller then rebuilds the whole copy.
   */
  private async foldChanges(): Promise<boolean> {
    const { mark } = this;
    if (!mark || !this.deps.store.loadChanges) return false;
    const since = { afterSeq: this.foldedEvents, participantsDigest: mark.participantsDigest, anonymousDigests: mark.anonymousDigests };
    const changes = await this.deps.store.loadChanges(this.id, since);
    if (!changes || !followsWithoutGap(changes, this.foldedEvents)) return false;
    const added = changes.participants ? addedRows(mark.rows, changes.participants.rows) : [];
    if (!added) return false;
    const at = this.deps.now();
    for (const p of added) {
      // as `foldStored` folds a row, and as `reloadState` treats a newcomer (AB-6)
      evolveRoster(this.state, { type: 'participant.joined', participantId: p.id, name: p.name, handle: p.handle });
      evolveRoster(this.state, { type: 'presence.changed', participantId: p.id, online: this.isOnline(p.id), at });
      this.identities.add(p.id, p.authHash);
      this.admission.markActive(p.id);
      this.unrecognised.add(p.id);
      mark.rows.set(p.id, rowKey(p));
    }
    for (const { event } of changes.events) evolve(this.state, event);
    const { cards, marks } = changes.anonymousParts;
    if (cards) {
      // the cards changed: every anonymous fact is loaded again (the marks as this copy stored or now read them),
      // and waits for its owner again
      const marksBlob = marks ? marks.blob : this.anonymous.storedMarksPart;
      withoutAnonymousFacts(this.state);
      this.anonymous = new AnonymousState({ slotKeys: mark.slotKeys, slotTags: mark.slotTags });
      this.anonymous.load(this.state, { cards: cards.blob, marks: marksBlob });
    } else if (marks) {
      // AR-1: only the marks changed (votes, answers): the cards stay as they are, with their owners
      withoutMarks(this.state);
      this.anonymous.reloadMarks(this.state, marks.blob);
    }
    if (cards || marks) {
      this.unrecognised = new Set(mark.rows.keys());
      for (const session of this.sessions.values()) if (session.kind === 'joined') this.recognise(this.state, session);
      if (cards) mark.anonymousDigests.cards = cards.digest;
      if (marks) mark.anonymousDigests.marks = marks.digest;
    }
    if (changes.participants) mark.participantsDigest = changes.participants.digest;
    this.unsettled.push(...changes.events.map((e) => e.event));
    this.foldedEvents = changes.lastSeq;
    this.storedVersion = changes.version;
    return true;
  }

  /** CL-1: after the copy was rebuilt, whatever changed reaches the people here (and who may not stay leaves). */
  private settle(): void {
    const fresh = this.unsettled;
    this.unsettled = [];
    this.door.signOutWhoMayNotStay(fresh);
    this.fanout.caughtUp(fresh);
  }

  /** CM-4: a new batch; what is staged in it stays out of every view until it is stored (or rolled back). */
  private newBatch(): PendingBatch {
    this.fanout.holdBack();
    return new PendingBatch();
  }

  /** After a failed commit: the sessions that joined in the batch are attached again, the state is the store's. */
  private async rollback(batch: PendingBatch): Promise<void> {
    for (const session of batch.joined) {
      if (this.sessions.get(session.socket.id) !== session) continue;
      this.sessions.set(session.socket.id, attached(session.socket, session.knockId));
      this.presence.disconnected(session.participantId, session.socket.id);
    }
    await this.reloadState();
    this.fanout.schedulePresence();
  }

  /**
   * Rebuilds the board from the store (after a failed commit, or CL-1 to catch up on another process's
   * changes), keeping who is connected and recognising them again. The events it had not folded before wait
   * in `unsettled` for `settle()`.
   */
  private async reloadState(): Promise<void> {
    const loaded = await this.deps.store.loadBoard(this.id, { docs: false });
    if (!loaded) return;
    const before = this.state.participants;
    const fresh = emptyBoard(this.id);
    fresh.knocks = this.state.knocks;
    this.foldStored(fresh, loaded);
    // CL-4: someone forgotten through another process (AB-6) stays while connected here
    for (const [id, known] of before) {
      if (fresh.participants.has(id) || !this.presence.isOnline(id)) continue;
      fresh.participants.set(id, { ...known, isFacilitator: fresh.facilitatorId === id });
    }
    for (const session of this.sessions.values()) if (session.kind === 'joined') this.recognise(fresh, session);
    const newcomers = [...fresh.participants.keys()].filter((id) => !before.has(id));
    Object.assign(this.state, fresh);
    this.anonymous.stateReplacedBy(this.state);
    // AB-6: what they did through another process is not known here, as for people loaded from storage
    for (const id of newcomers) this.admission.markActive(id);
    this.unsettled.push(...loaded.events.slice(this.foldedEvents).map((e) => e.event));
    this.foldedEvents = loaded.events.length;
  }

  /** AR-2: hands a returning person their stored facts, once per person and room (not per connection). */
  private recognise(state: BoardState, session: JoinedSession): void {
    if (!this.unrecognised.delete(session.participantId)) return;
    this.anonymous.recognise(state, session.tags);
  }

  /** Decides a join (`decideJoin`) and applies it in memory; what it records (a participant row, events) joins `batch`. */
  private stageJoin(session: Session, command: JoinCommand, batch: PendingBatch): Ack {
    const joinedAs = participantOf(session);
    if (joinedAs && joinedAs !== command.participantId) return fail('INVALID_INPUT', 'This connection already belongs to someone else.');
    const { keyring, newId } = this.deps;
    const address = session.socket.address ?? 'unknown';
    const decision = decideJoin(this.state, command, { identities: this.identities, keyring, boardId: this.id, admission: this.admission, address, newId });
    if (decision.kind === 'refused') return decision.ack;
    if (decision.kind === 'knock') return this.door.knock(session, command.participantId, command.name);
    if (session.knockId) this.door.dropKnock(session.knockId);

    const { newcomer, events } = decision;
    if (newcomer) {
      batch.participants.push(newcomer);
      this.identities.add(newcomer.id, newcomer.authHash);
      evolveRoster(this.state, { type: 'participant.joined', participantId: newcomer.id, name: newcomer.name, handle: newcomer.handle });
    }
    const derived = this.identities.derive(command.participantId, command.secret);
    if (decision.holdsFacilitatorKey) this.admission.markActive(command.participantId);
    if (events.length > 0) {
      const commandKey = keyring.commandKey(derived.commandKeyBase, command.id);
      const sealed = sealCommand(keyring.commandSealKey(derived.commandKeyBase, command.id), { digest: commandDigest(command), result: {} });
      batch.commands.push({ commandKey, sealed });
      batch.events.push(...events);
      for (const event of events) evolve(this.state, event);
    }
    const joined: JoinedSession = {
      kind: 'joined',
      socket: session.socket,
      knockId: null,
      participantId: command.participantId,
      tags: derived.tags,
      holdsFacilitatorKey: decision.holdsFacilitatorKey,
      commandKeyBase: derived.commandKeyBase,
      lastMe: '',
    };
    this.sessions.set(session.socket.id, joined);
    batch.joined.push(joined);
    this.recognise(this.state, joined);
    this.presence.connected(joined.participantId, joined.socket.id);
    this.refreshPresence(joined.participantId);
    batch.published.push({ events, actorId: joined.participantId });
    const participant = this.state.participants.get(command.participantId)!;
    return ok({ participantId: participant.id, isFacilitator: participant.isFacilitator });
  }

  /** Decides a command and applies it in memory; what it records joins `batch`. */
  private async stage(session: Session, command: BoardCommand, batch: PendingBatch): Promise<Ack> {
    if (session.kind !== 'joined') return fail('NOT_JOINED', 'Join the board first.');
    const { participantId } = session;
    const { keyring } = this.deps;
    const commandKey = keyring.commandKey(session.commandKeyBase, command.id);
    const sealKey = keyring.commandSealKey(session.commandKeyBase, command.id);
    const digest = commandDigest(command);
    // CM-3: the same id is answered with its first result only if it is the same command
    const first = batch.byKey.get(commandKey) ?? (await this.storedCommand(commandKey, sealKey));
    if (first) return first.digest === digest ? ok(first.result) : fail('ID_REUSED', 'This command id was already used for a different command.');

    const decision = decide(this.state, this.actorOf(session), command, this.decideContext());
    if (!decision.ok) {
      batch.refusals++;
      return decision;
    }
    this.admission.markActive(participantId);

    for (const event of decision.events) evolve(this.state, event);
    batch.commands.push({ commandKey, sealed: sealCommand(sealKey, { digest, result: decision.data }) });
    batch.byKey.set(commandKey, { digest, result: decision.data });
    // AR-3: an anonymous command's facts live in the anonymous state only, never in the log
    if (atRestOfCommand(decision.events) !== 'anonymous-state') batch.events.push(...decision.events);
    if (decision.events.some(changesAnonymousState)) batch.anonymousChanged = true;
    batch.afterCommit.push(() => {
      if (command.type === 'access.admit') this.door.answerKnock(command.knockId, command.admit);
      this.door.signOutWhoMayNotStay(decision.events);
    });
    batch.published.push({ events: decision.events, actorId: participantId });
    return ok(decision.data);
  }

  private async storedCommand(commandKey: string, sealKey: Buffer): Promise<{ digest: string; result: unknown } | null> {
    const lookedUp = this.lookedUp;
    const stored = lookedUp?.keys.has(commandKey) ? (lookedUp.found.get(commandKey) ?? null) : await this.deps.store.findCommand(this.id, commandKey);
    return stored ? openCommand(sealKey, stored) : null;
  }

  /**
   * BD-1, SU-1: commands that act outside the board's storage, decided and carried out on their own. The
   * summary email is recorded like any command once sent, so a resend of it sends nothing again (CM-3).
   */
  private async runAlone(session: Session, command: AloneCommand): Promise<Ack> {
    if (session.kind !== 'joined') return fail('NOT_JOINED', 'Join the board first.');
    if (command.type === 'board.delete') {
      const decision = decide(this.state, this.actorOf(session), command, this.decideContext());
      return decision.ok ? this.deleteBoard() : decision;
    }
    const base = session.commandKeyBase;
    const first = await this.storedCommand(this.deps.keyring.commandKey(base, command.id), this.deps.keyring.commandSealKey(base, command.id));
    if (!first) {
      const decision = decide(this.state, this.actorOf(session), command, this.decideContext());
      if (!decision.ok) return decision;
      const sent = await this.emailSummary(command.to);
      if (!sent.ok) return sent;
    }
    const batch = this.newBatch();
    const staged = await this.stage(session, command, batch).catch((err: unknown) => {
      this.fanout.release();
      throw err;
    });
    let answer: Ack = staged;
    batch.answerLater((ack) => (answer = ack), staged);
    await this.flush(batch);
    return answer;
  }

  private actorOf(session: JoinedSession) {
    const { participantId, tags, holdsFacilitatorKey } = session;
    return { participantId, isFacilitator: this.state.facilitatorId === participantId, ...tags, holdsFacilitatorKey };
  }

  private decideContext() {
    const { now, newId, newSeed, claimAfterMs, keyring } = this.deps;
    return { now: now(), newId, newSeed, claimAfterMs, hashPassword: (password: string) => keyring.passwordHash(this.id, password) };
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
      this.mark?.rows.delete(participantId);
      evolveRoster(this.state, { type: 'participant.forgotten', participantId });
      this.identities.forget(participantId);
      this.unrecognised.delete(participantId);
      this.fanout.schedulePresence();
    });
  }

  /** AB-6: before the room is unloaded (everyone has left), forgets every participant who never did anything. */
  async forgetNeverActive(): Promise<void> {
    for (const id of [...this.state.participants.keys()]) await this.forgetIfNeverActive(id);
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
  private readonly deletedListeners = new Set<DeletedListener>();

  /** BD-2: the document connections end when the board is deleted (objects, not closures: ME-7). */
  onDeleted(listener: DeletedListener): void {
    this.deletedListeners.add(listener);
  }

  offDeleted(listener: DeletedListener): void {
    this.deletedListeners.delete(listener);
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
    this.fanout.destroy();
    this.documents.destroy();
  }
}
