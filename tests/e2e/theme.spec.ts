import { test, expect } from './fixtures/address';

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
