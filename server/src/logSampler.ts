import type { Logger } from './logger.js';
import { ABUSE_LIMITS } from './abuseLimits.js';

export interface SampledWarnings {
  /** Writes a warning of `kind`, unless this kind already wrote its share of the current interval. */
  warn(kind: string, fields: Record<string, unknown>, message: string): void;
  /** Writes the summaries of what was left out, now (on shutdown). */
  flush(): void;
}

/**
 * AB-9: a warning a client can trigger at will (a malformed frame, a refused connection) must not let that
 * client fill the disk. Each kind writes its first few lines per interval; the rest are counted and summed
 * up in one line when the interval ends.
 */
export function sampleWarnings(
  logger: Logger,
  options: { perInterval?: number; intervalMs?: number; now?: () => number } = {},
): SampledWarnings {
  const perInterval = options.perInterval ?? ABUSE_LIMITS.warningsPerInterval;
  const intervalMs = options.intervalMs ?? ABUSE_LIMITS.warningIntervalMs;
  const now = options.now ?? Date.now;
  const kinds = new Map<string, { since: number; written: number; left: number }>();
  let timer: NodeJS.Timeout | undefined;

  const summarize = (kind: string, entry: { since: number; left: number }) => {
    if (entry.left > 0) logger.warn({ kind, suppressed: entry.left, seconds: Math.round((now() - entry.since) / 1000) }, `${entry.left} more "${kind}" warnings left out`);
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const [kind, entry] of kinds) summarize(kind, entry);
    kinds.clear();
  };
  /**
   * The summary must come even if the flood stops and nothing else is logged: at the end of the interval of the kind
   * that left something out first. (It came an interval after the first line left out and cleared every kind, so a
   * flood that went on wrote a new interval's first lines a few seconds after the last: eighteen lines a minute, not
   * the ten and a count it should.)
   */
  const schedule = () => {
    if (timer) return;
    let next = Infinity;
    for (const entry of kinds.values()) if (entry.left > 0) next = Math.min(next, entry.since + intervalMs);
    if (next === Infinity) return;
    timer = setTimeout(() => {
      timer = undefined;
      const t = now();
      for (const [kind, entry] of kinds) {
        if (t - entry.since < intervalMs) continue;
        summarize(kind, entry);
        kinds.delete(kind);
      }
      schedule();
    }, Math.max(0, next - now())).unref();
  };

  return {
    warn(kind, fields, message) {
      const t = now();
      let entry = kinds.get(kind);
      if (entry && t - entry.since >= intervalMs) {
        summarize(kind, entry);
        entry = undefined;
      }
      if (!entry) {
        entry = { since: t, written: 0, left: 0 };
        kinds.set(kind, entry);
      }
      if (entry.written < perInterval) {
        entry.written++;
        logger.warn({ kind, ...fields }, message);
        return;
      }
      entry.left++;
      schedule();
    },
    flush,
  };
}
