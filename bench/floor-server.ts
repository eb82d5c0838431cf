import fs from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as ws from 'ws';
import { WebSocketServer } from 'ws';
import { YJS_MESSAGE, encodeCompressed } from '@candor/shared';
import { now } from './lib/clock.js';

/**
 * The floor: a bare `ws` server that, when told over IPC, sends every connected client the same bytes
 * (one buffer per message, shared by all sends). Nothing Candor does can take less than this.
 *
 * Two kinds of payload:
 * - `bytes`: that many filler bytes as one message (the uncompressed floor);
 * - `frames` (after `load`): the very frames Candor put on the wire for a reveal, recorded by a bench client,
 *   each binary (base64) or text (`{ text }`: the Socket.io event packet a `board.doc` attachment follows, DO-10).
 *   A compressed frame (type 100, RV-6) is inflated once at load and deflated again at fire time with
 *   Candor's settings, so the floor pays the one compression Candor pays per reveal; load checks that this
 *   gives back byte for byte what Candor sent.
 * `load` may also give a greeting: the frames Candor sent when a person's board document opened, sent to each
 * new connection before the reveal (as Candor did).
 * A connection to `/socket.io/…` (floorzio) is spoken to as Socket.IO over Engine.IO's WebSocket transport, with
 * no more of the protocols than a Socket.io client needs to count a `board.doc` event: the open packet, the namespace's
 * connect, and the greeting sent when the client asks for the board document (its first binary event), as Candor
 * answers it. The floor's people are then the very Socket.io clients Candor's are, reading the very bytes.
 * For the restart storm, FLOOR_GREETING_FILE (a JSON list of base64 frames: the whole board document as
 * Candor answers a fresh client) is loaded before listening and sent to every new connection, compressed
 * once and then shared, as Candor caches its answer; any message a client sends is echoed (its "vote").
 */
/** Candor's setting (server/src/transport/yjs.ts: deflateRawSync(plain, { level: 1 })) */
const CANDOR_DEFLATE_LEVEL = 1;

const port = Number(process.env.PORT);
const wss = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 1024 * 1024 });

/** one recorded frame: sent as is (binary or text), or (compressed) rebuilt from its plain message at fire time */
type Frame = { raw: Buffer } | { text: string } | { plain: Buffer };
/** how a frame comes: base64 bytes for a binary frame, `{ text }` for a text frame */
type SentFrame = string | { text: string };
let frames: Frame[] = [];

function load(sent: SentFrame[]): number {
  frames = sent.map((frame) => {
    if (typeof frame !== 'string') return { text: frame.text };
    const raw = Buffer.from(frame, 'base64');
    if (raw[0] !== YJS_MESSAGE.compressed) return { raw };
    const plain = inflateRawSync(raw.subarray(1));
    if (!Buffer.from(compress(plain)).equals(raw)) throw new Error('deflating the recorded message again does not give Candor’s bytes');
    return { plain };
  });
  return frames.reduce((sum, f) => sum + ('raw' in f ? f.raw.length : 0), 0);
}

/** a frame's payload at fire time: a compressed one is compressed now, as Candor compresses each update once */
const wire = (f: Frame): Uint8Array | string => ('raw' in f ? f.raw : 'text' in f ? f.text : compress(f.plain));

function compress(plain: Buffer): Uint8Array {
  return encodeCompressed(deflateRawSync(plain, { level: CANDOR_DEFLATE_LEVEL }));
}

/** ws's own framing for a server (no mask), as Candor frames its `board.doc` events (DO-12) */
const frameOf = (payload: Uint8Array | string): Buffer[] =>
  (ws as unknown as { Sender: { frame(data: Buffer, o: object): Buffer[] } }).Sender.frame(Buffer.from(payload as Uint8Array), { readOnly: false, mask: false, rsv1: false, opcode: typeof payload === 'string' ? 1 : 2, fin: true });

/**
 * The reveal's frames, each framed once and all of them in one buffer, written to each client's TCP socket in one
 * write, as Candor writes its own (DO-13): the least a server can do to put these bytes on 500 sockets. (Before stop
 * 22 each frame went in a `ws.send` of its own, two writes a client where Candor makes one.)
 */
