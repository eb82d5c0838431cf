import { type BoardEvent, type BoardState, emptyBoard, evolve, evolveRoster, ownMarksKey, publicMarksKey } from '@candor/shared';
import {
  ANONYMOUS_PARTS,
  type AnonymousPart,
  type AnonymousWrite,
  type BoardChanges,
  type CopyMark,
  type LoadedBoard,
  anonymousDigest,
} from '../storage/BoardStore.js';
import { AnonymousState } from '../storage/anonymousState.js';
import { WritersSeal } from '../storage/sealedWriters.js';
import { addedRows, followsWithoutGap, rowKey, withoutAnonymousFacts, withoutMarks } from './copyChanges.js';
import type { Admission } from './admission.js';
import type { PendingBatch } from './PendingBatch.js';
import type { Presence } from './Presence.js';
import type { Identities } from './RoomJoin.js';
import type { JoinedSession, Session } from './Session.js';
import type { RoomDeps } from './roomPorts.js';
import { ANNOUNCED_CARDS_MAX_BYTES, type AnnouncedChange } from '../cluster/announcedChange.js';

/** CL-24: what changed on the board since `since`, read by the caller (with the board's lock) */
export interface PrefetchedChanges {
  since: CopyMark;
  changes: BoardChanges | null;
}

/** CL-29: how many announced changes a copy keeps while it is not at the version before them (a few: they come in order) */
const ANNOUNCEMENTS_KEPT = 8;

const sameMark = (a: CopyMark, b: CopyMark) =>
  a.afterSeq === b.afterSeq && a.participantsDigest === b.participantsDigest && ANONYMOUS_PARTS.every((part) => a.anonymousDigests[part] === b.anonymousDigests[part]);

/** What of its room a copy reads and rebuilds. */
export interface CopyOfRoom {
  id: string;
  /** the room's live state: folded into at the load, rebuilt in place afterwards */
  state: BoardState;
  deps: RoomDeps;
  sessions: ReadonlyMap<string, Session>;
  presence: Presence;
  identities: Identities;
  admission: Admission;
  /** connected here, or (CL-7) through another process */
  isOnline(participantId: string): boolean;
}

/**
 * A room's copy of the stored board, and where it stands against the store. The state is the fold of what is
 * stored — the public log (`evolve`), the anonymous state (AR-1), the participant rows (`participant.joined`,
 * `evolveRoster`) — plus who is connected. With several processes (CL-1, CL-2, CL-17) the copy knows the
 * stored version it stands at and catches up by folding what changed, or by rebuilding from everything stored.
 */
export class StoredCopy {
  /** AN-10: seals the writers stored with the cards, and opens them at a load, under the server key */
  private readonly writers: WritersSeal;
  /** the anonymous facts' at-rest form: per-fact tags and recognition of returning people (AR-2) */
  private anonymous: AnonymousState;
  /** AR-2: loaded participants whose stored facts still wait for them (recognition runs once per person) */
  private unrecognised = new Set<string>();
  /** CL-2: the stored board's change counter this copy stands at (undefined: this process is the only one) */
  storedVersion: number | undefined;
  /** how many stored events this copy has folded (CL-1: the rest are new to it) */
  private foldedEvents = 0;
  /** events folded by a rebuild whose fan-out has not happened yet */
  private unsettled: BoardEvent[] = [];
  /**
   * CL-26: whose personal view what was folded since the last `takeUnsettled` may have changed: everyone, or (cards
   * only added elsewhere) the people here who were handed some of them (AR-2).
   */
  private unsettledFor: Set<string> | 'everyone' = new Set();
  /** CL-28: whether what was folded since the last `takeUnsettled` may have changed the public view */
  private unsettledPublic = false;
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
  /** CL-29: changes announced with what they changed (by the version each made), not folded yet */
  private readonly announcements = new Map<number, AnnouncedChange>();
  /** CL-29: when the last one came */
  private announcedAt = Number.NEGATIVE_INFINITY;
  /**
   * CM-6: the version a commit this process sent and never heard back about was decided against (null: none). The
   * commit may be made after it was given up — by a PostgreSQL waking, even after the board was read back — and then
   * nobody announced it (CL-1): the first time this copy reads the store past that version, it announces what it read.
   */
  private unansweredAt: number | null = null;

