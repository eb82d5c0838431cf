import { describe, expect, it, vi } from 'vitest';
import { type Ack, readBoardDoc, TEMPLATES } from '@candor/shared';
import { pino } from 'pino';
import { openSqliteStore } from '../storage/sqlite.js';
import { faultyStore } from '../storage/faultyStore.js';
import { Keyring } from '../identity.js';
import { BoardRoom } from './BoardRoom.js';
import { attachPerson, createTestBoard } from './room.testing.js';

const template = TEMPLATES[2]!;
let counter = 0;
const newId = () => `id${String(++counter).padStart(10, '0')}`;

async function room() {
  const store = faultyStore(openSqliteStore(':memory:'));
  const keyring = new Keyring(Buffer.alloc(32, 9));
  await createTestBoard(store, keyring, 'board-batch', 'Batch test', template);
  const deps = { store, keyring, logger: pino({ level: 'silent' }), now: () => 1_000, newId, newSeed: () => 'seed', claimAfterMs: 60_000 };
  return { room: new BoardRoom((await store.loadBoard('board-batch'))!, deps), store, deps };
}

let socketNo = 0;
const person = (r: BoardRoom, name: string, facilitator = false) => attachPerson(r, name, newId, { facilitator, socketId: `socket-${name}-${++socketNo}` });

