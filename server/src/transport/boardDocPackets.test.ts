import { describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { BoardDocPackets, type EngineConnection, type RawStream, writeBoardDoc, writeTogether } from './boardDocPackets.js';

/** Socket.io's own encoder, as the server's `io.encoder` */
function socketIoEncoder() {
  // a Server attached to nothing holds no resources: only its encoder is used
  return new Server().encoder as unknown as ConstructorParameters<typeof BoardDocPackets>[0];
}

describe('board.doc packets (DO-12)', () => {
  it('DO-12 a board-document message is encoded once for every socket, into the packets Socket.io makes of the event', () => {
    const encoder = socketIoEncoder();
    let encodes = 0;
    const packets = new BoardDocPackets({ encode: (packet) => (encodes++, encoder.encode(packet)) });
    const message = new Uint8Array(70_000).fill(7);
    const first = packets.of(message);
    for (let socket = 0; socket < 500; socket++) expect(packets.of(message)).toBe(first);
    expect(encodes).toBe(1);
    expect(first.packets.map((p) => p.data)).toEqual(encoder.encode({ type: 2, nsp: '/', data: ['board.doc', message] }).map((p) => (typeof p === 'string' ? p : Buffer.from(p))));
  });

  it('DO-12 each packet carries its WebSocket frame: the event as a text frame of an engine.io message, the bytes as a binary frame', () => {
    const packets = new BoardDocPackets(socketIoEncoder());
    const message = new Uint8Array(70_000).fill(7);
    const [text, binary] = packets.of(message).packets;
    const textFrame = Buffer.concat(text!.options.wsPreEncodedFrame);
    const payload = `4${text!.data as string}`;
    expect(payload).toBe('451-["board.doc",{"_placeholder":true,"num":0}]');
    // FIN + text opcode, unmasked length, then the payload
    expect([...textFrame.subarray(0, 2)]).toEqual([0x81, payload.length]);
    expect(textFrame.subarray(2).toString()).toBe(payload);
    const binaryFrame = Buffer.concat(binary!.options.wsPreEncodedFrame);
    // FIN + binary opcode, a 64-bit length (127), then the bytes themselves
    expect([...binaryFrame.subarray(0, 2)]).toEqual([0x82, 127]);
    expect(binaryFrame.readBigUInt64BE(2)).toBe(70_000n);
    expect(binaryFrame.subarray(10).equals(Buffer.from(message))).toBe(true);
  });

  /** engine.io's rule (Socket#flush): what is written goes at once while the transport is free; a send keeps it busy until written */
  function engineConnection() {
    const flushes: unknown[][] = [];
    let buffer: unknown[] = [];
    const conn: EngineConnection & { flushes: unknown[][]; drain(): void } = {
      flushes,
      transport: { writable: true },
      write(data) {
        buffer.push(data);
        conn.flush();
      },
      flush() {
        if (!conn.transport.writable || buffer.length === 0) return;
        flushes.push(buffer);
        buffer = [];
        conn.transport.writable = false;
      },
      drain() {
        conn.transport.writable = true;
        conn.flush();
      },
    };
    return conn;
  }

  it('DO-12 the event and its bytes leave a connection in one flush, after what was written before them', () => {
    const encoded = new BoardDocPackets(socketIoEncoder()).of(new Uint8Array(70_000).fill(7));
    const [text, binary] = encoded.packets.map((p) => p.data);
    const free = engineConnection();
    writeTogether(free, encoded);
    expect(free.flushes).toEqual([[text, binary]]);
    // a connection still writing something: both wait, and go with the next flush behind it
    const busy = engineConnection();
    busy.write('4earlier', {});
    writeTogether(busy, encoded);
    expect(busy.flushes).toEqual([['4earlier']]);
    busy.drain();
    expect(busy.flushes).toEqual([['4earlier'], [text, binary]]);
  });

  /** an engine.io connection over an open WebSocket, its TCP socket recording what is written to it */
  function webSocketConnection(options: { writable?: boolean; waiting?: unknown[]; wsState?: number } = {}) {
    const calls: string[] = [];
    const bytes: Buffer[] = [];
    const raw: RawStream = {
      writable: true,
      write(chunk) {
        calls.push('write');
        bytes.push(chunk);
        return true;
      },
    };
    const engineWrites: unknown[] = [];
    const conn: EngineConnection = {
      readyState: 'open',
      writeBuffer: options.waiting ?? [],
      transport: { name: 'websocket', writable: options.writable ?? true, perMessageDeflate: null, socket: { readyState: options.wsState ?? 1, _socket: raw } },
      write: (data) => void engineWrites.push(data),
      flush: () => undefined,
    };
    return { conn, calls, bytes, engineWrites };
  }

  it('DO-13 a connection with nothing waiting gets the event and its bytes straight on its TCP socket, in one write of one buffer made once', () => {
    const encoded = new BoardDocPackets(socketIoEncoder()).of(new Uint8Array(70_000).fill(7));
    const idle = webSocketConnection();
    writeBoardDoc(idle.conn, encoded);
    expect(idle.calls).toEqual(['write']);
    expect(idle.engineWrites).toEqual([]);
    // the very frames engine.io would have written, one after the other
    const frames = encoded.packets.flatMap((p) => p.options.wsPreEncodedFrame);
    expect(idle.bytes[0]!.equals(Buffer.concat(frames))).toBe(true);
    // made once: every socket is written the same buffer
    const other = webSocketConnection();
    writeBoardDoc(other.conn, encoded);
    expect(other.bytes[0]).toBe(idle.bytes[0]);
  });

  it('DO-13 only the last message written straight keeps its frames in one buffer (a remembered answer does not keep a copy of its bytes)', () => {
    const packets = new BoardDocPackets(socketIoEncoder());
    const answer = packets.of(new Uint8Array(70_000).fill(7));
    const first = answer.wire();
    expect(answer.wire()).toBe(first);
    packets.of(new Uint8Array(5_000).fill(8)).wire();
    const again = answer.wire();
    expect(again).not.toBe(first);
    expect(again.equals(first)).toBe(true);
  });

  it('DO-13 a connection still writing, holding packets or whose WebSocket is closing gets the event through engine.io', () => {
    const encoded = new BoardDocPackets(socketIoEncoder()).of(new Uint8Array(70_000).fill(7));
    const [text, binary] = encoded.packets.map((p) => p.data);
    for (const busy of [webSocketConnection({ writable: false }), webSocketConnection({ waiting: [{ data: '4earlier' }] }), webSocketConnection({ wsState: 2 })]) {
      writeBoardDoc(busy.conn, encoded);
      expect(busy.calls).toEqual([]);
      expect(busy.engineWrites).toEqual([text, binary]);
    }
  });
});