  constructor(private readonly room: CopyOfRoom) {
    this.writers = new WritersSeal(room.deps.keyring.cardWritersKeys());
    this.anonymous = new AnonymousState(this.writers);
  }

  /** The first fold, when the room is loaded. */
  load(loaded: LoadedBoard): void {
    this.foldStored(this.room.state, loaded);
    this.foldedEvents = loaded.events.length;
  }

  /**
   * Folds what the store holds into `state`: the participant rows, the public log, the anonymous state. Who
   * is connected is runtime: someone connected here stays online, everyone else is away (since they were
   * last seen, or since now: FA-3 counts a restart as everyone leaving).
   */
  private foldStored(state: BoardState, loaded: LoadedBoard): void {
    const { deps, presence, identities } = this.room;
    const at = deps.now();
    for (const p of loaded.participants) {
      evolveRoster(state, { type: 'participant.joined', participantId: p.id, name: p.name, handle: p.handle });
      const online = this.room.isOnline(p.id);
      evolveRoster(state, { type: 'presence.changed', participantId: p.id, online, at: this.room.state.participants.get(p.id)?.offlineSince ?? at });
    }
    identities.load(loaded.participants, presence.online());
    for (const { event } of loaded.events) evolve(state, event);
    // CL-17: with several processes, recognising people again after each rebuild reuses their slot blocks
    const slotKeys = deps.cluster ? (this.mark?.slotKeys ?? new Map<string, string>()) : undefined;
    const slotTags = deps.cluster ? (this.mark?.slotTags ?? new Map<string, string>()) : undefined;
    this.anonymous = new AnonymousState(this.writers, { slotKeys, slotTags });
    this.anonymous.load(state, loaded.anonymousState);
    this.unrecognised = new Set(loaded.participants.map((p) => p.id));
    this.storedVersion = loaded.version;
    this.mark =
      deps.store.loadChanges && loaded.participantsDigest !== undefined
        ? {
            rows: new Map(loaded.participants.map((p) => [p.id, rowKey(p)])),
            participantsDigest: loaded.participantsDigest,
            anonymousDigests: { cards: anonymousDigest(loaded.anonymousState.cards), marks: anonymousDigest(loaded.anonymousState.marks) },
            slotKeys,
            slotTags,
          }
        : null;
  }

  /**
   * Rebuilds the board from the store (after a failed commit, or CL-1 to catch up on another process's
   * changes), keeping who is connected and recognising them again. The events it had not folded before wait
   * in `unsettled` for `takeUnsettled()`.
   */
  async reload(): Promise<void> {
    const { id, deps, state, presence, sessions, admission } = this.room;
    const loaded = await deps.store.loadBoard(id, { docs: false });
    if (!loaded) return;
    const before = state.participants;
    const fresh = emptyBoard(id, loaded.record.createdAt);
    fresh.knocks = state.knocks;
    this.foldStored(fresh, loaded);
    // CL-4: someone forgotten through another process (AB-6) stays while connected here
    for (const [participantId, known] of before) {
      if (fresh.participants.has(participantId) || !presence.isOnline(participantId)) continue;
      fresh.participants.set(participantId, { ...known, isFacilitator: fresh.facilitatorId === participantId });
    }
    for (const session of sessions.values()) if (session.kind === 'joined') this.recognise(fresh, session);
    const newcomers = [...fresh.participants.keys()].filter((participantId) => !before.has(participantId));
    Object.assign(state, fresh);
    this.anonymous.stateReplacedBy(state);
    // AB-6: what they did through another process is not known here, as for people loaded from storage
    for (const participantId of newcomers) admission.markActive(participantId);
    this.unsettled.push(...loaded.events.slice(this.foldedEvents).map((e) => e.event));
    this.unsettledFor = 'everyone';
    this.unsettledPublic = true;
    this.foldedEvents = loaded.events.length;
    this.readPast(true);
  }

