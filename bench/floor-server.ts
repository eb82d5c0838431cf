import fs from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { WebSocketServer } from 'ws';
import { YJS_MESSAGE, encodeCompressed } from '@candor/shared';
import { now } from './lib/clock.js';

/**
 * The floor: a bare `ws` server that, when told over IPC, sends every connected client the same bytes
 * (one buffer per message, shared by all sends). Nothing Candor does can take less than this.
 *
 * Two kinds of payload:
 * - `bytes`: that many filler bytes as one message (the uncompressed floor);
 * - `frames` (after `load`): the very frames Candor put on the wire for a reveal, recorded by a bench client.
 *   A compressed frame (type 100, RV-6) is inflated once at load and deflated again at fire time with
 *   Candor's settings, so the floor pays the one compression Candor pays per reveal; load checks that this
 *   gives back byte for byte what Candor sent.
 * `load` may also give a greeting: the frames Candor sent when a person's board document opened, sent to each
 * new connection before the reveal (as Candor did).
 * For the restart storm, FLOOR_GREETING_FILE (a JSON list of base64 frames: the whole board document as
 * Candor answers a fresh client) is loaded before listening and sent to every new connection, compressed
 * once and then shared, as Candor caches its answer; any message a client sends is echoed (its "vote").
 */
/** Candor's setting (server/src/transport/yjs.ts: deflateRawSync(plain, { level: 1 })) */
const CANDOR_DEFLATE_LEVEL = 1;

const port = Number(process.env.PORT);
const wss = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 1024 * 1024 });

/** one recorded frame: sent as is, or (compressed) rebuilt from its plain message at fire time */
type Frame = { raw: Buffer } | { plain: Buffer };
let frames: Frame[] = [];

function load(base64Frames: string[]): number {
  frames = base64Frames.map((b64) => {
    const raw = Buffer.from(b64, 'base64');
    if (raw[0] !== YJS_MESSAGE.compressed) return { raw };
    const plain = inflateRawSync(raw.subarray(1));
    if (!Buffer.from(compress(plain)).equals(raw)) throw new Error('deflating the recorded message again does not give Candor’s bytes');
    return { plain };
  });
  return frames.reduce((sum, f) => sum + ('raw' in f ? f.raw.length : 0), 0);
}

function compress(plain: Buffer): Uint8Array {
  return encodeCompressed(deflateRawSync(plain, { level: CANDOR_DEFLATE_LEVEL }));
}

function sendToAll(payload: Uint8Array): number {
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
let revealGreeting: Buffer[] = [];
/** how many times this server has fired (a warm-up's fire comes first) */
let fires = 0;

process.on('message', (message: { reqId: number; op: string; bytes?: number; frames?: string[]; greeting?: string[] }) => {
  if (message?.op === 'load') {
    try {
      revealGreeting = (message.greeting ?? []).map((b64) => Buffer.from(b64, 'base64'));
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
  else for (const f of frames) sent = sendToAll('raw' in f ? f.raw : compress(f.plain));
  process.send!({ reqId: message.reqId, t0, sent, fired: fires });
});

const greetingFile = process.env.FLOOR_GREETING_FILE;
if (!greetingFile) {
  wss.on('connection', (ws) => {
    for (const frame of revealGreeting) ws.send(frame);
  });
} else {
  load(JSON.parse(fs.readFileSync(greetingFile, 'utf8')) as string[]);
  const shared = new Map<Frame, Uint8Array>();
  wss.on('connection', (ws) => {
    for (const f of frames) {
      if ('raw' in f) ws.send(f.raw);
      else {
        if (!shared.has(f)) shared.set(f, compress(f.plain));
        ws.send(shared.get(f)!);
      }
    }
    ws.on('message', (data: Buffer) => ws.send(data));
  });
}

wss.on('listening', () => process.send!({ ready: true }));
process.once('SIGTERM', () => {
  for (const client of wss.clients) client.terminate();
  wss.close(() => process.exit(0));
});
