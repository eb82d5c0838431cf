import { test, expect } from './fixtures/team';
import { writeFromScript } from './fixtures/scriptedWriter';
import type { Page } from '@playwright/test';
import { longDiscussion } from './pages/DiscussionPage';
import { tabTo } from './pages/keyboard';

/**
 * UI-25: from the top of the board a keyboard user is a few keys from what they came for. The first Tab reaches
 * skip links (shown when focused): to the board, to the item being discussed, and for the facilitator to the
 * phase controls — on a phone too, where those are on a tab of their own.
 */
async function fromTheTop(page: Page): Promise<void> {
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await expect(page.getByRole('article', { name: /^Now discussing/ })).toBeVisible();
}

test('UI-13 UI-25 skip links take the keyboard to the current item and to "Next: Act" in a few keys', async ({ facilitator, ada, bo }) => {
  test.setTimeout(180_000);
  await longDiscussion(facilitator, ada, bo, 'Skip retro', 1);
  const page = facilitator.page;
  // UI-10: focus put back after a control went away never lands on a skip link (it would pop up from nowhere)
  for (const person of [ada, bo]) await expect(person.page.locator('[data-skip-links] a:focus')).toHaveCount(0);

  await fromTheTop(page);
  await page.keyboard.press('Tab');
  const toBoard = page.getByRole('link', { name: 'Skip to the board' });
  await expect(toBoard).toBeFocused();
  await expect(toBoard).toBeInViewport();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the phase controls' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Facilitator' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Next: Act' }), { max: 3 });

  await fromTheTop(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the item being discussed' })).toBeFocused();
  await page.keyboard.press('Enter');
  const current = page.getByRole('article', { name: /^Now discussing/ });
  await expect(current).toBeFocused();
  await expect(current).toBeInViewport();
  await page.keyboard.press('Tab');
  expect(await current.evaluate((el) => el.contains(document.activeElement))).toBe(true);

  // a participant has no phase controls to skip to
  await fromTheTop(ada.page);
  await expect(ada.page.getByRole('navigation', { name: 'Skip links' }).getByRole('link')).toHaveText(['Skip to the board', 'Skip to the item being discussed']);
});

test('UI-12 UI-25 on a phone "Skip to the phase controls" opens the Facilitate tab', async ({ facilitator, ada, bo }) => {
  test.setTimeout(180_000);
  await longDiscussion(facilitator, ada, bo, 'Skip on a phone', 0);
  const page = facilitator.page;
  await page.setViewportSize({ width: 390, height: 844 });
  await fromTheTop(page);
  await expect(page.getByRole('tab', { name: 'Facilitate' })).toHaveAttribute('aria-selected', 'false');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the phase controls' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Facilitate' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Facilitator' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Next: Act' }), { max: 3 });
});

test('UI-25 in a Vote of 40 cards the skip links take the keyboard to each column, a few keys from its first vote', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Big vote');
  await ada.join(link, 'Ada');
  // a third person writes 40 cards from a script, across the three columns
  await writeFromScript(link, Array.from({ length: 40 }, (_, i) => ({ columnId: ['start', 'stop', 'continue'][i % 3]!, text: `Card ${i + 1} of the big vote` })));
  await facilitator.runTo('Vote');
  const page = ada.page;
  await page.reload();
  await expect(page.getByRole('article')).toHaveCount(40);
  // without them the first vote in Continue was 29 keys past "Skip to the board" (35 from the top)
  await expect(page.getByRole('navigation', { name: 'Skip links' }).getByRole('link')).toHaveText([
    'Skip to the board',
    'Skip to the column Start',
    'Skip to the column Stop',
    'Skip to the column Continue',
  ]);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the column Continue' })).toBeFocused();
  await page.keyboard.press('Enter');
  const column = page.getByRole('region', { name: 'Continue', exact: true });
  await expect(column.getByRole('heading', { name: /^Continue/ }).locator('span')).toBeFocused();
  await tabTo(page, column.getByRole('button', { name: /^Vote for:/ }).first(), { max: 3 });
  // the facilitator's phase controls stay the second link
  await expect(facilitator.page.getByRole('navigation', { name: 'Skip links' }).getByRole('link').nth(1)).toHaveText('Skip to the phase controls (Alt+Shift+N)');
});
