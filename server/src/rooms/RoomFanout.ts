import { hash } from 'node:crypto';
import * as Y from 'yjs';
import {
  type BoardEvent,
  type BoardState,
  CardEntries,
  type PresenceChange,
  RevealKeys,
  type PublicBoardView,
  batchesPublicView,
  changesEveryonesView,
  changesPublicView,
  itemIds,
  notesKey,
  personalViewOf,
  projectBoardDoc,
  projectPresence,
  publicCardOf,
} from '@candor/shared';
import type { ForkedDocument, RoomDocuments } from './RoomDocuments.js';
import type { RoomDoor } from './RoomDoor.js';
import { QuietWait } from './QuietWait.js';
import type { JoinedSession, Session } from './Session.js';

/** Presence changes within this window are projected together. */
const PRESENCE_BATCH_MS = 25;
/**
 * RV-7: from this many cards a board keeps each card's document entry from when it is written. A small board's
 * reveal encodes its cards in its own turn in a millisecond or two, and a kept entry costs some 400 bytes of heap
 * a card (ME-*: the 240 cards of an 8-person board would be some 100 KB of it).
 */
export const CARD_ENTRIES_KEPT_FROM = 500;
/** RV-7: the cards a board had when it became big (or was loaded big) get their entries this many at a time, each batch a turn of its own */
export const CARD_ENTRIES_PER_TURN = 100;
/**
 * RV-7: that walk of the board's cards waits until the room has published nothing for this long: a room joining
 * after a restart (500 people within a few seconds) does not pay for it among its joins, nor have 1,500 entries and
 * keys made for its young collections to copy (issue 9's restart crowd: 0.06 ms less CPU a join; its p99 moved
 * within the bench's noise)
 */
export const CARD_ENTRIES_AFTER_QUIET_MS = 250;
/** RV-7: … but no longer than this: a room that is never quiet gets its entries (and a revealed board its kept order) anyway */
export const CARD_ENTRIES_WAIT_AT_MOST_MS = 5_000;

/**
 * RV-11: how long a big board in Write (from `CARD_ENTRIES_KEPT_FROM` cards) must be quiet before its reveal is made
 * ready: people have stopped writing, and the facilitator is about to reveal. Any change after it throws it away (and
 * it is made again once quiet).
 */
export const REVEAL_READY_AFTER_QUIET_MS = 250;

/**
 * RV-11: a reveal made ready: the board document as it will be once the room reveals (a fork with the reveal's
 * projection written into it), the update that wrote it (encoded for every peer already), and the one event the
 * room's reveal must be for the fork to be taken.
 */
interface ReadyReveal {
  event: string;
  fork: ForkedDocument;
  update: Uint8Array;
}

/** RV-11: what a room will be once it reveals: the reveal's event, and the public view then */
export interface RevealAhead {
  event: BoardEvent;
  view: PublicBoardView;
}

/**
 * A room's fan-out: the public view projected into the board document (which only the room writes), and
 * each person's own view to their sockets alone, only to those whose view can have changed and only when it
 * did. Bursts (a room joining, a round of reactions) are one projection.
 */
export class RoomFanout {
  private presenceTimer: NodeJS.Timeout | undefined;
  /** CM-4: while a batch is being stored its changes are in memory only: nothing is projected until it is */
  private heldBack = 0;
  private projectWhenReleased = false;
  /** CL-1: everyone's personal view goes out with the next projection (a catch-up changed what is not known one by one) */
  private everyoneWithNextProjection = false;
  /** CL-26: the people whose personal view goes out with the next projection (cards made elsewhere were handed to them) */
  private readonly personalWithNextProjection = new Set<string>();
  /**
   * the next projection is of the whole public view; while only presence changed (`presenceChanged`), it is of
   * what that changed alone (a room of 500 rejoining a 1,500-card board projects who came, not every card and person)
   */
  private wholeViewDue = false;
  /** whose presence changed since the last projection */
  private readonly presenceChangedOf = new Set<string>();
  /** RV-7: each card's board-document entry, encoded when the card is written (`keepEntries`), not in the reveal's turn */
  private readonly cardEntries = new CardEntries();
  /** whether every card's entry is kept (a big board, `CARD_ENTRIES_KEPT_FROM`) */
  private keepingEntries = false;
  /** the next batch of the cards the board had when it became big, whose entries are made a turn at a time */
  private entriesTurn: NodeJS.Immediate | undefined;
  /** the walk of those cards, waiting for the room to be quiet since it last published or caught up (`entriesWhenQuiet`) */
  private readonly entriesWait: QuietWait;
  /** when the room last published or caught up on a change (`performance.now()`) */
  private busyAt = 0;
  /** RV-10: the cards' reveal-order keys, kept beside their entries, under the seed this room reveals with (RV-3) */
  private keys: RevealKeys | undefined;
  /** RV-11: the reveal made ready in the quiet before it, until anything changes */
  private ready: ReadyReveal | undefined;
  /** RV-11: the wait for the quiet to make it in: nothing changed, no batch held back, no projection due */
  private readonly readyWait: QuietWait;
  /** RV-11: when anything last changed the room (`performance.now()`) */
  private changedAt = 0;
  private destroyed = false;

