import { io, type Socket } from 'socket.io-client';
import { nanoid } from 'nanoid';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import {
  PROTOCOL_VERSION,
  WS_CLOSE,
  YJS_PARAM,
  YJS_PATH,
  type DocName,
  readBoardDoc,
  type Ack,
  type ClientToServerEvents,
  type JoinCommand,
  type PersonalView,
  type PublicBoardView,
  type ServerToClientEvents,
} from '@candor/shared';
import { CommandQueue, type BoardCommand, type CommandInput } from './commandQueue.js';
import { SocketBoardDoc } from './socketBoardDoc.js';
import { measureClockOffset } from './clock.js';
import { ConnectionHealth, ENGINE_PING_TIMEOUT_MS } from './connectionHealth.js';
import { addNotice, type Notice } from './notices.js';
import { draftSlot, returnToDraft, type DraftKind } from './draftStore.js';
import type { Identity } from './identity.js';
import { i18n } from '../i18n/index.js';
import { refusalMessage } from '../i18n/errors.js';
import { MovingCards } from './movingCards.js';
import { SettledCommands } from './settledCommands.js';
import { RESEND_UNKNOWN_MS } from './resendUnknown.js';
import { timeZoneRefused } from './timeZone.js';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export type { Notice } from './notices.js';

/** A card I wrote that the server has not confirmed yet (queued, or acknowledged but not in `me` yet). */
export interface SendingCard {
  key: string;
  columnId: string;
  text: string;
}

/**
 * JN-*, MO-1: why this browser is at the door instead of on the board: the board wants a password, the
 * facilitator has not let us in yet, or the door is shut for us (locked joining, refused, removed).
 */
export type Door =
  | { kind: 'password'; reason: 'required' | 'wrong' | 'changed' }
  | { kind: 'knocking' }
  | { kind: 'shut'; reason: 'joiningLocked' | 'refused' | 'removed' };

export interface SessionState {
  connection: ConnectionState;
  /** null while on the board (or on the way in) */
  door: Door | null;
  /** joined on the current connection */
  joined: boolean;
  isFacilitator: boolean;
  /** the server no longer knows this identity: show the join form again with this message */
  rejected: (() => string) | null;
  /** the server refused the board outright (wrong link, protocol mismatch): nothing to retry */
  refused: (() => string) | null;
  /** the facilitator key we sent is not valid for this board */
  facilitatorRefused: (() => string) | null;
  board: PublicBoardView | null;
  me: PersonalView | null;
  pending: readonly BoardCommand[];
  /** UI-22: the pending commands my personal view (`me`) does not include yet: what counts on top of `me` */
  notInMe: readonly BoardCommand[];
  /** UI-20: accepted commands a control keeps showing until the board document shows them */
  settled: readonly BoardCommand[];
  sendingCards: readonly SendingCard[];
  notices: readonly Notice[];
  clockOffset: number;
  notesSynced: boolean;
  /** BD-2: the board's creator deleted it */
  deleted: boolean;
  /** drops in the last minute, once there were enough to call the network unstable (0 otherwise) */
  unstableDrops: number;
  /** commands sent but not answered for a while: shown as pending, with a retry */
  stalled: number;
}

/** Handshake refusals from the server, in words for people. */
const REFUSALS = ['BOARD_NOT_FOUND', 'PROTOCOL_MISMATCH', 'INVALID_INPUT'] as const;
function refusal(reason: string): string {
  const known = REFUSALS.find((r) => r === reason);
  return known ? i18n.t(`board.refusals.${known}`) : i18n.t('board.refusals.other');
}

type CandorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * RC-7, AC-10: the commands whose words go back to the draft they were typed in when the server refuses them (a card
 * that waited offline while its column closed; an action or offer while the retro closed), by the kind of draft:
 * it names the slot (`draftSlot`, for the command's column or item) and the notice that says so (board.cardRefused,
 * board.actionRefused, board.offerRefused). Not lost, and on the summary's unsent words at Close.
 */
