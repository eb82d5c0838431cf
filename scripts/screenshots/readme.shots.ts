import { test, expect, type Browser, type Page } from '@playwright/test';
import { BoardPage } from '../../tests/e2e/pages/BoardPage';

const OUT = 'docs/screenshots';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function person(browser: Browser, who: string, viewport = DESKTOP): Promise<BoardPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  return new BoardPage(await context.newPage(), who);
}

/**
 * Each picture in light and in dark (system preference), so the README shows both. A whole page is taken with the
 * window as tall as the page: a full-page capture draws the fixed bars (the header, the room-news line at the
 * bottom) where the window ends, across the middle of the picture.
 */
async function shoot(page: Page, name: string, wholePage = true): Promise<void> {
  const size = page.viewportSize()!;
  if (wholePage) {
    await page.evaluate(() => window.scrollTo(0, 0));
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  }
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    // two frames, so the text inside form fields is painted in the new colours too (taken at once, it was not)
    await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
    await page.screenshot({ path: `${OUT}/${name}${colorScheme === 'dark' ? '-dark' : ''}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (wholePage) await page.setViewportSize(size);
}

test('README screenshots: every phase in light and dark, the team page, and the phone layout', async ({ browser }) => {
  test.setTimeout(300_000);
  const facilitator = await person(browser, 'facilitator');
  const ada = await person(browser, 'ada');
  const bo = await person(browser, 'bo', PHONE);
  const page = facilitator.page;

  await page.goto('/');
  await page.getByLabel('Team name').fill('Payments squad');
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments squad' })).toBeVisible();
  await page.getByLabel('Retro name').fill('Sprint 14');
  await page.getByRole('button', { name: 'Create retro' }).click();
  const link = await page.getByLabel('Participant link').inputValue();
  await page.getByRole('button', { name: 'Open the board' }).click();
  await page.getByLabel('Your name').fill('Fiona');
  await page.getByRole('button', { name: 'Join' }).click();
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');
  await shoot(page, 'review');

  await facilitator.goTo('Write');
  await ada.addCard("I don't know…", 'How our deploy pipeline decides which tests to run');
  await ada.addCard("I'm stuck on…", 'Waiting two days for a review on small changes');
  await facilitator.addCard("I'm stuck on…", 'Reviews pile up at the end of the sprint');
  await facilitator.addCard('I need help with…', 'Understanding the billing edge cases');
  // On the phone the columns are tabs.
  await bo.page.getByRole('tablist', { name: 'Columns' }).getByRole('tab', { name: 'Something I learned' }).click();
  await bo.addCard('Something I learned', 'Pairing for an hour unblocked a week of work');
  await shoot(ada.page, 'write');
  await shoot(bo.page, 'phone-write', false);

  await facilitator.goTo('Reveal');
  await facilitator.groupWith('Waiting two days for a review on small changes', 'Reviews pile up at the end of the sprint');
  await expect(page.getByRole('region', { name: /^Group:/ })).toBeVisible();
  await page.getByLabel('Group title').fill('Reviews are slow');
  await page.getByLabel('Group title').press('Enter');
  await shoot(page, 'reveal');
  await shoot(bo.page, 'phone-reveal', false);
  // MV-1: while Ada holds a card, everyone else sees it as being moved (and nobody's name with it).
  await ada.pickUp('Understanding the billing edge cases');
  await expect(facilitator.beingMoved('Understanding the billing edge cases')).toBeVisible();
  await shoot(page, 'reveal-moving', false);
  await ada.page.keyboard.press('Escape');
  await expect(facilitator.page.getByText('Someone is moving this card')).toHaveCount(0);

  await facilitator.goTo('Vote');
  await ada.voteFor('Reviews are slow', 2);
  await shoot(ada.page, 'vote');
  await shoot(bo.page, 'phone-vote', false);

  await facilitator.goTo('Discuss');
  await page.getByRole('button', { name: /^Discuss this/ }).first().click();
  await ada.page.getByRole('article', { name: /^Now discussing/ }).getByLabel('Notes').fill('Small changes wait as long as big ones.');
  await shoot(page, 'discuss');

  await facilitator.goTo('Act');
  await page.getByLabel('New action').first().fill('Review small changes within a day');
  await page.getByRole('button', { name: 'Add action' }).first().click();
  await ada.page.getByRole('button', { name: 'I can help' }).first().click();
  await shoot(page, 'act');
  // UI-12: on the phone the actions have a tab of their own.
  await bo.page.getByRole('tablist', { name: 'Board sections' }).getByRole('tab', { name: /^Actions/ }).click();
  await expect(bo.page.getByRole('region', { name: 'Actions', exact: true }).getByRole('article')).toHaveCount(1);
  await shoot(bo.page, 'phone-actions', false);

  await facilitator.goTo('Close');
  await shoot(ada.page, 'closed');

  await page.getByRole('link', { name: 'Back to the team' }).click();
  await expect(page.getByRole('article', { name: 'Retro: Sprint 14' })).toBeVisible();
  await shoot(page, 'team');
});
