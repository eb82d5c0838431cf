import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Person, createBoard, newId, startServer, type TestServer } from './harness.js';
import { anonymousStateKey, openState } from '@candor/server';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { attack, attackTables, type Claim, type Knowledge } from './dump/attacker.js';
import { dataDirectoryAfterCheckpoint, freshSchema, logicalDump, testDatabaseUrl } from '../../server/src/storage/postgres.testing.js';
import { parseSqlite } from './dump/sqliteFile.js';

/**
 * AR-1…AR-8, proved the way an operator with a copy of the data files would try it. A retro scripted to make
 * linking easy: people join one at a time and each writes, then answers the pulse, right after joining; one
 * person volunteers for an action and answers the fist of five right after (then "worth the time?", GP-5); a card is edited and another
 * deleted before the reveal; the server restarts in the middle. Then `attack` (dump/attacker.ts) gets only
 * the files of DATA_DIR — optionally with one participant's browser secret — and must link nothing.
 */

interface Truth {
  /** subject → the name of the person behind it */
  owner: Map<string, string>;
  /** card subjects in the order they were written */
  written: string[];
}

/** a file's bytes, or null when it is gone since it was listed */
/** `read(path)`, or null when PostgreSQL removed the path since it was listed (other tests drop their databases meanwhile) */
function ifStillThere<T>(read: (path: string) => T, where: string): T | null {
  try {
    return read(where);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function judge(claims: Claim[], truth: Truth) {
  return claims.map((c) => {
    let right: boolean;
    if (c.kind === 'same-person') right = truth.owner.has(c.a) && truth.owner.get(c.a) === truth.owner.get(c.b);
    else if (c.kind === 'named') right = truth.owner.get(c.subject) === c.name;
    else if (c.kind === 'order') right = truth.written.indexOf(c.before) < truth.written.indexOf(c.after);
    else right = true;
    return { ...c, right };
  });
}

function summary(claims: ReturnType<typeof judge>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of claims) {
    const [right, all] = (out[c.route] ?? '0/0').split('/').map(Number) as [number, number];
    out[c.route] = `${right + (c.right ? 1 : 0)}/${all + 1}`;
  }
  return out;
}

/**
 * AN-10: with the key file the attacker also opens the number of people with unrevealed cards stored with the
 * cards, as the server does at a load: here 0 (the cards were last stored after the reveal), a number of everyone,
 * which links no card to another (one writer of several cards would: `dumpAttackWriters.test.ts`). The claims
 * without it. AN-12: the same for the number of people who voted, stored with the marks (sealed the same way): with
 * the key it opens, a number of everyone who voted, which says no vote is another's (one voter of several votes
 * would); without the key no such claim may be made at all.
 */
function withoutWriters(claims: ReturnType<typeof judge>) {
  expect(claims.filter((c) => c.kind === 'writers')).toEqual([{ route: 'writers-count', kind: 'writers', count: 0, right: true }]);
  for (const c of claims) if (c.kind === 'voters') expect(c.count).not.toBe(1);
  return claims.filter((c) => c.kind !== 'writers' && c.kind !== 'voters');
}

describe('dump attack', () => {
  const servers: TestServer[] = [];
  const people: Person[] = [];
  afterAll(async () => {
    await Promise.all(people.map((p) => p.disconnect().catch(() => undefined)));
    for (const s of servers) await s.close().catch(() => undefined);
  });

  /** `postgres`: the same retro with the boards in that PostgreSQL schema (PG-6) */
  async function scriptedRetro(postgres?: { url: string; schema: string }) {
    let server = await startServer(postgres ? { postgres } : {});
    servers.push(server);
    const dataDir = path.dirname(server.dbFile);
    const truth: Truth = { owner: new Map(), written: [] };
    // a name of this run's own, which a search of PostgreSQL's files can find only where this run wrote it
    const boardName = `Dump attack ${randomBytes(4).toString('hex')}`;
    const { boardId, facilitatorKey } = await createBoard(server.url, boardName);
    const F = new Person(server.url);
    people.push(F);
    await F.connect(boardId, 'Fay', facilitatorKey);
    const ok = async (p: Person, type: Parameters<Person['cmd']>[0], fields: Record<string, unknown>) => {
      const ack = await p.cmd(type, fields);
      if (!ack.ok) throw new Error(`${p.name} ${type}: ${ack.code} ${ack.message}`);
      return ack.data as { cardId?: string; actionId?: string };
    };
    // every text ends with this run's mark, so that a search of PostgreSQL's files (which other runs wrote to as
    // well) finds only this run's; the cards are looked up by the text before it
    const run = randomBytes(3).toString('hex');
    const says = (text: string) => `${text} #${run}`;
    const write = async (p: Person, text: string) => {
      const { cardId } = await ok(p, 'card.add', { columnId: 'start', text: says(text) });
      truth.owner.set(`card:${says(text)}`, p.name);
      truth.written.push(`card:${says(text)}`);
      return cardId!;
    };
    const pulse = async (p: Person, value: number) => {
      await ok(p, 'pulse.answer', { value });
      truth.owner.set(`pulse:${value}`, p.name);
    };
    await pulse(F, 5);

    const joiners: Person[] = [];
    const cards = new Map<string, string>(); // text → id
    // texts in no particular order (a list sorted by text would look like a sorted list, not a timeline)
    const texts: Record<string, [string, string]> = {
      Ada: ['rollouts are scary', 'keep the pairing'],
      Ben: ['more tests please', 'fewer meetings'],
      Cleo: ['docs are missing', 'unclear goals'],
      Dev: ['slow CI', 'great demo'],
    };
    const join = async (name: string, pulseValue: number) => {
      const p = new Person(server.url);
      people.push(p);
      joiners.push(p);
      await p.connect(boardId, name);
      for (const text of texts[name]!) cards.set(text, await write(p, text));
      await pulse(p, pulseValue);
      return p;
    };
    const ada = await join('Ada', 1);
    const ben = await join('Ben', 2);
    const stuck = 'Ben is STUCK on the migration and hides it';
    const stuckId = await write(ben, stuck);
    const confession = 'Ben DELETED this confession before the reveal';
    const confessionId = await write(ben, confession);

    // a restart in the middle: same data directory, everyone comes back
    await server.close();
    server = await startServer({ dbFile: server.dbFile, ...(postgres ? { postgres } : {}) });
    servers.push(server);
    for (const p of [F, ...joiners]) await p.reconnect(server.url);

    // edited and deleted before the reveal, after the restart (the server must recognise Ben's cards again)
    const afraid = 'I am afraid of the migration';
    await ok(ben, 'card.edit', { cardId: stuckId, text: says(afraid) });
    truth.written[truth.written.indexOf(`card:${says(stuck)}`)] = `card:${says(afraid)}`;
    truth.owner.set(`card:${says(afraid)}`, 'Ben');
    cards.set(afraid, stuckId);
    await ok(ben, 'card.delete', { cardId: confessionId });
    truth.written.splice(truth.written.indexOf(`card:${says(confession)}`), 1);
    const cleo = await join('Cleo', 3);
    const dev = await join('Dev', 4);
    // JN-4: the door closes with everyone in: the people in the room are recorded with their auth hashes (`access.members`)
    await ok(F, 'access.lockJoining', { locked: true });

    for (const phase of ['reveal', 'vote'] as const) await ok(F, 'phase.set', { phase });
    // each votes once, each on another person's card
    const ballots: [Person, string][] = [
      [ada, 'fewer meetings'],
      [ben, 'docs are missing'],
      [cleo, 'great demo'],
      [dev, 'rollouts are scary'],
    ];
    for (const [p, text] of ballots) {
      await ok(p, 'vote.cast', { itemId: cards.get(text) });
      truth.owner.set(`vote:${says(text)}`, p.name);
    }
    await ok(F, 'phase.set', { phase: 'discuss' });
    await ok(F, 'discuss.select', { itemId: cards.get('rollouts are scary') });
    // TL-2: trust-lens taps, one part per person, each right after that person's vote
    await ok(F, 'lens.set', { on: true });
    for (const [p, part] of [[ada, 'credibility'], [ben, 'reliability'], [cleo, 'empathy'], [dev, 'self-interest']] as const) {
      await ok(p, 'lens.tap', { itemId: cards.get('rollouts are scary'), part, on: true });
      truth.owner.set(`lens:${part}`, p.name);
    }
    await ok(F, 'phase.set', { phase: 'act' });
    const { actionId } = await ok(F, 'action.create', { itemId: cards.get('rollouts are scary'), text: 'Pair on the migration' });
    await ok(F, 'consensus.start', { actionId });
    // Cleo says "I can help" and answers the fist of five right after
    await ok(cleo, 'action.volunteer', { actionId, volunteer: true });
    const answers: [Person, number][] = [
      [cleo, 3],
      [ada, 1],
      [dev, 4],
      [ben, 2],
      [F, 5],
    ];
    for (const [p, value] of answers) {
      await ok(p, 'consensus.answer', { actionId, value });
      truth.owner.set(`consensus:${value}`, p.name);
    }
    // GP-5: "worth the time?", each right after the last, Cleo first (named above by her "I can help")
    for (const [p, value] of [[cleo, 2], [ada, 4], [dev, 5], [ben, 1], [F, 3]] as const) {
      await ok(p, 'roti.answer', { value });
      truth.owner.set(`roti:${value}`, p.name);
    }
    await ok(F, 'phase.set', { phase: 'closed' });
    // RE-13: Cleo, gone home, marks her promise done from the team page: a named fact in the public log, with its day,
    // made by a join of hers after the retro; the routes above read it like any other, and it must link nothing
    await cleo.disconnect();
    const marked = await fetch(`${server.url}/api/boards/${boardId}/promise`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: newId(), participantId: cleo.participantId, secret: cleo.secret, name: cleo.name, actionId, done: true }),
    });
    expect(marked.status).toBe(200);

    // the dump: every file in DATA_DIR, copied while the server runs (as a backup would)
    const files = new Map<string, Buffer>();
    for (const name of fs.readdirSync(dataDir)) files.set(name, fs.readFileSync(path.join(dataDir, name)));
    const known: Knowledge = {
      boardId,
      names: ['Fay', 'Ada', 'Ben', 'Cleo', 'Dev'],
      cardTexts: [...cards.keys()].map(says),
      hiddenTexts: [says(stuck), says(confession)],
    };
    return { files, known, truth, ada, server, keyFile: `${dataDir}.key`, boardName };
  }

  it('AR-8 AR-1 AR-2 AR-3 AR-4 AR-6 with only the data files (and one browser secret), no route links anything', async () => {
    const { files, known, truth, ada, keyFile } = await scriptedRetro();
    // (RE-13: Cleo's mark is in the files the attacker reads)
    expect([...files.values()].some((bytes) => bytes.includes(Buffer.from('promise.marked')))).toBe(true);
    const dumpOnly = judge(attack(files, known), truth);
    const withSecret = judge(attack(files, known, { name: 'Ada', participantId: ada.participantId, secret: ada.secret }), truth);
    // printed so that a failing run shows how much each route linked (right/claimed)
    console.log('dump only:', JSON.stringify(summary(dumpOnly)), '\nwith Ada’s secret:', JSON.stringify(summary(withSecret)));
    expect(dumpOnly).toEqual([]);
    expect(withSecret).toEqual([]);
    // AR-6: beside the database only its WAL, holding named commits at most (the last anonymous one was checkpointed)
    expect([...files].filter(([name, bytes]) => name !== 'candor.sqlite' && bytes.length > 0).map(([name]) => name)).toEqual(
      files.get('candor.sqlite-wal')?.length ? ['candor.sqlite-wal'] : [],
    );
    for (const text of known.cardTexts) expect(files.get('candor.sqlite-wal')?.includes(Buffer.from(text)) ?? false).toBe(false);

    // AR-7: the key is not in DATA_DIR; whoever also holds the key file and Ada's secret finds Ada's own facts
    // (what Ada's browser knows anyway), and still nothing of anyone else
    const key = fs.readFileSync(keyFile);
    const withKey = withoutWriters(judge(attack(files, known, { name: 'Ada', participantId: ada.participantId, secret: ada.secret }, [key]), truth));
    expect(withKey.length).toBeGreaterThan(0);
    expect(withKey.filter((c) => !(c.kind === 'named' && c.name === 'Ada' && c.right))).toEqual([]);
    expect(new Set(withKey.map((c) => (c as { subject: string }).subject))).toEqual(
      new Set([...truth.owner].filter(([, name]) => name === 'Ada').map(([subject]) => subject)),
    );
  }, 60_000);

  it('PG-6 AR-8 AR-1 AR-2 AR-3 AR-4 AR-12 on PostgreSQL, a logical dump of every table (and one browser secret) links nothing, and no file of the data directory (tables, WAL) holds a card text, current, edited or deleted, or the stored tag of a card, vote or answer', async () => {
    const postgres = { url: testDatabaseUrl(), schema: freshSchema() };
    const { known, truth, ada, keyFile, server, boardName } = await scriptedRetro(postgres);
    await server.close();
    const tables = await logicalDump(postgres.url, postgres.schema);
    // AR-1: one row per part of the anonymous state (the cards, the marks)
    expect(tables.get('anonymous_state')).toHaveLength(2);
    // the dump as a file, blobs written out as text, for the byte search for deleted and pre-edit texts
    const dump = JSON.stringify([...tables], (_k, v: unknown) => (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('utf8') : v));
    const files = new Map([['pg_dump.json', Buffer.from(dump)]]);
    expect(dump).toContain('promise.marked');
    const noPages = { tables: new Map() };
    const dumpOnly = judge(attackTables(tables, noPages, files, known), truth);
    const withSecret = judge(attackTables(tables, noPages, files, known, { name: 'Ada', participantId: ada.participantId, secret: ada.secret }), truth);
    console.log('PostgreSQL dump only:', JSON.stringify(summary(dumpOnly)), '\nwith Ada’s secret:', JSON.stringify(summary(withSecret)));
    expect(dumpOnly).toEqual([]);
    expect(withSecret).toEqual([]);
    // the attacker is armed: with the key file too it finds exactly Ada's own facts
    const key = fs.readFileSync(keyFile);
    const withKey = withoutWriters(judge(attackTables(tables, noPages, files, known, { name: 'Ada', participantId: ada.participantId, secret: ada.secret }, [key]), truth));
    expect(withKey.filter((c) => !(c.kind === 'named' && c.name === 'Ada' && c.right))).toEqual([]);
    expect(new Set(withKey.map((c) => (c as { subject: string }).subject))).toEqual(
      new Set([...truth.owner].filter(([, name]) => name === 'Ada').map(([subject]) => subject)),
    );

    // AR-12: PostgreSQL keeps every version of a row in its WAL, and old ones in the table files until VACUUM, so
    // the anonymous state goes in sealed. A copy of the whole data directory, after a checkpoint wrote the tables:
    // no card text in any file, neither as it is now, nor as it was before its edit, nor the deleted one, and no
    // stored tag of a card, a vote or an answer. The texts searched for are those the public tables do not hold
    // anyway (the named log, the people).
    const dataDirectory = await dataDirectoryAfterCheckpoint(postgres.url);
    const publicTables = JSON.stringify([...tables].filter(([table]) => table !== 'anonymous_state'), (_k, v: unknown) =>
      v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('latin1') : v,
    );
    const sealedTexts = [...known.cardTexts, ...known.hiddenTexts].filter((text) => !publicTables.includes(text));
    expect(sealedTexts).toEqual(expect.arrayContaining(known.hiddenTexts));
    expect(sealedTexts.length).toBeGreaterThan(known.hiddenTexts.length);
    // and every vote, pulse and fist-of-five answer and every card as the state stores them: each has a tag of its
    // own (AR-2), opened here with the key, so the search finds them wherever a version of the state is in clear
    const stored = Object.fromEntries(
      (tables.get('anonymous_state') ?? []).map((row) => [row.part, JSON.parse(openState(anonymousStateKey(fs.readFileSync(keyFile)), String(row.board_id), row.part as 'cards' | 'marks', row.state as Buffer).toString('utf8'))]),
    ) as { cards: { cards: { tag: string }[] }; marks: { votes: { tag: string }[]; pulse: { tag: string }[]; roti: { tag: string }[]; consensus: { tag: string }[] } };
    const markTags = [...stored.marks.votes, ...stored.marks.pulse, ...stored.marks.roti, ...stored.marks.consensus].map((m) => m.tag);
    expect([stored.marks.votes.length > 0, stored.marks.pulse.length, stored.marks.roti.length, stored.marks.consensus.length > 0]).toEqual([true, 5, 5, true]);
    sealedTexts.push(...markTags, ...stored.cards.cards.map((c) => c.tag));
    const found: string[] = [];
    let boardNameFound = false;
    const search = (dir: string) => {
      // a database another test file dropped since the listing (base/<oid>) holds nothing now either
      for (const entry of ifStillThere((d) => fs.readdirSync(d, { withFileTypes: true }), dir) ?? []) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) search(file);
        else if (entry.isFile()) {
          // a file PostgreSQL removed since the listing (pg_internal.init, while other tests create schemas) holds nothing now
          const bytes = ifStillThere((f) => fs.readFileSync(f), file);
          if (!bytes) continue;
          for (const text of sealedTexts) if (bytes.includes(Buffer.from(text))) found.push(`${text} in ${path.relative(dataDirectory, file)}`);
          boardNameFound ||= bytes.includes(Buffer.from(boardName));
        }
      }
    };
    search(dataDirectory);
    // the search reads what PostgreSQL wrote: the board's name, a public fact, is there in clear
    expect(boardNameFound).toBe(true);
    expect(found).toEqual([]);
  }, 60_000);

  it('AR-1 why anonymous facts are one blob: rows keyed by random ids still give away the order they were written in', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-rows-'));
    const file = path.join(dir, 'rows.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE cards (id TEXT PRIMARY KEY, tag TEXT, text TEXT) WITHOUT ROWID');
    const written: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = randomBytes(12).toString('base64url');
      db.prepare('INSERT INTO cards VALUES (?, ?, ?)').run(id, randomBytes(32).toString('base64url'), `card ${i}`);
      written.push(`card ${i}`);
    }
    db.close();
    const rows = parseSqlite(fs.readFileSync(file)).tables.get('cards')!;
    // the newest cell sits lowest in its page: placement alone recovers the order of writing
    const placed = [...rows].sort((a, b) => a.page - b.page || b.offset - a.offset).map((r) => r.values[2]);
    expect(placed).toEqual(written);
    expect(rows.map((r) => r.values[2])).not.toEqual(written); // while the key order (what a query shows) is random
  });
});
