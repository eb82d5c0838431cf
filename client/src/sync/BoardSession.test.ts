import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '@candor/shared';
import { memoryStorage } from './memoryStorage.testing.js';

/**
 * The session's Socket.io connection, played by the test: what the session emits is kept (with its ack, for the test
 * to answer), and the test fires the connection's events.
 */
class FakeSocket {
  connected = false;
  active = true;
  readonly io = { engine: undefined, on: () => this.io };
  readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  readonly emitted: { event: string; payload: unknown; ack?: (result: Ack) => void }[] = [];
  readonly connect = vi.fn(() => this);
  readonly disconnect = vi.fn(() => {
    this.connected = false;
    return this;
  });
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  off() {
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  emit(event: string, payload: unknown, ack?: (result: Ack) => void) {
    this.emitted.push({ event, payload, ack });
    return this;
  }
  timeout() {
    return { emit: () => undefined, emitWithAck: () => new Promise(() => undefined) };
  }
  fire(event: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  /** the commands sent so far of one type, each with its ack */
  sent(type: string) {
    return this.emitted.filter((e) => e.event === 'cmd' && (e.payload as { type: string }).type === type);
  }
}

const sockets: FakeSocket[] = [];
const sessions: { stop(): void }[] = [];
vi.mock('socket.io-client', () => ({
  io: () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket;
  },
}));

const { BoardSession } = await import('./BoardSession.js');
const { readDraft } = await import('./draftStore.js');
const { i18n } = await import('../i18n/index.js');
const { default: enBoard } = await import('../i18n/en.board.js');

const identity = { participantId: 'AdaParticipant1', secret: 's'.repeat(43), name: 'Ada' };

/** a session on board b1, joined on a connection the test holds */
function joinedSession() {
  const session = new BoardSession('b1', identity, null);
  sessions.push(session);
  session.start();
  const socket = sockets.at(-1)!;
  socket.connected = true;
  socket.fire('connect');
  socket.sent('join')[0]!.ack!({ ok: true, data: {} });
  return { session, socket };
}

describe('BoardSession', () => {
  beforeAll(async () => {
    if (!i18n.isInitialized) await i18n.init({ lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
    i18n.addResourceBundle('en', 'translation', enBoard, true, true);
    await i18n.changeLanguage('en');
  });
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('sessionStorage', memoryStorage());
    vi.stubGlobal('window', new EventTarget());
    vi.stubGlobal('location', new URL('http://127.0.0.1:1/b/b1'));
  });
  afterEach(() => {
    for (const session of sessions.splice(0)) session.stop();
    vi.unstubAllGlobals();
    sockets.length = 0;
  });

  it('RC-7 AC-10 a refused card, action or offer goes back to the draft it was typed in, and the notice says so', () => {
    const { session, socket } = joinedSession();
    session.send({ type: 'card.add', columnId: 'stop', text: 'Standups run long' });
    session.send({ type: 'action.create', itemId: 'item1', text: 'Pair on the flaky test' });
    session.send({ type: 'offer.add', itemId: 'item2', text: 'I can review on Fridays' });
    const refused: Ack = { ok: false, code: 'WRONG_PHASE', message: 'That is not possible in this phase.' };
    for (const type of ['card.add', 'action.create', 'offer.add']) socket.sent(type)[0]!.ack!(refused);
    expect(readDraft('b1', 'stop')).toBe('Standups run long');
    expect(readDraft('b1', 'action:item1')).toBe('Pair on the flaky test');
    expect(readDraft('b1', 'offer:item2')).toBe('I can review on Fridays');
    const notices = session.getState().notices.map((n) => n.words());
    expect(notices).toEqual([
      'Your card could not be added: That is not possible in this phase. Its text is kept in your draft for that column.',
      'Your action could not be added: That is not possible in this phase. Its words are kept in your draft for that item.',
      'Your offer of help could not be added: That is not possible in this phase. Its words are kept in your draft for that item.',
    ]);
    expect(session.getState().pending).toEqual([]);
  });

  it('EX-12 a first step refused for its time zone (BAD_TIME_ZONE) is said, and the zone is not sent again: the next step goes by the server\'s day', async () => {
    const { browserTimeZone } = await import('./timeZone.js');
    const { session, socket } = joinedSession();
    session.send({ type: 'phase.set', phase: 'reveal', from: 'write', timeZone: 'America/Ciudad_Juarez' });
    socket.sent('phase.set')[0]!.ack!({ ok: false, code: 'BAD_TIME_ZONE', message: '' });
    expect(session.getState().notices.map((n) => n.words())).toEqual([
      'This server does not know your browser’s time zone. Take the step again: the retro’s day will be the server’s (UTC).',
    ]);
    expect(browserTimeZone()).toBeUndefined();
  });

  it('RC-10 a burst of online events starts one reconnect: another while it is under way does not start it over', () => {
    const session = new BoardSession('b1', identity, null);
    sessions.push(session);
    session.start();
    const socket = sockets.at(-1)!;
    const online = () => window.dispatchEvent(new Event('online'));
    socket.fire('connect_error', new Error('xhr poll error')); // the first attempt found no network
    const attempts = () => socket.connect.mock.calls.length - 1; // after start()'s own
    online();
    expect(attempts()).toBe(1);
    // the network flaps (Wi-Fi and mobile data both coming back): the attempt under way is left to finish
    online();
    online();
    expect(attempts()).toBe(1);
    expect(socket.disconnect).toHaveBeenCalledTimes(1);
    // that attempt failed: the next online tries again
    socket.fire('connect_error', new Error('xhr poll error'));
    online();
    expect(attempts()).toBe(2);
    // it connected: a connection that holds is left alone; once it drops, online reconnects again
    socket.connected = true;
    socket.fire('connect');
    online();
    expect(attempts()).toBe(2);
    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    online();
    expect(attempts()).toBe(3);
  });
});
