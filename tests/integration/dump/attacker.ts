import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { readBoardDoc } from '@candor/shared';
import { anonymousStateKey, openState } from '@candor/server';
import { parseSqlite, walCommits, type PhysicalRow } from './sqliteFile.js';

/**
 * An adversary who holds a copy of Candor's data files and wants to know who wrote, voted or answered
 * what. It knows what anyone in the room saw at the end (the names, the revealed texts, the distributions,
 * which action someone volunteered for) and may hold one participant's browser secret. It reads the files
 * with SQLite and byte by byte, and tries every route that linked on an earlier design.
 *
 * A subject is one anonymous fact as the room knows it: `card:<text>`, `vote:<card text>`, `pulse:<value>`, `roti:<value>`,
 * `consensus:<value>`, `lens:<parts>`. A claim says two subjects share a person, or a subject belongs to a name, or one fact
 * was written before another, or a deleted text is still there, or how many people wrote the unrevealed cards.
 */
export type Route =
  | 'equal-values'
  | 'log-order'
  | 'join-order'
  | 'physical-order'
  | 'wal-timeline'
  | 'document-history'
  | 'timestamps'
  | 'leaked-secret'
  | 'remnants'
  | 'writers-count'
  | 'voters-count';

export type Claim =
  | { route: Route; kind: 'same-person'; a: string; b: string }
  | { route: Route; kind: 'named'; subject: string; name: string }
  | { route: Route; kind: 'order'; before: string; after: string }
  | { route: Route; kind: 'remnant'; text: string; file: string }
  | { route: Route; kind: 'writers'; count: number }
  | { route: Route; kind: 'voters'; count: number };

export interface Knowledge {
  boardId: string;
  names: string[];
  /** every revealed card's text (as it ended) */
  cardTexts: string[];
  /** texts that were deleted or replaced by an edit before anyone saw them; the attacker hunts for them */
  hiddenTexts: string[];
}

export interface Leak {
  name: string;
  participantId: string;
  secret: string;
}

/** ids and tags: url-safe tokens of 16 characters or more (a room's ids are 16, ME-8; tags and secrets longer) */
const TOKEN = /^[A-Za-z0-9_-]{16,}$/;

interface Fact {
  subject: string | null;
  /** tokens in fields that stand for a person (not an id of the fact itself) */
  who: string[];
  /** where it sits: container (table or JSON array), position in it, physical placement of its row */
  container: string;
  position: number;
  physical: { page: number; offset: number } | null;
  /** the named person of a named fact (a participant id in clear) */
  named: string | null;
  fields: Record<string, unknown>;
}

export function attack(files: Map<string, Buffer>, known: Knowledge, leak?: Leak, extraKeys: Buffer[] = []): Claim[] {
  const dbName = [...files.keys()].find((f) => files.get(f)!.subarray(0, 16).toString('latin1').startsWith('SQLite format 3'));
  if (!dbName) return [];
  return attackTables(readLogical(files, dbName), parseSqlite(files.get(dbName)!), files, known, leak, extraKeys);
}

/**
 * The same routes on tables already read, e.g. a logical dump of PostgreSQL (rows in the order the dump
 * gives them, which is their order in the heap, as `_rowid`); `physical` is empty when there are no pages to
 * read; `files` are searched for remnants, WAL timelines and keys.
 */
