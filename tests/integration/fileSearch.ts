import fs from 'node:fs';
import path from 'node:path';
import { newId } from './harness.js';

/**
 * AR-6 PE-9: searching the data files for words that should be gone. A text is marked with a random body of 30
 * characters; the search looks for any 12-character piece of that body, since SQLite cuts a text that runs over a page
 * at the boundary (each overflow page starts with a 4-byte pointer), which a whole-text search would miss.
 */
export const marked = (label: string) => `${label}:${newId(24).slice(0, 30)}`;

/** whether `bytes` hold any 12-character piece of a `marked` text's random body */
export function holdsPieceOf(bytes: Buffer, text: string): boolean {
  const body = text.slice(text.indexOf(':') + 1);
  for (let i = 0; i + 12 <= body.length; i++) if (bytes.includes(body.slice(i, i + 12))) return true;
  return false;
}

/** every file of a data directory (the database, its WAL and any sidecar), one after the other */
export function dataDirBytes(dataDir: string): Buffer {
  return Buffer.concat(
    fs
      .readdirSync(dataDir)
      .filter((f) => fs.statSync(path.join(dataDir, f)).isFile())
      .map((f) => fs.readFileSync(path.join(dataDir, f))),
  );
}
