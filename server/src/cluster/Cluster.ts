import { randomBytes } from 'node:crypto';
import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { RoomCluster } from './RoomCluster.js';
import type { PostgresStore } from '../storage/postgres.js';
import type { BoardChanges, CopyMark } from '../storage/BoardStore.js';
import { WRITER_LEASE_MS, WriterLeases } from './WriterLeases.js';
import { SharedTickets } from './SharedTickets.js';
import { type SampledWarnings, sampleWarnings } from '../logSampler.js';
import { UnannouncedCommits } from './UnannouncedCommits.js';
import { type AnnouncedChange, openChange, sealChange } from './announcedChange.js';
import { type CardsMovingBatch, type DocName, LIMITS } from '@candor/shared';
import type { MovingElsewhere } from '../transport/socketio.js';

/** CL-7: how often each process repeats who is connected through it, and after how many silent periods it counts as gone. */
export const PRESENCE_HEARTBEAT_MS = 2_000;
const PRESENCE_MISSED_BEATS = 3;
/**
 * CL-31: a process that has not heard one of its own messages come back from Redis for this long takes Redis for
 * silent (a partition, a frozen host: its connections stay open, nothing says so) and reads PostgreSQL instead,
 * every presence period, until it hears itself again. Its own messages come back within milliseconds otherwise.
 */
export const REDIS_SILENT_AFTER_MS = 3_000;
/**
 * CL-32: at most this many publishes (and this many bytes of them) wait for Redis's answer at once; past either, a
 * message is not sent and its board is told about later as changed (`stored`). Each process's own messages come back
 * within milliseconds, so only a Redis that answers nothing (before it is taken for silent, CL-31) fills them.
 */
export const MAX_UNANSWERED_PUBLISHES = 10_000;
export const MAX_UNANSWERED_PUBLISH_BYTES = 8 * 1024 * 1024;
const CHANNEL_PREFIX = 'candor:board:';

/**
 * What crosses Redis, on one pub/sub channel per board (CL-5): that the board changed and its new version
 * (each process reads the change from PostgreSQL; CL-29: or, for cards only added, from the cards' stored entries
 * the announcement carries, sealed), a stored notes update (the notes are the
 * room's shared, unattributed text), who is connected through a process (presence is public), that a board
 * was deleted. Pub/sub keeps nothing: a process that was not listening reads PostgreSQL instead.
 */
type Message =
  | { kind: 'changed'; version: number; sealed?: string }
  | { kind: 'notes'; count: number; update: string }
  | { kind: 'presence'; online: string[] }
  | { kind: 'hello' }
  | { kind: 'knock'; knock: { id: string; participantId: string; name: string } }
  | { kind: 'unknock'; knockId: string }
  | { kind: 'knockAnswer'; knockId: string; admitted: boolean }
  | { kind: 'moving'; batch: CardsMovingBatch }
  | { kind: 'deleted' }
  /**
   * CL-32: what this process stored of the board while it could not say so (Redis silent): read it from PostgreSQL;
   * CL-6: or notes it could not store at first, stored since in a snapshot
   */
  | { kind: 'stored' };

/**
 * CL-32: what is not queued while Redis is taken for silent: a change or a notes update is said again once Redis
 * answers (as `stored`, one a board: the others read what changed from PostgreSQL, so the latest word is enough), and
 * presence and "being moved" are repeated or moot by then (CL-7, MV-1). Knocks, their answers and deletions still queue.
 */
const WITHHELD_WHILE_SILENT: ReadonlySet<Message['kind']> = new Set(['changed', 'notes', 'stored', 'hello', 'presence', 'moving']);
const TOLD_AGAIN: ReadonlySet<Message['kind']> = new Set(['changed', 'notes', 'stored']);

/** The cluster's two Redis connections (publishing, and the subscription); ioredis is loaded only here. */
export async function openCluster(
  redisUrl: string,
  versions: PostgresStore,
  logger: Logger,
  settings: ClusterSettings,
  now: () => number = Date.now,
): Promise<Cluster> {
  const { Redis } = await import('ioredis');
  const options: RedisOptions = { lazyConnect: false, maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: (times: number) => Math.min(times * 100, 1_000) };
  return new Cluster({ pub: new Redis(redisUrl, options), sub: new Redis(redisUrl, options) }, versions, logger, settings, now);
}

