import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WS_CLOSE } from '@candor/shared';
import { DocConnection, Person, boardWithNote, startServer, until, type TestServer } from './harness.js';

/**
 * DO-3 on a real full disk: the data directory is a small tmpfs that the test fills up. Mounting needs root
 * (and a kernel that allows it); where it is not allowed this file says so instead of pretending.
 */
const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-full-'));
const mounted = (() => {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

/** Writes a filler file until the file system refuses (ENOSPC); returns its path. */
function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
  // the last blocks too, one small write at a time
  const tail = fs.openSync(filler, 'a');
  try {
    for (;;) fs.writeSync(tail, Buffer.alloc(512, 1));
  } catch {
    // full
  } finally {
    fs.closeSync(tail);
  }
  return filler;
}

describe.runIf(mounted)('documents on a full disk (tmpfs)', () => {
  let server: TestServer | undefined;
  const people: Person[] = [];
  afterAll(async () => {
    for (const p of people) await p.disconnect();
    await server?.close();
    execFileSync('umount', [mountPoint]);
  });

  it('DO-3 with the disk full a notes edit is refused and shown to nobody; once space is freed it is resent and survives a restart', async () => {
    const dbFile = path.join(mountPoint, 'candor.sqlite');
    server = await startServer({ dbFile });
    const { F: G, A: H, key, boardId } = await boardWithNote(server.url, people, ['Gil', 'Hana']);
    const filler = fillDisk(mountPoint);
    // longer than the WAL file: an edit that fits in the blocks the WAL already has is stored there, durably
    // (AR-6 keeps the WAL's blocks, zeroed), so only one that needs more space meets the full disk
    const typed = `typed while the disk was full ${'.'.repeat(fs.statSync(`${dbFile}-wal`).size + 64 * 1024)}`;

    H.typeNote(key, typed);
    expect((await H.notesConn!.waitClosed()).code).toBe(WS_CLOSE.RESYNC);
    await G.notesConn!.roundTrip();
    expect(G.notes(key)).toBe('');

    fs.rmSync(filler);
    H.notesConn = new DocConnection(await H.docUrl('notes'), H.notesDoc, () => undefined);
    await G.waitFor(() => G.notes(key) === typed, 10_000);
    H.typeNote(key, ', and after');
    await G.waitFor(() => G.notes(key) === `${typed}, and after`);

    for (const p of [G, H]) await p.disconnect();
    await server.close();
    server = await startServer({ dbFile });
    const R = new Person(server.url);
    people.push(R);
    await R.connect(boardId, 'Reader');
    await until(() => R.notes(key) === `${typed}, and after`);
  });
});
