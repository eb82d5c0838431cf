import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { SampledWarnings } from './sampledWarnings.js';

describe('sampled warnings', () => {
  it('DO-5 a thousand identical warnings write a handful of lines and one count per minute', () => {
    const lines: { fields: unknown; message: string }[] = [];
    const logger = { warn: (fields: unknown, message: string) => lines.push({ fields, message }) } as unknown as Logger;
    let now = 0;
    const warnings = new SampledWarnings(logger, () => now);
    for (let i = 0; i < 1000; i++) warnings.warn('malformed yjs message dropped', { i });
    expect(lines).toHaveLength(5);
    now += 60_000;
    warnings.warn('malformed yjs message dropped', { i: 1000 });
    expect(lines).toHaveLength(7);
    expect(lines[5]).toEqual({ fields: { suppressed: 995 }, message: 'malformed yjs message dropped (repeated, not logged)' });
    // another warning has its own allowance
    warnings.warn('something else', {});
    expect(lines).toHaveLength(8);
  });
});