export function attackTables(
  logical: Map<string, Record<string, unknown>[]>,
  physical: { tables: Map<string, PhysicalRow[]> },
  files: Map<string, Buffer>,
  known: Knowledge,
  leak?: Leak,
  extraKeys: Buffer[] = [],
): Claim[] {
  const claims: Claim[] = [];
  // 0. Sealed state (AR-12, PostgreSQL): opened with every key at hand, as the server would open it.
  logical = openSealed(logical, [...candidateKeys(logical, files), ...extraKeys]);
  const nameOf = new Map<string, string>(); // participant id → name
  for (const row of logical.get('participants') ?? []) nameOf.set(String(row.id), String(row.name));
  const facts = collectFacts(logical, physical.tables, known, nameOf);
  const anonymous = facts.filter((f) => f.subject !== null);

  // 1. Equal values: facts that carry the same person-token belong to the same person.
  const bySubjectToken = new Map<string, string[]>();
  for (const f of anonymous) for (const t of f.who) bySubjectToken.set(t, [...(bySubjectToken.get(t) ?? []), f.subject!]);
  for (const subjects of bySubjectToken.values()) {
    const distinct = [...new Set(subjects)];
    for (let i = 0; i < distinct.length; i++) for (let j = i + 1; j < distinct.length; j++) claims.push({ route: 'equal-values', kind: 'same-person', a: distinct[i]!, b: distinct[j]! });
  }

  // 2. Log order: in an ordered container, an anonymous fact right after a named one is that person's.
  const containers = groupBy(facts, (f) => f.container);
  for (const list of containers.values()) {
    const ordered = [...list].sort((a, b) => a.position - b.position);
    if (ordered.filter((f) => f.subject).length < 2 || sortedByAField(ordered.filter((f) => f.subject))) continue;
    const meaningful = ordered.filter((f) => f.subject || f.named);
    for (let i = 1; i < meaningful.length; i++) {
      const prev = meaningful[i - 1]!;
      const cur = meaningful[i]!;
      if (cur.subject && prev.named) claims.push({ route: 'log-order', kind: 'named', subject: cur.subject, name: prev.named });
    }
    const cards = ordered.filter((f) => f.subject?.startsWith('card:'));
    for (let i = 1; i < cards.length; i++) claims.push({ route: 'log-order', kind: 'order', before: cards[i - 1]!.subject!, after: cards[i]!.subject! });

    // 3. Join order: the k-th person to write (first card of each token group) is the k-th to join after the creator.
    const joiners = joinOrder(logical, physical.tables).slice(1);
    const firstCards: Fact[] = [];
    const seen = new Set<string>();
    for (const f of cards) {
      const key = f.who[0];
      if (!key || seen.has(key)) continue;
      seen.add(key);
      firstCards.push(f);
    }
    if (firstCards.length > 1) firstCards.forEach((f, k) => joiners[k] && claims.push({ route: 'join-order', kind: 'named', subject: f.subject!, name: joiners[k]! }));
  }

  // 4. Physical order: rows each holding one fact, in the order SQLite placed them (newest cell lowest in a page).
  const physicalGroups = groupBy(
    anonymous.filter((f) => f.physical && f.subject?.startsWith('card:')),
    (f) => f.container,
  );
  for (const list of physicalGroups.values()) {
    const rows = new Set(list.map((f) => `${f.physical!.page}:${f.physical!.offset}`));
    if (rows.size < 2) continue; // all facts in one row (one blob): no placement to read
    const placed = [...list].sort((a, b) => a.physical!.page - b.physical!.page || b.physical!.offset - a.physical!.offset);
    for (let i = 1; i < placed.length; i++) claims.push({ route: 'physical-order', kind: 'order', before: placed[i - 1]!.subject!, after: placed[i]!.subject! });
  }

  // 5. WAL timeline: the WAL's transactions in the order they were appended. Whatever a transaction holds that
  // neither the database file nor an earlier transaction held, it wrote: a card written in a transaction that
  // came after (or was) the one that brought exactly one new name is that person's, and cards written in
  // different transactions are in the order of those transactions.
  for (const [file, bytes] of files) {
    if (!file.endsWith('-wal')) continue;
    const needles = [...known.names.map((n) => `name:${n}`), ...known.cardTexts.map((t) => `card:${t}`)];
    const holds = (data: Buffer, needle: string) => data.includes(Buffer.from(needle.slice(needle.indexOf(':') + 1)));
    const commits = walCommits(bytes);
    const inWal = needles.filter((n) => commits.some((frames) => frames.some((f) => holds(f, n))));
    // the database file before the WAL's first transaction is the base; one already checkpointed holds it all and says nothing
    const db = files.get(file.slice(0, -'-wal'.length)) ?? Buffer.alloc(0);
    const seen = new Set(needles.filter((n) => holds(db, n)));
    if (inWal.every((n) => seen.has(n))) seen.clear();
    let lastName: string | null = null;
    const earlierCards: string[] = [];
    for (const frames of commits) {
      const fresh = needles.filter((n) => !seen.has(n) && frames.some((f) => holds(f, n)));
      for (const n of fresh) seen.add(n);
      const names = fresh.filter((n) => n.startsWith('name:')).map((n) => n.slice(5));
      if (names.length > 0) lastName = names.length === 1 ? names[0]! : null;
      const cards = fresh.filter((n) => n.startsWith('card:'));
      for (const card of cards) {
        if (lastName) claims.push({ route: 'wal-timeline', kind: 'named', subject: card, name: lastName });
        for (const before of earlierCards) claims.push({ route: 'wal-timeline', kind: 'order', before, after: card });
      }
      earlierCards.push(...cards);
    }
  }

  // 6. Document history: replay stored board-document updates; each rise of the card count after someone came
  // online is a card by them (the k-th rise is the k-th card in log order, when the log has an order).
  const cardOrder = [...containers.values()]
    .map((list) => [...list].sort((a, b) => a.position - b.position).filter((f) => f.subject?.startsWith('card:')))
    .find((cards) => cards.length > 1 && !sortedByAField(cards));
  for (const updates of documentHistories(logical)) {
    const doc = new Y.Doc();
    let count = 0;
    let lastOnline: string | null = null;
    let online = new Set<string>();
    let rise = 0;
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        break;
      }
      const view = readBoardDoc(doc);
      if (!view) continue;
      const now = new Set(view.participants.filter((p) => p.online).map((p) => p.name));
      for (const n of now) if (!online.has(n)) lastOnline = n;
      online = now;
      while (view.cardCount > count) {
        count++;
        const card = cardOrder?.[rise++];
        if (card && lastOnline) claims.push({ route: 'document-history', kind: 'named', subject: card.subject!, name: lastOnline });
      }
    }
  }

  // 7. Timestamps on anonymous facts order them.
  const timed = anonymous.filter((f) => Object.entries(f.fields).some(([k, v]) => /at$|time|ts$/i.test(k) && typeof v === 'number' && v > 1e12));
  for (let i = 1; i < timed.length; i++) claims.push({ route: 'timestamps', kind: 'order', before: timed[i - 1]!.subject!, after: timed[i]!.subject! });

  // 8. A leaked browser secret: with any key found in the files, recompute that person's tags (per person and
  // per fact, by the documented derivations) and look for them.
  if (leak) {
    const keys = [...candidateKeys(logical, files), ...extraKeys];
    const ids = new Set<string>();
    for (const f of facts) for (const v of Object.values(f.fields)) if (typeof v === 'string' && TOKEN.test(v)) ids.add(v);
    for (const key of keys) {
      const tags = personTags(key, known.boardId, leak.secret);
      const mine = new Set<string>(tags);
      for (const tag of tags) {
        for (const kind of ['card', 'vote', 'pulse']) {
          for (let k = 0; k < 64; k++) {
            mine.add(factTag(tag, kind, String(k)));
            mine.add(slotTagUnderTag(tag, kind, k));
          }
        }
        for (const id of ids) for (const kind of ['consensus', 'lens']) mine.add(factTag(tag, kind, id));
        // GP-5: one "worth the time?" answer per person, under the documented id
        mine.add(factTag(tag, 'roti', 'retro'));
      }
      for (const f of anonymous) {
        const values = [...f.who, ...Object.values(f.fields).filter((v): v is string => typeof v === 'string')];
        if (values.some((v) => mine.has(v))) claims.push({ route: 'leaked-secret', kind: 'named', subject: f.subject!, name: leak.name });
      }
    }
  }

  // 9. The writers stored with the cards (AN-10): how many people have unrevealed cards. One writer of several
  // unrevealed cards says they are all one person's. Read from the parts as the tables hold them (opened where a key
  // opens them), and from the raw bytes of every file (a page, a WAL frame, a freed cell): in the clear, or sealed
  // and opened with any key at hand by the documented derivation.
  const writersKeys = [...candidateKeys(logical, files), ...extraKeys];
  for (const { boardId, writers, cards } of storedCardParts(logical)) {
    const count = writersCount(writers, boardId, writersKeys);
    if (count === null) continue;
    claims.push({ route: 'writers-count', kind: 'writers', count });
    if (count !== 1) continue;
    const unrevealed = [...new Set(cards.filter((c) => c.revealed === false && typeof c.text === 'string').map((c) => `card:${String(c.text)}`))];
    for (let i = 0; i < unrevealed.length; i++) for (let j = i + 1; j < unrevealed.length; j++) claims.push({ route: 'writers-count', kind: 'same-person', a: unrevealed[i]!, b: unrevealed[j]! });
  }
  for (const bytes of files.values()) {
    // (a number where the JSON goes on after it, or a whole string: a value cut by a page boundary is no number; quotes
    // escaped or not: a dump written out as JSON text holds them escaped)
    for (const [, number, string] of bytes.toString('latin1').matchAll(/"writers\\?"\s*:\s*(?:(\d+)\s*[,}]|\\?"([A-Za-z0-9_-]+)\\?")/g)) {
      const count = writersCount(number ?? string, known.boardId, writersKeys);
      if (count !== null) claims.push({ route: 'writers-count', kind: 'writers', count });
    }
  }

  // 9b. The voters stored with the marks (AN-12): how many people have votes. One voter of several votes says they are
  // all one person's. Read and opened the same ways.
  for (const { boardId, voters } of storedMarkParts(logical)) {
    const count = writersCount(voters, boardId, writersKeys, 'voters');
    if (count !== null) claims.push({ route: 'voters-count', kind: 'voters', count });
  }
  for (const bytes of files.values()) {
    for (const [, number, string] of bytes.toString('latin1').matchAll(/"voters\\?"\s*:\s*(?:(\d+)\s*[,}]|\\?"([A-Za-z0-9_-]+)\\?")/g)) {
      const count = writersCount(number ?? string, known.boardId, writersKeys, 'voters');
      if (count !== null) claims.push({ route: 'voters-count', kind: 'voters', count });
    }
  }

  // 10. Remnants: deleted and pre-edit texts anywhere in any file, whole or in pieces: SQLite cuts a value that runs
  // over several overflow pages at each page boundary (a 4-byte pointer starts the next page), so a whole-text search
  // misses a text that straddles one. One side of a cut holds at least half the text: any piece that long (at most 20
  // characters, so that a public text sharing a few words, such as an action's, is not taken for one) that no live
  // card holds is a remnant.
  for (const [file, bytes] of files) {
    for (const text of known.hiddenTexts) {
      const size = Math.min(20, Math.ceil(text.length / 2));
      const pieces = Array.from({ length: Math.max(0, text.length - size + 1) }, (_, i) => text.slice(i, i + size)).filter((piece) => !known.cardTexts.some((t) => t.includes(piece)));
      if (bytes.includes(Buffer.from(text)) || pieces.some((piece) => bytes.includes(Buffer.from(piece)))) claims.push({ route: 'remnants', kind: 'remnant', text, file });
    }
  }
  return dedupe(claims);
}

