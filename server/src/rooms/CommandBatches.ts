import { type Ack, type Command, type JoinCommand, deletedActionIds, fail } from '@candor/shared';
import { CommandKeyTaken, OutcomeUnknown, StaleCopy } from '../storage/BoardStore.js';
import { openCommand } from '../storage/sealedCommand.js';
import { PendingBatch } from './PendingBatch.js';
import { type RoomFanout, isPhaseChange } from './RoomFanout.js';
import type { SerialQueue } from './SerialQueue.js';
import type { Session } from './Session.js';
import type { PrefetchedChanges, StoredCopy } from './StoredCopy.js';
import type { RoomDeps } from './roomPorts.js';

export type BoardCommand = Exclude<Command, { type: 'join' }>;

export type AloneCommand = Extract<Command, { type: 'board.delete' | 'summary.email' }>;
/** Commands that act outside the board's own storage (email, deleting it all): never part of a batch. */
const runsAlone = (command: Command): command is AloneCommand => command.type === 'board.delete' || command.type === 'summary.email';

/** CL-2: how often a batch decided against a copy another process had changed is decided again */
const STALE_COPY_ATTEMPTS = 50;
/**
 * CL-2, CL-25: for this long after one of its batches found the copy stale, or after it was told that another
 * process changed the board, a room takes the board's lock for its batches at once: while other processes are
 * busy on the board too, a lock-free attempt is mostly refused, and each refusal costs a rebuild of the copy
 * before the attempt under the lock.
 */
const CONTENDED_MS = 1_000;
/**
 * CL-29: while other processes announce what their changes were (cards only added, in their stored form), the
 * read made with the board's lock (CL-24) leaves a changed part of the anonymous state of this many bytes or more
 * unread (a big board's cards part, a few hundred KB of JSON): the announcement of the change that made it has
 * mostly come by the time the lock is granted, and folding it costs less than reading the part; when it has not,
 * the part is read after, one round trip more. The size is the part as stored, sealed (AR-12: compressed first,
 * to about 40% of the JSON for cards of plain text and random tags).
 */
const LOCK_READ_PARTS_BELOW = 32 * 1024;
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
/**
 * CM-4: and only after a batch of at least this many commands: they came faster than the board stores them (the
 * restart storm's votes fill batches of 50), so waiting saves rewrites. Batches of one to four (a hundred people
 * each adding a card a second) would gather a command or two more, for a wait everyone of them pays.
 */
const GROUP_COMMIT_MIN_BATCH = 8;

/** CM-2: the answer while the board cannot be read back: nothing was decided, and it may be sent again later */
const unreadable = () => fail('INTERNAL', 'The board cannot be read from storage right now; nothing was changed. Try again in a moment.');
/** CM-6: the answer to a command whose commit was sent and never answered (nor, since, read back) */
const outcomeUnknown = () => fail('OUTCOME_UNKNOWN', 'The store did not say whether this change was saved. Send it again with the same id: it is applied at most once.');
/** CM-6: at most this many command keys of unanswered commits are remembered until the board is read again */
const MAX_UNSURE_KEYS = 10_000;

/** CM-3: command keys read from the store at once, and the sealed records found under them */
interface LookedUp {
  keys: Set<string>;
  found: Map<string, Uint8Array>;
}

interface Incoming {
  socketId: string;
  command: Command;
  answer: (ack: Ack) => void;
  /** answered already (a batch decided again after a stale copy, CL-2, leaves these out) */
  answered?: boolean;
  /** CL-33: its command key, read as it arrived while a batch of the room awaited or held the board's lock */
  lookup?: Promise<LookedUp | null>;
}

