import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBoard, REPO_ROOT, useServer } from './harness.js';

/** HT-1: every response carries the security headers the README promises (helmet), the API's as much as the page's. */
describe('HT-1 security headers', () => {
  const live = useServer();

  it('HT-1 pages and API answers forbid framing and sniffing and carry a CSP that allows scripts only from the server itself', async () => {
    const { boardId } = await createBoard(live.server.url, 'Headers');
    for (const pathname of ['/', '/api/features', `/api/boards/${boardId}`, '/api/nothing-here']) {
      const res = await fetch(`${live.server.url}${pathname}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(res.headers.get('x-content-type-options'), pathname).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), pathname).toBe('SAMEORIGIN');
      expect(csp, pathname).toMatch(/frame-ancestors 'self'/);
      expect(csp, pathname).toMatch(/script-src 'self'(;|$)/);
      expect(csp, pathname).toMatch(/object-src 'none'/);
      expect(csp, pathname).toMatch(/connect-src 'self' ws: wss:/);
    }
  });
});

/** HT-2: what the browser may keep (README, AB-15: a browser opening Candor asks for its files once an hour). */
describe('HT-2 caching of the built client', () => {
  const dist = path.join(REPO_ROOT, 'client/dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) execSync('pnpm --filter @candor/client build', { cwd: REPO_ROOT, stdio: 'pipe' });
  const live = useServer({ clientDist: dist });

  it('HT-2 the built client\'s scripts are cached for an hour (their names change with their contents); the page itself is asked for again', async () => {
    const page = await fetch(`${live.server.url}/`);
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, 'the page names its entry script (the client is built)').toBeDefined();
    const res = await fetch(`${live.server.url}${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(page.headers.get('cache-control') ?? '').not.toMatch(/max-age=[1-9]/);
  });

  it('HT-2 UI-16 a script of an older build is answered 404, not with the page: a stale tab learns it is gone, and nothing caches HTML under a script\'s name', async () => {
    const res = await fetch(`${live.server.url}/assets/BoardPage-0ldBu1ld.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type') ?? '').not.toMatch(/html/);
    // a page's own address (a board's link) is still the page
    const board = await fetch(`${live.server.url}/b/someBoardId`);
    expect(board.status).toBe(200);
    expect(board.headers.get('content-type')).toMatch(/html/);
  });
});

/** HT-3: a page asked for while the built client is being replaced (a deploy rebuilding `client/dist` in place). */
describe('HT-3 the page while the client is being rebuilt', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-dist-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Candor</title>');
  const live = useServer({ clientDist: dist });

  it('HT-3 with index.html gone for a moment, a page is answered 503 "try again", not a JSON "Malformed request."', async () => {
    expect((await fetch(`${live.server.url}/b/someBoardId`)).status).toBe(200);
    fs.rmSync(path.join(dist, 'index.html'));
    const res = await fetch(`${live.server.url}/b/someBoardId`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.text()).toBe('Candor is being updated. Try again in a few seconds.');
  });
});