  constructor(
    private readonly state: BoardState,
    private readonly sessions: Map<string, Session>,
    private readonly door: RoomDoor,
    private readonly documents: RoomDocuments,
    private readonly publicView: () => PublicBoardView,
    private readonly presenceChange: (participantIds: ReadonlySet<string>) => PresenceChange,
    private readonly hooks: {
      /** the joined connections of one participant here (`Presence`) */
      socketsOf: (participantId: string) => readonly string[] | ReadonlySet<string>;
      /** called before each projection (CL-7: the cluster learns who is connected here) */
      projecting?: () => void;
      /** CL-8: whether this process may create the notes' shared texts */
      mayCreateTexts?: () => boolean;
      /** a notes compaction that failed (AC-5: after an action's deletion) */
      compactionFailed?: (err: unknown) => void;
      /** RV-3: the seed this board reveals with until one is stored (the same in every process, `Keyring.revealSeed`) */
      revealSeed: () => string;
      /** RV-7: how long the room must be quiet before its cards' walk (`CARD_ENTRIES_AFTER_QUIET_MS`; 0: at once) */
      entriesQuietMs?: number;
      /** RV-11: the reveal the room can make next and the view it will have then; null when none can be made ready */
      revealAhead?: () => RevealAhead | null;
      /** RV-11: how long a big board in Write must be quiet before its reveal is made ready (`REVEAL_READY_AFTER_QUIET_MS`) */
      revealReadyQuietMs?: number;
      /** RV-11: making the reveal ready failed (the reveal then works everything out in its own turn, as before) */
      readyFailed?: (err: unknown) => void;
    },
  ) {
    this.entriesWait = new QuietWait({ quietMs: hooks.entriesQuietMs ?? CARD_ENTRIES_AFTER_QUIET_MS, lastActivity: () => this.busyAt, atMostMs: CARD_ENTRIES_WAIT_AT_MOST_MS });
    this.readyWait = new QuietWait({
      quietMs: hooks.revealReadyQuietMs ?? REVEAL_READY_AFTER_QUIET_MS,
      lastActivity: () => this.changedAt,
      // (a batch in memory and not yet stored — a commit, or a board unreadable for a while — or a projection due)
      busy: () => this.heldBack > 0 || this.presenceTimer !== undefined,
    });
  }

  /**
   * RV-3, RV-10: the reveal-order keys of this board. Before the first reveal they are under the board's seed from
   * the server key (the same in every process and after a restart), which the reveal then stores (`decide` takes
   * it as its new seed) and which nobody is sent; once the board has a stored seed (revealed here, or elsewhere,
   * CL-1, or before it was loaded), under that.
   */
  revealKeys(): RevealKeys {
    const stored = this.state.revealSeed;
    if (this.keys === undefined) this.keys = new RevealKeys(stored ?? this.hooks.revealSeed());
    else if (stored !== null && this.keys.seed !== stored) {
      this.keys = new RevealKeys(stored);
      // (a big board's cards get their keys under it with their entries, a turn at a time)
      if (this.keepingEntries) this.entriesWhenQuiet([...this.state.cards.keys()]);
    }
    return this.keys;
  }

