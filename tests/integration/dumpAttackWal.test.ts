import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Person, createBoard, startServer, type TestServer } from './harness.js';
import { attack, type Knowledge } from './dump/attacker.js';
import { walCommits } from './dump/sqliteFile.js';

/**
 * AR-6, the WAL: joins (participant rows, named facts) may wait in it, several at a time, which spares each
 * join all but one fsync; a commit that writes anonymous state finds it empty and leaves it empty. So a copy of
 * DATA_DIR taken at any moment holds the database file and either a run of named commits or one anonymous
 * commit — never a join next to that person's card, nor two people's cards in the order they wrote them.
 */

/** Long names, so that a name is found in the bytes only where it was written. */
const WRITERS: [string, string][] = [
  ['Ada Lovelace', 'rollouts are scary'],
  ['Ben Okri-Nwosu', 'more tests please'],
  ['Cleo Fournier', 'docs are missing'],
];

const read = (dir: string) => new Map(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name))] as const));
const walOf = (files: Map<string, Buffer>) => files.get('candor.sqlite-wal') ?? Buffer.alloc(0);

describe('AR-6 what the WAL may hold', () => {
  const servers: TestServer[] = [];
  const people: Person[] = [];
  afterAll(async () => {
    await Promise.all(people.map((p) => p.disconnect().catch(() => undefined)));
    for (const s of servers) await s.close().catch(() => undefined);
  });

  it('AR-6 why: a WAL that keeps joins and cards in the order they were written names every writer, and orders their cards', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-wal-why-'));
    const db = new Database(path.join(dir, 'candor.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    // Candor's layout: participants by random id, the anonymous facts one blob sorted by random ids
    db.exec(`CREATE TABLE participants (id TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
             CREATE TABLE anonymous_state (board_id TEXT PRIMARY KEY, state BLOB NOT NULL) WITHOUT ROWID;`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const cards: { id: string; tag: string; text: string }[] = [];
    for (const [name, text] of WRITERS) {
      db.prepare('INSERT INTO participants VALUES (?, ?)').run(randomBytes(12).toString('base64url'), name);
      cards.push({ id: randomBytes(12).toString('base64url'), tag: randomBytes(32).toString('base64url'), text });
      cards.sort((a, b) => (a.id < b.id ? -1 : 1));
      db.prepare('INSERT INTO anonymous_state VALUES (?, ?) ON CONFLICT (board_id) DO UPDATE SET state = excluded.state').run('b', Buffer.from(JSON.stringify({ cards })));
    }
    const files = read(dir);
    db.close();
    expect(walCommits(walOf(files))).toHaveLength(6);
    const known: Knowledge = { boardId: 'b', names: WRITERS.map(([n]) => n), cardTexts: WRITERS.map(([, t]) => t), hiddenTexts: [] };
    const claims = attack(files, known).filter((c) => c.route === 'wal-timeline');
    expect(claims).toEqual(
      expect.arrayContaining([
        ...WRITERS.map(([name, text]) => ({ route: 'wal-timeline', kind: 'named', subject: `card:${text}`, name })),
        { route: 'wal-timeline', kind: 'order', before: `card:${WRITERS[0]![1]}`, after: `card:${WRITERS[1]![1]}` },
      ]),
    );
  });

  it('AR-6 DU-4 GP-5 joins wait in the WAL, each anonymous commit (a "worth the time?" answer among them) finds it checkpointed and leaves it all zeros: a copy taken at any moment links nothing', async () => {
    const server = await startServer();
    servers.push(server);
    const dataDir = path.dirname(server.dbFile);
    const { boardId, facilitatorKey } = await createBoard(server.url, 'WAL attack');
    const fay = new Person(server.url);
    people.push(fay);
    await fay.connect(boardId, 'Fay Facilitator', facilitatorKey);
    const known: Knowledge = { boardId, names: ['Fay Facilitator', ...WRITERS.map(([n]) => n)], cardTexts: WRITERS.map(([, t]) => t), hiddenTexts: [] };
    const dumps: { moment: string; files: Map<string, Buffer> }[] = [];
    const writers: Person[] = [];
    for (const [name, text] of WRITERS) {
      const p = new Person(server.url);
      people.push(p);
      writers.push(p);
      await p.connect(boardId, name);
      // the join is a named commit: it stays in the WAL (one fsync), with the joins before it
      const afterJoin = read(dataDir);
      expect(walOf(afterJoin).includes(Buffer.from(name))).toBe(true);
      dumps.push({ moment: `${name} joined`, files: afterJoin });
      const card = await p.cmd('card.add', { columnId: 'start', text });
      expect(card.ok).toBe(true);
      const afterCard = read(dataDir);
      expect(walOf(afterCard).some((b) => b !== 0)).toBe(false);
      dumps.push({ moment: `${name} wrote`, files: afterCard });
      expect((await p.cmd('pulse.answer', { value: 3 })).ok).toBe(true);
      dumps.push({ moment: `${name} answered the pulse`, files: read(dataDir) });
    }
    // GP-5: in Act, someone joins late and answers "worth the time?" at once, then a writer answers: each answer is an
    // anonymous commit, so it finds the late join checkpointed and leaves the WAL all zeros, as a card does
    for (const phase of ['reveal', 'vote', 'discuss', 'act']) expect((await fay.cmd('phase.set', { phase })).ok).toBe(true);
    const late = new Person(server.url);
    people.push(late);
    await late.connect(boardId, 'Dee Latecomer');
    known.names.push('Dee Latecomer');
    const afterLateJoin = read(dataDir);
    expect(walOf(afterLateJoin).includes(Buffer.from('Dee Latecomer'))).toBe(true);
    dumps.push({ moment: 'Dee joined in Act', files: afterLateJoin });
    expect((await late.cmd('roti.answer', { value: 1 })).ok).toBe(true);
    const afterRoti = read(dataDir);
    expect(walOf(afterRoti).some((b) => b !== 0)).toBe(false);
    dumps.push({ moment: 'Dee answered "worth the time?"', files: afterRoti });
    expect((await writers[0]!.cmd('roti.answer', { value: 5 })).ok).toBe(true);
    dumps.push({ moment: `${WRITERS[0]![0]} answered "worth the time?"`, files: read(dataDir) });
    for (const { moment, files } of dumps) expect({ moment, claims: attack(files, known) }).toEqual({ moment, claims: [] });
  }, 60_000);
});
