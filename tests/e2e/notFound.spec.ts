import { test, expect } from '@playwright/test';

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
