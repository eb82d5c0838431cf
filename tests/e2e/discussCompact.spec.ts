import { test, expect } from './fixtures/team';
import { longDiscussion } from './pages/DiscussionPage';

/**
 * UI-24: far into Discuss the page stays short. The item being discussed is open with its notes and actions; the
 * others are one line each, and a discussed one opens its actions when asked. The facilitator's "Next item" and
 * "Next: Act" stay on screen wherever the page is scrolled.
 */
test('UI-24 far into Discuss the current item is on the first screen, the others are one line each, and the facilitator\'s next steps stay in reach', async ({ facilitator, ada, bo }, testInfo) => {
  test.setTimeout(180_000);
  const current = await longDiscussion(facilitator, ada, bo, 'Long retro');
  const page = facilitator.page;
  const viewport = page.viewportSize()!;

  for (const person of [facilitator, ada]) {
    const item = person.page.getByRole('article', { name: `Now discussing: ${current}` });
    await expect(item).toBeVisible();
    await person.page.evaluate(() => window.scrollTo(0, 0));
    // the current item starts on the first screen, its notes field there too
    const box = (await item.boundingBox())!;
    expect(box.y, `${person.who}: the current item starts ${box.y}px down`).toBeLessThan(viewport.height * 0.6);
    // the whole page is a little more than the current item: 8 items, 2 of them discussed with actions
    const height = await person.page.evaluate(() => document.documentElement.scrollHeight);
    expect(height, `${person.who}: the page is ${height}px long`).toBeLessThan(box.height + 900);
    // an item not discussed is one line
    const waiting = person.page.getByRole('article', { name: /^8\. / });
    expect((await waiting.boundingBox())!.height).toBeLessThan(60);
  }
  await facilitator.screenshot(testInfo, 'discuss-compact');

  // a discussed item's actions are one click away, and only for whoever opened them
  const first = page.getByRole('article', { name: /^1\. / });
  await expect(first.getByRole('article', { name: 'Action: Action 1' })).toHaveCount(0);
  const toggle = first.getByRole('button', { name: /^Actions \(1\)/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(first.getByRole('article', { name: 'Action: Action 1' })).toBeVisible();
  await expect(ada.page.getByRole('article', { name: 'Action: Action 1' })).toHaveCount(0);
  await toggle.click();
  await expect(first.getByRole('article', { name: 'Action: Action 1' })).toHaveCount(0);

  // scrolled to the bottom, "Next item" and "Next: Act" are still on screen
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.getByRole('button', { name: 'Next item →' })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Next: Act' })).toBeInViewport();
});
