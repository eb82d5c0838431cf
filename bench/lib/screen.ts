import { chromium, type Browser, type Page } from '@playwright/test';

/**
 * One more participant as a real Chromium page, joined through the UI. The client marks
 * `candor:cards-rendered` (with the number of cards in its detail) once the browser has drawn the revealed
 * board's cards (the frame after the commit: `client/src/layout/markWhenDrawn.ts`); the mark is read back on
 * the bench's clock through performance.timeOrigin.
 */
const MARK = 'candor:cards-rendered';
/** BENCH_SCREEN_TRACE=<file>: a Chromium performance trace of the page, from its join until the mark */
const TRACE = process.env.BENCH_SCREEN_TRACE;
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'toplevel', 'disabled-by-default-devtools.timeline.frame', 'loading', 'latencyInfo', 'disabled-by-default-v8.cpu_profiler'];

export class Screen {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async join(url: string, boardId: string): Promise<Screen> {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${url}/b/${boardId}`);
      await page.getByLabel('Your name').fill('Screen');
      await page.getByRole('button', { name: 'Join' }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="connection-status"]')?.textContent === 'Connected', null, { timeout: 30_000 });
      if (TRACE) await browser.startTracing(page, { path: TRACE, categories: TRACE_CATEGORIES });
      return new Screen(browser, page);
    } catch (err) {
      await browser.close();
      throw err;
    }
  }

  /** When (bench clock, ms) the page had rendered `count` revealed cards; null if it did not within the time. */
  async renderedAt(count: number, timeoutMs: number): Promise<number | null> {
    try {
      await this.page.waitForFunction(
        ([mark, n]) => performance.getEntriesByName(mark as string).some((e) => ((e as PerformanceMark).detail?.count ?? 0) >= (n as number)),
        [MARK, count] as const,
        { timeout: timeoutMs, polling: 50 },
      );
    } catch {
      return null;
    } finally {
      if (TRACE) await this.browser.stopTracing();
    }
    return this.page.evaluate(
      ([mark, n]) => {
        const entry = performance.getEntriesByName(mark as string).find((e) => ((e as PerformanceMark).detail?.count ?? 0) >= (n as number))!;
        return performance.timeOrigin + entry.startTime;
      },
      [MARK, count] as const,
    );
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
