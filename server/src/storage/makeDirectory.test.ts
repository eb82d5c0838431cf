import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDirectory } from './makeDirectory.js';

// (the directory procfs will never hold is tried on a spawned server, storageHealth.test.ts: in this process a
// regression would spin the test worker for ever)
describe('makeDirectory', () => {
  const roots: string[] = [];
  const root = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-mkdir-'));
    roots.push(dir);
    return dir;
  };
  afterEach(() => roots.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('makes every missing directory, and leaves one that is there as it is', () => {
    const dir = path.join(root(), 'a', 'b', 'c');
    makeDirectory(dir);
    expect(fs.statSync(dir).isDirectory()).toBe(true);
    fs.writeFileSync(path.join(dir, 'kept'), 'x');
    makeDirectory(dir);
    expect(fs.readFileSync(path.join(dir, 'kept'), 'utf8')).toBe('x');
  });

  it('answers a file in the way with the error mkdir gives', () => {
    const file = path.join(root(), 'file');
    fs.writeFileSync(file, 'x');
    expect(() => makeDirectory(path.join(file, 'data'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });
});
