import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Ack, PROTOCOL_VERSION } from '@candor/shared';
import { createLogger } from '@candor/server';
import { Person, createBoard, openSocket, useServer } from './harness.js';

/**
 * DO-7 / AB-10: a Socket.io connection that never reads its socket and keeps sending tiny events that ask for an
 * ack (an unknown event, or a `cmd` past its rate limit) makes the server write an answer for each. Every byte the
 * server queues for that connection — acks and error answers included, not only `board.doc` and `me` — counts
 * against its send-buffer cap: past it the connection is closed, before the server holds more than the cap for it,
 * while a person on another board keeps getting answers. (The abuse review's attack `01-ackflood-slowreader`.)
 */

/** DO-7 cap for this file's server: low, so the test needs a few seconds of flood, not minutes */
const SEND_BUFFER_BYTES = 256 * 1024;
/** how far past the cap the server may go: the packet that crossed it (an ack is < 200 bytes) */
const OVERSHOOT = 1024;

/** the parts of an engine.io socket the test reads, to see what the server holds for a connection */
interface EngineSocketView {
  readyState: string;
  writeBuffer: { data?: unknown }[];
  transport: { socket?: { bufferedAmount?: number } };
}

/**
 * What the server holds unsent for one engine.io connection, read from engine.io itself (not from Candor's own
 * accounting): the packets in its write buffer and what its WebSocket has not handed to the kernel yet.
 */
function heldBy(conn: EngineSocketView): { bytes: number; packets: number } {
  let bytes = 0;
  for (const packet of conn.writeBuffer) {
    const data = packet.data;
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data instanceof Uint8Array ? data.byteLength : 0;
  }
  return { bytes: bytes + (conn.transport.socket?.bufferedAmount ?? 0), packets: conn.writeBuffer.length };
}

/** A raw Socket.io client (EIO 4 over a WebSocket) that connects to a board's namespace, then never reads again. */
class SlowReader {
  readonly ws: WebSocket;
  sid = '';
  readonly connected: Promise<void>;

  constructor(url: string, boardId: string) {
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    this.ws.on('error', () => undefined);
    this.connected = new Promise((resolve, reject) => {
      this.ws.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('0{')) {
          this.sid = (JSON.parse(text.slice(1)) as { sid: string }).sid;
          this.ws.send(`40${JSON.stringify({ boardId, protocolVersion: PROTOCOL_VERSION })}`);
        } else if (text.startsWith('40')) {
          this.ws.pause(); // reads nothing from now on
          resolve();
        }
      });
      this.ws.once('close', () => reject(new Error('closed before connecting')));
    });
  }
}

/** the server's log lines, parsed */
const logged: { kind?: string; code?: string; heldBytes?: number; msg?: string }[] = [];
const memory = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) logged.push(JSON.parse(line) as (typeof logged)[number]);
    done();
  },
});

