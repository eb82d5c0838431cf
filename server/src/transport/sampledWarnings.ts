import type { Logger } from '../logger.js';

/** Within one window, this many lines of the same warning are written; the rest are only counted. */
const LINES_PER_WINDOW = 5;
const WINDOW_MS = 60_000;

/**
 * DO-5: repeated warnings (one per malformed message or connection) sampled so that a client sending garbage
 * cannot fill the disk with log lines: the first few per minute are written, then one line saying how many
 * more there were.
 */
export class SampledWarnings {
  private readonly windows = new Map<string, { startedAt: number; written: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  warn(message: string, fields: Record<string, unknown>): void {
    const at = this.now();
    let window = this.windows.get(message);
    if (!window || at - window.startedAt >= WINDOW_MS) {
      if (window && window.suppressed > 0) this.logger.warn({ suppressed: window.suppressed }, `${message} (repeated, not logged)`);
      window = { startedAt: at, written: 0, suppressed: 0 };
      this.windows.set(message, window);
    }
    if (window.written < LINES_PER_WINDOW) {
      window.written++;
      this.logger.warn(fields, message);
    } else window.suppressed++;
  }
}
