import { describe, expect, it, vi } from 'vitest';
import { readBoardDoc, TEMPLATES } from '@candor/shared';
import { pino } from 'pino';
import { openSqliteStore } from '../storage/sqlite.js';
import type { BoardStore } from '../storage/BoardStore.js';
import { faultyStore } from '../storage/faultyStore.js';
import { Keyring } from '../identity.js';
import { BoardRoom } from './BoardRoom.js';
import { attachPerson, createTestBoard } from './room.testing.js';

/**
 * SL-1: a raised hand belongs to someone present. A hand whose person has been away for the grace the room gives
 * an away facilitator (FA-3, `claimAfterMs`) drops, for everyone; a short reconnect keeps it.
 */
const template = TEMPLATES[0]!;
let counter = 0;
const newId = () => `hd${String(++counter).padStart(10, '0')}`;
const keyring = new Keyring(Buffer.alloc(32, 9));
const GRACE = 60_000;

async function roomAt(store: BoardStore, clock: { now: number }) {
  const deps = { store, keyring, logger: pino({ level: 'silent' }), now: () => clock.now, newId, newSeed: () => 'seed', claimAfterMs: GRACE };
  return new BoardRoom((await store.loadBoard('board-hands'))!, deps);
}

const hands = (room: BoardRoom) => readBoardDoc(room.boardDoc)!.raisedHands.map((h) => h.name);

describe('BoardRoom raised hands of people who left (SL-1)', () => {
  it('SL-1 a hand drops once its person has been away for the grace, a short reconnect keeps it, and a room loaded again drops it too', async () => {
    // the room gathers the commands of one turn of the event loop with setImmediate: only timers are faked
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const clock = { now: 1_000 };
      const advance = async (ms: number) => {
        clock.now += ms;
        await vi.advanceTimersByTimeAsync(ms);
      };
      const store = faultyStore(openSqliteStore(':memory:'), ['commitBatch']);
      await createTestBoard(store, keyring, 'board-hands', 'Hands', template);
      const room = await roomAt(store, clock);
      const fac = attachPerson(room, 'fac', newId, { facilitator: true });
      const pia = attachPerson(room, 'pia', newId);
      const bo = attachPerson(room, 'bo', newId);
      await fac.join();
      await pia.join();
      await bo.join();
      const itemId = (await pia.must({ type: 'card.add', columnId: template.columns[0]!.id, text: 'topic' })).cardId!;
      for (const phase of ['reveal', 'vote', 'discuss'] as const) await fac.must({ type: 'phase.set', phase });
      await fac.must({ type: 'discuss.select', itemId });
      await pia.must({ type: 'hand.raise', raised: true });
      await bo.must({ type: 'hand.raise', raised: true });
      await advance(100);
      expect(hands(room)).toEqual(['pia', 'bo']);

      // Bo's connection drops and comes back within the grace: his hand stays
      room.detach(bo.socketId);
      await advance(GRACE / 2);
      const boAgain = attachPerson(room, 'bo', newId, { socketId: 'socket-bo-2' });
      await boAgain.join();
      // Pia closes her tab
      room.detach(pia.socketId);
      await advance(GRACE - 1_000);
      expect(hands(room)).toEqual(['pia', 'bo']);
      await advance(2_000);
      expect(hands(room)).toEqual(['bo']);
      await advance(GRACE * 2);
      expect(hands(room)).toEqual(['bo']);
      // Pia coming back later finds her hand down, in her own view too
      const piaAgain = attachPerson(room, 'pia', newId, { socketId: 'socket-pia-2' });
      await piaAgain.join();
      await advance(100);
      expect(hands(room)).toEqual(['bo']);
      expect(piaAgain.received.at(-1)!.handRaised).toBe(false);
      // a commit that fails makes the room read the board back (CM-2), whose log still has Pia's hand up: it stays down
      store.failNext(1, ['commitBatch']);
      expect((await fac.send({ type: 'hand.raise', raised: true })).ok).toBe(false);
      await advance(100);
      expect(hands(room)).toEqual(['bo']);
      // and a hand she raises again after she came back is hers, up as any other
      await piaAgain.must({ type: 'hand.raise', raised: true });
      await advance(100);
      expect(hands(room)).toEqual(['bo', 'pia']);
      await piaAgain.must({ type: 'hand.raise', raised: false });

      // a restart is everyone leaving: people coming straight back keep their hands, so a loaded room counts the grace from the load
      room.destroy();
      const restarted = await roomAt(store, clock);
      await advance(100);
      expect(hands(restarted)).toEqual(['bo']);
      await advance(GRACE + 1_000);
      expect(hands(restarted)).toEqual([]);
      restarted.destroy();

      // everyone left and the room was unloaded (AB-6); Mo opens the board alone 20 minutes later: no hand of someone gone
      const again = await roomAt(store, clock);
      const bo3 = attachPerson(again, 'bo', newId, { socketId: 'socket-bo-3' });
      await bo3.join();
      await advance(100);
      expect(hands(again)).toEqual(['bo']);
      again.detach(bo3.socketId);
      await again.forgetNeverActive();
      again.destroy();
      clock.now += 20 * 60_000;
      const later = await roomAt(store, clock);
      const mo = attachPerson(later, 'mo', newId);
      await mo.join();
      await advance(100);
      expect(hands(later)).toEqual([]);
      later.destroy();
    } finally {
      vi.useRealTimers();
    }
  });
});
