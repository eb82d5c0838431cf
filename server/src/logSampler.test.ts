import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.js';
import { sampleWarnings } from './logSampler.js';

function memoryLogger() {
  const lines: { kind?: string; suppressed?: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('AB-9 sampled warnings', () => {
  it('AB-9 writes the first few of a kind per interval, then one summary of what it left out', () => {
    const { lines, logger } = memoryLogger();
    let t = 0;
    const warnings = sampleWarnings(logger, { perInterval: 3, intervalMs: 1000, now: () => t });
    for (let i = 0; i < 100; i++) warnings.warn('flood', { i }, 'flooding');
    warnings.warn('other', {}, 'another kind is counted on its own');
    expect(lines.filter((l) => l.kind === 'flood')).toHaveLength(3);
    expect(lines.filter((l) => l.kind === 'other')).toHaveLength(1);
    t = 1000; // next interval: the summary, then the first few again
    for (let i = 0; i < 10; i++) warnings.warn('flood', { i }, 'flooding');
    const flood = lines.filter((l) => l.kind === 'flood');
    expect(flood[3]).toMatchObject({ suppressed: 97 });
    expect(flood).toHaveLength(3 + 1 + 3);
    warnings.flush();
    expect(lines.filter((l) => l.kind === 'flood').at(-1)).toMatchObject({ suppressed: 7 });
  });

  it('AB-9 a flood that goes on writes the first few and one count per interval, the count at the interval’s end', () => {
    vi.useFakeTimers();
    try {
      const { lines, logger } = memoryLogger();
      const warnings = sampleWarnings(logger, { perInterval: 3, intervalMs: 10_000 });
      // two a second for a minute: six intervals
      for (let tick = 0; tick < 120; tick++) {
        warnings.warn('flood', {}, 'flooding');
        vi.advanceTimersByTime(500);
      }
      const flood = lines.filter((l) => l.kind === 'flood');
      // before: a new interval began a few seconds after each count, eighteen lines where six intervals hold 3 + 1 each
      expect(flood.filter((l) => l.suppressed === undefined)).toHaveLength(6 * 3);
      expect(flood.filter((l) => l.suppressed !== undefined).map((l) => l.suppressed)).toEqual([17, 17, 17, 17, 17, 17]);
    } finally {
      vi.useRealTimers();
    }
  });
});