/**
 * The per-person tags as documented: one HMAC per purpose (the design before AR-2), and the at-rest design's
 * (AR-2): eight 32-byte values (six tags, the command-key base, the auth hash), AES-256 blocks 0…15 under
 * HMAC(key, 'person' ‖ board ‖ secret).
 */
function personTags(key: Buffer, boardId: string, secret: string): string[] {
  const perPurpose = ['author', 'voter', 'pulse', 'consensus', 'trust'].map((purpose) => mac(key, purpose, boardId, secret));
  const blocks = Buffer.alloc(16 * 16);
  for (let i = 0; i < 16; i++) blocks.writeUInt32BE(i, i * 16);
  const cipher = createCipheriv('aes-256-ecb', Buffer.from(mac(key, 'person', boardId, secret), 'base64url'), null).setAutoPadding(false);
  const out = Buffer.concat([cipher.update(blocks), cipher.final()]);
  const expanded = Array.from({ length: 8 }, (_, i) => out.subarray(i * 32, i * 32 + 32).toString('base64url'));
  return [...perPurpose, ...expanded];
}

function mac(key: Buffer, purpose: string, ...parts: string[]): string {
  const h = createHmac('sha256', key);
  h.update(purpose);
  for (const part of parts) h.update('\u0000' + part);
  return h.digest('base64url');
}

