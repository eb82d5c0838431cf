import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const SERIOUS = new Set(['serious', 'critical']);
/**
 * The dark theme differs from the light one in colours alone (styles.css: every colour is a `light-dark()` pair;
 * no script reads the scheme), so in dark only axe's colour rules can find something new.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Runs axe on what the page shows now: every WCAG 2.1 A and AA rule in light, then the colour rules in dark; fails
 * on any serious or critical violation.
 */
export async function expectAccessibleInBothThemes(page: Page, where: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const axe = new AxeBuilder({ page }).setLegacyMode(true);
    if (colorScheme === 'light') axe.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
    else axe.withRules(COLOUR_RULES);
    const result = await axe.analyze();
    const serious = result.violations
      .filter((v) => SERIOUS.has(v.impact ?? ''))
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join(' ')}`).join('\n    ')}`);
    expect(serious, `${where}, ${colorScheme}`).toEqual([]);
    if (colorScheme === 'dark') expect(result.passes.length + result.violations.length, `${where}: axe checked colours in dark`).toBeGreaterThan(0);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