/** What of its room the batches use: where commands are decided, and how the copy is caught up or rolled back. */
export interface BatchesOfRoom {
  id: string;
  deps: RoomDeps;
  sessions: ReadonlyMap<string, Session>;
  queue: SerialQueue;
  copy: StoredCopy;
  fanout: RoomFanout;
  deleted(): boolean;
  /** CM-2: the board could not be read back after a failed commit (for long): commands are answered at once */
  unreadable(): boolean;
  /** decides a join and applies it in memory; what it records joins `batch` */
  stageJoin(session: Session, command: JoinCommand, batch: PendingBatch): Ack;
  /** decides a command and applies it in memory; what it records joins `batch` */
  stage(session: Session, command: BoardCommand, batch: PendingBatch): Promise<Ack>;
  /** BD-1, SU-1: does what an alone command does outside the board; null when it is then to be recorded */
  actAlone(session: Session, command: AloneCommand): Promise<Ack | null>;
  /** after a failed commit: the room goes back to what the store holds */
  rollback(batch: PendingBatch): Promise<void>;
  /** CL-1: after the copy was rebuilt, whatever changed reaches the people here */
  settle(): void;
  /** CL-1: brings the copy up to the store (CL-24: from changes read already, if they are since where it stands), then settles */
  catchUp(prefetched?: PrefetchedChanges): Promise<void>;
  /** a join that stores nothing as far as the room can tell now: someone the board knows, coming back */
  joinStoresNothing(command: JoinCommand): boolean;
}

/**
 * Group commit (CM-4) and, with several processes, the board's lock (CL-2). Commands that arrive together (in
 * one turn of the event loop, or while the previous batch was being stored) are decided one after another
 * and stored as one batch; each is answered once its batch is stored, and only then is any of it shown.
 */
export class CommandBatches {
  /** commands received and not yet taken into a batch */
  private readonly inbox: Incoming[] = [];
  private drainScheduled = false;
  /** CL-2: this process holds the board's lock (its batches may be stored while others wait for it) */
  private holdsBoardLock = false;
  /** CM-4: how long the last commit took, if it rewrote a big anonymous state (`BIG_STATE_BYTES`) for a batch of `GROUP_COMMIT_MIN_BATCH` or more, else 0 */
  private lastCommitMs = 0;
  private lastCommitEndedAt = Number.NEGATIVE_INFINITY;
  /** CL-2: when a lock-free batch of this room last found its copy stale */
  private staleAt = Number.NEGATIVE_INFINITY;
  /** CL-25: when this process was last told that another one changed the board */
  private changedElsewhereAt = Number.NEGATIVE_INFINITY;
  /** CL-2: while this process holds the board's lock, where stored batches leave their fan-out for after it */
  private showsAfterLock: (() => void)[] | null = null;
  /**
   * CM-3: the command keys of the batch being decided, read from the store at once before any is decided (one
   * round trip on PostgreSQL, not one per command; with several processes, while the version or the board's lock is
   * awaited); a key not among them (a command of someone who joins in the same batch) is looked up on its own.
   */
  private lookedUp: LookedUp | null = null;
  /** CL-23: while this process holds the board's lock, the batch's commands, which later arrivals join */
  private lateInto: Incoming[] | null = null;
  /** CL-33: a batch of this room awaits or holds the board's lock: what arrives meanwhile is looked up at once */
  private atBoardLock = false;
  /** CL-33: arrivals of this turn of the event loop whose command keys are read together */
  private arriving: Incoming[] | null = null;
  /**
   * CM-6: the keys of commands whose commit was sent and never answered: sent again while the board cannot be read,
   * they are answered so again (not "nothing was changed"); once it can be, the stored board decides them (CM-1)
   */
  private readonly unsure = new Set<string>();

  constructor(private readonly room: BatchesOfRoom) {}

  /** commands are waiting for a batch */
  get waiting(): boolean {
    return this.inbox.length > 0;
  }

  /**
   * CL-25: another process stored a change of the board (CL-5): for the next `CONTENDED_MS` this room's batches go
   * to the board's lock at once, where a lock-free attempt would likely be refused (and rebuild the copy) first.
   */
  changedElsewhere(): void {
    this.changedElsewhereAt = this.room.deps.now();
  }