const KEPT_WHEN_REFUSED = {
  'card.add': 'card',
  'action.create': 'action',
  'offer.add': 'offer',
} as const satisfies Partial<Record<BoardCommand['type'], DraftKind>>;

type KeptWhenRefused = Extract<BoardCommand, { type: keyof typeof KEPT_WHEN_REFUSED }>;
const keptWhenRefused = (command: BoardCommand): command is KeptWhenRefused => command.type in KEPT_WHEN_REFUSED;

/** DO-9: a notes ticket the server did not give is asked for again after this, doubling up to the maximum. */
const TICKET_RETRY_MS = 250;
const TICKET_RETRY_MAX_MS = 5000;

/** RC-15: the notice for votes that reached the server after Vote closed */
const VOTES_TOO_LATE = 'votes:late';

/** Join refusals that put the person at the door rather than in front of an error. */
const DOOR_CODES = new Set<string>(['PASSWORD_REQUIRED', 'WRONG_PASSWORD', 'WAITING_TO_BE_ADMITTED', 'JOINING_LOCKED', 'REMOVED']);

function doorFor(code: string): Door {
  if (code === 'PASSWORD_REQUIRED') return { kind: 'password', reason: 'required' };
  if (code === 'WRONG_PASSWORD') return { kind: 'password', reason: 'wrong' };
  if (code === 'WAITING_TO_BE_ADMITTED') return { kind: 'knocking' };
  return { kind: 'shut', reason: code === 'REMOVED' ? 'removed' : 'joiningLocked' };
}

const passwordKey = (boardId: string) => `candor.password.${boardId}`;
function loadPassword(boardId: string): string | null {
  return sessionStorage.getItem(passwordKey(boardId));
}
function rememberPassword(boardId: string, password: string): void {
  sessionStorage.setItem(passwordKey(boardId), password);
}
function forgetPassword(boardId: string): void {
  sessionStorage.removeItem(passwordKey(boardId));
}

/**
 * Everything one person's browser says to and hears from one board: the Socket.io connection (join, then
 * commands through the offline queue, `me` back), the read-only board document, and the shared notes.
 * React reads it through `subscribe` / `getState`.
 */
export class BoardSession {
  /** the shared notes as this page has them; a new one after the server refused an update of ours (DO-17) */
  private notesCopy = new Y.Doc();
  private readonly queue: CommandQueue;
  private readonly socket: CandorSocket;
  private readonly boardDoc: SocketBoardDoc;
  /** MV-*: cards being dragged on this board, and my own pick-up and put-down */
  readonly moving: MovingCards;
  private notes: WebsocketProvider | null = null;
  private notesTicketPending = false;
  private notesAttempts = 0;
  private notesRetry: ReturnType<typeof setTimeout> | null = null;
  /** CM-6: commands whose outcome the server could not tell, each to be sent again (same id) after a pause */
  private readonly resends = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * CM-6: the commands an answer said may be stored. A later "nothing was changed" (INTERNAL: a process that cannot
   * read the board right now) speaks only of that later attempt, so such a command is sent again rather than given
   * back to the drafts, until an answer says what happened to it.
   */
  private readonly maybeStored = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly health: ConnectionHealth;
  /** ids sent on the current connection; cleared on disconnect so they are resent after the next join */
  private inflight = new Set<string>();
  /** UI-22: sent commands the last personal view said it includes, until their answer comes */
  private inMe = new Set<string>();
  /** card.add acknowledged (id known) but not yet in `me` */
  private arriving = new Map<string, SendingCard>();
  private readonly settled = new SettledCommands();
  private connectionGeneration = 0;
  private state: SessionState;
  private stopped = false;

