import { test, expect } from './fixtures/team';
import type { Page } from '@playwright/test';
import { BoardPage } from './pages/BoardPage';

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
