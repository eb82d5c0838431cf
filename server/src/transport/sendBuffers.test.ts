import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { WS_CLOSE } from '@candor/shared';
import { QUEUED_PACKET_OVERHEAD_BYTES, SendBuffers, type OverflowScope, type SendingConnection } from './sendBuffers.js';
import { HeldPerAddress } from './heldPerAddress.js';

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
  /** what engine.io does once the connection is over: `close`, and its WebSocket (what it held with it) is gone */
  closed(): void {
    this.transport.socket.bufferedAmount = 0;
    this.emit('close');
  }
}

const CAP = 10_000;
const ACK = `431[${JSON.stringify({ ok: false, code: 'UNKNOWN_EVENT', message: 'Unknown event "x".' })}]`;
const ackBytes = ACK.length + QUEUED_PACKET_OVERHEAD_BYTES;

function watched() {
  const overflows: number[] = [];
  const buffers = new SendBuffers(CAP, new HeldPerAddress(100 * CAP), (_conn, held) => overflows.push(held));
  const conn = new FakeConnection();
  buffers.watch(conn as unknown as SendingConnection, '192.0.2.1');
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
    const buffers = new SendBuffers(CAP, new HeldPerAddress(100 * CAP), () => undefined);
    const [a, b] = [new FakeConnection(), new FakeConnection()];
    buffers.watch(a as unknown as SendingConnection, '192.0.2.1');
    buffers.watch(b as unknown as SendingConnection, '192.0.2.1');
    buffers.watch(b as unknown as SendingConnection, '192.0.2.1');
    for (const event of ['packetCreate', 'close']) {
      expect(b.listeners(event)).toHaveLength(1);
      expect(a.listeners(event)[0]).toBe(b.listeners(event)[0]);
    }
  });
});

/** AB-11: the address's cap is 2.5 connections' worth; the per-connection cap (DO-7) stays `CAP` */
const ADDRESS_CAP = 2.5 * CAP;

function sharedAddress() {
  const perAddress = new HeldPerAddress(ADDRESS_CAP);
  const overflows: { conn: SendingConnection; held: number; scope: OverflowScope }[] = [];
  const buffers = new SendBuffers(CAP, perAddress, (conn, held, scope) => overflows.push({ conn, held, scope }));
  const connect = (address: string) => {
    const conn = new FakeConnection();
    buffers.watch(conn as unknown as SendingConnection, address);
    return conn;
  };
  return { perAddress, buffers, overflows, connect };
}

describe('AB-11 SendBuffers: what the connections of one address hold together counts against the address’s cap', () => {
  it('AB-11 the packet that takes an address’s connections together past its cap closes the connection it was for, though that one is under its own cap; another address is untouched', async () => {
    const { perAddress, overflows, connect } = sharedAddress();
    const [a, b, c] = [connect('192.0.2.1'), connect('192.0.2.1'), connect('192.0.2.1')];
    const other = connect('198.51.100.2');
    const big = new Uint8Array(CAP * 0.8);
    a.send(big);
    b.send(big);
    other.send(big);
    c.send(new Uint8Array(CAP * 0.5));
    expect([a, b, c, other].map((conn) => conn.readyState)).toEqual(['open', 'open', 'open', 'open']);
    expect(perAddress.of('192.0.2.1')).toBe(2.1 * CAP + 3 * QUEUED_PACKET_OVERHEAD_BYTES);
    c.send(new Uint8Array(CAP * 0.4)); // c holds 0.9 of its own cap; the address 2.5 + overhead
    expect(c.readyState).toBe('closing');
    expect([a.readyState, b.readyState, other.readyState]).toEqual(['open', 'open', 'open']);
    expect(overflows).toEqual([{ conn: c, held: 2.5 * CAP + 4 * QUEUED_PACKET_OVERHEAD_BYTES, scope: 'address' }]);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(c.wsClosedWith).toBe(WS_CLOSE.TOO_SLOW);
    expect(c.closedWith).toBe(true);
    // the other address, with a connection as full as a's, goes on
    other.send(new Uint8Array(CAP * 0.1));
    expect(other.readyState).toBe('open');
  });

  it('AB-11 a closed connection no longer counts, so its address has room again; what the kernel took (engine.io’s drain) no longer counts either', () => {
    const { perAddress, buffers, overflows, connect } = sharedAddress();
    const [a, b] = [connect('192.0.2.1'), connect('192.0.2.1')];
    a.send(new Uint8Array(CAP * 0.9));
    b.send(new Uint8Array(CAP * 0.9));
    a.closed();
    expect(perAddress.of('192.0.2.1')).toBe(0.9 * CAP + QUEUED_PACKET_OVERHEAD_BYTES);
    // b's packet handed to its WebSocket, which the kernel took half of
    buffers.flushed(b as unknown as SendingConnection, 1);
    b.transport.socket.bufferedAmount = CAP * 0.45;
    buffers.settled(b as unknown as SendingConnection);
    expect(perAddress.of('192.0.2.1')).toBe(0.45 * CAP + QUEUED_PACKET_OVERHEAD_BYTES);
    b.closed();
    expect(perAddress.of('192.0.2.1')).toBe(0);
    expect(perAddress.size).toBe(0);
    expect(overflows).toEqual([]);
  });

  it('AB-11 hasRoomFor counts a message written straight onto the socket before it is written, refuses the one that would take the address past its cap, and counts nothing for what it refused', () => {
    const { perAddress, buffers, overflows, connect } = sharedAddress();
    const conns = [connect('192.0.2.1'), connect('192.0.2.1'), connect('192.0.2.1')];
    const [a, b, c] = conns.map((conn) => conn as unknown as SendingConnection) as [SendingConnection, SendingConnection, SendingConnection];
    // a reveal fans one message out: each is counted as it is allowed, before the next asks
    expect(buffers.hasRoomFor(a, CAP * 0.9)).toBe(true);
    conns[0]!.transport.socket.bufferedAmount = CAP * 0.9;
    expect(buffers.hasRoomFor(b, CAP * 0.9)).toBe(true); // not written yet: counted all the same
    expect(buffers.hasRoomFor(c, CAP * 0.9)).toBe(false);
    expect(conns[2]!.readyState).toBe('closing');
    expect(overflows).toEqual([{ conn: c, held: 2.7 * CAP, scope: 'address' }]);
    expect(perAddress.of('192.0.2.1')).toBe(1.8 * CAP);
  });
});