export interface ClusterSettings {
  leaseMs?: number | undefined;
  /** CL-12: seals document tickets (derived from the server key) */
  ticketKey: Buffer;
  /** CL-29: seals what an announcement carries of a change (derived from the server key) */
  changesKey: Buffer;
}

/** What the cluster needs of the registry: the rooms this process has loaded. */
export interface LoadedRooms {
  peek(boardId: string): BoardRoom | undefined;
  loaded(): Iterable<BoardRoom>;
}

/**
 * CL-*: several Candor processes serving the same boards, on one PostgreSQL (where every command is decided
 * against the stored board, see BoardRoom + StaleCopy) and one Redis, through which each process tells the
 * others what changed, so that they catch up and send their own connections what changed for them.
 */
export class Cluster implements RoomCluster, MovingElsewhere {
  readonly processId = randomBytes(8).toString('base64url');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private rooms: LoadedRooms | null = null;
  /** board → process → who is connected through it, and until when that holds without a new beat */
  private readonly elsewhere = new Map<string, Map<string, { online: Set<string>; until: number }>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly ticketSweep: NodeJS.Timeout;
  private everReady = false;
  private movingListener: ((boardId: string, batch: CardsMovingBatch) => void) | null = null;
  private readonly leases: WriterLeases;
  private readonly tickets: SharedTickets;
  private readonly changesKey: Buffer;
  /** CL-31: since when a message this process published has not come back (null: everything came back) */
  private unheardSince: number | null = null;
  /** CL-31: Redis is taken for silent: boards are polled in PostgreSQL (board → the notes' stored mark last seen) */
  private silent: Map<string, string> | null = null;
  private polling = false;
  /** CL-31: when the last presence beat ran */
  private lastBeat: number;
  /** CL-32: publishes Redis has not answered yet, and their bytes */
  private unanswered = { count: 0, bytes: 0 };
  /** CL-32: boards whose change or notes update was not published (Redis silent, or too much unanswered) */
  private readonly untold = new Set<string>();
  /** CM-6: commits made on PostgreSQL's waking whose sender was killed before it could announce them */
  private readonly unannounced: UnannouncedCommits;
  /** AB-9: Redis's connection errors, sampled */
  private readonly redisTrouble: SampledWarnings;