/**
 * AR-2's documented derivation since data format 6: slot k of a kind is AES-256, under the person tag's own 32
 * bytes, of the block holding k (four bytes, big-endian) and the kind's number (card 1, vote 2, pulse 3).
 */
function slotTagUnderTag(personTag: string, kind: string, slot: number): string {
  const block = Buffer.alloc(16);
  block.writeUInt32BE(slot, 0);
  block[4] = kind === 'card' ? 1 : kind === 'vote' ? 2 : 3;
  return createCipheriv('aes-256-ecb', Buffer.from(personTag, 'base64url'), null).setAutoPadding(false).update(block).toString('base64url');
}

/** AR-2's derivation before data format 6: slot k of a kind is AES-256 block k under HMAC(personTag, kind); consensus by action. */
export function factTag(personTag: string, kind: string, slot: string): string {
  if (kind === 'consensus' || kind === 'lens' || kind === 'roti') return createHmac('sha256', personTag).update(`${kind}\u0000${slot}`).digest('base64url');
  const key = createHmac('sha256', personTag).update(kind).digest();
  const block = Buffer.alloc(16);
  block.writeUInt32BE(Number(slot), 0);
  const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]).toString('base64url');
}

/** every stored cards part with a `writers` field: the board it is of, the field as stored, its cards */
function storedCardParts(logical: Map<string, Record<string, unknown>[]>): { boardId: string; writers: unknown; cards: Record<string, unknown>[] }[] {
  const parts: { boardId: string; writers: unknown; cards: Record<string, unknown>[] }[] = [];
  for (const rows of logical.values()) {
    for (const row of rows) {
      for (const value of Object.values(row)) {
        const json = parseJson(value) as Record<string, unknown> | undefined;
        if (json && typeof json === 'object' && 'writers' in json && Array.isArray(json.cards)) {
          parts.push({ boardId: String(row.board_id ?? ''), writers: json.writers, cards: json.cards as Record<string, unknown>[] });
        }
      }
    }
  }
  return parts;
}

