import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadServerKey } from './keyFile.js';

const tmpKeyFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-key-')), 'data.key');

describe('AR-7 the server key', () => {
  it('AR-7 is created on first start as 32 random bytes with mode 0600, and read back the same afterwards', () => {
    const file = tmpKeyFile();
    const key = loadServerKey({ keyFile: file });
    expect(key).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadServerKey({ keyFile: file }).equals(key)).toBe(true);
    expect(loadServerKey({ keyFile: tmpKeyFile() }).equals(key)).toBe(false);
  });

  it('AR-7 CANDOR_KEY is taken as 64 hex digits or 43 base64url characters, and nothing else', () => {
    const bytes = randomBytes(32);
    const file = tmpKeyFile();
    expect(loadServerKey({ keyFile: file, envKey: bytes.toString('hex') }).equals(bytes)).toBe(true);
    expect(loadServerKey({ keyFile: file, envKey: bytes.toString('base64url') }).equals(bytes)).toBe(true);
    expect(fs.existsSync(file)).toBe(false); // a key from the environment writes no file
    for (const wrong of [bytes.toString('hex').slice(2), randomBytes(16).toString('base64url'), randomBytes(48).toString('base64url')]) {
      expect(() => loadServerKey({ keyFile: file, envKey: wrong })).toThrow(/CANDOR_KEY must be 32 bytes/);
    }
  });

  it('AR-7 a key file of the wrong size is refused, not used', () => {
    const file = tmpKeyFile();
    fs.writeFileSync(file, randomBytes(31));
    expect(() => loadServerKey({ keyFile: file })).toThrow(/not a Candor key/);
  });
});
