import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Person, createBoard, getBoard, newId, openSocket, sendCommand, startServer, useServer } from './harness.js';

/**
 * AR-7: a backup of DATA_DIR without the key file. The boards are all there to read, but every keyed hash was
 * made with the lost key, so nobody's browser secret is recognised any more: not as the author of a card, not
 * as a participant, not as the facilitator (so nobody can resend a command from before either: they cannot join).
 */
describe('AR-7 restoring the data without its key', () => {
  const live = useServer();

  it('AR-7 shows every board, recognises nobody, makes people join again under a new identity, and lets the room take the facilitator role over', async () => {
    const { url, dbFile } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Backed up');
    const [F, A] = [new Person(url), new Person(url)];
    live.people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    expect(await A.cmd('card.add', { columnId: 'start', text: 'written before the backup' })).toMatchObject({ ok: true });
    // (something public, so that the shutdown keeps his row: a card alone would not, AB-6)
    expect(await A.cmd('done.mark', { done: true })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    const before = (await getBoard(url, boardId, F)).board;
    for (const p of [F, A]) await p.disconnect();
    await live.server.close();

    // the backup: the data directory only, restored somewhere else, so the server makes a new key
    const restoredDb = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-restore-')), 'candor.sqlite');
    fs.copyFileSync(dbFile, restoredDb);
    live.server = await startServer({ dbFile: restoredDb, claimAfterMs: 0 });
    const restored = live.server.url;

    const socket = await openSocket(restored, { boardId });
    try {
      // the old identities and the facilitator link are not recognised
      expect(await sendCommand(socket, { id: newId(), type: 'join', participantId: A.participantId, secret: A.secret, name: 'Alex' })).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS' });
      expect(await sendCommand(socket, { id: newId(), type: 'join', participantId: newId(), secret: newId(32), name: 'Fran', facilitatorKey })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    } finally {
      socket.close();
    }
    // joined again under a new identity, Alex reads the same board, and the card is nobody's
    const again = new Person(restored);
    live.people.push(again);
    await again.connect(boardId, 'Alex');
    const after = again.board()!;
    expect(after.cards).toEqual(before.cards);
    expect(again.me?.cards).toEqual([]);
    // with the facilitator link gone, someone in the room takes the role over once the old one is away (FA-*)
    expect(await again.cmd('facilitator.claim')).toMatchObject({ ok: true });
    expect(await again.cmd('phase.set', { phase: 'vote' })).toMatchObject({ ok: true });
  });
});