function writeAllAtOnce(payloads: (Uint8Array | string)[]): number {
  const wire = Buffer.concat(payloads.flatMap(frameOf));
  let sent = 0;
  for (const client of wss.clients) {
    const socket = (client as unknown as { _socket?: { writable: boolean; write(b: Buffer): boolean } })._socket;
    if (client.readyState !== client.OPEN || !socket?.writable) continue;
    socket.write(wire);
    sent++;
  }
  return sent;
}

function sendToAll(payload: Uint8Array | string): number {
  let sent = 0;
  for (const client of wss.clients) {
    if (client.readyState !== client.OPEN) continue;
    client.send(payload);
    sent++;
  }
  return sent;
}

/**
 * The reveal's compressed floor: what Candor sent each person when their board document opened, sent as is to
 * each new connection, so the floor's clients and its sending code have been through what Candor's had before
 * the reveal (its cost is outside the measured window, as Candor's is).
 */
let revealGreeting: (Buffer | string)[] = [];
/** floorzsend: each frame in a `ws.send` of its own, as the floor sent them before stop 22 */
let perFrame = false;
/** how many times this server has fired (a warm-up's fire comes first) */
let fires = 0;

process.on('message', (message: { reqId: number; op: string; bytes?: number; frames?: SentFrame[]; greeting?: SentFrame[]; perFrame?: boolean }) => {
  if (message?.op === 'load') {
    try {
      perFrame = message.perFrame === true;
      revealGreeting = (message.greeting ?? []).map((f) => (typeof f === 'string' ? Buffer.from(f, 'base64') : f.text));
      process.send!({ reqId: message.reqId, ok: true, plainBytes: load(message.frames ?? []) });
    } catch (err) {
      process.send!({ reqId: message.reqId, ok: false, error: (err as Error).message });
    }
    return;
  }
  if (message?.op !== 'fire') return;
  // filler is made before the clock starts (it stands for bytes Candor already holds); compression is not
  const filler = message.bytes !== undefined ? Buffer.alloc(message.bytes, 0x61) : null;
  const t0 = now();
  fires++;
  let sent = 0;
  if (filler) sent = sendToAll(filler);
  else if (perFrame) for (const f of frames) sent = sendToAll(wire(f));
  else sent = writeAllAtOnce(frames.map(wire));
  process.send!({ reqId: message.reqId, t0, sent, fired: fires });
});

/**
 * Engine.IO 4's open packet: no upgrades, and a ping interval no window reaches (the floor pings nobody; Candor's
 * reveal runs with a ping a minute), so the client neither waits for nor answers one
 */
const openPacket = (sid: string) => `0${JSON.stringify({ sid, upgrades: [], pingInterval: 600_000, pingTimeout: 600_000, maxPayload: 1_000_000 })}`;
let socketIoClients = 0;

/** floorzio: Socket.IO's connect answered, and the greeting sent at the client's first `board.doc` (a binary event) */
function speakSocketIo(client: ws.WebSocket): void {
  const sid = `floor${++socketIoClients}`;
  client.send(openPacket(sid));
  let greeted = false;
  client.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) return;
    const packet = data.toString();
    if (packet.startsWith('40')) client.send(`40${JSON.stringify({ sid })}`);
    else if (packet.startsWith('45') && !greeted) {
      greeted = true;
      for (const frame of revealGreeting) client.send(frame);
    }
  });
}

const greetingFile = process.env.FLOOR_GREETING_FILE;
if (!greetingFile) {
  wss.on('connection', (client, request) => {
    if (request.url?.startsWith('/socket.io/')) return speakSocketIo(client);
    for (const frame of revealGreeting) client.send(frame);
  });
} else {
  load(JSON.parse(fs.readFileSync(greetingFile, 'utf8')) as SentFrame[]);
  const shared = new Map<Frame, Uint8Array | string>();
  wss.on('connection', (ws) => {
    for (const f of frames) {
      if (!shared.has(f)) shared.set(f, wire(f));
      ws.send(shared.get(f)!);
    }
    ws.on('message', (data: Buffer) => ws.send(data));
  });
}

wss.on('listening', () => process.send!({ ready: true }));
process.once('SIGTERM', () => {
  for (const client of wss.clients) client.terminate();
  wss.close(() => process.exit(0));
});
