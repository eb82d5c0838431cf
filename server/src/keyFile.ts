import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataFileError } from './storage/sqlite.js';
import { makeDirectory } from './storage/makeDirectory.js';

const KEY_BYTES = 32;

/**
 * AR-7: the server key (the pepper of every keyed hash) lives apart from the data, so that a copy of
 * DATA_DIR alone cannot recompute anyone's tags even with a browser's secret. It comes from `CANDOR_KEY`
 * (base64url or hex of 32 bytes) or from its own file, created with mode 0600 on first start. A backup
 * must include it: without it, nobody is recognised as the author of their cards after a restore.
 */
export function loadServerKey(options: { keyFile: string; envKey?: string | undefined }): Buffer {
  if (options.envKey) {
    const key = /^[0-9a-f]{64}$/i.test(options.envKey) ? Buffer.from(options.envKey, 'hex') : Buffer.from(options.envKey, 'base64url');
    if (key.length !== KEY_BYTES) throw new DataFileError(`CANDOR_KEY must be ${KEY_BYTES} bytes (64 hex digits or 43 base64url characters).`);
    return key;
  }
  const file = options.keyFile;
  try {
    return readKey(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    makeDirectory(path.dirname(file));
    // written under another name, then linked into place: two servers starting at once end up with one key
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  } catch (err) {
    throw new DataFileError(`cannot create the key file KEY_FILE=${file}: ${(err as Error).message}`);
  }
  return readKey(file);
}

function readKey(file: string): Buffer {
  const key = fs.readFileSync(file);
  if (key.length !== KEY_BYTES) throw new DataFileError(`the key file ${file} is not a Candor key (${key.length} bytes, expected ${KEY_BYTES}).`);
  return key;
}