/** every stored marks part with a `voters` field: the board it is of, the field as stored */
function storedMarkParts(logical: Map<string, Record<string, unknown>[]>): { boardId: string; voters: unknown }[] {
  const parts: { boardId: string; voters: unknown }[] = [];
  for (const rows of logical.values()) {
    for (const row of rows) {
      for (const value of Object.values(row)) {
        const json = parseJson(value) as Record<string, unknown> | undefined;
        if (json && typeof json === 'object' && 'voters' in json && Array.isArray(json.votes)) parts.push({ boardId: String(row.board_id ?? ''), voters: json.voters });
      }
    }
  }
  return parts;
}

/**
 * The number a stored `writers` (or, AN-12, `voters`) field says: a number in the clear, or one sealed as SPEC AN-10 documents it —
 * AES-256-GCM under HMAC(server key, 'card-writers-seal'), bound to 'candor-card-writers' ‖ 0 ‖ 1 ‖ 0 ‖ board, laid
 * out key id (4 bytes) ‖ IV ‖ four bytes ‖ tag in base64url — opened with each key at hand; null when it says nothing.
 */
function writersCount(writers: unknown, boardId: string, keys: Buffer[], what: 'card-writers' | 'voters' = 'card-writers'): number | null {
  if (typeof writers === 'number') return writers;
  if (typeof writers !== 'string') return null;
  if (/^\d+$/.test(writers)) return Number(writers);
  const sealed = Buffer.from(writers, 'base64url').subarray(4);
  if (sealed.length <= 28) return null;
  for (const key of keys) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', createHmac('sha256', key).update('card-writers-seal').digest(), sealed.subarray(0, 12));
      decipher.setAAD(Buffer.from(`candor-${what}\u00001\u0000${boardId}`, 'utf8'));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const plain = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
      if (plain.length === 4) return plain.readUInt32BE(0);
    } catch {
      // another key
    }
  }
  return null;
}

