import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WS_CLOSE } from '@candor/shared';
import { faultyStore, type FaultControls } from '@candor/server/testing';
import { DocConnection, Person, boardWithNote, startServer, until, useServer } from './harness.js';

/**
 * DO-2 / DO-3: every document change goes through the room, which stores it before anyone else sees it. The
 * store is wrapped so that a test can stall it (a slow network store) or make it fail (a full disk).
 */
describe('documents: store, then relay', () => {
  let faulty!: FaultControls;
  const live = useServer({
    wrapStore: (store) => {
      const wrapped = faultyStore(store);
      faulty = wrapped;
      return wrapped;
    },
  });
  const people = live.people;

  it('DO-2 no notes update reaches another socket, or a newcomer, before its append to the store resolved', async () => {
    const { G, H, key } = await (async () => {
      const { F, A, key } = await boardWithNote(live.server.url, people, ['Gil', 'Hana']);
      return { G: F, H: A, key };
    })();
    const held: (() => void)[] = [];
    faulty.hold(async (method, args) => {
      if (method === 'appendDocUpdate' && args[1] === 'notes') await new Promise<void>((resolve) => held.push(resolve));
    });
    try {
      H.typeNote(key, 'held back');
      await until(() => held.length === 1);
      // The server has read H's update and is waiting for the store. G's round trip is answered meanwhile,
      // and a newcomer's first sync too: neither may contain the text yet.
      await G.notesConn!.roundTrip();
      const newcomer = new DocConnection(await G.docUrl('notes'), new Y.Doc(), () => undefined);
      await until(() => newcomer.synced);
      expect(G.notes(key)).toBe('');
      expect((newcomer.doc.getMap('notes').get(key) as Y.Text).toString()).toBe('');
      newcomer.close();
    } finally {
      faulty.hold(null);
      for (const release of held) release();
    }
    await G.waitFor(() => G.notes(key) === 'held back');
  });

  it('DO-3 a notes edit whose store failed is shown to nobody, its sender resyncs and resends it, and after a restart every edit is there', async () => {
    const { F: G, A: H, key, boardId } = await boardWithNote(live.server.url, people, ['Gil', 'Hana']);
    const snapshotsBefore = faulty.calls.compactDoc ?? 0;
    faulty.failNext(1, ['appendDocUpdate']);
    H.typeNote(key, 'first ');
    // refused and told to resync with a code the client understands
    expect((await H.notesConn!.waitClosed()).code).toBe(WS_CLOSE.RESYNC);
    await G.notesConn!.roundTrip();
    expect(G.notes(key)).toBe('');
    // storage works again: a whole snapshot of the document is written
    await until(() => (faulty.calls.compactDoc ?? 0) > snapshotsBefore);
    // H reconnects with the copy it has (as y-websocket's provider does): the edit it kept is sent again
    H.notesConn = new DocConnection(await H.docUrl('notes'), H.notesDoc, () => undefined);
    await G.waitFor(() => G.notes(key) === 'first ');
    H.typeNote(key, 'then more');
    await G.waitFor(() => G.notes(key) === 'first then more');

    const dbFile = live.server.dbFile;
    for (const p of [G, H]) await p.disconnect();
    await live.server.close();
    live.server = await startServer({ dbFile });
    const R = new Person(live.server.url);
    people.push(R);
    await R.connect(boardId, 'Reader');
    await R.waitFor(() => R.notes(key) === 'first then more');
  });
});