/** A gate that holds every commitBatch until `open()` is called. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let held = 0;
  return {
    hold: async (method: string) => {
      if (method !== 'commitBatch') return;
      held++;
      await opened;
    },
    open: () => open(),
    get held() {
      return held;
    },
  };
}

const names = (r: BoardRoom) => readBoardDoc(r.boardDoc)!.participants.map((p) => p.name).sort();
const settled = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('BoardRoom group commit (CM-4)', () => {
  it('CM-4 commands that arrive together are stored in one transaction, and none is answered or shown before it committed', async () => {
    const { room: r, store } = await room();
    const people = Array.from({ length: 10 }, (_, i) => person(r, `p${i}`));
    for (const p of people) expect((await p.join()).ok).toBe(true);
    const before = store.calls.commitBatch ?? 0;
    const g = gate();
    store.hold(g.hold);
    const answered: boolean[] = people.map(() => false);
    const acks = people.map((p, i) => p.send({ type: 'card.add', columnId: 'start', text: `card ${i}` }).finally(() => (answered[i] = true)));
    await expect.poll(() => g.held).toBe(1);
    await settled();
    expect(answered.every((a) => !a)).toBe(true);
    expect(people.every((p) => p.received.at(-1)!.cards.length === 0)).toBe(true);
    g.open();
    expect((await Promise.all(acks)).every((a) => a.ok)).toBe(true);
    expect((store.calls.commitBatch ?? 0) - before).toBe(1);
    expect(people.every((p) => p.received.at(-1)!.cards.length === 1)).toBe(true);
    store.hold(null);
  });

  it('CM-4 a returning person whose join waits alone is answered before the event loop turns, storing nothing', async () => {
    const { room: r, store } = await room();
    expect((await person(r, 'back').join()).ok).toBe(true);
    const again = person(r, 'back');
    const before = store.calls.commitBatch ?? 0;
    // (queued before the join: a join that waited for the check phase would come after it)
    let nextTurn = false;
    setImmediate(() => (nextTurn = true));
    const ack = again.join();
    expect(await ack).toEqual({ ok: true, data: { participantId: 'pid-back'.padEnd(10, 'x'), isFacilitator: false } });
    expect(nextTurn).toBe(false);
    expect(again.received).toHaveLength(1);
    expect(store.calls.commitBatch ?? 0).toBe(before);
  });

  it('CM-4 a returning person whose join finds the room idle is decided, shown and answered in the call that hands it over', async () => {
    const { room: r, store } = await room();
    expect((await person(r, 'now').join()).ok).toBe(true);
    await settled(); // (the first join's batch leaves the queue a few promise hops after its answer)
    const again = person(r, 'now');
    const before = store.calls.commitBatch ?? 0;
    let answered = false;
    const ack = again.join().then((a) => ((answered = true), a));
    // nothing awaited yet: they are in, and have their view
    expect(r.state.participants.get('pid-now'.padEnd(10, 'x'))!.online).toBe(true);
    expect(again.received).toHaveLength(1);
    expect(answered).toBe(false); // (a promise's callbacks run after this turn's code, as always)
    expect(await ack).toEqual({ ok: true, data: { participantId: 'pid-now'.padEnd(10, 'x'), isFacilitator: false } });
    expect(store.calls.commitBatch ?? 0).toBe(before);
  });

  it('CM-4 a returning person whose join comes while a batch is being stored waits for that batch, and is shown after it', async () => {
    const { room: r, store } = await room();
    const writer = person(r, 'writer');
    expect((await writer.join()).ok).toBe(true);
    expect((await person(r, 'later').join()).ok).toBe(true);
    const again = person(r, 'later');
    const g = gate();
    store.hold(g.hold);
    const added = writer.send({ type: 'card.add', columnId: 'start', text: 'stored first' });
    await expect.poll(() => g.held).toBe(1);
    let joined = false;
    const ack = again.join().then((a) => ((joined = true), a));
    await settled();
    expect(joined).toBe(false);
    expect(again.received).toHaveLength(0);
    g.open();
    expect((await added).ok && (await ack).ok).toBe(true);
    expect(again.received).toHaveLength(1);
    store.hold(null);
  });

  it('CM-4 a returning join and a command that arrive together are still decided in order, in one batch', async () => {
    const { room: r, store } = await room();
    expect((await person(r, 'order').join()).ok).toBe(true);
    const again = person(r, 'order');
    const before = store.calls.commitBatch ?? 0;
    const [joined, added] = await Promise.all([again.join(), again.send({ type: 'card.add', columnId: 'start', text: 'after my join' })]);
    expect(joined.ok && added.ok).toBe(true);
    expect((store.calls.commitBatch ?? 0) - before).toBe(1);
    expect(again.received.at(-1)!.cards.map((c) => c.text)).toEqual(['after my join']);
  });

  it('CM-3 CM-4 a batch looks its command ids up in one read; a resend in a later batch is answered with its first result', async () => {
    const { room: r, store } = await room();
    const people = Array.from({ length: 5 }, (_, i) => person(r, `q${i}`));
    for (const p of people) expect((await p.join()).ok).toBe(true);
    const calls = () => ({ one: store.calls.findCommand ?? 0, many: store.calls.findCommands ?? 0 });
    const before = calls();
    const ids = people.map(() => newId());
    const first = await Promise.all(people.map((p, i) => p.send({ id: ids[i]!, type: 'card.add', columnId: 'start', text: `card ${i}` })));
    expect(first.every((a) => a.ok)).toBe(true);
    // five commands, one batch, one read of their ids (not one per command)
    expect(calls()).toEqual({ one: before.one, many: before.many + 1 });
    const again = await Promise.all(people.map((p, i) => p.send({ id: ids[i]!, type: 'card.add', columnId: 'start', text: `card ${i}` })));
    expect(again).toEqual(first);
    expect(calls()).toEqual({ one: before.one, many: before.many + 2 });
    expect(r.state.cards.size).toBe(5);
  });

  it('CM-4 a batch whose transaction fails is answered INTERNAL as a whole and leaves the room as the store has it', async () => {
    const { room: r, store } = await room();
    const people = Array.from({ length: 5 }, (_, i) => person(r, `q${i}`));
    for (const p of people) expect((await p.join()).ok).toBe(true);
    store.failNext(1, ['commitBatch']);
    const acks = await Promise.all(people.map((p, i) => p.send({ type: 'card.add', columnId: 'start', text: `lost ${i}` })));
    expect(acks.every((a) => !a.ok && a.code === 'INTERNAL')).toBe(true);
    expect(r.state.cards.size).toBe(0);
    expect((await store.loadBoard('board-batch'))!.anonymousState).toEqual({ cards: null, marks: null });
    // the room goes on: the next command is stored and shown
    expect((await people[0]!.send({ type: 'card.add', columnId: 'start', text: 'kept' })).ok).toBe(true);
    expect(r.state.cards.size).toBe(1);
  });

  it('CM-4 a batch whose transaction fails while the board cannot be read back either leaves nothing behind: what follows is decided on the stored board', async () => {
    const { room: r, store } = await room();
    const people = Array.from({ length: 3 }, (_, i) => person(r, `q${i}`));
    for (const p of people) expect((await p.join()).ok).toBe(true);
    // the store goes away for a moment (PostgreSQL restarting): the commit fails, and so does the read that goes back
    store.failNext(2, ['commitBatch', 'loadBoard']);
    const acks = await Promise.all(people.map((p, i) => p.send({ type: 'card.add', columnId: 'start', text: `lost ${i}` })));
    expect(acks.every((a) => !a.ok && a.code === 'INTERNAL')).toBe(true);
    // back: the next command is stored, and only it ("nothing was changed" held for the ones answered INTERNAL)
    expect((await people[0]!.send({ type: 'card.add', columnId: 'start', text: 'kept' })).ok).toBe(true);
    const stored = (await store.loadBoard('board-batch'))!.anonymousState.cards;
    const texts = (JSON.parse(Buffer.from(stored!).toString('utf8')) as { cards: { text: string }[] }).cards.map((c) => c.text);
    expect(texts).toEqual(['kept']);
    expect([...r.state.cards.values()].map((c) => c.text)).toEqual(['kept']);
  });
});

describe('BoardRoom whose store stays away (CM-2)', () => {
  it('CM-2 a board that cannot be read back after a failed commit answers the commands waiting for it INTERNAL within 5 s, and those that come meanwhile at once; shows nothing of the batch; reads it again in the background and, once it can, decides on the stored board', async () => {
    const { room: r, store } = await room();
    const fran = person(r, 'fran', true);
    const alex = person(r, 'alex');
    for (const p of [fran, alex]) expect((await p.join()).ok).toBe(true);
    await settled();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // the store goes away for good (a PostgreSQL that does not come back) as a commit reaches it: that commit fails,
      // and every call after it
      let healed = false;
      store.hold(async (method) => {
        if (method === 'commitBatch' && !healed) store.failUntil(() => healed);
      });
      const answers: (Ack | null)[] = [null, null];
      void fran.send({ type: 'phase.set', phase: 'reveal' }).then((ack) => (answers[0] = ack));
      await vi.advanceTimersByTimeAsync(10);
      void alex.send({ type: 'card.add', columnId: 'start', text: 'waits' }).then((ack) => (answers[1] = ack));
      await vi.advanceTimersByTimeAsync(5_500);
      expect(answers.map((a) => a && !a.ok && a.code)).toEqual(['INTERNAL', 'INTERNAL']);
      // what comes while it still cannot read the board is answered at once, without deciding anything
      let atOnce: Ack | null = null;
      void alex.send({ type: 'card.add', columnId: 'start', text: 'refused' }).then((ack) => (atOnce = ack));
      await vi.advanceTimersByTimeAsync(0);
      expect(atOnce).toMatchObject({ ok: false, code: 'INTERNAL' });
      // someone coming and going makes the room project its board: nothing of the batch that was not stored shows
      const bea = person(r, 'bea');
      expect(await bea.join()).toMatchObject({ ok: false, code: 'INTERNAL' });
      r.detach(alex.socketId);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(readBoardDoc(r.boardDoc)!.phase).toBe('write');
      // the store comes back: the room reads the board again by itself, and goes on with the stored board
      healed = true;
      await vi.advanceTimersByTimeAsync(3_000);
    } finally {
      vi.useRealTimers();
    }
    expect(r.state.phase).toBe('write');
    expect((await fran.send({ type: 'card.add', columnId: 'start', text: 'kept' })).ok).toBe(true);
    expect([...r.state.cards.values()].map((c) => c.text)).toEqual(['kept']);
    expect((await fran.send({ type: 'phase.set', phase: 'reveal' })).ok).toBe(true);
    await settled();
    expect(readBoardDoc(r.boardDoc)!.phase).toBe('reveal');
  });
});

describe('BoardRoom one write path (CM-5)', () => {
  it('CM-5 a newcomer is in the room (and the board document) only once their participant row is stored', async () => {
    const { room: r, store } = await room();
    const fac = person(r, 'fac', true);
    await fac.join();
    const g = gate();
    store.hold(g.hold);
    const ada = person(r, 'ada');
    let answered = false;
    const joined = ada.join().finally(() => (answered = true));
    await expect.poll(() => g.held).toBe(1);
    await settled();
    expect(answered).toBe(false);
    expect(names(r)).toEqual(['fac']);
    g.open();
    expect((await joined).ok).toBe(true);
    await expect.poll(() => names(r)).toEqual(['ada', 'fac']);
    expect((await store.loadBoard('board-batch'))!.participants.map((p) => p.name).sort()).toEqual(['ada', 'fac']);
    store.hold(null);
  });

  it('CM-5 a join whose participant row cannot be stored changes nothing: not joined, not listed, not stored', async () => {
    const { room: r, store } = await room();
    const fac = person(r, 'fac', true);
    await fac.join();
    const bo = person(r, 'bo');
    store.failNext(1, ['commitBatch']);
    expect(await bo.join()).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await bo.send({ type: 'card.add', columnId: 'start', text: 'as nobody' })).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    await settled();
    expect(names(r)).toEqual(['fac']);
    expect(r.state.participants.size).toBe(1);
    expect((await store.loadBoard('board-batch'))!.participants.map((p) => p.name)).toEqual(['fac']);
    // the same person can join once storage works
    expect((await bo.join()).ok).toBe(true);
  });

  it('CM-5 presence is runtime: coming and going writes nothing, and a loaded room starts with everyone away', async () => {
    const { room: r, store, deps } = await room();
    const ada = person(r, 'ada');
    await ada.join();
    await expect.poll(() => readBoardDoc(r.boardDoc)!.participants).toMatchObject([{ name: 'ada', online: true }]);
    const writes = () => (store.calls.commitBatch ?? 0) + (store.calls.commit ?? 0) + (store.calls.upsertParticipant ?? 0);
    const before = writes();
    r.detach(ada.socketId);
    await expect.poll(() => readBoardDoc(r.boardDoc)!.participants).toMatchObject([{ name: 'ada', online: false }]);
    const again = person(r, 'ada');
    expect((await again.join()).ok).toBe(true); // a known participant: nothing to store
    await expect.poll(() => readBoardDoc(r.boardDoc)!.participants).toMatchObject([{ name: 'ada', online: true }]);
    expect(writes()).toBe(before);
    const reloaded = new BoardRoom((await store.loadBoard('board-batch'))!, deps);
    expect(readBoardDoc(reloaded.boardDoc)!.participants).toMatchObject([{ name: 'ada', online: false }]);
  });
});
