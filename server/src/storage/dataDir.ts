import fs from 'node:fs';
import path from 'node:path';
import { DataFileError } from './sqlite.js';
import { makeDirectory } from './makeDirectory.js';

/**
 * SO-1: before anything else, prove that DATA_DIR (and the database file, if there is one) can be written;
 * otherwise stop with one line that names DATA_DIR and the operating system's error, not a stack.
 */
export function checkDataDir(dataDir: string, dbFile: string): void {
  const fail = (what: string, err: unknown): never => {
    const e = err as NodeJS.ErrnoException;
    throw new DataFileError(`DATA_DIR=${dataDir}: ${what}: ${e.code ?? ''} ${e.message}`.replace(/\s+/g, ' ').trim());
  };
  try {
    makeDirectory(dataDir);
  } catch (err) {
    fail('cannot create the data directory', err);
  }
  const probe = path.join(dataDir, `.write-check-${process.pid}`);
  try {
    const fd = fs.openSync(probe, 'w');
    try {
      fs.writeSync(fd, 'ok');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.rmSync(probe, { force: true });
  } catch (err) {
    fail('cannot write in the data directory', err);
  }
  if (fs.existsSync(dbFile)) {
    try {
      fs.closeSync(fs.openSync(dbFile, 'r+'));
    } catch (err) {
      fail(`cannot write the database file ${path.basename(dbFile)}`, err);
    }
  }
}
