import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Keyring } from '../../server/src/identity.js';

/** What the data file holds of a board's anonymous facts (AR-1), for tests that look for tags elsewhere. */
export interface StoredAnonymous {
  cards: { id: string; text: string; tag: string }[];
  votes: { target: string; tag: string }[];
  pulse: { tag: string; value: number }[];
  /** GP-5: "worth the time?" answers (absent in parts stored before them) */
  roti?: { tag: string; value: number }[];
  consensus: { action: string; tag: string; value: number }[];
  lens: { item: string; tag: string; parts: string[] }[];
  reactions: { item: string; reaction: string; tag: string }[];
}

/**
 * The data file as a backup would take it while the server runs: copied (DU-5: the server holds the file
 * locked, and between two commits the file is whole), then opened read-only.
 */
export function openDataFile(dbFile: string): Database.Database {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-copy-')), path.basename(dbFile));
  fs.copyFileSync(dbFile, copy);
  return new Database(copy, { readonly: true, fileMustExist: true });
}

export function storedAnonymousState(dbFile: string, boardId: string): StoredAnonymous {
  const db = openDataFile(dbFile);
  try {
    // AR-1: two parts (the cards, the marks), each its own row
    const rows = db.prepare('SELECT state FROM anonymous_state WHERE board_id = ?').all(boardId) as { state: Buffer }[];
    const empty: StoredAnonymous = { cards: [], votes: [], pulse: [], consensus: [], lens: [], reactions: [] };
    return Object.assign(empty, ...rows.map((row) => JSON.parse(row.state.toString('utf8')) as Partial<StoredAnonymous>)) as StoredAnonymous;
  } finally {
    db.close();
  }
}

/** Every stored per-fact tag of a board. */
export function storedTags(dbFile: string, boardId: string): string[] {
  const s = storedAnonymousState(dbFile, boardId);
  return [...s.cards, ...s.votes, ...s.pulse, ...(s.roti ?? []), ...s.consensus, ...s.lens, ...s.reactions].map((f) => f.tag);
}

/** RV-3: the seed a board reveals with until one is stored, as every process of the server key works it out */
export function boardRevealSeed(keyFile: string, boardId: string): string {
  return new Keyring(fs.readFileSync(keyFile)).revealSeed(boardId);
}

/** The per-person tags the running server holds in memory for a secret (computed with the key file). */
export function personTags(keyFile: string, boardId: string, secret: string): string[] {
  const { tags, commandKeyBase } = new Keyring(fs.readFileSync(keyFile)).person(boardId, secret);
  return [...Object.values(tags), commandKeyBase];
}
