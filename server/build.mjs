// Bundles the server, @candor/shared and the pure-JavaScript npm dependencies into dist/index.js.
//
// Issue 13: a restarted server is measured from spawn to every client back. With every dependency external,
// Node resolved, read and compiled some 400 files one by one (express alone ~150 ms of CPU); one bundled file
// makes a start ~300 ms of CPU cheaper (800 → 500 ms to listening, on this 2-core machine). Kept external: the
// native better-sqlite3; pg, ioredis and nodemailer, which only PostgreSQL, Redis or SMTP load (dynamic imports);
// pino, whose transports start worker files found beside its own; ws's optional native helpers.
//
// Split at index.ts's dynamic imports (DU-6): dist/index.js holds little more than the config and what takes the
// port, so the port is taken before the rest (Express, Socket.io, SQLite, the rooms; dist/app-*.js and chunks) is
// even read.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const external = ['better-sqlite3', 'pg', 'ioredis', 'nodemailer', 'pino', 'bufferutil', 'utf-8-validate'];

// the chunks' names change with their contents: no stale one stays beside the new
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/index.ts'],
  outdir: 'dist',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  // the bundled CommonJS packages (express, socket.io, …) call require() for Node's own modules and the externals
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
