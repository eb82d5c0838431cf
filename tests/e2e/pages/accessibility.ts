import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

type RunOptions = Parameters<AxeBuilder['options']>[0];
type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
/** the page's window once axe-core is in it */
type WithAxe = { axe: { run(context: Document, options: RunOptions): Promise<AxeResults>; configure(spec: { allowedOrigins: string[] }): void } };

const SERIOUS = new Set(['serious', 'critical']);
/**
 * The dark theme differs from the light one in colours alone (styles.css: every colour is a `light-dark()` pair;
 * no script reads the scheme), so in dark only axe's colour rules can find something new.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** axe-core as @axe-core/playwright would inject it (the copy it depends on) */
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js', { paths: [require.resolve('@axe-core/playwright')] }), 'utf8');

/**
 * Puts a fresh axe-core into every frame of the page, as @axe-core/playwright's legacy mode does (same-origin frames
 * only), once a scan: AxeBuilder sent and ran its 550 KB twice at every scan. A fresh copy each time, as AxeBuilder's:
 * one copy kept for the page and run again found light ink on dark ground in 4 of 10 runs of UI-4 (the dark scan of a
 * Discuss page, of the join form's fields), where a fresh one found none in 5.
 */
async function injectAxe(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    await frame.evaluate(AXE_SOURCE);
    await frame.evaluate(() => (window as unknown as WithAxe).axe.configure({ allowedOrigins: ['<same_origin>'] }));
  }
}

/**
 * Lets the page take on the scheme just emulated: right after `emulateMedia` the media query already matches it, but
 * Chromium still computed a label's `color: var(--ink)` (a `light-dark()` pair) for the scheme before, until its next
 * frame. AxeBuilder's two injections of axe-core took longer than that; one injection might not.
 */
async function takeOnScheme(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * Runs axe on what the page shows now: every WCAG 2.1 A and AA rule in light, then the colour rules in dark; fails
 * on any serious or critical violation. Only violations are listed node by node (`resultTypes`: passes and the rest
 * keep one node a rule, which spares axe a selector for every node it passed; their rules are all still counted).
 */
export async function expectAccessibleInBothThemes(page: Page, where: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await takeOnScheme(page);
    await injectAxe(page);
    const options: RunOptions = {
      runOnly: colorScheme === 'light' ? { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } : { type: 'rule', values: COLOUR_RULES },
      resultTypes: ['violations'],
    };
    // axe reads the page over many turns of its event loop: a page that changed meanwhile (a part drawn as it arrived,
    // the facilitator's step buttons settling) gave it a mix of before and after, read as dimmed or clashing colours
    // (UI-4 failed so in Act, 1 run in 3 beside another test). Scanned again, up to twice, until nothing changed.
    const { result, scans } = await page.evaluate(async (o) => {
      for (let scans = 1; ; scans++) {
        let changed = false;
        const watch = new MutationObserver(() => (changed = true));
        watch.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        const result = await (window as unknown as WithAxe).axe.run(document, o);
        watch.disconnect();
        if (!changed || scans === 3) return { result, scans };
      }
    }, options);
    if (process.env.AXE_SCANS) console.log(`${where}, ${colorScheme}: ${scans} scan(s)`);
    const serious = result.violations
      .filter((v) => SERIOUS.has(v.impact ?? ''))
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join(' ')}`).join('\n    ')}`);
    expect(serious, `${where}, ${colorScheme}`).toEqual([]);
    if (colorScheme === 'dark') expect(result.passes.length + result.violations.length, `${where}: axe checked colours in dark`).toBeGreaterThan(0);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
