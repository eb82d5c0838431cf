import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Crowd } from '../../bench/lib/loadgens.js';
import { revealCandor, revealFloor, revealStock } from '../../bench/scenarios/reveal.js';
import { restartStorm } from '../../bench/scenarios/storm.js';
import { isSyncStep2 } from '../../bench/lib/yjsWire.js';
import type { WireFrame } from '../../bench/lib/wireRecorder.js';
import { ensureServerBuilt } from './harness.js';

/**
 * `pnpm bench` in miniature: 5 simulated people in the two load processes, 20 cards, one reveal on the
 * built server, then the floor and the stock server with the same people. Checks that it completes and
 * counts correctly; timings are the bench's business, not a test's.
 */

/** the text frame engine.io sends before each binary `board.doc` event's attachment (Socket.io v4, EIO 4) */
const BOARD_DOC_PACKET = '451-["board.doc",{"_placeholder":true,"num":0}]';

describe('bench (5 people, 20 cards)', () => {
  let crowd: Crowd | null = null;

  beforeAll(async () => {
    ensureServerBuilt();
    crowd = await Crowd.start(2);
  }, 120_000);

  afterAll(async () => {
    await crowd?.stop();
  });

  it('counts the reveal at every person, and the floor and stock servers deliver to the same people', async () => {
    const o = { n: 5, cards: 20, quietMs: 300, timeoutMs: 10_000 };
    let recorded: WireFrame[] = [];
    let greeting: WireFrame[] = [];
    const candor = await revealCandor(crowd!, {
      ...o,
      record: (frames, greeted) => {
        recorded = frames;
        greeting = greeted;
      },
    });
    expect(candor.cardsWritten).toBe(20);
    expect(candor.revealsServed).toBe(1);
    expect(candor.errors).toEqual({});
    expect(candor.timedOut).toBe(false);
    expect(candor.clients).toBe(5);
    expect(candor.delivery.count).toBe(5);
    // every person received the same board-document bytes for the reveal, and they carry the cards
    expect(candor.bytesMin).toBeGreaterThan(20 * 8 * 2);
    expect(candor.bytesMax).toBe(candor.bytesMin);
    expect(candor.framesPerClient).toBeGreaterThanOrEqual(1);
    expect(candor.serverCpuMs).toBeGreaterThan(0);
    // the server's CPU split by thread: the main (JavaScript) thread worked, the others may or may not have
    expect(candor.serverMainThreadCpuMs).toBeGreaterThan(0);
    expect(candor.serverOtherThreadsCpuMs).toBeGreaterThanOrEqual(0);

    const floor = await revealFloor(crowd!, { ...o, bytes: candor.bytesPerClient });
    expect(floor).toMatchObject({ clients: 5, timedOut: false, bytesMin: candor.bytesPerClient, bytesMax: candor.bytesPerClient, framesPerClient: 1 });

    // the compressed floor sends the very frames one more person recorded from Candor's reveal: each
    // board-document message as engine.io framed it (DO-10), a Socket.io event packet then its binary attachment
    const messages = recorded.filter((f): f is Buffer => typeof f !== 'string');
    expect(messages.reduce((sum, f) => sum + f.length, 0)).toBe(candor.bytesPerClient);
    expect(recorded).toEqual(messages.flatMap((m) => [BOARD_DOC_PACKET, m]));
    // and, when its board document opened, what Candor sent: up to the whole document (the end of the handshake)
    expect(greeting.some((f) => typeof f !== 'string' && isSyncStep2(f))).toBe(true);
    // each floorz client waits for that whole document before the reveal, as it did from Candor, and the
    // greeting is not counted as the reveal's
    const floorz = await revealFloor(crowd!, { ...o, frames: recorded, greeting });
    expect(floorz).toMatchObject({ system: 'floorz', clients: 5, timedOut: false, bytesMin: candor.bytesPerClient, bytesMax: candor.bytesPerClient, framesPerClient: candor.framesPerClient });

    const stock = await revealStock(crowd!, o);
    expect(stock).toMatchObject({ clients: 5, timedOut: false, framesPerClient: 1 });
    expect(stock.bytesMin).toBeGreaterThan(20 * 8 * 2);
    expect(stock.bytesMax).toBe(stock.bytesMin);
  }, 60_000);

  it('measures a warm reveal: each server serves one of the same size first, and only the second is counted', async () => {
    const o = { n: 5, cards: 20, quietMs: 300, timeoutMs: 10_000, warm: true };
    let recorded: WireFrame[] = [];
    let greeting: WireFrame[] = [];
    const candor = await revealCandor(crowd!, {
      ...o,
      record: (frames, greeted) => {
        recorded = frames;
        greeting = greeted;
      },
    });
    // the warm-up board's people were reset: the measured board has its own 5, each counted once
    // the measured reveal is the server's second: two boards loaded, the warm-up's and the measured one
    expect(candor).toMatchObject({ revealsServed: 2, cardsWritten: 20, errors: {}, timedOut: false, clients: 5, delivery: { count: 5 } });
    expect(recorded.reduce((sum, f) => sum + (typeof f === 'string' ? 0 : f.length), 0)).toBe(candor.bytesPerClient);
    // the floor fired the same frames twice: one reveal's bytes in the window, not two
    const floorz = await revealFloor(crowd!, { ...o, frames: recorded, greeting });
    expect(floorz).toMatchObject({ revealsServed: 2, clients: 5, timedOut: false, bytesMin: candor.bytesPerClient, bytesMax: candor.bytesPerClient });
  }, 90_000);

  it('brings every person back after kill -9 (document whole again, a vote acked), and every floor client gets the same bytes', async () => {
    const { candor, floor } = await restartStorm(crowd!, { n: 5, cards: 20 });
    expect(candor).toMatchObject({ missing: 0, voted: { count: 5 }, resynced: { count: 5 } });
    expect(floor).toMatchObject({ missing: 0, voted: { count: 5 }, resynced: { count: 5 } });
    // the board document came back whole (at least the cards' text) to every person; every floor client got
    // the same greeting (Candor's answer to one fresh connection before the kill), as large as a whole document
    expect(candor.bytesMin).toBeGreaterThan(20 * 8);
    expect(floor.bytesMin).toBe(floor.bytesMax);
    expect(floor.bytesMin).toBeGreaterThan(20 * 8);
  }, 90_000);

  it('says where a reveal went, the same way for Candor and the floor, with settled load processes too', async () => {
    const settled = await Crowd.start(2, 'settled');
    try {
      const o = { n: 5, cards: 20, quietMs: 300, timeoutMs: 10_000 };
      let recorded: WireFrame[] = [];
      let greeting: WireFrame[] = [];
      const candor = await revealCandor(settled, { ...o, record: (frames, greeted) => ((recorded = frames), (greeting = greeted)) });
      const floorz = await revealFloor(settled, { ...o, frames: recorded, greeting });
      for (const r of [candor, floorz]) {
        // every person's last chunk came off its socket no later than its client counted the message
        expect(r.wire.count).toBe(5);
        expect(r.wire.max).toBeLessThanOrEqual(r.delivery.max);
        expect(r.clientLag.count).toBe(5);
        expect(r.clientLag.p50).toBeGreaterThanOrEqual(0);
        // the server wrote to every person (and Candor to its recorder and the facilitator too), all after the clock started
        expect(r.serverWrites.count).toBeGreaterThanOrEqual(5);
        expect(r.serverWrites.firstMs).toBeGreaterThanOrEqual(0);
        expect(r.serverWrites.lastMs).toBeGreaterThanOrEqual(r.serverWrites.firstMs);
        expect(r.loadgenCpuMs).toBeGreaterThan(0);
      }
      // Candor read the reveal command before it wrote anything of the reveal; the floor read nothing (it is told over IPC)
      expect(candor.serverWrites.firstReadMs).toBeLessThanOrEqual(candor.serverWrites.firstMs);
      expect(Number.isNaN(floorz.serverWrites.firstReadMs)).toBe(true);
      // the floor writes each client the reveal's frames in one write, as Candor does (DO-13); floorzsend, as the
      // floor did before, a ws.send a frame: the same bytes in two writes a client
      expect(floorz.serverWrites.count).toBe(5);
      const floorzsend = await revealFloor(settled, { ...o, frames: recorded, greeting, perFrame: true });
      expect(floorzsend).toMatchObject({ system: 'floorzsend', bytesMin: floorz.bytesMin, bytesMax: floorz.bytesMax, framesPerClient: floorz.framesPerClient });
      expect(floorzsend.serverWrites.count).toBe(10);
    } finally {
      await settled.stop();
    }
  }, 90_000);
});
