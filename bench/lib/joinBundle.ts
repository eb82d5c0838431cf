/**
 * A tree's room, store, keyring and templates as an esbuild bundle (npm dependencies external, as this tree's
 * server lists them; `server/build.mjs` also bundles the pure-JavaScript ones, which the join's own code does not
 * call into differently): the code `npm start` runs, rather than the sources
 * through tsx, which wraps every function to keep its name. Written under the tree's `server/node_modules`, so
 * that the external packages resolve as they do for the tree's sources. `joinRoom.ts --bundle <file>` imports it.
 *   node --import tsx bench/lib/joinBundle.ts <tree>   (prints the file)
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const JOIN_PARTS = { BoardRoom: 'server/src/rooms/BoardRoom.ts', openSqliteStore: 'server/src/storage/sqlite.ts', Keyring: 'server/src/identity.ts', TEMPLATES: 'shared/src/index.ts' };

const serverPackage = path.join(import.meta.dirname, '../../server/package.json');

export function bundleJoinParts(tree: string): string {
  const { buildSync } = createRequire(serverPackage)('esbuild') as { buildSync: (o: Record<string, unknown>) => unknown };
  const pkg = JSON.parse(fs.readFileSync(serverPackage, 'utf8')) as { dependencies: Record<string, string> };
  const external = [...Object.keys(pkg.dependencies).filter((name) => name !== '@candor/shared'), 'zod', 'yjs'];
  const out = path.join(tree, 'server/node_modules/.join-bench');
  fs.mkdirSync(out, { recursive: true });
  const entry = path.join(out, 'entry.ts');
  fs.writeFileSync(entry, Object.entries(JOIN_PARTS).map(([name, rel]) => `export { ${name} } from ${JSON.stringify(path.join(tree, rel))};`).join('\n'));
  const outfile = path.join(out, 'parts.mjs');
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', external, logLevel: 'warning' });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) console.log(bundleJoinParts(path.resolve(process.argv[2]!)));
