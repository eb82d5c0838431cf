import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '@candor/shared';
import type { BoardStore } from './BoardStore.js';

/** a stand-in for a sealed command record: the store keeps the bytes it is given, nothing more */
const sealed = (n: number) => new Uint8Array(284).fill(n);

const created: BoardEvent = {
  type: 'board.created',
  name: 'Sprint 12',
  templateId: 'start-stop-continue',
  columns: [{ id: 'start', title: 'Start', prompt: 'What should we begin?' }],
  settings: { voteBudget: 3, perItemCap: 2 },
};

/** The contract every BoardStore implementation must pass (ST-*). */
export function storeContract(name: string, open: () => Promise<{ store: BoardStore; reopen?: () => Promise<BoardStore> }>) {
  describe(`${name} store contract`, () => {
    it('ST-1 creates a board whose first event is board.created with seq 1', async () => {
      const { store } = await open();
      await store.createBoard({ id: 'board-aaaa', facilitatorHash: 'fh', createdAt: 1 }, created);
      const loaded = await store.loadBoard('board-aaaa');
      expect(loaded?.record).toMatchObject({ id: 'board-aaaa', facilitatorHash: 'fh', createdAt: 1 });
      expect(loaded?.events).toEqual([{ seq: 1, event: created }]);
      expect(await store.boardExists('board-aaaa')).toBe(true);
      expect(await store.boardExists('board-none')).toBe(false);
      expect(await store.loadBoard('board-none')).toBeNull();
      await store.close();
    });

    it('ST-2 numbers committed events per board, in order, with no gaps', async () => {
      const { store } = await open();
      await store.createBoard({ id: 'board-one1', facilitatorHash: 'a', createdAt: 1 }, created);
      await store.createBoard({ id: 'board-two2', facilitatorHash: 'b', createdAt: 1 }, created);
      const add = (itemId: string): BoardEvent => ({ type: 'discuss.selected', itemId });
      expect(await store.commit('board-one1', { commandKey: 'k1', events: [add('c1'), add('c2')], sealed: sealed(0) })).toEqual({ lastSeq: 3 });
      expect(await store.commit('board-two2', { commandKey: 'k1', events: [add('c3')], sealed: sealed(0) })).toEqual({ lastSeq: 2 });
      const one = await store.loadBoard('board-one1');
      expect(one?.events.map((e) => e.seq)).toEqual([1, 2, 3]);
      await store.close();
    });

    it('ST-3 remembers a command key and its result, and refuses the same key twice without applying its events', async () => {
      const { store } = await open();
      await store.createBoard({ id: 'board-cmd1', facilitatorHash: 'a', createdAt: 1 }, created);
      const event: BoardEvent = { type: 'discuss.selected', itemId: 'c1' };
      await store.commit('board-cmd1', { commandKey: 'same', events: [event], sealed: sealed(1) });
      expect(await store.findCommand('board-cmd1', 'same')).toEqual(sealed(1));
      expect(await store.findCommand('board-cmd1', 'other')).toBeNull();
      // many keys in one read: the stored ones, by key
      expect(await store.findCommands('board-cmd1', ['other', 'same'])).toEqual(new Map([['same', sealed(1)]]));
      expect(await store.findCommands('board-cmd1', [])).toEqual(new Map());
      await expect(store.commit('board-cmd1', { commandKey: 'same', events: [event], sealed: sealed(0) })).rejects.toThrow();
      expect((await store.loadBoard('board-cmd1'))?.events).toHaveLength(2);
      await store.close();
    });

    it('CM-4 ST-8 stores a batch of participants, commands, events and the anonymous state in one transaction, all or nothing', async () => {
      const { store } = await open();
      await store.createBoard({ id: 'board-bat1', facilitatorHash: 'a', createdAt: 1 }, created);
      const select = (itemId: string): BoardEvent => ({ type: 'discuss.selected', itemId });
      const ada = { id: 'p1', name: 'Ada', handle: 'hd1', authHash: 'h1', isFacilitator: false };
      const result = await store.commitBatch('board-bat1', {
        participants: [ada],
        commands: [
          { commandKey: 'b1', sealed: sealed(1) },
          { commandKey: 'b2', sealed: sealed(2) },
        ],
        events: [select('c1'), select('c2')],
        anonymousState: { cards: new Uint8Array([7, 7]) },
      });
      expect(result).toEqual({ lastSeq: 3 });
      const loaded = (await store.loadBoard('board-bat1'))!;
      expect(loaded.participants).toEqual([ada]);
      expect(loaded.events.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(loaded.anonymousState).toEqual({ cards: new Uint8Array([7, 7]), marks: null });
      expect(await store.findCommand('board-bat1', 'b2')).toEqual(sealed(2));
      // a batch holding a key that is already stored fails whole: no participant, command or event of it stays
      const bo = { id: 'p2', name: 'Bo', handle: 'hd2', authHash: 'h2', isFacilitator: false };
      await expect(
        store.commitBatch('board-bat1', {
          participants: [bo],
          commands: [
            { commandKey: 'b3', sealed: sealed(3) },
            { commandKey: 'b1', sealed: sealed(4) },
          ],
          events: [select('c3')],
          anonymousState: { cards: new Uint8Array([8]), marks: new Uint8Array([9]) },
        }),
      ).rejects.toThrow();
      const after = (await store.loadBoard('board-bat1'))!;
      expect(after.participants).toEqual([ada]);
      expect(after.events).toHaveLength(3);
      expect(after.anonymousState).toEqual({ cards: new Uint8Array([7, 7]), marks: null });
      expect(await store.findCommand('board-bat1', 'b3')).toBeNull();
      expect(await store.findCommand('board-bat1', 'b1')).toEqual(sealed(1));
      // and the store goes on: the next batch is numbered right after the last one stored
      expect(await store.commitBatch('board-bat1', { participants: [bo], commands: [{ commandKey: 'b3', sealed: sealed(3) }], events: [select('c3')] })).toEqual({
        lastSeq: 4,
      });
      expect((await store.loadBoard('board-bat1'))!.participants.map((p) => p.id).sort()).toEqual(['p1', 'p2']);
      await store.close();
    });

    it('ST-4 keeps participants and updates the facilitator flag in place', async () => {
      const { store } = await open();
      await store.createBoard({ id: 'board-ppl1', facilitatorHash: 'a', createdAt: 1 }, created);
      await store.upsertParticipant('board-ppl1', { id: 'p1', name: 'Ada', handle: 'hd1', authHash: 'h1', isFacilitator: false });
      await store.upsertParticipant('board-ppl1', { id: 'p1', name: 'Ada', handle: 'hd1', authHash: 'h1', isFacilitator: true });
      expect((await store.loadBoard('board-ppl1'))?.participants).toEqual([{ id: 'p1', name: 'Ada', handle: 'hd1', authHash: 'h1', isFacilitator: true }]);
      await store.close();
    });

    it('ST-11 removes a participant of one board only', async () => {
      const { store } = await open();
      await store.createBoard({ id: 'board-ppl8', facilitatorHash: 'a', createdAt: 1 }, created);
      await store.createBoard({ id: 'board-ppl9', facilitatorHash: 'b', createdAt: 1 }, created);
      for (const board of ['board-ppl8', 'board-ppl9']) {
        await store.upsertParticipant(board, { id: 'p1', name: 'Ada', handle: 'hd1', authHash: 'h1', isFacilitator: false });
        await store.upsertParticipant(board, { id: 'p2', name: 'Bo', handle: 'hd2', authHash: 'h2', isFacilitator: false });
      }
      await store.removeParticipant('board-ppl8', 'p1');
      expect((await store.loadBoard('board-ppl8'))?.participants.map((p) => p.id)).toEqual(['p2']);
      expect((await store.loadBoard('board-ppl9'))?.participants.map((p) => p.id)).toEqual(['p1', 'p2']);
      await store.close();
    });

    it('ST-5 appends each document’s updates in order, counts them, and compacts one document into a snapshot', async () => {
      const { store } = await open();
      await store.createBoard({ id: 'board-note', facilitatorHash: 'a', createdAt: 1 }, created);
      expect((await store.loadBoard('board-note'))?.docs).toEqual({ board: [], notes: [] });
      expect(await store.appendDocUpdate('board-note', 'notes', new Uint8Array([1, 2]))).toBe(1);
      expect(await store.appendDocUpdate('board-note', 'notes', new Uint8Array([3]))).toBe(2);
      expect(await store.appendDocUpdate('board-note', 'board', new Uint8Array([7]))).toBe(1);
      expect((await store.loadBoard('board-note'))?.docs).toEqual({ board: [new Uint8Array([7])], notes: [new Uint8Array([1, 2]), new Uint8Array([3])] });
      await store.compactDoc('board-note', 'notes', new Uint8Array([9]));
      expect((await store.loadBoard('board-note'))?.docs).toEqual({ board: [new Uint8Array([7])], notes: [new Uint8Array([9])] });
      await store.close();
    });

    it('ST-9 keeps teams and lists their retros oldest first', async () => {
      const { store } = await open();
      await store.createTeam({ id: 'team-aaaa', name: 'Platform', createdAt: 5 });
      await store.createBoard({ id: 'board-late', facilitatorHash: 'a', createdAt: 20, teamId: 'team-aaaa' }, created);
      await store.createBoard({ id: 'board-earl', facilitatorHash: 'a', createdAt: 10, teamId: 'team-aaaa' }, created);
      await store.createBoard({ id: 'board-solo', facilitatorHash: 'a', createdAt: 15 }, created);
      expect(await store.loadTeam('team-aaaa')).toEqual({
        team: { id: 'team-aaaa', name: 'Platform', createdAt: 5 },
        boards: [
          { id: 'board-earl', createdAt: 10 },
          { id: 'board-late', createdAt: 20 },
        ],
      });
      expect((await store.loadBoard('board-late'))?.record.teamId).toBe('team-aaaa');
      expect((await store.loadBoard('board-solo'))?.record.teamId ?? null).toBeNull();
      expect(await store.loadTeam('team-none')).toBeNull();
      await store.close();
    });

    it('ST-12 keeps each part of a board\'s anonymous state, replaced whole only in a commit that changes that part, and logs no anonymous fact', async () => {
      const { store, reopen } = await open();
      await store.createBoard({ id: 'board-anon', facilitatorHash: 'a', createdAt: 1 }, created);
      expect((await store.loadBoard('board-anon'))?.anonymousState).toEqual({ cards: null, marks: null });
      await store.commit('board-anon', { commandKey: 'k1', events: [], anonymousState: { cards: new Uint8Array([1, 2, 3]), marks: new Uint8Array([9]) }, sealed: sealed(4) });
      await store.commit('board-anon', { commandKey: 'k2', events: [], anonymousState: { cards: new Uint8Array([4]) }, sealed: sealed(5) });
      await store.commit('board-anon', { commandKey: 'k3', events: [{ type: 'timer.stopped' }], sealed: sealed(6) });
      const loaded = await store.loadBoard('board-anon');
      expect(loaded?.anonymousState).toEqual({ cards: new Uint8Array([4]), marks: new Uint8Array([9]) });
      await store.commitBatch('board-anon', { participants: [], commands: [{ commandKey: 'k5', sealed: sealed(8) }], events: [], anonymousState: { marks: new Uint8Array([5, 5]) } });
      expect((await store.loadBoard('board-anon'))?.anonymousState).toEqual({ cards: new Uint8Array([4]), marks: new Uint8Array([5, 5]) });
      expect(loaded?.events.map((e) => e.event.type)).toEqual(['board.created', 'timer.stopped']);
      const card: BoardEvent = { type: 'card.added', cardId: 'c1', columnId: 'start', text: 'x', authorTag: 't' };
      await expect(store.commit('board-anon', { commandKey: 'k4', events: [card], sealed: sealed(7) })).rejects.toThrow(/anonymous/);
      expect(await store.findCommand('board-anon', 'k4')).toBeNull();
      await store.close();
      if (reopen) {
        const again = await reopen();
        expect((await again.loadBoard('board-anon'))?.anonymousState).toEqual({ cards: new Uint8Array([4]), marks: new Uint8Array([5, 5]) });
        await again.close();
      }
    });

    it('ST-13 deletes one board and everything recorded for it (BD-3); another board, also of the same team, is untouched', async () => {
      const { store } = await open();
      await store.createTeam({ id: 'team-del1', name: 'Platform', createdAt: 1 });
      for (const id of ['board-del1', 'board-del2']) {
        await store.createBoard({ id, facilitatorHash: 'a', createdAt: id === 'board-del1' ? 1 : 2, teamId: 'team-del1' }, created);
        await store.upsertParticipant(id, { id: 'p1', name: 'Ada', handle: 'hd1', authHash: 'h1', isFacilitator: true });
        await store.commit(id, { commandKey: 'k1', events: [{ type: 'timer.stopped' }], anonymousState: { cards: new Uint8Array([7]), marks: new Uint8Array([6]) }, sealed: sealed(1) });
        await store.appendDocUpdate(id, 'notes', new Uint8Array([1, 2]));
      }
      await store.deleteBoard('board-del1');
      expect(await store.boardExists('board-del1')).toBe(false);
      expect(await store.loadBoard('board-del1')).toBeNull();
      expect(await store.findCommand('board-del1', 'k1')).toBeNull();
      expect((await store.loadTeam('team-del1'))?.boards.map((b) => b.id)).toEqual(['board-del2']);
      const kept = await store.loadBoard('board-del2');
      expect(kept?.participants.map((p) => p.id)).toEqual(['p1']);
      expect(kept?.events.map((e) => e.event.type)).toEqual(['board.created', 'timer.stopped']);
      expect(kept?.anonymousState).toEqual({ cards: new Uint8Array([7]), marks: new Uint8Array([6]) });
      expect(kept?.docs.notes).toHaveLength(1);
      expect(await store.findCommand('board-del2', 'k1')).toEqual(sealed(1));
      // the id can be used again as if it had never been (nothing left to collide with)
      await store.createBoard({ id: 'board-del1', facilitatorHash: 'b', createdAt: 3 }, created);
      expect((await store.loadBoard('board-del1'))?.participants).toEqual([]);
      await store.close();
    });

    it('ST-7 keeps committed events after closing and reopening', async () => {
      const { store, reopen } = await open();
      if (!reopen) return store.close();
      await store.createBoard({ id: 'board-keep', facilitatorHash: 'a', createdAt: 1 }, created);
      await store.commit('board-keep', { commandKey: 'k', events: [{ type: 'phase.changed', phase: 'reveal', revealSeed: 's' }], sealed: sealed(0) });
      await store.close();
      const again = await reopen();
      expect((await again.loadBoard('board-keep'))?.events.map((e) => e.event.type)).toEqual(['board.created', 'phase.changed']);
      await again.close();
    });

    it('SL-3 keeps the count of people a Close carries, after closing and reopening', async () => {
      const { store, reopen } = await open();
      await store.createBoard({ id: 'board-count', facilitatorHash: 'a', createdAt: 1 }, created);
      await store.commit('board-count', { commandKey: 'k', events: [{ type: 'phase.changed', phase: 'closed', people: 4 }], sealed: sealed(0) });
      const again = reopen ? (await store.close(), await reopen()) : store;
      expect((await again.loadBoard('board-count'))?.events.at(-1)?.event).toEqual({ type: 'phase.changed', phase: 'closed', people: 4 });
      await again.close();
    });

    it('AC-5 AR-6 an action deleted, by a commit or in a batch, leaves its words in no logged event; the other actions keep theirs', async () => {
      const { store } = await open();
      await store.createBoard({ id: 'board-act1', facilitatorHash: 'a', createdAt: 1 }, created);
      const action = (actionId: string, text: string): BoardEvent => ({ type: 'action.created', actionId, itemId: 'c1', text, dueDate: '2026-12-20', askOf: 'Finance' });
      await store.commit('board-act1', { commandKey: 'k1', events: [action('a1', 'GONE-BY-COMMIT'), action('a2', 'KEPT-WORDS')], sealed: sealed(1) });
      await store.commitBatch('board-act1', { participants: [], commands: [{ commandKey: 'k2', sealed: sealed(2) }], events: [action('a3', 'GONE-BY-BATCH'), { type: 'action.asked', actionId: 'a3', askOf: 'Legal' }, { type: 'action.asked', actionId: 'a2', askOf: 'Sales' }] });
      await store.commit('board-act1', { commandKey: 'k3', events: [{ type: 'action.deleted', actionId: 'a1' }], sealed: sealed(3) });
      await store.commitBatch('board-act1', {
        participants: [],
        commands: [{ commandKey: 'k4', sealed: sealed(4) }],
        // one created and deleted in the very batch too
        events: [action('a4', 'GONE-IN-ITS-BATCH'), { type: 'action.deleted', actionId: 'a4' }, { type: 'action.deleted', actionId: 'a3' }],
      });
      const events = (await store.loadBoard('board-act1'))!.events.map((e) => e.event);
      const logged = JSON.stringify(events);
      for (const words of ['GONE-BY-COMMIT', 'GONE-BY-BATCH', 'GONE-IN-ITS-BATCH', 'Legal']) expect(logged).not.toContain(words);
      for (const words of ['KEPT-WORDS', 'Sales']) expect(logged).toContain(words);
      // replayed, the same actions come and go: created without words, deleted after
      expect(events.filter((e) => e.type === 'action.created').map((e) => e.type === 'action.created' && [e.actionId, e.text, e.askOf ?? null])).toEqual([
        ['a1', '', null],
        ['a2', 'KEPT-WORDS', 'Finance'],
        ['a3', '', null],
        ['a4', '', null],
      ]);
      expect(events.filter((e) => e.type === 'action.deleted')).toHaveLength(3);
      await store.close();
    });
  });
}