  /** Every command of every socket of the board passes here; answered once its batch is stored. */
  handle(socketId: string, command: Command): Promise<Ack> {
    if (this.room.unreadable()) return Promise.resolve(this.unreadableAnswer(socketId, command));
    if (this.joinsAtOnce(command)) return this.joinAtOnce(socketId, command);
    return new Promise<Ack>((answer) => {
      const item: Incoming = { socketId, command, answer };
      this.inbox.push(item);
      if (this.atBoardLock) this.lookUpArriving(item);
      if (this.drainScheduled) return;
      this.drainScheduled = true;
      const drain = () => void this.room.queue.run(() => this.drain());
      // A returning person's join stores nothing, so it has no commit to share: when no other command waits for
      // a batch, its batch is queued at once (decided in this callback's microtasks if the room is idle) rather
      // than after the rest of this turn of the event loop. Whatever arrives before it starts joins it, in order.
      if (this.startsAlone(command)) return drain();
      // (with several processes a batch waiting for the board's lock takes in what arrives meanwhile: no wait here)
      const inBurst = this.room.deps.now() - this.lastCommitEndedAt < BURST_GAP_MS;
      if (!this.room.deps.cluster && this.lastCommitMs >= SLOW_COMMIT_MS && inBurst) setTimeout(drain, Math.min(this.lastCommitMs, GROUP_COMMIT_MAX_WAIT_MS));
      else setImmediate(drain);
    });
  }

  /**
   * CM-4: a join that stores nothing (one process) while the room is idle — no command waits for a batch, none is
   * being decided or stored — has nothing to wait for and no commit to share: it is decided and answered at once.
   */
  private joinsAtOnce(command: Command): command is JoinCommand {
    return command.type === 'join' && this.inbox.length === 0 && this.room.queue.idle && !this.room.deps.cluster && this.room.joinStoresNothing(command);
  }

