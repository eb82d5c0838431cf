import WebSocket from 'ws';
import { within } from './clock.js';
import { boardDocUrl, withTicket, type Commander } from './candor.js';
import { SYNC_STEP1_EMPTY, isSyncStep2 } from './yjsWire.js';

/**
 * One more board-document connection, opened as the facilitator and asking for compression like every
 * simulated person: it keeps the frames that arrive once armed, so the compressed floor can send the very
 * bytes Candor put on the wire for the reveal (not a model of them). `greeting` is what it received up to the
 * whole document (syncStep2): what a fresh client gets, which the restart storm's floor sends.
 */
export class WireRecorder {
  private readonly frames: Buffer[] = [];
  private armed = false;

  private constructor(
    private readonly ws: WebSocket,
    readonly greeting: Buffer[],
  ) {
    ws.on('message', (data: Buffer) => this.armed && this.frames.push(Buffer.from(data)));
  }

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
    return new WireRecorder(ws, greeting);
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