  constructor(
    readonly boardId: string,
    private readonly identity: Identity,
    private readonly facilitatorKey: string | null,
  ) {
    this.queue = new CommandQueue(boardId);
    this.state = {
      connection: 'connecting',
      door: null,
      joined: false,
      isFacilitator: false,
      rejected: null,
      refused: null,
      facilitatorRefused: null,
      board: null,
      me: null,
      pending: this.queue.all(),
      notInMe: this.queue.all(),
      settled: [],
      sendingCards: [],
      notices: [],
      clockOffset: 0,
      notesSynced: false,
      deleted: false,
      unstableDrops: 0,
      stalled: 0,
    };
    this.socket = io({
      auth: { boardId, protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      autoConnect: false,
    });
    // DO-10: the board document arrives over this same connection once joined (compressed when large, DO-4).
    this.boardDoc = new SocketBoardDoc(this.socket, {
      onUpdate: (doc) => {
        const board = readBoardDoc(doc);
        // UI-20: what the board now carries is shown from the board, in the same render
        if (board) this.update(this.settled.seen(board) ? { board, settled: this.settled.all() } : { board });
      },
      // NOT_JOINED: signed out meanwhile, the next join asks again; TOO_MANY_CONNECTIONS (DO-8): say so
      onRefused: (ack) => {
        if (!ack.ok && ack.code === 'TOO_MANY_CONNECTIONS') this.notify(() => refusalMessage(ack), ack.code);
      },
    });
    this.moving = new MovingCards(this.socket);
    this.health = new ConnectionHealth(this.socket, {
      // The link went quiet: say so now, and let Socket.io reconnect instead of waiting for its ping timeout.
      onSilent: () => this.dropLink(),
      onTick: () => this.checkHealth(),
    });
    this.wireSocket();
  }

  start(): void {
    this.stopped = false;
    this.socket.connect();
    this.health.start();
    window.addEventListener('online', this.networkBack);
    window.addEventListener('offline', this.networkGone);
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.networkBack);
    window.removeEventListener('offline', this.networkGone);
    this.health.stop();
    this.moving.stop();
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.boardDoc.stop();
    if (this.notesRetry) clearTimeout(this.notesRetry);
    for (const timer of this.resends.values()) clearTimeout(timer);
    this.resends.clear();
    this.notes?.destroy();
    this.notes = null;
    this.notesDoc.destroy();
  }

