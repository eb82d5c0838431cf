import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './spawnedServer.js';

/**
 * UI-17: the browser gets no schema library. `@candor/shared` is marked side-effect free, so the client's bundle
 * keeps only what it uses of it, and the zod schemas (the server's edge, IN-*) stay out. zod's issue codes are
 * plain strings that survive minification, so "invalid_type" in a chunk means zod is in it.
 */
const ZOD_MARKER = 'invalid_type';

describe('the client bundle', () => {
  it('UI-17 no chunk of the built client carries zod', () => {
    const dist = path.join(REPO_ROOT, 'client/dist');
    if (!fs.existsSync(path.join(dist, 'index.html'))) execSync('pnpm --filter @candor/client build', { cwd: REPO_ROOT, stdio: 'pipe' });
    // positive control: the marker is in zod itself, so its absence below means something
    const zod = path.dirname(fs.realpathSync(path.join(REPO_ROOT, 'shared/node_modules/zod/package.json')));
    expect(fs.readFileSync(path.join(zod, 'v4/core/schemas.js'), 'utf8')).toContain(ZOD_MARKER);
    const chunks = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(5);
    const carrying = chunks.filter((f) => fs.readFileSync(path.join(dist, 'assets', f), 'utf8').includes(ZOD_MARKER));
    expect(carrying).toEqual([]);
  });
});