  /**
   * A batch of this one join, decided in this call and, storing nothing, shown and answered in it too (a room of
   * 500 coming back after a restart is 500 of these). Should it record something after all (a knock let in
   * meanwhile), its batch is stored as any other, first in the room's queue.
   */
  private joinAtOnce(socketId: string, command: JoinCommand): Promise<Ack> {
    const session = this.room.sessions.get(socketId);
    if (!session) return Promise.resolve(fail('NOT_JOINED', 'This connection is closed.'));
    if (this.room.deleted()) return Promise.resolve(fail('NOT_FOUND', 'This board was deleted.'));
    const batch = this.newBatch();
    let answered: Ack | null = null;
    try {
      batch.answerLater((ack) => (answered = ack), this.room.stageJoin(session, command, batch));
    } catch (err) {
      this.room.deps.logger.error({ err, board: this.room.id, type: command.type }, 'command failed');
      answered = fail('INTERNAL', 'Something went wrong on the server; nothing was changed.');
    }
    if (batch.writes) {
      return this.room.queue.run(async () => {
        await this.flush(batch);
        return answered!;
      });
    }
    // (storing nothing, `flush` shows the batch and answers it before it returns)
    this.flush(batch).catch((err: unknown) => this.room.deps.logger.error({ err, board: this.room.id, type: command.type }, 'command failed'));
    return Promise.resolve(answered ?? fail('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
  }

  /** the command just put in the inbox is alone there, and it is a join that stores nothing (one process) */
  private startsAlone(command: Command): boolean {
    return command.type === 'join' && this.inbox.length === 1 && !this.room.deps.cluster && this.room.joinStoresNothing(command);
  }

  /**
   * CL-33: a command that arrives while a batch awaits the board's lock joins that batch once the lock is held (or
   * the one after); its command key is read now, beside the wait, rather than in one more round trip under the lock,
   * where every other process waits for it. The arrivals of one turn of the event loop are read in one round trip.
   * A key stored in between (a resend through another process) is not missed: the commit finds it taken (CL-3).
   */
  private lookUpArriving(item: Incoming): void {
    if (item.command.type === 'join') return;
    if (this.arriving) {
      this.arriving.push(item);
      return;
    }
    const arriving = (this.arriving = [item]);
    setImmediate(() => {
      this.arriving = null;
      const lookup = this.prefetchCommands(arriving);
      for (const one of arriving) one.lookup = lookup;
    });
  }

  /** CL-33: `known` with what the arrivals' own lookups (`lookUpArriving`) found, for those that made one */
  private async withArrivalLookups(items: Incoming[], known: LookedUp | null): Promise<LookedUp | null> {
    const lookups = new Set<Promise<LookedUp | null>>();
    for (const item of items) if (item.lookup) lookups.add(item.lookup);
    if (lookups.size === 0) return known;
    const merged: LookedUp = { keys: new Set(known?.keys), found: new Map(known?.found) };
    // (a lookup that failed adds nothing: those keys are read under the lock, as before)
    for (const found of await Promise.all(lookups)) {
      if (!found) continue;
      for (const key of found.keys) merged.keys.add(key);
      for (const [key, sealed] of found.found) merged.found.set(key, sealed);
    }
    return merged;
  }

  private async drain(): Promise<void> {
    this.drainScheduled = false;
    const items = this.inbox.splice(0);
    if (items.length === 0) return; // an earlier batch took them in while it waited for the board's lock
    // CM-2: they waited while the board could not be read back after a failed commit, and still it cannot be
    if (this.room.unreadable()) {
      for (const item of items) item.answer(this.unreadableAnswer(item.socketId, item.command));
      return;
    }
    this.unsure.clear();
    try {
      await this.decideItems(items);
    } catch (err) {
      // CM-2: the stored version (or a catch-up) could not be read, so nothing was decided: every command still waiting
      // gets its one answer (a PostgreSQL gone away left them unanswered for good: the queue took the failure in)
      this.room.deps.logger.error({ err, board: this.room.id }, 'batch not decided');
      for (const item of items) if (!item.answered) item.answer(fail('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
    }
  }

  /** Decides and stores `items` (and, under the board's lock, what joins them), answering each. */
  private async decideItems(items: Incoming[]): Promise<void> {
    const { id, deps, copy } = this.room;
    const cluster = deps.cluster;
    if (!cluster) {
      for (let attempt = 1; ; attempt++) {
        const outcome = await this.runBatch(items.filter((item) => !item.answered), attempt < STALE_COPY_ATTEMPTS);
        if (outcome !== 'retry') return;
        // CL-3: one of these very commands was stored meanwhile: the next attempt answers it from the store
        this.room.settle();
      }
    }
    if (deps.now() - Math.max(this.staleAt, this.changedElsewhereAt) >= CONTENDED_MS) {
      // CL-4: with several processes, someone who joined (or anything that changed) through another process is
      // known here before anything is decided (CM-3: the batch's command keys are read meanwhile, not after)
      const [stored, known] = await Promise.all([cluster.storedVersion(id), this.prefetchCommands(items)]);
      if (stored !== copy.storedVersion) await this.room.catchUp();
      if ((await this.runBatch(items.filter((item) => !item.answered), true, known)) !== 'retry') return;
      // CL-2: another process changed the board since this copy was read (CL-3: or stored one of these very
      // commands). The batch is decided again holding the board's lock, which holds every other process's
      // commands back meanwhile, so a busy board cannot starve this process.
      this.staleAt = deps.now();
      this.room.settle();
    }
    // CL-2: what is stored under the lock is shown (and answered) once the lock is let go, so that the other
    // processes' commands wait for this process's commit, not for its fan-out too
    const shows: (() => void)[] = [];
    let lockFailed: unknown = null;
    // CM-3: the command keys are read while the lock is awaited, not after it is held (CL-33: those not read as they arrived)
    const waiting = items.filter((item) => !item.answered);
    const known = this.prefetchCommands(waiting.filter((item) => !item.lookup)).then((read) => this.withArrivalLookups(waiting, read));
    this.atBoardLock = true;
    try {
      // CL-24: what changed since this copy is read with the lock, in its round trip
      const since = copy.changesMark() ?? undefined;
      const partsBelow = copy.announcedWithin(CONTENDED_MS) ? LOCK_READ_PARTS_BELOW : undefined;
      await cluster.serialize(id, async (stored, changes) => {
        this.holdsBoardLock = true;
        this.showsAfterLock = shows;
        this.lateInto = items;
        try {
          // what arrived while the lock was awaited joins this batch, in order, rather than waiting for the lock again
          const arrived = this.inbox.splice(0);
          items.push(...arrived);
          for (let attempt = 1; ; attempt++) {
            const current = attempt === 1 ? stored : await cluster.storedVersion(id);
            if (current !== copy.storedVersion) await this.room.catchUp(attempt === 1 && since && changes !== undefined ? { since, changes } : undefined);
            const outcome = await this.runBatch(items.filter((item) => !item.answered), attempt < STALE_COPY_ATTEMPTS, attempt === 1 ? await this.withArrivalLookups(arrived, await known) : null);
            if (outcome !== 'retry') return;
            this.room.settle();
          }
        } finally {
          this.holdsBoardLock = false;
          this.showsAfterLock = null;
          this.lateInto = null;
        }
      }, since, partsBelow);
    } catch (err) {
      lockFailed = err;
    } finally {
      this.atBoardLock = false;
    }
    for (const show of shows) show();
    if (lockFailed === null) return;
    // the lock could not be had (PostgreSQL unreachable): every command still waiting gets its one answer
    deps.logger.error({ err: lockFailed, board: id }, 'board lock not taken');
    for (const item of items) if (!item.answered) item.answer(fail('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
  }

  /** CM-2, CM-6: a command that comes while the board cannot be read back */
  private unreadableAnswer(socketId: string, command: Command): Ack {
    if (this.unsure.size === 0 || command.type === 'join') return unreadable();
    const session = this.room.sessions.get(socketId);
    const key = session?.kind === 'joined' ? this.room.deps.keyring.commandKey(session.commandKeyBase, command.id) : null;
    return key !== null && this.unsure.has(key) ? outcomeUnknown() : unreadable();
  }

  /** the command keys of `items`' commands (a join has none) */
  private commandKeysOf(items: Incoming[]): string[] {
    const keys: string[] = [];
    for (const { socketId, command } of items) {
      const session = this.room.sessions.get(socketId);
      if (session?.kind === 'joined' && command.type !== 'join') keys.push(this.room.deps.keyring.commandKey(session.commandKeyBase, command.id));
    }
    return keys;
  }

  /**
   * CM-3, CL-2: the batch's command keys read at once, while the board's version (or its lock) is awaited, rather
   * than after. A key another process stores in between is not missed: the commit then finds it taken and the
   * batch is decided again, looked up anew (CL-3). Null when the read failed (each command then looks itself up).
   */
  private async prefetchCommands(items: Incoming[]): Promise<LookedUp | null> {
    const keys = this.commandKeysOf(items);
    if (keys.length === 0) return { keys: new Set(), found: new Map() };
    const found = await this.room.deps.store.findCommands(this.room.id, keys).catch(() => null);
    return found && { keys: new Set(keys), found };
  }

  /** reads the keys of `items` not in `known` (all of them without it), in one round trip */
  private async lookUpCommands(items: Incoming[], known: LookedUp | null): Promise<void> {
    const keys = this.commandKeysOf(items);
    const missing = known ? keys.filter((key) => !known.keys.has(key)) : keys;
    if (missing.length === 0) {
      this.lookedUp = known;
      return;
    }
    // a read that fails leaves each command to its own lookup, answered INTERNAL if that fails too
    const found = await this.room.deps.store.findCommands(this.room.id, missing).catch(() => null);
    if (!found) this.lookedUp = known;
    else this.lookedUp = { keys: new Set([...(known?.keys ?? []), ...missing]), found: new Map([...(known?.found ?? []), ...found]) };
  }

  /** CL-33: one of `keys`, looked up as not stored before, is stored now (a read that fails says no: the refusal stands, as before) */
  private async storedSince(keys: string[]): Promise<boolean> {
    const found = await this.room.deps.store.findCommands(this.room.id, keys).catch(() => null);
    return (found?.size ?? 0) > 0;
  }

  /** CM-3: the first result stored under `commandKey`, if any (from the batch's lookup when it made one) */
  async storedCommand(commandKey: string, sealKey: Buffer): Promise<{ digest: string; result: unknown } | null> {
    const lookedUp = this.lookedUp;
    const stored = lookedUp?.keys.has(commandKey) ? (lookedUp.found.get(commandKey) ?? null) : await this.room.deps.store.findCommand(this.room.id, commandKey);
    return stored ? openCommand(sealKey, stored) : null;
  }

  /** Decides every command of `items` in turn and stores them as one batch; 'retry' when the copy was stale. */
  private async runBatch(items: Incoming[], mayRetry: boolean, known: LookedUp | null = null): Promise<'done' | 'retry'> {
    await this.lookUpCommands(items, known);
    try {
      return await this.decideAndStore(items, mayRetry);
    } finally {
      this.lookedUp = null;
    }
  }

  private async decideAndStore(items: Incoming[], mayRetry: boolean): Promise<'done' | 'retry'> {
    let batch = this.newBatch();
    let tookLate = false;
    for (let i = 0; ; i++) {
      if (i === items.length) {
        // CL-23: under the board's lock, what reached the room since the lock was granted joins this batch too
        // (once: the command keys not read as they arrived, CL-33, cost one more round trip), rather than waiting for
        // the lock again behind the other processes' batches
        if (tookLate || !this.lateInto || this.inbox.length === 0) break;
        tookLate = true;
        const late = this.inbox.splice(0);
        this.lateInto.push(...late);
        items.push(...late);
        await this.lookUpCommands(late, await this.withArrivalLookups(late, this.lookedUp));
      }
      const item = items[i]!;
      const { socketId, command } = item;
      const answer = (ack: Ack) => {
        item.answered = true;
        item.answer(ack);
      };
      const session = this.room.sessions.get(socketId);
      if (!session) {
        answer(fail('NOT_JOINED', 'This connection is closed.'));
        continue;
      }
      if (this.room.deleted()) {
        answer(fail('NOT_FOUND', 'This board was deleted.'));
        continue;
      }
      try {
        if (runsAlone(command)) {
          if ((await this.flush(batch, mayRetry)) === 'retry') return 'retry';
          // CL-20: what it does outside (an email) cannot be taken back, so with several processes it runs only
          // under the board's lock, where no other process's change can make its record stale
          if (this.room.deps.cluster && !this.holdsBoardLock) return 'retry';
          answer(await this.runAlone(session, command));
          batch = this.newBatch();
          continue;
        }
        batch.answerLater(answer, command.type === 'join' ? this.room.stageJoin(session, command, batch) : await this.room.stage(session, command, batch));
        // UI-22: once stored, the personal views this connection gets say they include this command, so the
        // browser does not count it again on top of them while its answer is on the way
        if (command.type !== 'join' && session.kind === 'joined') batch.afterCommit.push(() => (session.lastDecided = command.id));
      } catch (err) {
        this.room.deps.logger.error({ err, board: this.room.id, type: command.type }, 'command failed');
        answer(fail('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
      }
    }
    return (await this.flush(batch, mayRetry)) === 'retry' ? 'retry' : 'done';
  }

  /**
   * BD-1, SU-1: commands that act outside the board's storage, decided and carried out on their own. The
   * summary email is recorded like any command once sent, so a resend of it sends nothing again (CM-3).
   */
  private async runAlone(session: Session, command: AloneCommand): Promise<Ack> {
    const done = await this.room.actAlone(session, command);
    if (done) return done;
    const batch = this.newBatch();
    const staged = await this.room.stage(session, command, batch).catch((err: unknown) => {
      this.room.fanout.release();
      throw err;
    });
    let answer: Ack = staged;
    batch.answerLater((ack) => (answer = ack), staged);
    await this.flush(batch);
    return answer;
  }

  /** CM-4: a new batch; what is staged in it stays out of every view until it is stored (or rolled back). */
  private newBatch(): PendingBatch {
    this.room.fanout.holdBack();
    return new PendingBatch();
  }

  /**
   * Stores a batch in one transaction, then shows it: knock answers and sign-outs, one projection and one
   * round of personal views for the whole batch, and every answer. If the store fails, the room goes back to
   * what the store holds and the whole batch is answered INTERNAL (CM-2: nothing acknowledged is lost,
   * nothing unacknowledged is shown).
   */
  private async flush(batch: PendingBatch, mayRetry = false): Promise<'stored' | 'failed' | 'retry'> {
    const { id, deps, copy, fanout } = this.room;
    let outcome: 'stored' | 'failed' | 'retry' = 'stored';
    let unknown = false;
    try {
      // CL-2: a refusal stands only if this copy is the stored board (a change is checked under the lock instead)
      if (mayRetry && batch.refusals > 0 && deps.cluster && (await deps.cluster.storedVersion(id)) !== copy.storedVersion) {
        throw new StaleCopy(id);
      }
      // CL-33, CM-3: nor if its command was stored through another process after its key was read here (read before the
      // board's lock was held, or as it arrived): a resend whose first copy was applied there is answered from the store
      if (mayRetry && deps.cluster && batch.refusedKeys.length > 0 && (await this.storedSince(batch.refusedKeys))) {
        throw new CommandKeyTaken(`command key already used on board ${id}`);
      }
      if (batch.writes) {
        // AR-1: only the parts that changed (a vote writes the marks, not every card's text)
        const anonymousState = batch.anonymousChanged ? copy.changedParts() : undefined;
        const anonymousBytes = (anonymousState?.cards?.length ?? 0) + (anonymousState?.marks?.length ?? 0);
        const started = deps.now();
        const { lastSeq } = await deps.store.commitBatch(id, {
          participants: batch.participants,
          commands: batch.commands,
          events: batch.events,
          ...(anonymousBytes > 0 ? { anonymousState } : {}),
          ...(copy.storedVersion !== undefined ? { expectedVersion: copy.storedVersion } : {}),
          ...(this.holdsBoardLock ? { underBoardLock: true } : {}),
        });
        this.lastCommitEndedAt = deps.now();
        this.lastCommitMs = anonymousBytes >= BIG_STATE_BYTES && batch.size >= GROUP_COMMIT_MIN_BATCH ? this.lastCommitEndedAt - started : 0;
        copy.counted(batch, lastSeq, anonymousState);
      }
    } catch (err) {
      outcome = mayRetry && (err instanceof StaleCopy || err instanceof CommandKeyTaken) ? 'retry' : 'failed';
      if (outcome === 'failed') deps.logger.error({ err, board: id, commands: batch.size }, 'batch not stored');
      // CM-6: the commit may have been made: the room reads the board back all the same (as after any failure)
      unknown = err instanceof OutcomeUnknown;
      if (unknown) {
        for (const { commandKey } of batch.commands) if (this.unsure.size < MAX_UNSURE_KEYS) this.unsure.add(commandKey);
        // (and if it was made, whenever this process reads that, it tells the others, as the commit would have)
        copy.commitUnanswered();
      }
      await this.room.rollback(batch);
    } finally {
      fanout.release();
    }
    if (outcome === 'retry') return outcome;
    if (outcome === 'failed') {
      batch.answerAll(unknown ? outcomeUnknown() : fail('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
      return outcome;
    }
    if (batch.size === 0) return outcome;
    // (a closure only when it waits for the lock: a join that stores nothing makes none)
    if (this.showsAfterLock) this.showsAfterLock.push(() => this.show(batch));
    else this.show(batch);
    return outcome;
  }

  /** A stored batch shown: knock answers and sign-outs, its fan-out, then its answers. */
  private show(batch: PendingBatch): void {
    for (let i = 0; i < batch.afterCommit.length; i++) batch.afterCommit[i]!();
    this.room.fanout.publish(batch.published);
    // AC-5 AR-6: an action's deletion is answered once its notes are out of the stored notes too; PE-9: a phase
    // change once the notes are one snapshot, with nothing of words erased in them
    const events = batch.published.length === 1 ? batch.published[0]!.events : batch.published.flatMap((c) => c.events);
    const deleted = deletedActionIds(events);
    const phaseChanged = events.some(isPhaseChange);
    if (deleted.length === 0 && !(phaseChanged && this.room.fanout.notesInPieces)) return batch.answerAll();
    Promise.resolve()
      .then(() => (deleted.length > 0 ? this.room.fanout.takeBackActionNotes(deleted) : undefined))
      .then(() => (phaseChanged ? this.room.fanout.foldNotes() : undefined))
      .catch((err: unknown) => this.room.deps.logger.error({ err, board: this.room.id, doc: 'notes' }, 'notes not compacted'))
      .finally(() => batch.answerAll());
  }
}
