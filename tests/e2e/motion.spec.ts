import { test, expect } from './fixtures/team';
import type { Page } from '@playwright/test';
import { BoardPage } from './pages/BoardPage';
import { longDiscussion, scrolledAwayFromCurrent } from './pages/DiscussionPage';

/** Animations that are running (not finished) on the page, with how often each repeats. */
function runningAnimations(page: Page): Promise<{ name: string; iterations: number }[]> {
  return page.evaluate(() =>
    document
      .getAnimations()
      .filter((a) => a.playState === 'running')
      .map((a) => ({ name: (a as CSSAnimation).animationName ?? 'transition', iterations: a.effect?.getComputedTiming().iterations ?? 0 })),
  );
}

test('UI-5 MV-3 animations stop when the system asks for reduced motion', async ({ facilitator, bo, browser }) => {
  test.setTimeout(180_000);
  const link = await facilitator.createRetro('Calm');
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
  try {
    const calm = new BoardPage(await context.newPage(), 'calm');
    await calm.join(link, 'Cal');
    await bo.join(link, 'Bo');
    await bo.addCard('Stop', 'Late reviews');
    await bo.addCard('Start', 'Pair on reviews');
    await facilitator.goTo('Reveal');

    // Bo holds a card: both others see it as being moved; only the one who did not ask for calm sees it pulse.
    await bo.pickUp('Late reviews');
    await expect(facilitator.beingMoved('Late reviews')).toBeVisible();
    await expect(calm.beingMoved('Late reviews')).toBeVisible();
    await expect.poll(async () => (await runningAnimations(facilitator.page)).map((a) => a.name)).toContain('being-moved');
    await expect.poll(() => runningAnimations(calm.page)).toEqual([]);
    await bo.dropOn(bo.card('Pair on reviews'));
    await expect(calm.page.getByRole('region', { name: /^Group:/ })).toContainText('Late reviews');
    await expect.poll(() => runningAnimations(calm.page)).toEqual([]);
  } finally {
    await context.close();
  }
});

test('UI-5 DI-11 the timer that runs out glows, and does not move for someone who asked for reduced motion; both are told "Time is up"', async ({ facilitator, browser }) => {
  // README: "When the shared timer reaches zero it glows (no sound, no motion under reduced motion)": no test had
  // looked at the glow under reduced motion
  test.setTimeout(120_000);
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
  try {
    const calm = new BoardPage(await context.newPage(), 'calm');
    for (const page of [facilitator.page, calm.page]) await page.clock.install();
    const link = await facilitator.createRetro('Calm time box');
    await calm.join(link, 'Cal');
    await facilitator.page.getByLabel('Custom minutes').fill('0.17');
    await facilitator.page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(calm.page.getByRole('timer', { name: 'Time left' })).toHaveText(/^0:(10|0\d)$/);
    for (const page of [facilitator.page, calm.page]) await page.clock.fastForward('00:11');
    for (const page of [facilitator.page, calm.page]) {
      await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText('Time is up');
      await expect(page.getByRole('status').filter({ hasText: 'Time is up' })).toHaveCount(1);
    }
    const glows = async (page: Page) => (await runningAnimations(page)).filter((a) => a.name === 'time-up-glow');
    await expect.poll(() => glows(facilitator.page)).toHaveLength(1);
    expect(await calm.page.getByRole('timer').evaluate((el) => getComputedStyle(el).animationName), 'the calm page\'s timer').toBe('none');
    expect(await glows(calm.page)).toEqual([]);
  } finally {
    await context.close();
  }
});

test('UI-5 DI-5 with reduced motion, "Back to the current item" takes one there at once, not in a smooth scroll', async ({ facilitator, ada, browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
  try {
    const calm = new BoardPage(await context.newPage(), 'calm');
    await longDiscussion(facilitator, ada, calm, 'Calm discussion');
    // (as in facilitation.spec: the other items are one line each, so only a very short window has the current one
    // out of the middle at the top)
    await calm.page.setViewportSize({ width: 1280, height: 250 });
    await scrolledAwayFromCurrent(calm.page);
    // a smooth scroll has not moved the page yet when the click returns; a jump has (Chromium does not turn the
    // script's smooth scroll into a jump for reduced motion by itself)
    const moved = await calm.page.evaluate(() => {
      const before = window.scrollY;
      [...document.querySelectorAll('button')].find((b) => b.textContent === 'Back to the current item')!.click();
      return window.scrollY !== before;
    });
    expect(moved, 'the page moved within the click').toBe(true);
    await expect(calm.page.getByRole('article', { name: /^Now discussing/ })).toBeInViewport();
  } finally {
    await context.close();
  }
});