  /** CL-17: where this copy stands against the store, to read what changed since (null: the store cannot say) */
  changesMark(): CopyMark | null {
    const { mark } = this;
    if (!mark) return null;
    return { afterSeq: this.foldedEvents, participantsDigest: mark.participantsDigest, anonymousDigests: { ...mark.anonymousDigests } };
  }

  /**
   * CL-17: reads what changed since this copy was built or last caught up — the events after the last one it
   * folded, the participant rows if their digest changed, the anonymous state if its digest changed — and
   * folds that onto the copy, to the state `reload` would build. False, with nothing changed, when the
   * store cannot say what changed or the change is not one to fold (a gap in the events, a row that changed or
   * went): the caller then rebuilds the whole copy.
   */
  async foldChanges(prefetched?: PrefetchedChanges): Promise<boolean> {
    const { id, deps } = this.room;
    if (!this.mark || !deps.store.loadChanges) return false;
    // CL-29: what announcements brought first: the copy may then stand where the lock's read found the board
    const at = prefetched?.changes?.version;
    if (this.foldAnnounced(at ?? Number.POSITIVE_INFINITY) && at !== undefined) return true;
    const since = this.changesMark()!;
    // CL-24: what was read with the board's lock, if this copy stood then where it stands now
    let changes = prefetched && sameMark(prefetched.since, since) ? prefetched.changes : await deps.store.loadChanges(id, since);
    // CL-29: a big part the lock's read left for an announcement that did not bring it
    if (changes?.unread) changes = await deps.store.loadChanges(id, since);
    return this.fold(changes);
  }

  /**
   * CL-29: another process announced the change that made the board `version`, with what it changed (cards only
   * added: their stored entries, and the digests of the cards part before and after); kept until a catch-up folds it.
   */
  announced(version: number, change: AnnouncedChange): void {
    if (this.storedVersion === undefined || version <= this.storedVersion) return;
    this.announcedAt = this.room.deps.now();
    this.announcements.set(version, change);
    if (this.announcements.size > ANNOUNCEMENTS_KEPT) this.announcements.delete(this.announcements.keys().next().value!);
  }

  /** CL-29: whether an announcement brought what a change made in the last `ms` */
  announcedWithin(ms: number): boolean {
    return this.room.deps.now() - this.announcedAt < ms;
  }

  /**
   * CL-29: folds the announced changes that follow the copy's version, one after another, each only if its cards
   * were added to the part this copy holds (by digest; else it is dropped, and the store is read); whether the copy
   * then stands at `upTo` or further. Nothing is read from the store.
   */
  foldAnnounced(upTo: number): boolean {
    for (;;) {
      const at = this.storedVersion;
      if (at === undefined) return false;
      for (const version of this.announcements.keys()) if (version <= at) this.announcements.delete(version);
      if (at >= upTo) return true;
      const change = this.announcements.get(at + 1);
      if (!change) return false;
      this.announcements.delete(at + 1);
      // added to the very part this copy holds (both digests are of what was stored), else the store is read
      if (this.mark?.anonymousDigests.cards !== change.cards.base) return false;
      // no event, no row, the marks as they were: only the cards part changed
      const cards = { blob: null, digest: change.cards.digest };
      if (!this.fold({ version: at + 1, lastSeq: this.foldedEvents, events: [], participants: null, anonymousParts: { cards } }, change)) return false;
    }
  }

