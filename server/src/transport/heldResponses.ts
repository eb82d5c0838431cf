import type http from 'node:http';
import type { HeldPerAddress, HeldShare } from './heldPerAddress.js';

/** what refusing a body says instead: short, and the same whatever was asked for */
const REFUSAL = JSON.stringify({ ok: false, code: 'TOO_SLOW', message: 'Your connections are not reading what they were sent. Read it, then ask again.' });

type Chunk = string | Uint8Array;
type Write = (chunk: Chunk, ...rest: unknown[]) => boolean;
type End = (...args: unknown[]) => http.ServerResponse;

const sizeOf = (chunk: unknown): number => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.byteLength : 0);

/**
 * AB-11 for plain HTTP: an HTTP response counts towards its address's unsent total (`HeldPerAddress`, shared with
 * Socket.io and the document connections) from when its body is handed to Node until the socket has taken it. A
 * client that asks for the board or an export again and again (pipelined on one socket, or on many) and never
 * reads the answers made the server hold them all, about 1.1 MiB each for a big board; now the answer that would
 * take its address past the cap is refused with a short `503` (`TOO_SLOW`) instead, and its connection closed.
 *
 * A response is counted at `writableLength`: what it has buffered itself while it waits its turn behind another
 * on its socket (pipelining), or what its socket holds once it is writing. It is counted again when its socket
 * drains, and drops out when it finishes (its last bytes are the kernel's) or closes.
 *
 * Wraps `handler` (the Express app), so that it applies to every response, whatever route makes it.
 */
export function countingResponses(
  handler: http.RequestListener,
  held: HeldPerAddress,
  addressOf: (req: http.IncomingMessage) => string,
  refused: (address: string, heldBytes: number) => void,
): http.RequestListener {
  return (req, res) => {
    const address = addressOf(req);
    const share: HeldShare = held.share(address);
    const write = res.write.bind(res) as Write;
    const end = res.end.bind(res) as End;
    let refusing = false;

    /** false, and the response turned into the refusal, when `bytes` more would take the address past its cap */
    const roomFor = (bytes: number): boolean => {
      if (refusing) return false;
      const total = held.count(share, res.writableLength + bytes);
      if (total <= held.capBytes) return true;
      held.count(share, res.writableLength);
      refusing = true;
      refused(address, total);
      if (!res.headersSent) {
        res.statusCode = 503;
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('connection', 'close');
        end(REFUSAL);
      } else {
        res.destroy();
      }
      return false;
    };
    const recount = () => {
      if (!refusing && !res.writableFinished && !res.destroyed) held.count(share, res.writableLength);
    };
    let socket: NodeJS.EventEmitter | null = null;
    const forget = () => {
      held.count(share, 0);
      socket?.off('drain', recount);
    };

    res.write = function (chunk: Chunk, ...rest: unknown[]) {
      if (!roomFor(sizeOf(chunk))) return false;
      const ok = write(chunk, ...rest);
      recount();
      return ok;
    } as typeof res.write;
    res.end = function (...args: unknown[]) {
      const chunk = typeof args[0] === 'function' ? undefined : args[0];
      if (!roomFor(sizeOf(chunk))) return res;
      end(...args);
      recount();
      return res;
    } as typeof res.end;
    res.once('finish', forget);
    res.once('close', forget);
    // a response waiting its turn has no socket yet; it is counted again once it has one and that drains
    const listen = (assigned: NodeJS.EventEmitter) => {
      socket = assigned.on('drain', recount);
    };
    if (res.socket) listen(res.socket);
    else res.once('socket', listen);
    handler(req, res);
  };
}
