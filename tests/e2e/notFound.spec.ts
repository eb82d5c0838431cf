import { test, expect } from './fixtures/address';

/** A link that leads nowhere says so, and offers a way to start a retro instead of an empty page. */
for (const [what, path, heading] of [
  ['an unknown address', '/nothing/here', 'Nothing here'],
  ['a board that does not exist', '/b/no-such-board-1234', 'We could not find this retro'],
] as const) {
  test(`NF-1 ${what} says so and leads to a new retro`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await page.getByRole('link', { name: 'Start a new retro' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('button', { name: 'Create retro' })).toBeVisible();
  });
}

/** UI-2: the switch is at the top of every page, these too (it was not: someone sent a link in the wrong language could not change it there) */
test('UI-2 NF-1 a link that leads nowhere can be read in another language, from the switch at the top', async ({ page }) => {
  for (const [path, german] of [
    ['/nothing/here', 'Hier ist nichts'],
    ['/b/no-such-board-1234', 'Diese Retro wurde nicht gefunden'],
  ] as const) {
    await page.goto(path);
    await page.getByRole('combobox', { name: /^(Language|Sprache)$/ }).selectOption('de');
    await expect(page.getByRole('heading', { level: 1, name: german })).toBeVisible();
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  }
});

/**
 * NV-1: the app's own links are links. A plain click moves within the page's app; Ctrl+click (or ⌘+click) opens
 * the address in a new tab as on any web page, and this page stays where it was. (The links used to cancel every
 * click and move this page, so "open in a new tab" from the keyboard and mouse did nothing of the kind.)
 */
test('NV-1 Ctrl+click on an app link opens it in a new tab and leaves this page where it is', async ({ page, context }) => {
  await page.goto('/nothing/here');
  const link = page.getByRole('link', { name: 'Start a new retro' });
  const opened = context.waitForEvent('page');
  await link.click({ modifiers: ['ControlOrMeta'] });
  const tab = await opened;
  await tab.waitForLoadState();
  await expect(tab).toHaveURL(/\/$/);
  await expect(tab.getByRole('button', { name: 'Create retro' })).toBeVisible();
  await expect(page).toHaveURL(/\/nothing\/here$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Nothing here' })).toBeVisible();
});