  /** CL-17: folds what changed since this copy's mark onto it; false, with nothing changed, when it cannot */
  private fold(changes: BoardChanges | null, announced?: AnnouncedChange): boolean {
    const { mark } = this;
    const { deps, state, sessions, identities, admission } = this.room;
    if (!mark || !changes || !followsWithoutGap(changes, this.foldedEvents)) return false;
    // CL-29: an announced change is cards only added (no row, no event): folded here, or not at all
    if (announced && !this.anonymous.foldAnnouncedCards(state, announced.cards.added, announced.cards.digest, announced.cards.writers)) return false;
    const added = changes.participants ? addedRows(mark.rows, changes.participants.rows) : [];
    if (!added) return false;
    const at = deps.now();
    for (const p of added) {
      // as `foldStored` folds a row, and as `reload` treats a newcomer (AB-6)
      evolveRoster(state, { type: 'participant.joined', participantId: p.id, name: p.name, handle: p.handle });
      evolveRoster(state, { type: 'presence.changed', participantId: p.id, online: this.room.isOnline(p.id), at });
      identities.add(p.id, p.authHash);
      admission.markActive(p.id);
      this.unrecognised.add(p.id);
      mark.rows.set(p.id, rowKey(p));
    }
    for (const { event } of changes.events) evolve(state, event);
    const { cards, marks } = changes.anonymousParts;
    // CL-26: cards only added elsewhere, and nothing else, change the personal views of their authors alone
    let onlyCardsAdded = false;
    let marksBefore: Map<string, string> | null = null;
    let publicBefore: string | null = null;
    if (announced || (cards && !marks && cards.blob && this.anonymous.foldAddedCards(state, cards.blob, cards.json))) {
      // cards were only added elsewhere (a busy Write): they wait for their owners, the rest stays as it is
      onlyCardsAdded = added.length === 0 && changes.events.every(({ event }) => event.type === 'card.added');
    } else if (cards) {
      // the cards changed: every anonymous fact is loaded again (the marks as this copy stored or now read them),
      // and waits for its owner again
      const marksBlob = marks ? marks.blob : this.anonymous.storedMarksPart;
      withoutAnonymousFacts(state);
      this.anonymous = new AnonymousState(this.writers, { slotKeys: mark.slotKeys, slotTags: mark.slotTags });
      this.anonymous.load(state, { cards: cards.blob, marks: marksBlob });
    } else if (marks) {
      // AR-1: only the marks changed (votes, answers): the cards stay as they are, with their owners
      // CL-27: and nothing else changed: what the people here had marked, to tell whose marks changed
      if (added.length === 0 && changes.events.length === 0) {
        marksBefore = ownMarksHere(state, sessions);
        publicBefore = publicMarksKey(state);
      }
      withoutMarks(state);
      this.anonymous.reloadMarks(state, marks.blob);
    }
    // CL-26, CL-27: the people here whose own cards or marks changed, when nothing else did
    const concerned = (onlyCardsAdded || marksBefore) && this.unsettledFor !== 'everyone' ? this.unsettledFor : null;
    if (!concerned) this.unsettledFor = 'everyone';
    if (cards || marks) {
      this.unrecognised = new Set(mark.rows.keys());
      for (const session of sessions.values()) {
        if (session.kind !== 'joined') continue;
        const before = concerned && onlyCardsAdded ? (state.cardsByAuthor.get(session.tags.authorTag)?.length ?? 0) : 0;
        this.recognise(state, session);
        if (!concerned) continue;
        if (onlyCardsAdded ? (state.cardsByAuthor.get(session.tags.authorTag)?.length ?? 0) !== before : marksBefore?.get(session.participantId) !== ownMarksOf(state, session)) {
          concerned.add(session.participantId);
        }
      }
      if (cards) mark.anonymousDigests.cards = cards.digest;
      if (marks) mark.anonymousDigests.marks = marks.digest;
    }
    // CL-28: marks that changed nothing the public view shows (a vote while the tallies are hidden) leave it as it was
    if (publicBefore === null || publicMarksKey(state) !== publicBefore) this.unsettledPublic = true;
    if (changes.participants) mark.participantsDigest = changes.participants.digest;
    this.unsettled.push(...changes.events.map((e) => e.event));
    this.foldedEvents = changes.lastSeq;
    this.storedVersion = changes.version;
    this.readPast(!announced);
    return true;
  }

  /**
   * CM-6: a commit of this copy's was sent and never answered: it was decided against the version the copy stands at,
   * so if it is made it makes the next one, and no other commit can be made against that version after it.
   */
  commitUnanswered(): void {
    if (this.storedVersion !== undefined) this.unansweredAt = this.storedVersion;
  }

  /**
   * CM-6: the copy stands past the version a commit left unanswered was decided against, so that commit was made (it
   * made the next version) or never will be. Read from the store (`fromStore`), the version is announced as a commit of
   * this process's would have been: the other processes hear of it whoever made it (a change they were told of
   * already is one they skip). Brought by an announcement, or by this process's own commit, it was announced already.
   */
  private readPast(fromStore: boolean): void {
    const at = this.unansweredAt;
    if (at === null || this.storedVersion === undefined || this.storedVersion <= at) return;
    this.unansweredAt = null;
    if (fromStore) this.room.deps.cluster?.committed(this.room.id, this.storedVersion);
  }

