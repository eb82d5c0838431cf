import WebSocket from 'ws';
import { within } from './clock.js';
import { boardDocUrl, withTicket, type Commander } from './candor.js';
import { SYNC_STEP1_EMPTY, isSyncStep2 } from './yjsWire.js';

/**
 * One more board-document connection, opened as the facilitator and asking for compression like every
 * simulated person: it keeps the frames that arrive once armed, so the compressed floor can send the very
 * bytes Candor put on the wire for the reveal (not a model of them).
 */
export class WireRecorder {
  private readonly frames: Buffer[] = [];
  private armed = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.armed && this.frames.push(Buffer.from(data)));
  }

  static async open(url: string, boardId: string, facilitator: Commander): Promise<WireRecorder> {
    const ws = new WebSocket(await withTicket(facilitator.socket, boardDocUrl(url, boardId)), { perMessageDeflate: false });
    await within(
      20_000,
      'recorder handshake',
      new Promise<void>((resolve, reject) => {
        ws.on('open', () => ws.send(SYNC_STEP1_EMPTY));
        ws.on('message', (data: Buffer) => isSyncStep2(data) && resolve());
        ws.on('error', reject);
      }),
    ).catch((err) => {
      ws.terminate();
      throw err;
    });
    return new WireRecorder(ws);
  }

  arm(): void {
    this.armed = true;
  }

  /** the frames received since arm(), in order */
  stop(): Buffer[] {
    this.armed = false;
    this.ws.terminate();
    return this.frames;
  }
}