/** the tables with each sealed anonymous-state part opened, where one of `keys` (a server key) opens it */
function openSealed(logical: Map<string, Record<string, unknown>[]>, keys: Buffer[]): Map<string, Record<string, unknown>[]> {
  const rows = logical.get('anonymous_state');
  if (!rows || keys.length === 0) return logical;
  const opened = rows.map((row) => {
    for (const key of keys) {
      try {
        return { ...row, state: openState(anonymousStateKey(key), String(row.board_id), row.part as 'cards' | 'marks', row.state as Buffer) };
      } catch {
        // another key, or not sealed
      }
    }
    return row;
  });
  return new Map([...logical, ['anonymous_state', opened]]);
}

function candidateKeys(logical: Map<string, Record<string, unknown>[]>, files: Map<string, Buffer>): Buffer[] {
  const keys: Buffer[] = [];
  for (const rows of logical.values()) for (const row of rows) for (const v of Object.values(row)) if (Buffer.isBuffer(v) && v.length === 32) keys.push(v);
  for (const bytes of files.values()) if (bytes.length === 32) keys.push(bytes);
  return keys;
}

/** Everything SQLite says the file holds (WAL included), every JSON column and blob opened. */
function readLogical(files: Map<string, Buffer>, dbName: string): Map<string, Record<string, unknown>[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-attack-'));
  for (const [name, bytes] of files) fs.writeFileSync(path.join(dir, name), bytes);
  const db = new Database(path.join(dir, dbName), { readonly: true });
  const out = new Map<string, Record<string, unknown>[]>();
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) {
      let rows: Record<string, unknown>[];
      try {
        rows = db.prepare(`SELECT rowid AS _rowid, * FROM "${name}"`).all() as Record<string, unknown>[];
      } catch {
        rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
      }
      out.set(name, rows);
    }
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

