import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Person, createBoard, startServer, type TestServer } from './harness.js';
import { type Claim, type Knowledge, attack, attackTables } from './dump/attacker.js';
import { freshSchema, logicalDump, testDatabaseUrl } from '../../server/src/storage/postgres.testing.js';

/**
 * AN-10 against AR-8. The cards part stores how many people have unrevealed cards, so that after a reload the live
 * count is the one before (`cardCountReload.test.ts`). Stored as a number, a dump taken in Write while one person
 * has written three cards says `writers: 1` beside three unrevealed cards: all three are one person's. The attacker
 * (`dump/attacker.ts`, route `writers-count`) looks for the number in every table, in every byte of every file (a
 * page, a WAL frame, a freed cell; in the clear or sealed, opened with any key it finds), and must not read it —
 * on SQLite, which stores the parts as they are, and on PostgreSQL (AR-12). With the key file it can, as the
 * server does at a load: the attacker is armed.
 */

const read = (dir: string) => new Map(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name))] as const));

/** what the attacker claims from the stored writers: the counts, and the pairs of cards it says share a person */
function fromWriters(claims: Claim[]) {
  const mine = claims.filter((c) => c.route === 'writers-count');
  return {
    counts: [...new Set(mine.flatMap((c) => (c.kind === 'writers' ? [c.count] : [])))],
    pairs: mine.flatMap((c) => (c.kind === 'same-person' ? [[c.a, c.b].sort().join(' & ')] : [])).sort(),
    // (with the key the number of voters opens too, 0 here: nobody has voted in Write; `dumpAttack.test.ts` checks it)
    others: claims.filter((c) => c.route !== 'writers-count' && !(c.route === 'voters-count' && c.kind === 'voters' && c.count === 0)),
  };
}

describe('AN-10 AR-8 the writers stored with the cards, in a dump', () => {
  const servers: TestServer[] = [];
  const people: Person[] = [];
  afterAll(async () => {
    await Promise.all(people.map((p) => p.disconnect().catch(() => undefined)));
    for (const s of servers) await s.close().catch(() => undefined);
  });

  /** Fay (facilitator), Ada and Ben in Write; Ada writes three cards, nobody else any: one writer */
  async function oneWriterOfThree(postgres?: { url: string; schema: string }) {
    const server = await startServer(postgres ? { postgres } : {});
    servers.push(server);
    const { boardId, facilitatorKey } = await createBoard(server.url, 'Writers at rest');
    const [fay, ada, ben] = [new Person(server.url), new Person(server.url), new Person(server.url)];
    people.push(fay, ada, ben);
    await fay.connect(boardId, 'Fay', facilitatorKey);
    await ada.connect(boardId, 'Ada');
    await ben.connect(boardId, 'Ben');
    // (this run's own texts: other runs wrote to the same PostgreSQL)
    const run = randomBytes(3).toString('hex');
    const texts = ['rollouts are scary', 'keep the pairing', 'more tests please'].map((text) => `${text} #${run}`);
    for (const text of texts) expect(await ada.cmd('card.add', { columnId: 'start', text })).toMatchObject({ ok: true });
    // the attacker knows the texts too (they are revealed later, or read from SQLite's file)
    const known: Knowledge = { boardId, names: ['Fay', 'Ada', 'Ben'], cardTexts: texts, hiddenTexts: [] };
    const threeOfAda = [
      [texts[0]!, texts[1]!],
      [texts[0]!, texts[2]!],
      [texts[1]!, texts[2]!],
    ]
      .map((pair) => pair.map((text) => `card:${text}`).sort().join(' & '))
      .sort();
    return { server, known, threeOfAda, dataDir: path.dirname(server.dbFile), key: () => fs.readFileSync(`${path.dirname(server.dbFile)}.key`) };
  }

  it('AN-10 AR-8 AR-6 on SQLite, in Write with one writer of three cards, no table and no byte of DATA_DIR says how many people wrote them; the key file opens it', async () => {
    const { known, threeOfAda, dataDir, key } = await oneWriterOfThree();
    // the dump: every file in DATA_DIR, copied while the server runs, in Write
    const files = read(dataDir);
    const dumpOnly = attack(files, known);
    console.log('SQLite dump only:', JSON.stringify(fromWriters(dumpOnly)));
    expect(fromWriters(dumpOnly)).toEqual({ counts: [], pairs: [], others: [] });
    // with the key file the number opens, as it does for the server at a load, and says the three cards are one person's
    expect(fromWriters(attack(files, known, undefined, [key()]))).toEqual({ counts: [1], pairs: threeOfAda, others: [] });
  }, 60_000);

  it('AN-10 AR-8 AR-12 PG-6 on PostgreSQL, the same: a logical dump of every table does not say it; the key file opens it', async () => {
    const postgres = { url: testDatabaseUrl(), schema: freshSchema() };
    const { server, known, threeOfAda, key } = await oneWriterOfThree(postgres);
    const tables = await logicalDump(postgres.url, postgres.schema);
    await server.close();
    // the dump as a file, blobs written out as text, for the byte search
    const dump = JSON.stringify([...tables], (_k, v: unknown) => (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('utf8') : v));
    const files = new Map([['pg_dump.json', Buffer.from(dump)]]);
    const noPages = { tables: new Map() };
    const dumpOnly = attackTables(tables, noPages, files, known);
    console.log('PostgreSQL dump only:', JSON.stringify(fromWriters(dumpOnly)));
    expect(fromWriters(dumpOnly)).toEqual({ counts: [], pairs: [], others: [] });
    expect(fromWriters(attackTables(tables, noPages, files, known, undefined, [key()]))).toEqual({ counts: [1], pairs: threeOfAda, others: [] });
  }, 60_000);
});