  /**
   * Fans out what a batch changed: the board document only if the public view can have changed, and
   * personal views only for the people it can concern — the actors, or everyone for the few events that
   * touch other people's views. Nothing is recomputed for sockets whose view cannot have changed.
   */
  publish(changes: { events: BoardEvent[]; actorId: string }[]): void {
    this.busyAt = performance.now();
    // (a batch of one command, such as a join, needs no list of its events made)
    const events = changes.length === 1 ? changes[0]!.events : changes.flatMap((c) => c.events);
    // RV-11: the reveal made ready, if this batch is it (taken by this call's projection, or not at all)
    const ready = this.readyFor(events);
    this.changed();
    this.keepEntries(events);
    const changed = events.filter((e) => changesPublicView(e, this.state));
    // TL-7, RX-4, DN-4: a burst of taps, reactions, hands or done marks is one projection, in the presence batch
    if (changed.some((e) => !batchesPublicView(e))) this.projectPublic(ready);
    else if (changed.length > 0) this.schedulePresence();
    if (events.some(changesEveryonesView)) return this.sendPersonal(() => true);
    // only the actors' own connections: a join or a card in a room of 500 looks at one person's sockets, not 500
    if (changes.length === 1) return this.sendPersonalToActor(changes[0]!.actorId);
    for (const actorId of new Set(changes.map((c) => c.actorId))) this.sendPersonalToActor(actorId);
  }

