import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '@candor/shared';
import { openSqliteStore } from '../storage/sqlite.js';
import { Keyring } from '../identity.js';
import { createTestBoard, roomDriver } from './room.testing.js';

/**
 * SL-3: a closed retro's summary does not change after the fact. The count of people it gives is the one at Close,
 * kept with the board (in the log's Close): people AB-6 forgets when the room unloads (a late joiner who did nothing,
 * people who only wrote cards) are still counted, after the board is loaded again.
 */
const template = TEMPLATES[0]!;
let counter = 0;
const newId = () => `cc${String(++counter).padStart(10, '0')}`;
const keyring = new Keyring(Buffer.alloc(32, 5));
const { person, load } = roomDriver(keyring, newId);

describe('BoardRoom closed count (SL-3)', () => {
  it('SL-3 the Markdown summary counts the people at Close, after the room forgot a late joiner and was loaded again', async () => {
    const file = `/tmp/room56-closedCount-${process.pid}.db`;
    const store = openSqliteStore(file);
    try {
      await createTestBoard(store, keyring, 'board-count', 'Count', template);
      const room = await load(store, 'board-count');
      const fac = person(room, 'fac', true);
      await fac.join();
      for (const name of ['ada', 'bo']) {
        const p = person(room, name);
        await p.join();
        await p.send({ type: 'card.add', columnId: template.columns[0]!.id, text: `${name}'s card` });
      }
      // Mo joins late and does nothing
      await person(room, 'mo').join();
      for (const phase of ['reveal', 'vote', 'discuss', 'act', 'closed'] as const) await fac.send({ type: 'phase.set', phase });
      const at = new Date('2030-01-02T00:00:00Z');
      expect(room.exportMarkdown(at)).toContain('· 4 people ·');
      // everyone leaves; the room is unloaded and the server restarts. AB-6 forgets Mo, and Ada and Bo too: what they
      // did is anonymous (cards), which AB-6 does not count
      for (const name of ['fac', 'ada', 'bo', 'mo']) room.detach(`socket-${name}`);
      await room.forgetNeverActive();
      room.destroy();
      await store.close();
      const reopened = openSqliteStore(file);
      const later = await load(reopened, 'board-count');
      expect(later.publicView().participants.map((p) => p.name)).toEqual(['fac']);
      expect(later.exportMarkdown(at)).toContain('· 4 people ·');
      expect(later.exportMarkdown(at, 'de')).toContain('· 4 Personen ·');
      later.destroy();
      await reopened.close();
    } finally {
      const { rmSync } = await import('node:fs');
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    }
  });
});
