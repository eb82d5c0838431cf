import WebSocket from 'ws';
import { within } from './clock.js';
import { boardDocUrl, withTicket, type Commander } from './candor.js';
import { SYNC_STEP1_EMPTY, isSyncStep2 } from './yjsWire.js';

/** One WebSocket frame as it crossed the wire: bytes for a binary frame, a string for a text frame. */
export type WireFrame = Buffer | string;

/** How frames travel to the floor server (IPC, or FLOOR_GREETING_FILE): a binary frame as base64, a text frame as `{ text }`. */
export type SentFrame = string | { text: string };
export const toSent = (frames: readonly WireFrame[]): SentFrame[] => frames.map((f) => (typeof f === 'string' ? { text: f } : f.toString('base64')));

/** the WebSocket frame of an engine.io (v4) message packet: a text one is prefixed with its packet type, a binary one is sent as is */
const engineFrame = (data: string | Buffer | ArrayBuffer): WireFrame => (typeof data === 'string' ? `4${data}` : Buffer.from(data as ArrayBuffer));

/** a Socket.io event packet `board.doc` (DO-10) and how many binary attachments follow it (`5<n>-["board.doc",…]`) */
const BOARD_DOC_EVENT = /^5(\d+)-\["board\.doc"/;

/**
 * One more reader of the board document, as the facilitator and asking for compression like every simulated
 * person: it keeps the frames that arrive once armed, so the compressed floor can send the very bytes Candor put
 * on the wire for the reveal (not a model of them). `greeting` is what it received up to the whole document
 * (syncStep2): what a fresh client gets, which the restart storm's floor sends.
 */
export class WireRecorder {
  private readonly frames: WireFrame[] = [];
  private armed = false;

  private constructor(
    readonly greeting: WireFrame[],
    private readonly close: () => void,
    listen: (keep: (frame: WireFrame) => void) => void,
  ) {
    listen((frame) => this.armed && this.frames.push(frame));
  }

  /** A board-document WebSocket of its own (DO-6), as the restart storm's people and stock clients read it. */
  static async open(url: string, boardId: string, facilitator: Commander): Promise<WireRecorder> {
    const ws = new WebSocket(await withTicket(facilitator.socket, boardDocUrl(url, boardId)), { perMessageDeflate: false });
    const greeting: Buffer[] = [];
    await within(
      20_000,
      'recorder handshake',
      new Promise<void>((resolve, reject) => {
        ws.on('open', () => ws.send(SYNC_STEP1_EMPTY));
        const onMessage = (data: Buffer) => {
          greeting.push(Buffer.from(data));
          if (!isSyncStep2(data)) return;
          ws.off('message', onMessage);
          resolve();
        };
        ws.on('message', onMessage);
        ws.on('error', reject);
      }),
    ).catch((err) => {
      ws.terminate();
      throw err;
    });
    return new WireRecorder(greeting, () => ws.terminate(), (keep) => ws.on('message', (data: Buffer) => keep(Buffer.from(data))));
  }

  /**
   * DO-10: the board document read over the facilitator's joined Socket.io connection, as the browser reads it.
   * Only the `board.doc` events' frames are kept, exactly as engine.io put them on the WebSocket: the event's
   * text frame, then its binary attachment.
   */
  static async overSocket(facilitator: Commander): Promise<WireRecorder> {
    const engine = facilitator.socket.io.engine;
    let keep: (frame: WireFrame) => void = () => undefined;
    let attachments = 0;
    const onPacket = (packet: { type: string; data?: string | Buffer | ArrayBuffer }) => {
      if (packet.type !== 'message' || packet.data === undefined) return;
      if (typeof packet.data === 'string') {
        const event = BOARD_DOC_EVENT.exec(packet.data);
        if (!event) return;
        attachments = Number(event[1]);
      } else if (attachments > 0) attachments--;
      else return;
      keep(engineFrame(packet.data));
    };
    engine.on('packet', onPacket);
    const greeting: WireFrame[] = [];
    try {
      await within(
        20_000,
        'recorder handshake',
        new Promise<void>((resolve, reject) => {
          keep = (frame) => {
            greeting.push(frame);
            if (typeof frame !== 'string' && isSyncStep2(frame)) resolve();
          };
          facilitator.socket.emit('board.doc' as never, SYNC_STEP1_EMPTY as never, ((ack: { ok: boolean; code?: string }) => (ack.ok ? undefined : reject(new Error(ack.code)))) as never);
        }),
      );
    } catch (err) {
      engine.off('packet', onPacket);
      throw err;
    }
    return new WireRecorder(greeting, () => engine.off('packet', onPacket), (k) => (keep = k));
  }

  arm(): void {
    this.armed = true;
  }

  /** the frames received since arm(), in order */
  stop(): WireFrame[] {
    this.armed = false;
    this.close();
    return this.frames;
  }
}
