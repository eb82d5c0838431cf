import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '@candor/server';
import { defaultKeyFile, loadConfig } from '../../server/src/config.js';
import { REPO_ROOT } from './spawnedServer.js';
import { Person, createBoard, docTicket, docUrl, newId, openSocket, readerHeaders, sendCommand, until, useServer } from './harness.js';

/**
 * AR-10, JN-1: what must never be written down. Every secret a client holds (its participant secret, the
 * facilitator key, single-use document tickets, the board password) is tried against everything the server
 * writes: every log line at `trace`, including the error paths a client can trigger, and every data file. The
 * password is also tried against every frame the other people receive.
 */

const lines: string[] = [];
const memory = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString());
    done();
  },
});

/** every file the server wrote for its data: the database with any journal beside it, and the key file */
function dataBytes(dbFile: string, keyFile: string): Buffer {
  const dir = path.dirname(dbFile);
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  return Buffer.concat([...files, keyFile].filter((f) => fs.existsSync(f) && fs.statSync(f).isFile()).map((f) => fs.readFileSync(f)));
}

/**
 * Whether `bytes` hold `value` or any 12-character piece of it: SQLite cuts a value that runs over a page at the
 * boundary (each overflow page starts with a 4-byte pointer), so a whole-value search could miss one cut so.
 */
function holdsPieceOf(bytes: Buffer, value: string): boolean {
  if (value.length < 12) return bytes.includes(value);
  for (let i = 0; i + 12 <= value.length; i++) if (bytes.includes(value.slice(i, i + 12))) return true;
  return false;
}

describe('secrets are never written down', () => {
  const live = useServer({ logger: createLogger('trace', memory) });

  it('AR-10 JN-1 no secret, key, ticket or password reaches a log line or a data file, also on the failure paths', async () => {
    const { url, dbFile, keyFile } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Kept secrets');
    const [F, A, B] = [new Person(url), new Person(url), new Person(url)];
    live.people.push(F, A, B);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    await B.connect(boardId, 'Bea');
    const PASSWORD = 'PW-tulip-garden-4471';
    expect(await F.cmd('access.password', { password: PASSWORD })).toMatchObject({ ok: true });
    // Alex, signed out by the new password (JN-2), comes back with it and writes
    const back = await openSocket(url, { boardId });
    expect(await sendCommand(back, { id: newId(), type: 'join', participantId: A.participantId, secret: A.secret, name: 'Alex' })).toMatchObject({ ok: false, code: 'PASSWORD_REQUIRED' });
    expect(await sendCommand(back, { id: newId(), type: 'join', participantId: A.participantId, secret: A.secret, name: 'Alex', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await sendCommand(back, { id: newId(), type: 'card.add', columnId: 'start', text: 'I am stuck on the deploy' })).toMatchObject({ ok: true });
    back.close();

    // the failure paths a client can trigger with a secret in hand
    const tickets = [await docTicket(F.socket!, 'board'), await docTicket(F.socket!, 'notes')];
    const reused = new WebSocket(docUrl(url, boardId, 'notes', tickets[1]!));
    await new Promise((resolve) => reused.once('open', resolve).once('error', resolve));
    reused.close();
    for (const ticket of tickets) {
      const ws = new WebSocket(docUrl(url, newId(16), 'board', ticket));
      await new Promise((resolve) => ws.once('close', resolve).once('error', resolve));
    }
    const forged = await openSocket(url, { boardId });
    expect(await sendCommand(forged, { id: newId(), type: 'join', participantId: A.participantId, secret: newId(32), name: 'Alex' })).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS' });
    expect(await sendCommand(forged, { id: newId(), type: 'join', participantId: newId(), secret: B.secret, name: 'x', facilitatorKey: facilitatorKey.slice(1) })).toMatchObject({ ok: false });
    forged.close();
    await fetch(`${url}/api/boards/${boardId}/export.md`, { headers: readerHeaders(F) });
    await fetch(`${url}/api/boards/${boardId}/export.md`, { headers: { authorization: `Candor ${B.participantId} ${A.secret}` } });
    await fetch(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"name":"${facilitatorKey}",` });
    await until(() => lines.length > 0);

    const secrets = { facilitatorKey, password: PASSWORD, ...Object.fromEntries([F, A, B].map((p) => [`secret of ${p.name}`, p.secret])), ...Object.fromEntries(tickets.map((t, i) => [`ticket ${i}`, t])) };
    const log = lines.join('');
    const files = dataBytes(dbFile, keyFile);
    for (const [what, value] of Object.entries(secrets)) {
      expect(log.includes(value), `${what} in the log`).toBe(false);
      expect(holdsPieceOf(files, value), `${what} (or 12 characters of it) in the data files`).toBe(false);
    }
    // JN-1: the password reaches nobody else either
    for (const other of [A, B]) {
      for (const frame of other.frames) expect(frame.bytes.includes(PASSWORD), `password in a frame ${other.name} received`).toBe(false);
    }
  });
});

describe('a test run leaves no data file or server key behind', () => {
  const live = useServer();

  it('AR-7 every data directory and its server key are made under the run\'s own temporary directory, which the run removes at its end (tests/tmpRoot.globalSetup.ts)', () => {
    const root = process.env.TMPDIR ?? '';
    expect(path.basename(root)).toMatch(/^candor-tests-/);
    expect(os.tmpdir()).toBe(root);
    for (const file of [live.server.dbFile, live.server.keyFile]) expect(file.startsWith(root + path.sep), file).toBe(true);
    expect(fs.existsSync(live.server.keyFile)).toBe(true);
  });
});

/**
 * AR-7: the server key never travels with the code. The key file `npm start` and the end-to-end server make beside
 * their data directories (`<DATA_DIR>.key`) is ignored by git, and the repository holds no key file.
 */
describe('the server key stays out of the repository', () => {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });

  it('AR-7 git tracks no key file and ignores the ones a server makes in the checkout', () => {
    expect(git('ls-files').split('\n').filter((f) => f.endsWith('.key'))).toEqual([]);
    // the default data directory and the end-to-end server's (playwright.config.ts), each with its key beside it
    for (const dataDir of [loadConfig({}).dataDir, path.join(REPO_ROOT, '.e2e-data-3199')]) {
      const keyFile = path.relative(REPO_ROOT, defaultKeyFile(dataDir));
      expect(git('check-ignore', '--no-index', '--verbose', keyFile)).toContain(keyFile);
    }
  });
});
