import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type Ack } from '@candor/shared';
import { now, sleep, within } from './clock.js';
import type { Person } from './loadgenProtocol.js';
import { SYNC_STEP1_EMPTY, isSyncStep2 } from './yjsWire.js';

/**
 * The restart storm, on the load generator's side: every person's server has just been killed; each comes
 * back on its own as soon as the server answers again, retrying at a fixed interval (the same for Candor and
 * the floor, so neither is favoured by a backoff): Candor = Socket.io connect, join as the same person, then,
 * as the browser does after every (re)join (DO-10, client/src/sync/socketBoardDoc.ts), a fresh board document
 * asked for over that socket (an empty sync step 1 as a binary `board.doc` event) until its whole answer
 * (syncStep2), then one vote acked; the floor = a bare WebSocket that receives the same frames, then one
 * message echoed.
 */

/** a refused connection while the server is down is retried after this long */
export const STORM_RETRY_MS = 50;
/** one attempt (connect, join, handshake, vote) is given up after this long and retried */
const ATTEMPT_TIMEOUT_MS = 20_000;

export interface StormTarget {
  key: number;
  person: Person;
  /** Candor: the card this person votes for once back */
  itemId: string;
}

export interface StormRequest {
  mode: 'candor' | 'floor';
  /** Candor's http URL, or the floor's ws URL */
  url: string;
  boardId: string;
  /** floor: binary bytes that make the whole greeting (its text frames, Socket.io event packets, not counted) */
  greetingBytes: number;
  deadlineMs: number;
}

export interface StormResult {
  /** per person (same order as targets): when they had the whole document again, when their vote was acked (epoch ms) */
  resynced: number[];
  voted: number[];
  /** board-document bytes each person received until resynced (binary messages only) */
  bytes: number[];
  attempts: number;
  errors: Record<string, number>;
}

/** Connections the storm opened, so the load generator can close them on reset. */
export type Keep = (key: number, sock: Socket | null, ws: WebSocket | null) => void;

export async function storm(targets: StormTarget[], req: StormRequest, keep: Keep): Promise<StormResult> {
  const result: StormResult = { resynced: [], voted: [], bytes: [], attempts: 0, errors: {} };
  const deadline = now() + req.deadlineMs;
  await Promise.all(
    targets.map(async (t, i) => {
      for (;;) {
        result.attempts++;
        try {
          const done = await within(ATTEMPT_TIMEOUT_MS, 'attempt', req.mode === 'candor' ? candorBack(t, req, keep) : floorBack(t, req, keep));
          result.resynced[i] = done.resynced;
          result.voted[i] = done.voted;
          result.bytes[i] = done.bytes;
          return;
        } catch (err) {
          const code = (err as Error).message;
          result.errors[code] = (result.errors[code] ?? 0) + 1;
          if (err instanceof Refused || now() > deadline) {
            result.resynced[i] = result.voted[i] = Number.NaN;
            return;
          }
          await sleep(STORM_RETRY_MS);
        }
      }
    }),
  );
  return result;
}

/** a rule said no (not the server being down): retrying would not help */
class Refused extends Error {}

interface Back {
  resynced: number;
  voted: number;
  bytes: number;
}

async function candorBack(t: StormTarget, req: StormRequest, keep: Keep): Promise<Back> {
  const sock = io(req.url, { transports: ['websocket'], auth: { boardId: req.boardId, protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true, timeout: ATTEMPT_TIMEOUT_MS });
  keep(t.key, sock, null);
  try {
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', () => resolve());
      sock.once('connect_error', (err) => reject(new Error(`connect: ${err.message}`)));
    });
    const p = t.person;
    const joined = await cmd(sock, { type: 'join', participantId: p.pid, secret: p.secret, name: p.name });
    if (!joined.ok) throw new Error(`join: ${joined.code}`);
    const { at, bytes } = await readBoard(sock);
    const vote = await cmd(sock, { type: 'vote.cast', itemId: t.itemId });
    if (!vote.ok) throw new Refused(`vote: ${vote.code}`);
    return { resynced: at, voted: now(), bytes };
  } catch (err) {
    sock.close();
    throw err;
  }
}

async function floorBack(t: StormTarget, req: StormRequest, keep: Keep): Promise<Back> {
  const ws = new WebSocket(req.url, { perMessageDeflate: false });
  keep(t.key, null, ws);
  try {
    const { at, bytes } = await handshake(ws, (total) => total >= req.greetingBytes);
    // the floor's "vote": one small message and its echo
    const voted = await new Promise<number>((resolve, reject) => {
      ws.once('message', () => resolve(now()));
      ws.once('close', () => reject(new Error('closed before the echo')));
      ws.send('v');
    });
    return { resynced: at, voted, bytes };
  } catch (err) {
    ws.terminate();
    throw err;
  }
}

/**
 * DO-10: a fresh board document over the joined socket, as the browser asks after each join: an empty sync
 * step 1 as a binary `board.doc` event, then the `board.doc` messages until the whole answer (syncStep2).
 */
function readBoard(sock: Socket): Promise<{ at: number; bytes: number }> {
  let total = 0;
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      total += data.length;
      if (!isSyncStep2(data)) return;
      sock.off('board.doc' as never, onMessage);
      resolve({ at: now(), bytes: total });
    };
    sock.on('board.doc' as never, onMessage);
    sock.once('disconnect', (reason) => reject(new Error(`socket closed: ${reason}`)));
    sock.emit('board.doc' as never, SYNC_STEP1_EMPTY as never, ((ack: Ack) => (ack.ok ? undefined : reject(new Error(`board.doc: ${ack.code}`)))) as never);
  });
}

/** Waits on the floor's `ws` until `complete` says its binary frames make the whole greeting (text frames are framing). */
function handshake(ws: WebSocket, complete: (total: number) => boolean): Promise<{ at: number; bytes: number }> {
  let total = 0;
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      total += data.length;
      if (!complete(total)) return;
      ws.off('message', onMessage);
      resolve({ at: now(), bytes: total });
    };
    ws.on('message', onMessage);
    ws.on('close', (code) => reject(new Error(`document closed with ${code}`)));
    ws.on('error', (err) => reject(new Error(`document: ${err.message}`)));
  });
}

async function cmd(sock: Socket, fields: Record<string, unknown>): Promise<Ack> {
  return (await sock.timeout(ATTEMPT_TIMEOUT_MS).emitWithAck('cmd', { id: `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`, ...fields } as never)) as Ack;
}
