import fs from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p` that always returns. Node's `fs.mkdirSync(dir, { recursive: true })` takes ENOENT for "the parent is
 * missing", makes the parent, gets EEXIST and tries the child again, for ever, where a file system answers ENOENT to a
 * directory it will never hold (under /proc, or a /tmp whose mount went stale): a server started on such a DATA_DIR
 * spun at 100 % CPU, silent, never listening. Here the missing directories are made one by one, from the deepest
 * one that exists down, so such an answer is the error it is (SO-1).
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (!fs.existsSync(at)) {
    missing.push(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const each of missing.reverse()) {
    try {
      fs.mkdirSync(each);
    } catch (err) {
      // another process made it in between
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
