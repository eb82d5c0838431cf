import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './spawnedServer.js';
import { measureBundle } from '../../bench/scenarios/bundle.js';

/**
 * UI-17: the browser gets no schema library. `@candor/shared` is marked side-effect free, so the client's bundle
 * keeps only what it uses of it, and the zod schemas (the server's edge, IN-*) stay out. zod's issue codes are
 * plain strings that survive minification, so "invalid_type" in a chunk means zod is in it.
 */
const ZOD_MARKER = 'invalid_type';

const dist = path.join(REPO_ROOT, 'client/dist');
const chunks = () => fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const carrying = (marker: string) => chunks().filter((f) => fs.readFileSync(path.join(dist, 'assets', f), 'utf8').includes(marker));

/**
 * Where a package the client builds with lies: a dependency of the client, or of one of them (`through`), found the
 * way Node resolves it from there. pnpm's hidden hoisting folder (node_modules/.pnpm/node_modules) is not used: what
 * it holds depends on how the install went, and a checkout whose install left it without engine.io-client failed here.
 */
function packageDir(name: string, through?: string): string {
  const client = fs.realpathSync(path.join(REPO_ROOT, 'client/node_modules'));
  const from = through ? path.dirname(fs.realpathSync(path.join(client, through))) : client;
  return fs.realpathSync(path.join(from, name));
}

describe('the client bundle', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(dist, '.vite/manifest.json'))) execSync('pnpm --filter @candor/client build', { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  it('UI-6 the JavaScript the board page loads first is at most 150 KB gzip (the figure `pnpm bench --only bundle` reports)', () => {
    const { boardFirstLoad, boardFiles } = measureBundle(dist);
    expect(boardFiles.length).toBeGreaterThan(3);
    expect(boardFirstLoad / 1024, boardFiles.join(' ')).toBeLessThanOrEqual(150);
  });

  it('BU-1 what the board page loads first is the pages\' shared files and one chunk of its own, which no other page fetches', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; imports?: string[] }>;
    const withImports = (key: string, into = new Set<string>()): Set<string> => {
      if (!into.has(key)) {
        into.add(key);
        for (const next of manifest[key]?.imports ?? []) withImports(next, into);
      }
      return into;
    };
    const files = (keys: string[]) => new Set(keys.flatMap((key) => [...withImports(key)]).map((key) => manifest[key]!.file));
    const entry = Object.keys(manifest).find((key) => (manifest[key] as { isEntry?: boolean }).isEntry)!;
    const home = files([entry, 'src/home/HomePage.tsx']);
    const team = files([entry, 'src/team/TeamPage.tsx']);
    const { boardFiles } = measureBundle(dist);
    const boardChunk = boardFiles.find((file) => /\/BoardPage-[^/]*\.js$/.test(file));
    expect(boardChunk, boardFiles.join(' ')).toBeDefined();
    // each small file shared with a part loaded later cost the board page a file of its own, gzipped apart
    expect(boardFiles.filter((file) => file !== boardChunk && !home.has(file))).toEqual([]);
    expect([...home, ...team].filter((file) => file === boardChunk)).toEqual([]);
  });

  it("UI-6 what only other pages, later phases and the facilitator's panel use is not in what the board page loads first", () => {
    const { boardFiles } = measureBundle(dist);
    const first = boardFiles.map((file) => fs.readFileSync(path.join(dist, file), 'utf8')).join('\n');
    // each piece by a word of its code that survives minification: creating a team (the home and team pages), whether
    // the server emails the summary (Close), what a revealed card asks before its name shows, the facilitator's reset
    // of "done", Reveal's offer of presenting mode, the German catalogue (a sentence of it), the knock door, the share
    // dialog with its QR code
    for (const marker of ['/api/teams', '/api/features', 'facilitation.card.signTitle', 'facilitation.done.reset', 'privacy.suggestButton', 'Diese Retro wurde nicht gefunden', 'door.knocked', 'share.qrAlt']) {
      expect(carrying(marker).length, `${marker} is built at all`).toBeGreaterThan(0);
      expect(first.includes(marker), `${marker} loads with the board page`).toBe(false);
    }
  });

  it('UI-6 the client carries only the WebSocket transport of engine.io (no long-polling, no WebTransport), and still that one', () => {
    // engine.io-client's long-polling transport reports its failures in these words
    const polling = path.join(packageDir('engine.io-client', 'socket.io-client'), 'build/esm/transports/polling-xhr.js');
    expect(fs.readFileSync(polling, 'utf8')).toContain('xhr poll error');
    expect(carrying('xhr poll error')).toEqual([]);
    // nor its WebTransport one
    expect(fs.readFileSync(path.join(path.dirname(polling), 'webtransport.js'), 'utf8')).toContain('new WebTransport(');
    expect(carrying('new WebTransport(')).toEqual([]);
    expect(carrying('websocket error')).toHaveLength(1);
    // the long-polling module also ran code as it loaded (an XMLHttpRequest to test it, an unload listener): gone too
    expect(fs.readFileSync(polling, 'utf8')).toContain('new XMLHttpRequest(');
    expect(carrying('XMLHttpRequest')).toEqual([]);
  });

  it("UI-6 the client does not carry lib0's schema module, which Yjs's logging reached through lib0's DOM helpers", () => {
    const lib0 = packageDir('lib0');
    // its failures are reported in these words, which survive minification
    expect(fs.readFileSync(path.join(lib0, 'schema.js'), 'utf8')).toContain('Constructor match failed');
    expect(carrying('Constructor match failed')).toEqual([]);
    // while Yjs, which imports lib0's logging, is there
    expect(carrying('Unexpected content type').length).toBeGreaterThan(0);
  });

  it("UI-6 the client does not carry Yjs's XML types, which no document of Candor holds", () => {
    // YXmlFragment's toDOM builds a fragment of the page, and nothing else the client carries does
    expect(fs.readFileSync(path.join(packageDir('yjs'), 'dist/yjs.mjs'), 'utf8')).toContain('createDocumentFragment');
    expect(carrying('createDocumentFragment')).toEqual([]);
    // while Yjs is there, with the Y.Text the notes are (its inserts report this)
    expect(carrying('Unexpected content type').length).toBeGreaterThan(0);
  });

  it('UI-17 no chunk of the built client carries zod', () => {
    // positive control: the marker is in zod itself, so its absence below means something
    const zod = path.dirname(fs.realpathSync(path.join(REPO_ROOT, 'shared/node_modules/zod/package.json')));
    expect(fs.readFileSync(path.join(zod, 'v4/core/schemas.js'), 'utf8')).toContain(ZOD_MARKER);
    expect(chunks().length).toBeGreaterThan(5);
    expect(carrying(ZOD_MARKER)).toEqual([]);
  });
});