  /**
   * CL-1: the events folded by a rebuild or catch-up that nobody here was shown yet (they are taken once), and
   * (CL-26) whose personal views they may have changed.
   */
  takeUnsettled(): { events: BoardEvent[]; personalFor: ReadonlySet<string> | 'everyone'; publicChanged: boolean } {
    const fresh = { events: this.unsettled, personalFor: this.unsettledFor, publicChanged: this.unsettledPublic };
    this.unsettled = [];
    this.unsettledFor = new Set();
    this.unsettledPublic = false;
    return fresh;
  }

  /**
   * AR-2: hands a returning person their stored facts, once per person and room (not per connection). A newcomer
   * too, while stored facts wait: someone who only wrote, voted or answered and left was forgotten (AB-6), so they
   * come back as a newcomer with the same secret.
   */
  recognise(state: BoardState, session: JoinedSession, newcomer = false): void {
    if (!this.unrecognised.delete(session.participantId) && !(newcomer && this.anonymous.hasWaitingFacts())) return;
    this.anonymous.recognise(state, session.tags);
  }

  /** AR-1: the parts of the anonymous state the commands since the last commit changed, in their stored form. */
  changedParts(): AnonymousWrite {
    return this.anonymous.changedParts(this.room.state);
  }

  /**
   * CL-2: after this copy's change was stored, the copy stands one change further (CL-17: with the rows, events
   * and anonymous state it just stored); the others learn of it.
   */
  counted(batch: PendingBatch, lastSeq: number, anonymousState: AnonymousWrite | undefined): void {
    this.foldedEvents = lastSeq;
    let cardsDigest: string | null = null;
    const cardsBase = this.mark?.anonymousDigests.cards ?? null;
    if (this.mark) {
      for (const p of batch.participants) this.mark.rows.set(p.id, rowKey(p));
      for (const part of ANONYMOUS_PARTS) {
        const written = anonymousState?.[part];
        if (written) this.mark.anonymousDigests[part] = anonymousDigest(written);
      }
      cardsDigest = anonymousState?.cards ? this.mark.anonymousDigests.cards : null;
    }
    if (this.storedVersion === undefined) return;
    this.storedVersion += 1;
    this.readPast(false);
    const { cluster } = this.room.deps;
    if (!cluster) return;
    // CL-29: a batch that only added cards tells the others which, in their stored form, so that they need not read the part
    const added = cardsDigest && cardsBase && !anonymousState?.marks && batch.events.length === 0 && batch.participants.length === 0 ? this.anonymous.cardsOnlyAdded : null;
    const small = added && added.entries.length > 0 && added.entries.reduce((bytes, entry) => bytes + entry.length, 0) <= ANNOUNCED_CARDS_MAX_BYTES;
    cluster.committed(this.room.id, this.storedVersion, small ? { cards: { added: added.entries, base: cardsBase!, digest: cardsDigest!, writers: added.writers } } : undefined);
  }

  /** AB-6: someone who never did anything was removed from storage: the copy forgets them too. */
  forget(participantId: string): void {
    this.mark?.rows.delete(participantId);
    this.unrecognised.delete(participantId);
  }
}

/** CL-27: what a joined person marked (`ownMarksKey`), by the tags this process knows them by (AR-2) */
const ownMarksOf = (state: BoardState, session: JoinedSession): string =>
  ownMarksKey(state, { kind: 'participant', participantId: session.participantId, ...session.tags });

/** CL-27: what each person joined here marked, before a catch-up reloads the marks */
function ownMarksHere(state: BoardState, sessions: ReadonlyMap<string, Session>): Map<string, string> {
  const marked = new Map<string, string>();
  for (const session of sessions.values()) if (session.kind === 'joined' && !marked.has(session.participantId)) marked.set(session.participantId, ownMarksOf(state, session));
  return marked;
}
