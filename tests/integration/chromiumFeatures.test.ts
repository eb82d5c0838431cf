import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISABLED_FEATURES, OMNIBOX_POPUPS } from '../e2e/fixtures/chromiumFeatures.js';
import { REPO_ROOT } from './spawnedServer.js';

/** The features the installed Playwright turns off in Chromium, read from its own bundle (`chromiumSwitches`). */
function playwrightsDisabledFeatures(): string[] {
  // @playwright/test → playwright → playwright-core, each resolved from the one that depends on it
  let require = createRequire(path.join(REPO_ROOT, 'package.json'));
  for (const pkg of ['@playwright/test', 'playwright']) require = createRequire(require.resolve(`${pkg}/package.json`));
  const bundle = fs.readFileSync(require.resolve('playwright-core/lib/coreBundle'), 'utf8');
  const list = /\bdisabledFeatures = \[([^\]]*)\]/.exec(bundle);
  if (!list) throw new Error("Playwright's list of disabled Chromium features was not found in its bundle: check tests/e2e/fixtures/chromiumFeatures.ts by hand");
  return [...list[1]!.replace(/\/\/[^\n]*/g, '').matchAll(/"([A-Za-z0-9]+)"/g)].map((m) => m[1]!);
}

/**
 * The end-to-end tests pass Chromium a --disable-features of their own (to turn off the omnibox popups), which
 * replaces Playwright's; so theirs must hold every feature Playwright turns off, also after an upgrade.
 */
describe('the end-to-end tests’ Chromium features', () => {
  it('turn off every feature the installed Playwright turns off, and the omnibox popups', () => {
    const playwrights = playwrightsDisabledFeatures();
    expect(playwrights.length).toBeGreaterThan(5);
    expect(playwrights.filter((f) => !DISABLED_FEATURES.includes(f))).toEqual([]);
    expect(DISABLED_FEATURES.filter((f) => !playwrights.includes(f))).toEqual(OMNIBOX_POPUPS);
  });
});
