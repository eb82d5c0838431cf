import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WS_CLOSE } from '@candor/shared';
import { QUEUED_PACKET_OVERHEAD_BYTES, SendBuffers, type SendingConnection } from './sendBuffers.js';

/** an engine.io socket as far as `SendBuffers` sees it: it emits `packetCreate`, has a WebSocket, can be closed */
class FakeConnection extends EventEmitter {
  readyState = 'open';
  closedWith: boolean | undefined;
  wsClosedWith: number | undefined;
  transport = {
    socket: {
      bufferedAmount: 0,
      close: (code: number) => {
        this.wsClosedWith = code;
      },
    },
  };
  close(discard?: boolean): void {
    this.closedWith = discard;
    this.readyState = 'closed';
  }
  /** what engine.io's `sendPacket` does while the connection is not closing: `packetCreate`, then queue it */
  send(data: string | Uint8Array): void {
    if (this.readyState === 'open') this.emit('packetCreate', { type: 'message', data });
  }
}

const CAP = 10_000;
const ACK = `431[${JSON.stringify({ ok: false, code: 'UNKNOWN_EVENT', message: 'Unknown event "x".' })}]`;
const ackBytes = ACK.length + QUEUED_PACKET_OVERHEAD_BYTES;

function watched() {
  const overflows: number[] = [];
  const buffers = new SendBuffers(CAP, (_conn, held) => overflows.push(held));
  const conn = new FakeConnection();
  buffers.watch(conn as unknown as SendingConnection);
  return { buffers, conn, sending: conn as unknown as SendingConnection, overflows };
}

describe('DO-7 SendBuffers: every packet queued for a Socket.io connection counts against its cap', () => {
  it('DO-7 counts each packet made (an ack as much as an event) with its overhead, and what the WebSocket holds', () => {
    const { buffers, conn, sending } = watched();
    conn.send(ACK);
    conn.send(new Uint8Array(100));
    conn.transport.socket.bufferedAmount = 500;
    expect(buffers.held(sending)).toBe(ackBytes + 100 + QUEUED_PACKET_OVERHEAD_BYTES + 500);
  });

  it('DO-7 once engine.io hands the packets to the transport their data is the WebSocket’s to count; their overhead stays until the next flush', () => {
    const { buffers, conn, sending } = watched();
    for (let i = 0; i < 5; i++) conn.send(ACK);
    buffers.flushed(sending, 5);
    conn.transport.socket.bufferedAmount = 5 * ACK.length;
    expect(buffers.held(sending)).toBe(5 * ACK.length + 5 * QUEUED_PACKET_OVERHEAD_BYTES);
    conn.transport.socket.bufferedAmount = 0;
    buffers.flushed(sending, 0);
    expect(buffers.held(sending)).toBe(0);
  });

  it('DO-7 the packet that takes a connection past the cap closes it: nothing more is queued, it is dropped on the next tick with TOO_SLOW, once, and the overflow is reported once', async () => {
    const { conn, overflows } = watched();
    const fit = Math.floor(CAP / ackBytes);
    for (let i = 0; i < fit; i++) conn.send(ACK);
    expect(conn.readyState).toBe('open');
    conn.send(ACK);
    expect(conn.readyState).toBe('closing');
    expect(conn.closedWith).toBeUndefined(); // not from inside whatever sent the packet
    for (let i = 0; i < 100; i++) conn.send(ACK); // a closing connection takes nothing more
    await new Promise((resolve) => process.nextTick(resolve));
    expect(conn.closedWith).toBe(true);
    expect(conn.wsClosedWith).toBe(WS_CLOSE.TOO_SLOW);
    expect(overflows).toEqual([(fit + 1) * ackBytes]);
  });

  it('DO-7 hasRoomFor asks before a write that bypasses engine.io (a board-document message straight onto the socket)', async () => {
    const { buffers, conn, sending, overflows } = watched();
    conn.transport.socket.bufferedAmount = CAP - 1000;
    expect(buffers.hasRoomFor(sending, 1000)).toBe(true);
    expect(buffers.hasRoomFor(sending, 1001)).toBe(false);
    expect(conn.readyState).toBe('closing');
    expect(buffers.hasRoomFor(sending, 0)).toBe(false);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(conn.closedWith).toBe(true);
    expect(overflows).toEqual([CAP + 1]);
  });

  it('DO-7 ME-5 every watched connection gets the very same listener: none keeps a closure of its own', () => {
    const buffers = new SendBuffers(CAP, () => undefined);
    const [a, b] = [new FakeConnection(), new FakeConnection()];
    buffers.watch(a as unknown as SendingConnection);
    buffers.watch(b as unknown as SendingConnection);
    buffers.watch(b as unknown as SendingConnection);
    expect(b.listeners('packetCreate')).toHaveLength(1);
    expect(a.listeners('packetCreate')[0]).toBe(b.listeners('packetCreate')[0]);
  });
});