  /** the shared notes document; React reads it with `subscribe` (it is replaced when the server refuses an update, DO-17) */
  get notesDoc(): Y.Doc {
    return this.notesCopy;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SessionState => this.state;

  /** Queues a command (kept across reloads) and sends it as soon as we are joined. */
  send(input: CommandInput): void {
    this.queue.add(input);
    this.syncQueueState();
    this.flush();
  }

  /** FA-6, BD-1: this browser joined with the board's facilitator link (it is the creator's). */
  get holdsFacilitatorKey(): boolean {
    return this.facilitatorKey !== null;
  }

  /**
   * Sends a command now and resolves with its ack, without the offline queue: for what must not be kept in
   * localStorage (SU-1: typed email addresses) or retried later (BD-1: deleting the board).
   */
  request(input: CommandInput): Promise<Ack> {
    // (the refusals made here are said in the reader's words from their codes, `refusalMessage`: no message of their own)
    if (!this.state.joined || !this.socket.connected) {
      return Promise.resolve({ ok: false, code: 'NOT_JOINED', message: '' });
    }
    return new Promise((resolve) => {
      this.socket.timeout(15_000).emit('cmd', { ...input, id: nanoid() } as BoardCommand, (err: Error | null, ack: Ack) => {
        resolve(err ? { ok: false, code: 'INTERNAL', message: '' } : ack);
      });
    });
  }

  /** Shows a message the way refused commands are shown (`words` says it in the page's language at the time: PL-1). */
  say(words: () => string): void {
    this.notify(words);
  }

  /** "Reconnect now": skip the back-off wait and try at once. */
  reconnectNow(): void {
    this.socket.disconnect();
    this.socket.connect();
  }

  /**
   * RC-10: the browser says its network is back (a laptop woke, a train left the tunnel): try at once rather than
   * when Socket.io's back-off next would, up to 7.5 s later. A connection that held through is left alone.
   */
  private readonly networkBack = (): void => {
    if (this.stopped || this.socket.connected || this.onlineRetry) return;
    this.reconnectNow();
    this.onlineRetry = true;
  };

  /**
   * UI-9: the browser says its network is gone (Wi-Fi off, a train in a tunnel): say "Reconnecting…" now, not at the
   * heartbeat's next unanswered beat up to 3.5 s later, while votes cast meanwhile looked sent. The link is let go so
   * what is done from now on waits in the queue; `online` (RC-10) brings it back at once.
   */
  private readonly networkGone = (): void => {
    if (this.stopped || !this.socket.connected) return;
    this.dropLink();
  };

  private dropLink(): void {
    this.update({ connection: 'reconnecting', joined: false });
    this.socket.io.engine?.close();
  }

  /**
   * RC-10: a reconnect the network's return started is under way, until it connects or fails. A network that flaps
   * (Wi-Fi and mobile data both coming back) says `online` again and again; starting over each time dropped the
   * handshake under way, and a burst faster than a handshake never got through.
   */
  private onlineRetry = false;

  /** Sends again, with the same ids, the commands the server has not answered (it never applies one twice). */
  retryStalled(): void {
    for (const id of this.health.stalled()) {
      this.inflight.delete(id);
      this.health.answered(id);
    }
    this.checkHealth();
    this.flush();
  }

  private checkHealth(): void {
    const unstableDrops = this.health.unstableDrops();
    const stalled = this.health.stalled().length;
    if (unstableDrops !== this.state.unstableDrops || stalled !== this.state.stalled) this.update({ unstableDrops, stalled });
  }

  dismissNotice(id: string): void {
    this.update({ notices: this.state.notices.filter((n) => n.id !== id) });
  }

  /** The server's clock, as well as we can tell, for countdowns everyone shares. */
  serverNow(): number {
    return Date.now() + this.state.clockOffset;
  }

  private wireSocket(): void {
    const socket = this.socket;
    // RC-14: the server lets a silent connection go within 9 s (a ping every 4 s, 5 s for its answer), and this page
    // notices a silent link by its own heartbeat (UI-9, 3.5 s). engine.io's timer here, set from the server's numbers
    // (no ping for 9 s), would add only a drop at every jump of the page's clock past it: it keeps the 20 s it had.
    // (Its `open` comes with the handshake, before engine.io first reads the number; it reads it again at every ping.)
    socket.io.on('open', () => void ((socket.io.engine as unknown as { _pingTimeout: number })._pingTimeout = ENGINE_PING_TIMEOUT_MS));
    socket.on('connect', () => {
      this.onlineRetry = false;
      this.connectionGeneration++;
      this.inflight.clear();
      this.join(this.connectionGeneration);
    });
    socket.on('disconnect', () => {
      this.boardDoc.stop();
      this.health.dropped();
      this.health.forgetSends();
      this.inflight.clear();
      this.update({ connection: 'reconnecting', joined: false });
    });
    socket.on('connect_error', (error) => {
      this.onlineRetry = false;
      if (!socket.active) {
        // The server's handshake said no (e.g. an unknown board or an old client): retrying will not help.
        this.update({ refused: () => refusal(error.message) });
        return;
      }
      if (this.state.connection === 'connected') this.update({ connection: 'reconnecting' });
    });
    socket.on('board.deleted', () => {
      this.update({ deleted: true });
    });
    socket.on('me', (me, upTo) => {
      // UI-22: the view includes `upTo` and every command sent before it: they no longer count on top of it
      if (upTo !== undefined && this.queue.has(upTo)) {
        for (const command of this.queue.all()) {
          this.inMe.add(command.id);
          if (command.id === upTo) break;
        }
      }
      this.pruneArriving(me);
      this.syncQueueState({ me, isFacilitator: me.isFacilitator });
    });
    socket.on('signedOut', ({ reason }) => {
      this.boardDoc.stop();
      this.inflight.clear();
      this.update({ joined: false, door: reason === 'password' ? { kind: 'password', reason: 'changed' } : { kind: 'shut', reason: 'removed' } });
      if (reason === 'password') forgetPassword(this.boardId);
    });
    socket.on('knockAnswered', ({ admitted }) => {
      if (admitted) this.join(this.connectionGeneration);
      else this.update({ door: { kind: 'shut', reason: 'refused' } });
    });
  }

  /** JN-1: the password the person typed; kept for this tab so a reload does not ask again. */
  enterPassword(password: string): void {
    rememberPassword(this.boardId, password);
    this.update({ door: null });
    this.join(this.connectionGeneration);
  }

  /** JN-3: after a refusal, knock once more. */
  knockAgain(): void {
    this.update({ door: null });
    this.join(this.connectionGeneration);
  }

  private join(generation: number): void {
    const { participantId, secret, name } = this.identity;
    const command: JoinCommand & { password?: string } = {
      type: 'join',
      id: nanoid(),
      participantId,
      secret,
      name,
      ...(this.facilitatorKey ? { facilitatorKey: this.facilitatorKey } : {}),
    };
    const password = loadPassword(this.boardId);
    if (password) command.password = password;
    this.socket.emit('cmd', command, (ack) => {
      if (generation !== this.connectionGeneration || this.stopped) return;
      if (!ack.ok && DOOR_CODES.has(ack.code)) {
        if (ack.code === 'WRONG_PASSWORD') forgetPassword(this.boardId);
        this.update({ door: doorFor(ack.code), joined: false });
        return;
      }
      if (!ack.ok) {
        if (ack.code === 'BAD_CREDENTIALS' || ack.code === 'INVALID_INPUT' || ack.code === 'NAME_TAKEN') {
          // PL-1: said in the page's language whenever it is shown (a language switch at the join form says it anew)
          const message = () =>
            ack.code === 'BAD_CREDENTIALS'
              ? i18n.t('board.notRecognised')
              : ack.code === 'NAME_TAKEN'
                ? i18n.t('board.nameTaken', { name, seconds: ack.waitSeconds ?? 10 })
                : i18n.t('board.notLetIn', { message: ack.message });
          this.update({ rejected: message });
          this.socket.disconnect();
          return;
        }
        if (ack.code === 'NOT_FACILITATOR') {
          this.update({ facilitatorRefused: () => i18n.t('board.facilitatorKeyRefused') });
          this.socket.disconnect();
          return;
        }
        this.notify(() => refusalMessage(ack), ack.code);
        setTimeout(() => {
          if (generation === this.connectionGeneration && this.socket.connected) this.join(generation);
        }, 3000);
        return;
      }
      const data = ack.data as { isFacilitator?: boolean };
      this.update({ connection: 'connected', joined: true, isFacilitator: Boolean(data.isFacilitator), refused: null, door: null });
      this.flush();
      this.boardDoc.start();
      this.connectNotes();
      void measureClockOffset(this.socket).then((offset) => {
        if (offset !== null) this.update({ clockOffset: offset });
      });
    });
  }

  private notesLoading = false;
  private notesTicketRetries = 0;

  /**
   * The notes connection opens only with a fresh single-use ticket (DO-6), so the provider never reconnects
   * by itself: whenever the server closes it (a RESYNC after a failed store, DO-3, or anything else) we ask
   * for a new ticket and connect again; it then resends whatever the server lacks. The provider's code is
   * fetched after the board is on screen, not with it (a smaller first load).
   */
  private connectNotes(): void {
    if (!this.notes) {
      if (this.notesLoading) return;
      this.notesLoading = true;
      void import('y-websocket').then(({ WebsocketProvider }) => {
        this.notesLoading = false;
        if (this.stopped) return;
        this.notes ??= this.createNotesProvider(WebsocketProvider);
        this.connectNotes();
      });
      return;
    }
    const provider = this.notes;
    if (provider.shouldConnect || this.notesTicketPending) return;
    this.notesTicketPending = true;
    this.ticket('notes').then(
      (ticket) => {
        this.notesTicketPending = false;
        if (this.stopped || this.notes !== provider) return;
        if (!ticket) return; // not joined now: the next join connects
        this.notesTicketRetries = 0;
        provider.params = { [YJS_PARAM.ticket]: ticket };
        provider.connect();
      },
      () => {
        // DO-9: no ticket now; ask again, backing off as the board document's provider does
        this.notesTicketPending = false;
        const delay = Math.min(TICKET_RETRY_MAX_MS, TICKET_RETRY_MS * 2 ** this.notesTicketRetries++);
        setTimeout(() => {
          if (!this.stopped && this.notes === provider) this.connectNotes();
        }, delay);
      },
    );
  }

  private createNotesProvider(Provider: typeof WebsocketProvider): WebsocketProvider {
    const provider = new Provider(this.yjsBase(), 'notes', this.notesDoc, {
      connect: false,
      shouldReconnect: () => false,
      disableBc: true,
      maxBackoffTime: 5000,
      // The server relays no awareness; a resync every 10 s keeps the provider from thinking the link is dead.
      resyncInterval: 10_000,
    });
    // No cursors or presence in the notes: nothing to broadcast.
    provider.awareness.setLocalState(null);
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.notesAttempts = 0;
      this.update({ notesSynced: true });
    });
    provider.on('closed', (event) => {
      if (event.code === WS_CLOSE.TOO_COSTLY || event.code === WS_CLOSE.LOCKED) return this.restartNotes(provider, Provider, event.code);
      const delay = Math.min(5000, 250 * 2 ** this.notesAttempts++) * (0.75 + Math.random() * 0.5);
      this.notesRetry = setTimeout(() => {
        this.notesRetry = null;
        if (!this.stopped && this.state.joined) this.connectNotes();
      }, delay);
    });
    return provider;
  }

  /**
   * DO-17: the server refused an update of ours as too costly and kept nothing of it (DO-14). Our copy of the notes
   * still holds it and would send it again at every reconnect, to be refused again, for ever: so the page says so
   * once and starts its notes over from the server's copy (the refused change is dropped, as the server dropped it).
   * LK-1: likewise a change typed as the facilitator locked the board, said as the lock's refusal.
   */
  private restartNotes(refused: WebsocketProvider, Provider: typeof WebsocketProvider, code: number): void {
    if (this.stopped || this.notes !== refused) return;
    this.notify(() => (code === WS_CLOSE.LOCKED ? refusalMessage({ code: 'BOARD_LOCKED', message: '' }) : i18n.t('connection.notesRefused')), `notes:${code}`);
    refused.destroy();
    this.notesCopy.destroy();
    this.notesCopy = new Y.Doc();
    this.notes = this.createNotesProvider(Provider);
    this.update({ notesSynced: false });
    if (this.state.joined) this.connectNotes();
  }

  /** Sends, in order, every queued command not yet sent on this connection. */
  private flush(): void {
    if (!this.state.joined || !this.socket.connected) return;
    const generation = this.connectionGeneration;
    for (const command of this.queue.all()) {
      if (this.inflight.has(command.id)) continue;
      this.inflight.add(command.id);
      this.health.sent(command.id);
      this.socket.emit('cmd', command, (ack) => this.acknowledged(command, ack, generation));
    }
  }

  private acknowledged(command: BoardCommand, ack: Ack, generation: number): void {
    if (this.stopped || !this.queue.has(command.id)) return;
    if (!ack.ok && (ack.code === 'OUTCOME_UNKNOWN' || (ack.code === 'INTERNAL' && this.maybeStored.has(command.id)))) {
      this.maybeStored.add(command.id);
      // told as what it still is: not known to be saved, being sent again
      return this.resendLater(command, { code: 'OUTCOME_UNKNOWN', message: ack.message }, generation);
    }
    this.maybeStored.delete(command.id);
    this.queue.remove(command.id);
    this.inMe.delete(command.id);
    if (generation === this.connectionGeneration) this.inflight.delete(command.id);
    this.health.answered(command.id);
    // UI-20: held until the board shows it, unless the board already does
    if (ack.ok && this.settled.add(command)) {
      if (this.state.board) this.settled.seen(this.state.board);
      this.update({ settled: this.settled.all() });
    }
    if (ack.ok && command.type === 'card.add') {
      const cardId = (ack.data as { cardId?: string } | null)?.cardId;
      if (cardId && !this.state.me?.cards.some((c) => c.id === cardId)) {
        this.arriving.set(cardId, { key: cardId, columnId: command.columnId, text: command.text });
      }
    }
    if (!ack.ok && keptWhenRefused(command)) {
      const kind = KEPT_WHEN_REFUSED[command.type];
      returnToDraft(this.boardId, draftSlot(kind, 'columnId' in command ? command.columnId : command.itemId), command.text);
      this.notify(() => i18n.t(`board.${kind}Refused`, { message: refusalMessage(ack) }), `${kind}:${ack.code}`);
    } else if (!ack.ok && ack.code === 'WRONG_PHASE' && (command.type === 'vote.cast' || command.type === 'vote.retract')) {
      // RC-15: votes sent (from the queue, after a drop) once Vote had closed: said once, not as a count of presses
      if (!this.state.notices.some((n) => n.kind === VOTES_TOO_LATE)) this.notify(() => i18n.t('board.votesTooLate'), VOTES_TOO_LATE);
    } else if (!ack.ok) {
      // EX-12: the step is asked for again without the zone (the notice says so)
      if (ack.code === 'BAD_TIME_ZONE') timeZoneRefused();
      this.notify(() => refusalMessage(ack), ack.code);
    }
    this.syncQueueState();
  }

  /** forgets the acknowledged cards my personal view now shows (the caller brings `sendingCards` up to date) */
  private pruneArriving(me: PersonalView): void {
    const mine = new Set(me.cards.map((c) => c.id));
    for (const id of [...this.arriving.keys()]) if (mine.has(id)) this.arriving.delete(id);
  }

  /** the queue's part of the state, with whatever else changed at the same moment (`patch`), in one update */
  private syncQueueState(patch: Partial<SessionState> = {}): void {
    const pending = this.queue.all();
    const notInMe = this.notInMe();
    // UI-22: a card my personal view already shows is mine there, not a second copy still "sending…"
    const queuedCards: SendingCard[] = notInMe.flatMap((c) => (c.type === 'card.add' ? [{ key: c.id, columnId: c.columnId, text: c.text }] : []));
    this.update({ ...patch, pending, notInMe, sendingCards: [...queuedCards, ...this.arriving.values()] });
  }

  private notInMe(): readonly BoardCommand[] {
    const pending = this.queue.all();
    return this.inMe.size === 0 ? pending : pending.filter((command) => !this.inMe.has(command.id));
  }

  /**
   * CM-6: the server could not tell whether the command was stored (its store froze mid-commit): it stays queued, as
   * unanswered (shown pending once it has waited long, with "retry"), and is sent again with its id after a pause
   * (or at the next join): the server applies it at most once. Nothing goes back to the drafts, since it may be stored.
   */
  private resendLater(command: BoardCommand, refusal: { code: string; message: string }, generation: number): void {
    if (generation !== this.connectionGeneration || this.resends.has(command.id)) return;
    this.notify(() => refusalMessage(refusal), refusal.code);
    this.resends.set(
      command.id,
      setTimeout(() => {
        this.resends.delete(command.id);
        if (generation !== this.connectionGeneration) return; // the join after a reconnect sent it again already
        this.inflight.delete(command.id);
        this.flush();
      }, RESEND_UNKNOWN_MS),
    );
  }

  private notify(words: () => string, kind = 'other'): void {
    this.update({ notices: addNotice(this.state.notices, words, kind) });
  }

  private update(patch: Partial<SessionState>): void {
    if (this.stopped) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private yjsBase(): string {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}${YJS_PATH}/${encodeURIComponent(this.boardId)}`;
  }

  /**
   * DO-6: a single-use ticket for one document connection, from the joined session; null when not joined (the
   * next join connects). DO-9: throws when the server gave none now (rate limited, no answer): the caller asks
   * again later, as the page is still joined and would otherwise never connect the document.
   */
  private async ticket(doc: DocName): Promise<string | null> {
    if (!this.socket.connected || !this.state.joined) return null;
    const ack = await this.socket.timeout(5000).emitWithAck('doc.ticket', { doc });
    if (!ack.ok) throw new Error(`no ${doc} ticket now: ${ack.code}`);
    return ack.data.ticket;
  }
}