  /**
   * RV-7: on a big board, a card written or changed (in Write, one at a time, as people write) gets its
   * board-document entry now, so that the reveal inserts entries made before it rather than encoding every card in
   * its turn. The cards the board already had when it became big (the card that made it so, or the first change
   * after a big board was loaded) get theirs `CARD_ENTRIES_PER_TURN` at a time, each batch in a turn of its own,
   * not in the turn of the command or join that found them (1,500 at once held up the joins behind it), and only
   * once the room is quiet (`CARD_ENTRIES_AFTER_QUIET_MS`), not among a room joining. A card the reveal finds
   * without an entry is encoded then. The entries stay in this process's memory and go nowhere
   * before their cards are revealed.
   */
  private keepEntries(events: readonly BoardEvent[]): void {
    if (!this.keepingEntries) {
      if (this.state.cards.size < CARD_ENTRIES_KEPT_FROM) return;
      this.keepingEntries = true;
      this.entriesWhenQuiet([...this.state.cards.keys()]);
    }
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.type === 'card.added' || event.type === 'card.edited' || event.type === 'card.signed') this.keepEntryOf(event.cardId);
      else if (event.type === 'card.deleted' || event.type === 'card.hidden') {
        this.cardEntries.forget(event.cardId);
        this.keys?.forget(event.cardId);
      }
    }
  }

  /** starts the walk of `cardIds` once the room has been quiet long enough (a walk waiting or under way is replaced) */
  private entriesWhenQuiet(cardIds: string[]): void {
    this.entriesWait.cancel();
    clearImmediate(this.entriesTurn);
    this.entriesTurn = undefined;
    if (this.hooks.entriesQuietMs === 0) return this.entriesInTurns(cardIds);
    this.entriesWait.start(() => this.entriesInTurns(cardIds));
  }

  private entriesInTurns(cardIds: string[], from = 0): void {
    // (a walk still under way is replaced: this one's cards are all the board's)
    clearImmediate(this.entriesTurn);
    this.entriesTurn = setImmediate(() => {
      this.entriesTurn = undefined;
      const to = Math.min(from + CARD_ENTRIES_PER_TURN, cardIds.length);
      for (let i = from; i < to; i++) this.keepEntryOf(cardIds[i]!);
      // (unless a walk of all the board's cards began or was set to begin in this batch: the keys' seed changed, RV-10)
      if (to < cardIds.length && this.entriesTurn === undefined && !this.entriesWait.waiting) this.entriesInTurns(cardIds, to);
    });
  }

  /**
   * the card's entry, made now if it has none that says what the card says (a card deleted meanwhile has none),
   * and its reveal-order key (RV-10)
   */
  private keepEntryOf(cardId: string): void {
    const card = this.state.cards.get(cardId);
    if (!card) return;
    this.cardEntries.of(publicCardOf(card));
    this.revealKeys().keep(cardId);
  }

  private sendPersonalToActor(actorId: string): void {
    // (forEach, not `for…of`: no iterator at each join, which a restarted room runs interpreted at first)
    this.hooks.socketsOf(actorId).forEach((socketId) => {
      const session = this.sessions.get(socketId);
      if (session?.kind === 'joined' && session.participantId === actorId) this.sendPersonalTo(session);
    });
  }

  /**
   * CL-1: what a catch-up on another process's changes brought: the public log's new events, and perhaps a new
   * anonymous state whose facts are not known one by one (they are never logged, AR-3), so that anyone's
   * personal view may have changed. A change `publish` would project at once (a reveal, a phase) is projected
   * at once; anything else (a card, a vote, a tap made through another process) waits for the next presence
   * batch, with everyone's personal view: on a busy board the processes' changes then cost one projection and
   * one round of personal views per batch, not per change made elsewhere. CL-26: when the catch-up only added
   * cards (`personalFor`), only the views of the people here who were handed some of them are worked out again;
   * CL-27, for marks alone, of those whose own marks changed. CL-28: marks that changed nothing public (a vote
   * while the tallies are hidden, `publicChanged` false) leave the board document as it was.
   */
  caughtUp(events: readonly BoardEvent[], personalFor: ReadonlySet<string> | 'everyone', publicChanged = true): void {
    this.busyAt = performance.now();
    this.changed();
    this.keepEntries(events);
    // PE-9: a phase change made through another process folds the notes here if this process writes them
    if (events.some(isPhaseChange)) this.foldNotes().catch((err: unknown) => this.hooks.compactionFailed?.(err));
    if (personalFor === 'everyone' || events.some(changesEveryonesView)) this.everyoneWithNextProjection = true;
    else for (const participantId of personalFor) this.personalWithNextProjection.add(participantId);
    if (events.some((e) => changesPublicView(e, this.state) && !batchesPublicView(e))) this.projectPublic();
    else if (publicChanged || events.length > 0) this.schedulePresence();
    // (the presence batch with nobody's presence changed: only the personal views due go out)
    else if (this.everyoneWithNextProjection || this.personalWithNextProjection.size > 0) this.scheduleProjection();
  }

  /**
   * Presence changes come in bursts (a room joining or leaving); one projection serves the whole burst. The
   * whole public view is projected then (what else changed is not known here); `presenceChanged` is for a change
   * of the presence parts alone.
   */
  schedulePresence(): void {
    this.changed();
    this.wholeViewDue = true;
    this.scheduleProjection();
  }

  /**
   * Only whether `participantId` is online changed (with a returning person's join, AR-2 recognition may also
   * have regrouped stored facts under their owner): the next projection, in the presence batch, writes what that
   * changed alone (`presenceChangeOf`) unless something else asks for the whole view before it.
   */
  presenceChanged(participantId: string): void {
    this.changed();
    this.presenceChangedOf.add(participantId);
    this.scheduleProjection();
  }

  private scheduleProjection(): void {
    this.presenceTimer ??= setTimeout(() => this.project(), PRESENCE_BATCH_MS);
  }

  /** CM-4: holds projections back while a batch is in memory but not yet stored; `release` catches up. */
  holdBack(): void {
    this.heldBack++;
  }

  release(): void {
    this.heldBack = Math.max(0, this.heldBack - 1);
    if (this.heldBack === 0 && this.projectWhenReleased) {
      this.projectWhenReleased = false;
      this.scheduleProjection();
    }
  }

  /**
   * Projects the whole public view now (or, CM-4, once the batch held back is stored). `ready`: RV-11's reveal made
   * ready, when the change to project is that very reveal.
   */
  projectPublic(ready?: ReadyReveal): void {
    this.wholeViewDue = true;
    this.project(ready);
  }

  private project(ready?: ReadyReveal): void {
    clearTimeout(this.presenceTimer);
    this.presenceTimer = undefined;
    if (this.heldBack > 0) {
      this.projectWhenReleased = true;
      return;
    }
    this.hooks.projecting?.();
    if (this.wholeViewDue) {
      this.wholeViewDue = false;
      this.ensureNotesTexts();
      // RV-11: the reveal made ready is this very change: its document is taken, and its update (encoded already) sent
      if (ready === undefined || !this.documents.adopt(ready.fork, ready.update)) projectBoardDoc(this.documents.doc('board'), this.publicView(), this.cardEntries);
    } else projectPresence(this.documents.doc('board'), this.presenceChange(this.presenceChangedOf));
    this.presenceChangedOf.clear();
    const knocksChanged = this.door.takeKnocksChanged();
    const handed = this.personalWithNextProjection;
    if (this.everyoneWithNextProjection) {
      this.everyoneWithNextProjection = false;
      this.sendPersonal(() => true);
    } else if (knocksChanged || handed.size > 0) {
      this.sendPersonal((s) => handed.has(s.participantId) || (knocksChanged && s.participantId === this.state.facilitatorId));
    }
    handed.clear();
  }

  /** The room's first projection, into a board document nobody holds yet (`RoomDocuments.seed`). */
  projectFirst(): void {
    this.hooks.projecting?.();
    this.ensureNotesTexts();
    this.documents.seed('board', (doc) => projectBoardDoc(doc, this.publicView(), this.cardEntries));
  }

  /**
   * RV-11: something changed (a batch shown, a catch-up, someone's presence): a reveal made ready is not the room's any
   * more. A big board in Write makes it again once it has been quiet for `REVEAL_READY_AFTER_QUIET_MS`.
   */
  private changed(): void {
    this.ready = undefined;
    this.changedAt = performance.now();
    if (!this.readyWait.waiting && this.mayMakeReady()) this.readyWait.start(() => this.whenQuiet());
  }

  private mayMakeReady(): boolean {
    return this.hooks.revealAhead !== undefined && this.state.phase === 'write' && this.state.cards.size >= CARD_ENTRIES_KEPT_FROM;
  }

  private whenQuiet(): void {
    if (this.mayMakeReady()) this.makeReady().catch((err: unknown) => this.hooks.readyFailed?.(err));
  }

  /**
   * RV-11: the reveal made ready: the public view the room will have once it reveals (`revealAhead`, worked out on a
   * copy of the state), projected into a fork of the board document, and the update that makes encoded for every
   * peer. The reveal's turn then sends it as it is (`adopt`), instead of working out the view, the projection, Yjs's
   * encoding and the compression between the commit and the first byte out. Nothing of it leaves this process's
   * memory before the reveal; any change throws it away. Each step is a turn of its own (a join or a command that
   * arrives meanwhile waits for one step, not for all: some 10–20 ms each on a 1,500-card board the first time), and
   * a change between two steps ends it.
   */
  private async makeReady(): Promise<void> {
    const since = this.changedAt;
    const stillQuiet = () => !this.destroyed && this.changedAt === since && this.heldBack === 0 && this.presenceTimer === undefined;
    const ahead = this.hooks.revealAhead!();
    if (ahead === null) return;
    await nextTurn();
    if (!stillQuiet()) return;
    const fork = this.documents.fork();
    await nextTurn();
    if (!stillQuiet()) return;
    let update: Uint8Array | undefined;
    const written = (u: Uint8Array) => (update = u);
    fork.doc.on('update', written);
    projectBoardDoc(fork.doc, ahead.view, this.cardEntries);
    fork.doc.off('update', written);
    if (update === undefined) return;
    await nextTurn();
    if (!stillQuiet()) return;
    this.documents.encodeAhead(update);
    this.ready = { event: JSON.stringify(ahead.event), fork, update };
  }

  /** RV-11: the reveal made ready, if these events (a batch's, stored) are that reveal and nothing else */
  private readyFor(events: readonly BoardEvent[]): ReadyReveal | undefined {
    const ready = this.ready;
    if (ready === undefined || this.heldBack > 0 || events.length !== 1 || events[0]!.type !== 'phase.changed') return undefined;
    return JSON.stringify(events[0]) === ready.event ? ready : undefined;
  }

  /** Sends each chosen person their own view if it changed since the last one they got. */
  sendPersonal(include: (session: JoinedSession) => boolean): void {
    for (const session of this.sessions.values()) if (session.kind === 'joined' && include(session)) this.sendPersonalTo(session);
  }

  private sendPersonalTo(session: JoinedSession): void {
    const me = personalViewOf(this.state, { kind: 'participant', participantId: session.participantId, ...session.tags });
    // A digest, not the JSON itself: a person's last view can hold all their cards, for every socket.
    const digest = hash('sha1', JSON.stringify(me), 'base64');
    if (digest === session.lastMe) return;
    session.lastMe = digest;
    session.socket.sendMe(me, session.lastDecided);
  }

  /**
   * The server creates each shared text once, so two people never create rival texts for the same key. With
   * several processes only the holder of the board's writer lease does (CL-8), or each would make its own.
   */
  ensureNotesTexts(): void {
    if (this.hooks.mayCreateTexts && !this.hooks.mayCreateTexts()) return;
    // AC-9: a room in Act that opened no item in Discuss opens them in Act, each with its notes (the room's answer)
    const openInAct = this.state.phase === 'act' && this.state.discussedItemIds.length === 0;
    // ME-11: nothing discussed and no action yet, so no note to create: the notes document need not exist (unless
    // it was made: it may hold the words of an action deleted since)
    if (!openInAct && this.state.discussedItemIds.length === 0 && this.state.actions.size === 0 && !this.documents.opened('notes')) return;
    const notes = this.documents.doc('notes').getMap<Y.Text>('notes');
    const missing: [string, string][] = [];
    const openItems = openInAct ? itemIds(this.state) : this.state.discussedItemIds;
    for (const itemId of openItems) if (!notes.has(notesKey.item(itemId))) missing.push([notesKey.item(itemId), '']);
    for (const action of this.state.actions.values()) {
      if (!notes.has(notesKey.action(action.id))) missing.push([notesKey.action(action.id), action.initialText]);
    }
    // (a projection shows only what is stored: the notes of actions deleted before, as on a board stored before AC-5's)
    const gone = goneActionNotes(notes, this.state);
    if (missing.length === 0 && gone.length === 0) return;
    this.documents.doc('notes').transact(() => {
      for (const [key, initial] of missing) notes.set(key, new Y.Text(initial));
      for (const key of gone) notes.delete(key);
    }, 'server');
    if (gone.length > 0) this.documents.compact('notes').catch((err: unknown) => this.hooks.compactionFailed?.(err));
  }

  /**
   * AC-5 AR-6: the notes of actions whose deletion is stored, deleted from the notes document (everyone's copy follows;
   * Yjs keeps nothing of a deleted text's content), and the stored notes compacted into one snapshot without them:
   * resolves once that snapshot is stored, so the deletion is acknowledged with the words in no file.
   */
  takeBackActionNotes(actionIds: readonly string[]): Promise<void> {
    if (!this.documents.opened('notes') || (this.hooks.mayCreateTexts && !this.hooks.mayCreateTexts())) return Promise.resolve();
    const notes = this.documents.doc('notes').getMap<Y.Text>('notes');
    const keys = actionIds.map((id) => notesKey.action(id)).filter((key) => notes.has(key));
    if (keys.length === 0) return Promise.resolve();
    this.documents.doc('notes').transact(() => {
      for (const key of keys) notes.delete(key);
    }, 'server');
    return this.documents.compact('notes');
  }

  /** PE-9: the stored notes are more than one snapshot, so a phase change would fold them */
  get notesInPieces(): boolean {
    return this.documents.storedInPieces('notes');
  }

  /**
   * AR-6 PE-9: when the board moves to another phase, the stored notes are folded into one snapshot, so words typed
   * into a note and erased there are in no file once the room has moved on (a snapshot holds nothing of deleted
   * text). Resolves once it is stored. With several processes, only the holder of the writer lease compacts (CL-8).
   */
  foldNotes(): Promise<void> {
    if (!this.notesInPieces) return Promise.resolve();
    return this.documents.compact('notes');
  }

  destroy(): void {
    clearTimeout(this.presenceTimer);
    this.readyWait.cancel();
    this.ready = undefined;
    this.destroyed = true;
    this.entriesWait.cancel();
    clearImmediate(this.entriesTurn);
  }
}

/** the next turn of the event loop (what waits in it, I/O among it, runs first) */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** PE-9: the board moved to another phase */
export const isPhaseChange = (event: BoardEvent): boolean => event.type === 'phase.changed';

/**
 * AC-5 AR-6: the notes of actions no longer on the board (deleted, AC-5): what everyone receives and what is stored
 * should hold nothing of their words. Only action notes: a hidden card's item keeps the room's notes on it (MO-3, EX-3).
 */
function goneActionNotes(notes: Y.Map<Y.Text>, state: BoardState): string[] {
  const gone: string[] = [];
  const prefix = notesKey.action('');
  for (const key of notes.keys()) if (key.startsWith(prefix) && !state.actions.has(key.slice(prefix.length))) gone.push(key);
  return gone;
}
