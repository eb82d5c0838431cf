import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every temporary file the tests make (data directories, the server key beside each, copies of data files) goes
 * under one directory of this run, which is removed when the run ends: a run leaves no database and no server key
 * in the machine's temporary directory. The test files' processes, and the servers they start, inherit TMPDIR.
 * Listed last, so the set-ups before it (PostgreSQL, Redis) see the machine's own TMPDIR.
 */
export default function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-tests-'));
  process.env.TMPDIR = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