  constructor(
    redis: { pub: Redis; sub: Redis },
    private readonly versions: PostgresStore,
    private readonly logger: Logger,
    settings: ClusterSettings,
    private readonly now: () => number = Date.now,
  ) {
    const leaseMs = settings.leaseMs ?? WRITER_LEASE_MS;
    this.leases = new WriterLeases(versions, this.processId, leaseMs, () => this.rooms?.loaded() ?? [], logger);
    this.changesKey = settings.changesKey;
    this.redisTrouble = sampleWarnings(logger);
    this.pub = redis.pub;
    this.sub = redis.sub;
    // AB-9: ioredis says so at each failed reconnection, up to twice a second for as long as Redis stays away (down, or
    // a wrong password that never heals): the first few lines of each minute, then a count
    for (const client of [this.pub, this.sub]) client.on('error', (err: Error) => this.redisTrouble.warn('redis connection problem', { reason: err.message }, 'redis connection problem'));
    this.sub.on('pmessage', (_pattern: string, channel: string, raw: string) => this.receive(channel.slice(CHANNEL_PREFIX.length), raw));
    this.sub.on('ready', () => {
      void this.sub.psubscribe(`${CHANNEL_PREFIX}*`);
      // CL-9: after Redis came back, whatever was published meanwhile is read from PostgreSQL instead (and CL-31's
      // polling, if Redis was taken for silent first, ends here rather than with a second reading once it is heard)
      this.silent = null;
      if (this.everReady) this.resync();
      this.everReady = true;
      this.tellUntold();
    });
    this.unannounced = new UnannouncedCommits(versions, logger);
    this.tickets = new SharedTickets(settings.ticketKey, (hash, until) => versions.spendTicket(hash, until), now);
    // CL-12: the marks of expired tickets go, by every process now and then (a spending never waits on it)
    this.ticketSweep = setInterval(() => {
      versions.dropSpentTickets(this.now()).catch((err: Error) => this.logger.warn({ reason: err.message }, 'spent tickets not dropped'));
    }, LIMITS.docTicketTtlMs);
    this.ticketSweep.unref();
    this.lastBeat = now();
    this.heartbeat = setInterval(() => this.beat(), PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Connects the cluster to this process's rooms (the registry, once it exists). */
  attach(rooms: LoadedRooms): void {
    this.rooms = rooms;
  }

  /** A board was loaded here: the others say who is connected through them; its writer lease is tried at once. */
  roomLoaded(boardId: string): void {
    this.publish(boardId, { kind: 'hello' });
    const room = this.rooms?.peek(boardId);
    if (room) this.leases.claim(room).catch((err: Error) => this.logger.warn({ board: boardId, reason: err.message }, 'board writer lease not taken'));
  }

  issueTicket(boardId: string, participantId: string, doc: DocName): string {
    return this.tickets.issue(boardId, participantId, doc);
  }

  redeemTicket(ticket: string, boardId: string, doc: DocName): Promise<string | null> {
    return this.tickets.redeem(ticket, boardId, doc);
  }

  writerEpoch(boardId: string): number | null {
    return this.leases.epoch(boardId);
  }

  storedVersion(boardId: string): Promise<number | null> {
    return this.versions.storedVersion(boardId);
  }

  serialize<T>(boardId: string, work: (storedVersion: number | null, changes?: BoardChanges | null) => Promise<T>, since?: CopyMark, partsBelow?: number): Promise<T> {
    return this.versions.withBoardLock(boardId, work, since, partsBelow);
  }

  committed(boardId: string, version: number, change?: AnnouncedChange): void {
    this.publish(boardId, { kind: 'changed', version, ...(change ? { sealed: sealChange(this.changesKey, boardId, version, change) } : {}) });
  }

  presenceChanged(boardId: string, online: readonly string[]): void {
    this.publish(boardId, { kind: 'presence', online: [...online] });
  }

  onlineElsewhere(boardId: string, participantId: string): boolean {
    const now = this.now();
    for (const entry of this.elsewhere.get(boardId)?.values() ?? []) if (entry.until > now && entry.online.has(participantId)) return true;
    return false;
  }

  notesStored(boardId: string, update: Uint8Array, count: number): void {
    this.publish(boardId, { kind: 'notes', count, update: Buffer.from(update).toString('base64') });
  }

  deleted(boardId: string): void {
    this.publish(boardId, { kind: 'deleted' });
  }

  notesRewritten(boardId: string): void {
    this.publish(boardId, { kind: 'stored' });
  }

  knocked(boardId: string, knock: { id: string; participantId: string; name: string }): void {
    this.publish(boardId, { kind: 'knock', knock });
  }

  knockGone(boardId: string, knockId: string): void {
    this.publish(boardId, { kind: 'unknock', knockId });
  }

  knockAnswered(boardId: string, knockId: string, admitted: boolean): void {
    this.publish(boardId, { kind: 'knockAnswer', knockId, admitted });
  }

  /** CL-13: MV-1 batches ("being moved", card ids only) for the others' connections */
  publishMoving(boardId: string, batch: CardsMovingBatch): void {
    this.publish(boardId, { kind: 'moving', batch });
  }

  onMoving(listener: (boardId: string, batch: CardsMovingBatch) => void): void {
    this.movingListener = listener;
  }

  /** CL-32: how many publishes wait for Redis's answer, and their bytes (what a silent Redis leaves in this process's memory) */
  unansweredPublishes(): { count: number; bytes: number } {
    return { ...this.unanswered };
  }

  /** `probe`: sent even while Redis is taken for silent, so that its coming back says Redis answers again (CL-31) */
  private publish(boardId: string, message: Message, probe = false): void {
    const withhold = () => {
      if (TOLD_AGAIN.has(message.kind)) this.untold.add(boardId);
    };
    // (withheld while silent before it is serialised: a busy board's every change would be, for nothing)
    if (this.silent && !probe && WITHHELD_WHILE_SILENT.has(message.kind)) return withhold();
    const raw = JSON.stringify({ from: this.processId, ...message });
    const bytes = Buffer.byteLength(raw);
    if (this.unanswered.count >= MAX_UNANSWERED_PUBLISHES || this.unanswered.bytes + bytes > MAX_UNANSWERED_PUBLISH_BYTES) return withhold();
    this.unheardSince ??= this.now();
    this.unanswered.count++;
    this.unanswered.bytes += bytes;
    this.pub
      .publish(CHANNEL_PREFIX + boardId, raw)
      .catch((err: Error) => {
        // the others catch up from PostgreSQL on their next change, or when Redis is back (CL-9)
        this.logger.warn({ board: boardId, reason: err.message }, 'could not tell the other processes');
      })
      .finally(() => {
        this.unanswered.count--;
        this.unanswered.bytes -= bytes;
      });
  }

  /** CL-32: the boards whose changes were not published are said to have changed, once each (the others read PostgreSQL) */
  private tellUntold(): void {
    if (this.silent) return;
    const boards = [...this.untold];
    this.untold.clear();
    for (const boardId of boards) this.publish(boardId, { kind: 'stored' });
  }

  private receive(boardId: string, raw: string): void {
    let message: Message & { from: string };
    try {
      message = JSON.parse(raw) as Message & { from: string };
    } catch {
      return;
    }
    if (message.from === this.processId) return this.heardItself();
    const room = this.rooms?.peek(boardId);
    if (!room) return;
    const failed = (err: unknown) => this.logger.error({ err, board: boardId, kind: message.kind }, 'could not follow another process');
    switch (message.kind) {
      case 'changed': {
        // CL-29: what the announcement carries of the change, if it opens (else the change is read from PostgreSQL)
        const change = message.sealed === undefined ? null : openChange(this.changesKey, boardId, message.version, message.sealed);
        return void room.catchUpTo(message.version, change ?? undefined).catch(failed);
      }
      case 'notes':
        return void room.documents.receiveStored('notes', new Uint8Array(Buffer.from(message.update, 'base64')), message.count).catch(failed);
      case 'presence':
        return this.presenceFrom(room, message.from, message.online);
      case 'hello':
        for (const knock of room.door.localKnocks()) this.knocked(boardId, knock);
        return this.presenceChanged(boardId, room.onlineHere());
      case 'knock':
        return room.door.knockFromElsewhere(message.knock);
      case 'unknock':
        return room.door.knockGoneElsewhere(message.knockId);
      case 'knockAnswer':
        if (room.door.localKnocks().some((k) => k.id === message.knockId)) room.door.answerKnock(message.knockId, message.admitted);
        return;
      case 'deleted':
        return room.deletedHere();
      case 'stored':
        void room.catchUpTo(null).catch(failed);
        return void room.documents.refreshFromStore('notes').catch(failed);
      case 'moving':
        return this.movingListener?.(boardId, message.batch);
    }
  }

  private presenceFrom(room: BoardRoom, processId: string, online: string[]): void {
    const byProcess = this.elsewhere.get(room.id) ?? new Map<string, { online: Set<string>; until: number }>();
    this.elsewhere.set(room.id, byProcess);
    const before = byProcess.get(processId)?.online ?? new Set<string>();
    const now = new Set(online);
    byProcess.set(processId, { online: now, until: this.now() + PRESENCE_HEARTBEAT_MS * PRESENCE_MISSED_BEATS });
    const changed = [...before].filter((id) => !now.has(id)).concat(online.filter((id) => !before.has(id)));
    if (changed.length > 0) room.presenceElsewhereChanged(changed);
  }

  /**
   * Repeats who is connected here (for every loaded board) and forgets processes that fell silent (kill -9) — unless
   * Redis is what fell silent (CL-31): then nothing is heard from anyone, and the boards are read from PostgreSQL.
   * Otherwise the loaded boards' versions are checked in one query (CM-6, `UnannouncedCommits`).
   */
  private beat(): void {
    if (!this.rooms) return;
    const now = this.now();
    // with no board loaded nothing is published, and nothing needs to be heard
    if (this.rooms.loaded()[Symbol.iterator]().next().done) this.unheardSince = null;
    // a beat late by as long as this process's own event loop was blocked: what Redis sent back meanwhile waits unread
    // in its socket (timers run before it is read), so that time does not count as Redis's silence (before, a stall of
    // 3 s right after a publish took Redis for silent and read every loaded board again)
    if (this.unheardSince !== null) this.unheardSince += Math.max(0, now - this.lastBeat - PRESENCE_HEARTBEAT_MS);
    this.lastBeat = now;
    if (!this.silent && this.unheardSince !== null && now - this.unheardSince >= REDIS_SILENT_AFTER_MS) {
      this.silent = new Map();
      this.logger.warn({ silentForMs: now - this.unheardSince }, 'Redis does not answer: reading the boards from PostgreSQL until it does');
    }
    if (this.silent) {
      void this.poll();
    } else {
      this.tellUntold();
      void this.unannounced.check([...this.rooms.loaded()]);
    }
    // CL-32: while Redis is silent, presence is not queued beat after beat: one message waiting to come back is enough
    // to hear Redis again, so one is sent only when none waits (a connection Redis ended drops what waited on it)
    let probe = this.silent !== null && this.unanswered.count === 0;
    for (const room of this.rooms.loaded()) {
      this.publish(room.id, { kind: 'presence', online: [...room.onlineHere()] }, probe);
      probe = false;
      const byProcess = this.elsewhere.get(room.id);
      if (!byProcess || this.silent) continue;
      for (const [processId, entry] of byProcess) {
        if (entry.until > now) continue;
        byProcess.delete(processId);
        room.presenceElsewhereChanged(entry.online);
      }
    }
  }

  /** CL-31: one of this process's own messages came back, so Redis answers: if it was taken for silent, fan-out is back. */
  private heardItself(): void {
    this.unheardSince = null;
    if (!this.silent) return;
    this.silent = null;
    this.logger.warn({}, 'Redis answers again');
    // what was published meanwhile arrives late or not at all: read once more what every board holds
    this.resync();
    this.tellUntold();
  }

  /**
   * CL-31: while Redis is silent, what the others stored is read from PostgreSQL: each loaded board's change counter
   * and notes mark in one round trip, then a catch-up (CL-17) of the boards that changed elsewhere, and the notes
   * of those whose stored notes changed (all of them the first time). A board gone from the store was deleted.
   */
  private async poll(): Promise<void> {
    const marks = this.silent;
    if (!this.rooms || !marks || this.polling) return;
    this.polling = true;
    try {
      const rooms = [...this.rooms.loaded()];
      const stored = await this.versions.storedMarks(rooms.map((room) => room.id));
      for (const room of rooms) {
        const mark = stored.get(room.id);
        const failed = (err: unknown) => this.logger.error({ err, board: room.id }, 'could not catch up while Redis is silent');
        if (!mark) {
          room.deletedHere();
          continue;
        }
        if (room.isBehind(mark.version)) void room.catchUpTo(mark.version).catch(failed);
        if (marks.get(room.id) !== mark.notes) {
          marks.set(room.id, mark.notes);
          void room.documents.refreshFromStore('notes').catch(failed);
        }
      }
    } catch (err) {
      this.logger.error({ err }, 'could not poll the boards while Redis is silent');
    } finally {
      this.polling = false;
    }
  }

  /** CL-9: every loaded board catches up from PostgreSQL (commands and notes) and says who is here. */
  private resync(): void {
    if (!this.rooms) return;
    for (const room of this.rooms.loaded()) {
      const failed = (err: unknown) => this.logger.error({ err, board: room.id }, 'could not catch up after Redis came back');
      void room.catchUpTo(null).catch(failed);
      void room.documents.refreshFromStore('notes').catch(failed);
      this.roomLoaded(room.id);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    clearInterval(this.ticketSweep);
    this.unannounced.close();
    await this.leases.close();
    this.sub.disconnect();
    await this.pub.quit().catch(() => this.pub.disconnect());
    this.redisTrouble.flush();
  }
}
