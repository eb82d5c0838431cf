import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures/address';
import { BoardPage } from './pages/BoardPage';

const background = (page: import('@playwright/test').Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const LIGHT = 'rgb(246, 244, 239)';
const DARK = 'rgb(21, 24, 27)';

test('UI-5 the theme follows the system until one is chosen, and the choice is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect.poll(() => background(page)).toBe(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe(LIGHT);

  // Chosen dark wins over a light system, and survives a reload.
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect.poll(() => background(page)).toBe(DARK);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  await expect.poll(() => background(page)).toBe(DARK);

  // Chosen light wins over a dark system.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await expect.poll(() => background(page)).toBe(LIGHT);

  // Back to following the system (dark now, then light).
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  await expect.poll(() => background(page)).toBe(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe(LIGHT);
});

test('UI-46 in forced colours (Windows high contrast) the current phase, the chosen tabs and a pressed toggle are marked in the system\'s colours', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, forcedColors: 'active', colorScheme });
    try {
      const fiona = new BoardPage(await context.newPage(), 'fiona');
      const page = fiona.page;
      await fiona.createRetro('High contrast');
      // what forced colours leave of a mark: its fill, its underline, and whether the system draws it as it is
      const look = (element: Locator) =>
        element.evaluate((e) => {
          const style = getComputedStyle(e);
          return { fill: style.backgroundColor, underline: style.borderBottomColor, adjust: style.forcedColorAdjust };
        });
      const canvas = await page.evaluate(() => {
        const probe = document.body.appendChild(document.createElement('div'));
        probe.style.backgroundColor = 'Canvas';
        const colour = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return colour;
      });
      const where = `forced colours, ${colorScheme}`;

      // the current phase has a fill of its own (drawn as it is: adjusted, its word stood on a Canvas-coloured plate)
      const phases = page.getByRole('navigation', { name: 'Retro phases' }).getByRole('listitem');
      const current = await look(phases.and(page.locator('[aria-current="step"]')));
      expect(current.fill, `${where}: the current phase is filled`).not.toBe(canvas);
      expect(current.adjust, `${where}: the current phase is drawn as it is`).toBe('none');
      for (const phase of await phases.and(page.locator(':not([aria-current])')).all()) {
        const other = await look(phase);
        expect(other.fill, `${where}: ${await phase.textContent()} is not filled as the current phase`).not.toBe(current.fill);
        expect(other.underline, `${where}: no line around ${await phase.textContent()}`).toBe(canvas);
      }

      // the chosen tab is underlined, the others are not (all were underlined alike)
      for (const tabs of ['Board sections', 'Columns']) {
        const list = page.getByRole('tablist', { name: tabs });
        expect((await look(list.getByRole('tab', { selected: true }))).underline, `${where}: the chosen tab of ${tabs}`).not.toBe(canvas);
        for (const tab of await list.getByRole('tab', { selected: false }).all()) {
          expect((await look(tab)).underline, `${where}: ${await tab.textContent()} in ${tabs}`).toBe(canvas);
        }
      }

      // a pressed toggle looks pressed (it looked as before)
      const done = page.getByRole('button', { name: /I'm done writing/ });
      const before = await look(done);
      await done.click();
      await expect(done).toHaveAttribute('aria-pressed', 'true');
      const after = await look(done);
      expect(after.fill, `${where}: "I'm done writing" pressed`).not.toBe(before.fill);
      expect(after.fill, `${where}: "I'm done writing" pressed`).not.toBe(canvas);
    } finally {
      await context.close();
    }
  }
});
