import { describe, expect, it } from 'vitest';
import { createBoard, useServer } from './harness.js';

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
