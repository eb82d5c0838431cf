import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, YJS_COMPRESS_DEFLATE_RAW, YJS_PARAM, YJS_PATH, type Ack, type CreateBoardResponse } from '@candor/shared';
import { within } from './clock.js';
import { closingRequest } from './closingRequest.js';
import type { Person } from './loadgenProtocol.js';

/** Talking to Candor from the bench itself: create boards over HTTP, and the facilitator's own socket. */

export const newId = (bytes = 12) => randomBytes(bytes).toString('base64url');

export async function createBoard(url: string, name: string): Promise<CreateBoardResponse> {
  const res = await closingRequest(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, templateId: 'start-stop-continue' }),
  });
  if (res.status !== 201) throw new Error(`creating a board answered ${res.status}: ${res.text}`);
  return JSON.parse(res.text) as CreateBoardResponse;
}

export async function healthz(url: string): Promise<{ ok: boolean; boardsLoaded: number }> {
  return JSON.parse((await closingRequest(`${url}/healthz`)).text) as { ok: boolean; boardsLoaded: number };
}

export function people(count: number, firstKey = 0, boardId?: string): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    key: firstKey + i,
    pid: newId(),
    secret: newId(32),
    name: `Person ${firstKey + i}`,
    ...(boardId ? { boardId } : {}),
  }));
}

/**
 * The board document's URL as Candor's browser opens it (asking for compressed messages), without its
 * ticket: the load generator asks each person's joined socket for a single-use ticket and adds it (DO-6).
 */
export function boardDocUrl(url: string, boardId: string): string {
  return `${url.replace(/^http/, 'ws')}${YJS_PATH}/${boardId}/board?${YJS_PARAM.compress}=${YJS_COMPRESS_DEFLATE_RAW}`;
}

/** the notes document, which the browser opens beside the board document once it has joined */
export function notesDocUrl(url: string, boardId: string): string {
  return `${url.replace(/^http/, 'ws')}${YJS_PATH}/${boardId}/notes`;
}

/** DO-6: adds a single-use ticket, asked for over the person's joined socket, to a document URL. */
export async function withTicket(sock: Socket, url: string): Promise<string> {
  const doc = new URL(url).pathname.endsWith('/notes') ? 'notes' : 'board';
  const ack = (await sock.timeout(20_000).emitWithAck('doc.ticket' as never, { doc } as never)) as Ack<{ ticket: string }>;
  if (!ack.ok) throw new Error(`ticket: ${ack.code}`);
  const withIt = new URL(url);
  withIt.searchParams.set(YJS_PARAM.ticket, ack.data.ticket);
  return withIt.toString();
}

/** One person driven from the bench process (the facilitator, the idle-server probe): Socket.io only. */
export class Commander {
  private constructor(
    readonly socket: Socket,
    private readonly identity: { participantId: string; secret: string },
  ) {}

  static async join(url: string, boardId: string, name: string, facilitatorKey?: string): Promise<Commander> {
    const socket = io(url, { transports: ['websocket'], auth: { boardId, protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true });
    await within(
      20_000,
      'facilitator connect',
      new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      }),
    ).catch((err) => {
      socket.close();
      throw err;
    });
    const identity = { participantId: newId(), secret: newId(32) };
    const commander = new Commander(socket, identity);
    const ack = await commander.cmd({ type: 'join', ...identity, name, ...(facilitatorKey ? { facilitatorKey } : {}) });
    if (!ack.ok) {
      socket.close();
      throw new Error(`join failed: ${ack.code} ${ack.message}`);
    }
    return commander;
  }

  /** The board's public view over HTTP, read as this person (JN-6: the link alone gives only the name). */
  async publicView<T>(url: string, boardId: string): Promise<T> {
    const res = await fetch(`${url}/api/boards/${boardId}`, { headers: { authorization: `Candor ${this.identity.participantId} ${this.identity.secret}` } });
    const body = (await res.json()) as { board?: T };
    if (!body.board) throw new Error(`board ${boardId} not readable (${res.status})`);
    return body.board;
  }

  async cmd(fields: Record<string, unknown>, timeoutMs = 30_000): Promise<Ack> {
    return (await this.socket.timeout(timeoutMs).emitWithAck('cmd', { id: newId(), ...fields } as never)) as Ack;
  }

  /** Sends and throws unless acknowledged with ok. */
  async must(fields: Record<string, unknown>, timeoutMs?: number): Promise<unknown> {
    const ack = await this.cmd(fields, timeoutMs);
    if (!ack.ok) throw new Error(`${String(fields.type)} refused: ${ack.code} ${ack.message}`);
    return ack.data;
  }

  close(): void {
    this.socket.close();
  }
}