describe('DO-7 AB-10 a connection that does not read while it asks for answers', () => {
  const live = useServer({ sendBufferBytes: SEND_BUFFER_BYTES, logger: createLogger('warn', memory) });

  /** A person on a board of their own, asking the server the time every 50 ms; resolves with every answer's latency. */
  function honestAsking(person: Person, stop: () => boolean): Promise<number[]> {
    return (async () => {
      const latencies: number[] = [];
      while (!stop()) {
        const started = Date.now();
        const ack = (await person.socket!.timeout(5_000).emitWithAck('time.sync')) as Ack;
        expect(ack.ok).toBe(true);
        latencies.push(Date.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return latencies;
    })();
  }

  for (const [kind, frame] of [
    ['unknown events', (n: number) => `42${n}["x"]`],
    ['commands past the rate limit', (n: number) => `42${n}["cmd",{}]`],
  ] as const) {
    it(`DO-7 AB-10 a connection flooding ${kind} with acks and reading nothing is closed before the server holds more than the cap for it; a person on another board is answered throughout`, async () => {
      const { url, io } = live.server;
      const honestBoard = await createBoard(url, 'Elsewhere');
      const O = new Person(url);
      live.people.push(O);
      await O.connect(honestBoard.boardId, 'Olga', honestBoard.facilitatorKey);

      const attacked = await createBoard(url, 'Flooded');
      const attacker = new SlowReader(url, attacked.boardId);
      await attacker.connected;
      // the real Socket.io server behind the app's narrow type: its engine's connections by id
      const engine = (io as unknown as { engine: { clients: Record<string, EngineSocketView> } }).engine;
      const conn = engine.clients[attacker.sid]!;
      expect(conn).toBeDefined();

      const warnedBefore = logged.filter((l) => l.kind === 'send-buffer-full').length;
      let flooding = true;
      const honest = honestAsking(O, () => !flooding);
      let sent = 0;
      let maxHeld = { bytes: 0, packets: 0 };
      let lastPong = Date.now();
      const started = Date.now();
      // Flood until the server closes the connection, it holds clearly more than the cap, or 20 s are over.
      while (conn.readyState !== 'closed' && maxHeld.bytes <= 4 * SEND_BUFFER_BYTES && Date.now() - started < 20_000) {
        for (let i = 0; i < 400 && attacker.ws.readyState === WebSocket.OPEN; i++) attacker.ws.send(frame(sent++ % 1000));
        // an unsolicited engine.io pong now and then, so the server's heartbeat does not close it (it reads no pings)
        if (Date.now() - lastPong > 4_000 && attacker.ws.readyState === WebSocket.OPEN) {
          attacker.ws.send('3');
          lastPong = Date.now();
        }
        await new Promise((resolve) => setImmediate(resolve));
        const held = heldBy(conn);
        if (held.bytes > maxHeld.bytes) maxHeld = held;
      }
      flooding = false;
      const latencies = await honest;

      // the attacker's connection is gone, and what the server held for it never went past the cap
      expect(maxHeld.bytes, `held ${maxHeld.bytes} bytes in ${maxHeld.packets} packets after ${sent} events in ${Date.now() - started} ms`).toBeLessThanOrEqual(SEND_BUFFER_BYTES + OVERSHOOT);
      expect(conn.readyState).toBe('closed');
      expect(engine.clients[attacker.sid]).toBeUndefined();
      // closed for what it held, and the log says so
      expect(logged.filter((l) => l.kind === 'send-buffer-full')).toHaveLength(warnedBefore + 1);
      expect(logged.filter((l) => l.kind === 'send-buffer-full').at(-1)).toMatchObject({ code: 'TOO_SLOW', msg: expect.stringContaining('did not read') });
      // the person on the other board was answered throughout, and still is
      expect(latencies.length).toBeGreaterThan(0);
      expect(O.socket!.connected).toBe(true);
      expect(await O.cmd('card.add', { columnId: 'start', text: 'still served' })).toMatchObject({ ok: true });
      attacker.ws.terminate();
    });
  }

  it('IN-13 IN-18 an unknown event asking for an ack takes from the connection’s request budget: past the burst it is RATE_LIMITED, and other connections are not', async () => {
    const { url } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Unknown events');
    const F = new Person(url);
    live.people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const socket = await openSocket(url, { boardId });
    const acks = (await Promise.all(Array.from({ length: 150 }, () => socket.timeout(5_000).emitWithAck('no.such.event')))) as Ack[];
    const codes = acks.map((a) => (a.ok ? 'ok' : a.code));
    const unknown = codes.filter((c) => c === 'UNKNOWN_EVENT').length;
    expect(unknown + codes.filter((c) => c === 'RATE_LIMITED').length).toBe(150);
    // a bucket of 60, refilled at 20 a second while they are answered
    expect(unknown).toBeGreaterThanOrEqual(60);
    expect(unknown).toBeLessThanOrEqual(80);
    // the same budget as its commands: spent, a command waits too
    expect(await socket.timeout(5_000).emitWithAck('cmd', { id: 'abcdefgh12', type: 'card.add', columnId: 'start', text: 'x' })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    // another connection is not touched
    expect(await F.cmd('card.add', { columnId: 'start', text: 'mine' })).toMatchObject({ ok: true });
    socket.close();
  });
});