function parseJson(value: unknown): unknown {
  const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : null;
  if (!text || !/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function collectFacts(
  logical: Map<string, Record<string, unknown>[]>,
  physical: Map<string, PhysicalRow[]>,
  known: Knowledge,
  nameOf: Map<string, string>,
): Fact[] {
  const facts: Fact[] = [];
  const texts = new Set(known.cardTexts);
  const cardTextById = new Map<string, string>();
  // a first pass finds card ids (any object holding a known text and an id-like field)
  const objects: { obj: Record<string, unknown>; container: string; position: number; row: Record<string, unknown>; table: string }[] = [];
  for (const [table, rows] of logical) {
    rows.forEach((row, r) => {
      const position = typeof row._rowid === 'number' ? row._rowid : typeof row.seq === 'number' ? row.seq : r;
      objects.push({ obj: row, container: table, position, row, table });
      for (const value of Object.values(row)) {
        const json = parseJson(value);
        if (json === undefined) continue;
        const walk = (node: unknown, container: string, pos: number) => {
          if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${container}[]`, i));
          else if (node && typeof node === 'object') {
            objects.push({ obj: node as Record<string, unknown>, container, position: pos, row, table });
            for (const [k, v] of Object.entries(node)) if (v && typeof v === 'object') walk(v, `${container}.${k}`, pos);
          }
        };
        walk(json, Array.isArray(json) ? `${table}:json` : table, position);
      }
    });
  }
  for (const { obj } of objects) {
    const text = Object.values(obj).find((v): v is string => typeof v === 'string' && texts.has(v));
    if (!text) continue;
    for (const [k, v] of Object.entries(obj)) if (/id$/i.test(k) && typeof v === 'string') cardTextById.set(v, text);
  }
  const placement = physicalIndex(physical);
  const ids = new Set<string>();
  for (const { obj } of objects) for (const [k, v] of Object.entries(obj)) if (/id$/i.test(k) && typeof v === 'string') ids.add(v);
  for (const { obj, container, position, row, table } of objects) {
    const text = Object.values(obj).find((v): v is string => typeof v === 'string' && texts.has(v));
    const target = Object.entries(obj).find(([k, v]) => /target/i.test(k) && typeof v === 'string' && cardTextById.has(v));
    const value = typeof obj.value === 'number' ? obj.value : null;
    const kind = `${container} ${Object.keys(obj).join(' ')} ${String(obj.type ?? obj.kind ?? '')}`;
    let subject: string | null = null;
    if (text) subject = `card:${text}`;
    else if (target && /vote/i.test(kind)) subject = `vote:${cardTextById.get(target[1] as string)}`;
    else if (value !== null && /roti/i.test(kind)) subject = `roti:${value}`;
    else if (value !== null && /pulse/i.test(kind)) subject = `pulse:${value}`;
    else if (value !== null && /consensus/i.test(kind)) subject = `consensus:${value}`;
    else if (Array.isArray(obj.parts) && /lens/i.test(kind)) subject = `lens:${(obj.parts as string[]).join('+')}`;
    const who = Object.entries(obj)
      .filter(([k, v]) => !/id$/i.test(k) && typeof v === 'string' && TOKEN.test(v) && !texts.has(v) && !ids.has(v))
      .map(([, v]) => v as string);
    const namedId = Object.values(obj).find((v): v is string => typeof v === 'string' && nameOf.has(v));
    facts.push({
      subject,
      who,
      container,
      position,
      physical: placement.get(rowKey(table, row)) ?? null,
      named: subject ? null : namedId ? nameOf.get(namedId)! : null,
      fields: obj,
    });
  }
  return facts;
}

function rowKey(table: string, row: Record<string, unknown>): string {
  const values = Object.entries(row)
    .filter(([k]) => k !== '_rowid')
    .map(([, v]) => (Buffer.isBuffer(v) ? v.toString('base64') : String(v)));
  return `${table}|${values.join('|')}`;
}

function physicalIndex(tables: Map<string, PhysicalRow[]>): Map<string, { page: number; offset: number }> {
  const index = new Map<string, { page: number; offset: number }>();
  for (const [table, rows] of tables) {
    for (const row of rows) {
      const values = row.values.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : String(v)));
      // rowid tables carry the rowid first; try the row both with and without it
      index.set(`${table}|${values.join('|')}`, { page: row.page, offset: row.offset });
      index.set(`${table}|${values.slice(1).join('|')}`, { page: row.page, offset: row.offset });
    }
  }
  return index;
}

/** Participants in the order they joined, as the file shows it: by rowid if the table has one, else by placement. */
function joinOrder(logical: Map<string, Record<string, unknown>[]>, physical: Map<string, PhysicalRow[]>): string[] {
  const rows = logical.get('participants') ?? [];
  if (rows.length > 0 && typeof rows[0]!._rowid === 'number') return [...rows].sort((a, b) => (a._rowid as number) - (b._rowid as number)).map((r) => String(r.name));
  const placed = physical.get('participants') ?? [];
  return [...placed]
    .sort((a, b) => a.page - b.page || b.offset - a.offset)
    .map((r) => r.values.find((v) => typeof v === 'string' && rows.some((row) => row.name === v)))
    .filter((v): v is string => typeof v === 'string');
}

function documentHistories(logical: Map<string, Record<string, unknown>[]>): Uint8Array[][] {
  const histories: Uint8Array[][] = [];
  for (const rows of logical.values()) {
    const groups = groupBy(
      rows.filter((r) => Object.keys(r).some((k) => /update/i.test(k)) && Object.values(r).some(Buffer.isBuffer)),
      (r) => Object.values(r).filter((v) => typeof v === 'string').join('|'),
    );
    for (const list of groups.values()) {
      const ordered = [...list].sort((a, b) => Number(a._rowid ?? a.id ?? a.seq ?? 0) - Number(b._rowid ?? b.id ?? b.seq ?? 0));
      histories.push(ordered.map((r) => new Uint8Array(Object.values(r).find(Buffer.isBuffer) as Buffer)));
    }
  }
  return histories;
}

/** True when the facts are in the order of some field's value: a sorted list says nothing about time. */
function sortedByAField(facts: Fact[]): boolean {
  const keys = new Set(facts.flatMap((f) => Object.keys(f.fields)));
  for (const key of keys) {
    const values = facts.map((f) => f.fields[key]);
    if (values.some((v) => typeof v !== 'string')) continue;
    if (values.every((v, i) => i === 0 || (values[i - 1] as string) < (v as string))) return true;
  }
  return false;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

function dedupe(claims: Claim[]): Claim[] {
  const seen = new Set<string>();
  return claims.filter((c) => {
    const k = JSON.stringify(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
