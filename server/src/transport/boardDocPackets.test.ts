import { describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { BoardDocPackets, type EngineConnection, writeTogether } from './boardDocPackets.js';

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
});
