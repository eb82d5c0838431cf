import { test, expect } from './fixtures/team';
import type { Page } from '@playwright/test';
import { BoardPage } from './pages/BoardPage';
import { expectAccessibleInBothThemes } from './pages/accessibility';

const PHONE = { width: 390, height: 844 };
const checkIn = (page: Page) => page.getByRole('region', { name: 'Check-in', exact: true });

test('CI-1 CI-2 CI-3 CI-4 the facilitator asks a check-in question and the other person’s board shows it, until Reveal', async ({ facilitator, ada }, testInfo) => {
  test.setTimeout(240_000);
  const page = facilitator.page;
  const link = await facilitator.createRetro('Check-in');
  await ada.join(link, 'Ada');
  await expect(checkIn(ada.page)).toHaveCount(0);
  // only the facilitator has the controls
  await expect(ada.page.getByRole('button', { name: 'Ask this question' })).toHaveCount(0);

  await page.getByLabel('Question', { exact: true }).selectOption({ label: 'Weather report: sunny, cloudy or stormy?' });
  await page.getByRole('button', { name: 'Ask this question' }).click();
  await expect(checkIn(ada.page)).toContainText('Weather report: sunny, cloudy or stormy?');
  await expect(checkIn(page)).toContainText('Weather report: sunny, cloudy or stormy?');
  await expectAccessibleInBothThemes(page, 'check-in (facilitator)');
  await expectAccessibleInBothThemes(ada.page, 'check-in (participant)');
  await facilitator.screenshot(testInfo, 'checkin-desktop-facilitator');
  await ada.screenshot(testInfo, 'checkin-desktop-participant');

  // another one: a different built-in question, the same on both boards
  await page.getByRole('button', { name: 'Another one' }).click();
  await expect(checkIn(ada.page)).not.toContainText('Weather report');
  // the facilitator's page shows the new question when the board carries it, as Ada's does, not necessarily first:
  // read before it had come, the question taken would be the one before
  await expect(checkIn(page)).not.toContainText('Weather report');
  const asked = (await checkIn(page).getByRole('status').textContent())!;
  expect(asked).not.toBe('');
  await expect(checkIn(ada.page).getByRole('status')).toHaveText(asked);

  // their own words, cut to the bound by the field
  await page.getByLabel('Or your own question').fill('One emoji for your week?');
  await page.getByRole('button', { name: 'Ask my question' }).click();
  await expect(checkIn(ada.page).getByRole('status')).toHaveText('One emoji for your week?');
  await expect(page.getByLabel('Or your own question')).toHaveAttribute('maxlength', '140');

  // a German page words a built-in question in German
  await page.getByLabel('Question', { exact: true }).selectOption({ label: 'One small win from this sprint?' });
  await page.getByRole('button', { name: 'Ask this question' }).click();
  await ada.page.goto(`${ada.page.url().split('?')[0]}?lang=de`);
  await expect(ada.page.getByRole('region', { name: 'Check-in', exact: true }).getByRole('status')).toHaveText('Ein kleiner Erfolg aus diesem Sprint?');

  await page.getByRole('button', { name: 'Hide the question' }).click();
  await expect(checkIn(ada.page)).toHaveCount(0);
  await expect(checkIn(page)).toHaveCount(0);

  // CI-4: gone from view once the cards are revealed
  await page.getByRole('button', { name: 'Ask this question' }).click();
  await expect(checkIn(ada.page)).toHaveCount(1);
  await facilitator.addCard('Start', 'Pair on the release script');
  await facilitator.goTo('Reveal');
  await expect(checkIn(ada.page)).toHaveCount(0);
  await expect(checkIn(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ask this question' })).toHaveCount(0);
});

test('CI-4 a team retro asks its check-in in Review, and it stays on the board through Write', async ({ facilitator, ada }) => {
  test.setTimeout(180_000);
  const team = await facilitator.createTeam('Check-in team');
  const link = await facilitator.startTeamRetro(team, 'Sprint 1');
  await ada.join(link, 'Ada');
  await facilitator.page.getByRole('button', { name: 'Another one' }).click();
  const asked = (await checkIn(facilitator.page).getByRole('status').textContent())!;
  await expect(checkIn(ada.page).getByRole('status')).toHaveText(asked);
  await facilitator.goTo('Write');
  await expect(checkIn(ada.page).getByRole('status')).toHaveText(asked);
});

test('CI-1 at 390×844 the question is on the phone’s board; the facilitator asks it from the Facilitate tab', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const fionaContext = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  const adaContext = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  try {
    const fiona = new BoardPage(await fionaContext.newPage(), 'fiona');
    const ada = new BoardPage(await adaContext.newPage(), 'ada');
    const link = await fiona.createRetro('Check-in on a phone');
    await ada.join(link, 'Ada');
    const sections = fiona.page.getByRole('tablist', { name: 'Board sections' });
    await sections.getByRole('tab', { name: 'Facilitate' }).click();
    await fiona.page.getByRole('button', { name: 'Ask this question' }).click();
    await fiona.screenshot(testInfo, 'checkin-phone-facilitator');
    await expect(checkIn(ada.page).getByRole('status')).toHaveText('One word for this sprint?');
    await expect(checkIn(ada.page)).toBeInViewport();
    await ada.screenshot(testInfo, 'checkin-phone-participant');
    await sections.getByRole('tab', { name: 'Board' }).click();
    await expect(checkIn(fiona.page).getByRole('status')).toHaveText('One word for this sprint?');
  } finally {
    await fionaContext.close();
    await adaContext.close();
  }
});

/**
 * What a screen reader reads out of the page's live regions, as it does: a region's words when they change after the
 * region is on the page (what a region arrives with is not read), leaving out what is hidden from it (aria-hidden).
 * Installed before the page's own scripts.
 */
/** The question's words as they are once they are in its live region (not hidden from screen readers). */
const inRegion = (page: Page) => checkIn(page).getByRole('status').filter({ hasNot: page.locator('[aria-hidden="true"]') }).filter({ hasText: /./ });

async function listenLikeAScreenReader(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const spoken: string[] = [];
    const heard = new Map<Element, string>();
    // the words a screen reader has of a node: none of what is hidden from it
    const words = (node: Node): string =>
      node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : node instanceof Element && node.getAttribute('aria-hidden') !== 'true' ? [...node.childNodes].map(words).join('') : '';
    (window as unknown as { spoken: string[] }).spoken = spoken;
    new MutationObserver(() => {
      for (const region of document.querySelectorAll('[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]')) {
        const text = words(region).trim();
        if (!heard.has(region)) heard.set(region, text);
        else if (heard.get(region) !== text) {
          heard.set(region, text);
          if (text) spoken.push(text);
        }
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.slice());
}

test('OW-2 CI-1 a check-in question is announced once: to people on the board when asked, and to a page opened or reloaded while it is open, not again at a re-render or reconnect', async ({ facilitator, ada, bo }) => {
  test.setTimeout(180_000);
  const page = facilitator.page;
  const link = await facilitator.createRetro('Late check-in');
  const adaHeard = await listenLikeAScreenReader(ada.page);
  await ada.join(link, 'Ada');
  const question = 'Weather report: sunny, cloudy or stormy?';
  const times = (heard: string[], words: string) => heard.filter((text) => text === words).length;
  await page.getByLabel('Question', { exact: true }).selectOption({ label: question });
  await page.getByRole('button', { name: 'Ask this question' }).click();
  await expect(checkIn(ada.page).getByRole('status')).toHaveText(question);
  await expect.poll(async () => times(await adaHeard(), question)).toBe(1);

  // Bo opens the link while the question is open: the same region says it, once
  const boHeard = await listenLikeAScreenReader(bo.page);
  await bo.join(link, 'Bo');
  await expect(checkIn(bo.page).getByRole('status')).toHaveText(question);
  await expect.poll(async () => times(await boHeard(), question)).toBe(1);

  // a re-render (a card written) and a reconnect say nothing new: the next thing Bo hears is the next question
  await bo.addCard('Start', 'Pair more');
  await bo.page.context().setOffline(true);
  await expect(bo.page.getByTestId('connection-status')).toContainText('Reconnecting');
  await bo.page.context().setOffline(false);
  await expect(bo.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  await page.getByLabel('Or your own question').fill('One emoji for your week?');
  await page.getByRole('button', { name: 'Ask my question' }).click();
  await expect.poll(async () => times(await boHeard(), 'One emoji for your week?')).toBe(1);
  expect(times(await boHeard(), question)).toBe(1);

  // a reload is a page opened while the question is open: said once more, once
  await bo.page.reload();
  await expect(checkIn(bo.page).getByRole('status')).toHaveText('One emoji for your week?');
  await expect.poll(async () => times(await boHeard(), 'One emoji for your week?')).toBe(1);
  await bo.addCard('Stop', 'Long meetings');
  await expect(inRegion(bo.page)).toHaveCount(1);
  expect(times(await boHeard(), 'One emoji for your week?')).toBe(1);
});

test('OW-2 CI-4 the question asked in Review is not announced again when the board moves on to Write', async ({ facilitator, bo }) => {
  test.setTimeout(180_000);
  const team = await facilitator.createTeam('Check-in team');
  const link = await facilitator.startTeamRetro(team, 'Sprint 1');
  const boHeard = await listenLikeAScreenReader(bo.page);
  await bo.join(link, 'Bo');
  await facilitator.page.getByRole('button', { name: 'Another one' }).click();
  const asked = (await checkIn(facilitator.page).getByRole('status').textContent())!;
  await expect(checkIn(bo.page).getByRole('status')).toHaveText(asked);
  await expect.poll(async () => (await boHeard()).filter((text) => text === asked).length).toBe(1);
  // Write shows the question in a part of its own: the same question, already read out on this page
  await facilitator.goTo('Write');
  await bo.expectPhase('Write');
  await expect(checkIn(bo.page).getByRole('status')).toHaveText(asked);
  await expect(inRegion(bo.page)).toHaveCount(1); // the words are in the region: anything it said is heard by now
  expect((await boHeard()).filter((text) => text === asked)).toHaveLength(1);
});

const status = (page: Page) => page.locator('.walk-status').getByRole('status');

test('CW-1 CW-4 the facilitator walks the room through the columns; the other person’s focused column follows Next', async ({ facilitator, ada }, testInfo) => {
  test.setTimeout(240_000);
  const page = facilitator.page;
  const link = await facilitator.createRetro('Column walk');
  await ada.join(link, 'Ada');
  await ada.addCard('Start', 'Pair on the release script');
  await ada.addCard('Stop', 'Reviews wait for days');
  await facilitator.addCard('Continue', 'Demo on Fridays');
  await facilitator.goTo('Reveal');
  await expect(ada.page.locator('section[aria-current="true"]')).toHaveCount(0);
  // only the facilitator has the controls
  await expect(ada.page.getByRole('button', { name: 'Walk through columns' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Walk through columns' }).click();
  await expect(ada.column('Start')).toHaveAttribute('aria-current', 'true');
  await expect(ada.column('Stop')).not.toHaveAttribute('aria-current', 'true');
  await expect(status(ada.page)).toHaveText('Walking through the columns: Start, 1 of 3');
  // CW-4: "Show …" is for someone looking elsewhere; the column in focus is in view here, so it is not offered
  await expect(ada.page.getByRole('button', { name: /^Show “/ })).toHaveCount(0);
  // a short window scrolled to the top, the columns below it: offered, and it brings the column back
  await ada.page.setViewportSize({ width: 1280, height: 300 });
  await ada.page.evaluate(() => window.scrollTo(0, 0));
  await expect(ada.column('Start')).not.toBeInViewport();
  // Clicked where it stands: Playwright's click first scrolls a button into view, and in a window 300 px tall the
  // column's top edge, right below the walk's line, can come into view with it, so the button goes (it is offered
  // only while the column is out of view) between that scroll and the click, and the click waited for it until the
  // test's time ran out (a fresh-clone CI run of a7d5098)
  await ada.page.getByRole('button', { name: 'Show “Start”' }).dispatchEvent('click');
  await expect(ada.column('Start')).toBeInViewport();
  await expect(ada.page.getByRole('button', { name: /^Show “/ })).toHaveCount(0);
  await ada.page.setViewportSize({ width: 1280, height: 900 });

  // by keyboard: the controls are buttons in the panel
  const next = page.getByRole('button', { name: 'Next column' });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(ada.column('Stop')).toHaveAttribute('aria-current', 'true');
  await expect(ada.column('Start')).not.toHaveAttribute('aria-current', 'true');
  await expect(status(ada.page)).toHaveText('Walking through the columns: Stop, 2 of 3');
  await expect(facilitator.column('Stop')).toHaveAttribute('aria-current', 'true');
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ada.column('Continue')).toHaveAttribute('aria-current', 'true');
  // at the end Next stays focused and goes nowhere
  await expect(next).toBeFocused();
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('button', { name: 'Previous column' }).click();
  await expect(ada.column('Stop')).toHaveAttribute('aria-current', 'true');
  await expect(status(ada.page)).toHaveText('Walking through the columns: Stop, 2 of 3');
  await expectAccessibleInBothThemes(page, 'column walk (facilitator)');
  await expectAccessibleInBothThemes(ada.page, 'column walk (participant)');
  await facilitator.screenshot(testInfo, 'walk-desktop-facilitator');
  await ada.screenshot(testInfo, 'walk-desktop-participant');

  // nobody's screen is held: Ada still groups while the walk goes on
  await ada.groupWith('Pair on the release script', 'Demo on Fridays');
  await expect(ada.column('Stop')).toHaveAttribute('aria-current', 'true');

  await page.getByRole('button', { name: 'Stop the walk' }).click();
  await expect(ada.page.locator('section[aria-current="true"]')).toHaveCount(0);
  await expect(status(ada.page)).toHaveText('');
});

test('CW-4 at 390×844 the focused column is the tab shown, and "Show …" brings it back after looking around', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const phone = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  try {
    const fiona = new BoardPage(await desk.newPage(), 'fiona');
    const ada = new BoardPage(await phone.newPage(), 'ada');
    const link = await fiona.createRetro('Walk on a phone');
    await ada.join(link, 'Ada');
    await fiona.addCard('Stop', 'Reviews wait for days');
    const tabs = ada.page.getByRole('tablist', { name: 'Columns' });
    await tabs.getByRole('tab', { name: /^Continue/ }).click();
    await ada.addCard('Continue', 'Ship smaller changes');
    await fiona.goTo('Reveal');
    await tabs.getByRole('tab', { name: /^Continue/ }).click();
    await fiona.page.getByRole('button', { name: 'Walk through columns' }).click();
    await expect(tabs.getByRole('tab', { name: /^Start/ })).toHaveAttribute('aria-selected', 'true');
    await fiona.page.getByRole('button', { name: 'Next column' }).click();
    await expect(tabs.getByRole('tab', { name: /^Stop/ })).toHaveAttribute('aria-selected', 'true');
    await expect(ada.column('Stop')).toHaveAttribute('aria-current', 'true');
    await expect(ada.card('Reviews wait for days')).toBeVisible();
    // the tab shown is the column in focus: nothing to bring back
    await expect(ada.page.getByRole('button', { name: /^Show “/ })).toHaveCount(0);
    await ada.screenshot(testInfo, 'walk-phone-participant');

    // Ada looks around and edits her card in another column: the next step does not take the tab from under her
    await tabs.getByRole('tab', { name: /^Continue/ }).click();
    await expect(tabs.getByRole('tab', { name: /^Continue/ })).toHaveAttribute('aria-selected', 'true');
    await expect(ada.card('Ship smaller changes')).toBeVisible();
    await (await ada.cardMenu('Ship smaller changes', 'tap')).getByRole('button', { name: 'Edit' }).click();
    await ada.page.getByLabel('Edit card').fill('Ship smaller changes, every day');
    await fiona.page.getByRole('button', { name: 'Previous column' }).click();
    await expect(status(ada.page)).toHaveText('Walking through the columns: Start, 1 of 3');
    await expect(tabs.getByRole('tab', { name: /^Continue/ })).toHaveAttribute('aria-selected', 'true');
    await expect(ada.page.getByLabel('Edit card')).toHaveValue('Ship smaller changes, every day');
    await ada.page.getByLabel('Edit card').press('Enter');
    await expect(ada.card('Ship smaller changes, every day')).toBeVisible();
    // then she follows the facilitator again
    await ada.page.getByRole('button', { name: 'Show “Start”' }).click();
    await expect(tabs.getByRole('tab', { name: /^Start/ })).toHaveAttribute('aria-selected', 'true');
    await expect(ada.column('Start')).toBeInViewport();
    await expect(ada.page.getByRole('button', { name: /^Show “/ })).toHaveCount(0);
  } finally {
    await desk.close();
    await phone.close();
  }
});

test('CW-1 at 390×844 the facilitator steps the walk from the Board tab’s bar, seeing the column the room sees, and stops it there at any column', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  try {
    const fiona = new BoardPage(await context.newPage(), 'fiona');
    const page = fiona.page;
    await fiona.createRetro('Walking from a phone');
    await fiona.addCard('Start', 'Pair on the release script');
    await fiona.goTo('Reveal');
    const sections = page.getByRole('tablist', { name: 'Board sections' });
    await sections.getByRole('tab', { name: 'Facilitate' }).click();
    await page.getByRole('button', { name: 'Walk through columns' }).click();
    await sections.getByRole('tab', { name: 'Board' }).click();
    const bar = page.getByRole('region', { name: 'Next steps' });
    const tabs = page.getByRole('tablist', { name: 'Columns' });
    await expect(tabs.getByRole('tab', { name: /^Start/ })).toHaveAttribute('aria-selected', 'true');
    // from the first column on, the walk can be stopped from the bar (it could only at the last: the team walk's
    // facilitator found no "Stop the walk" on her phone's Board tab): it takes Back's place while the walk is on
    for (const name of ['Stop the walk', 'Next column', 'Next: Vote']) await expect(bar.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
    await expect(bar.getByRole('button', { name: 'Back' })).toHaveCount(0);
    await bar.getByRole('button', { name: 'Next column' }).click();
    await expect(tabs.getByRole('tab', { name: /^Stop/ })).toHaveAttribute('aria-selected', 'true');
    await fiona.screenshot(testInfo, 'walk-phone-facilitator-mid');
    // Stop the walk, Next column and Next: Vote side by side, each whole on the screen and its words on one line, at
    // 390 and 360 wide, in English and German
    const barIn = { en: bar, de: page.getByRole('region', { name: 'Nächste Schritte' }) };
    for (const [language, names] of [['en', ['Stop the walk', 'Next column', 'Next: Vote']], ['de', ['Durchgehen beenden', 'Nächste Spalte', 'Weiter: Abstimmen']]] as const) {
      if (language === 'de') await page.getByLabel('Language').selectOption('de');
      for (const width of [390, 360]) {
        await page.setViewportSize({ width, height: PHONE.height });
        await expect(barIn[language].getByRole('button')).toHaveCount(3);
        for (const name of names) {
          const button = barIn[language].getByRole('button', { name, exact: true });
          await expect(button, `${language} at ${width}: ${name}`).toBeInViewport({ ratio: 1 });
          const lines = await button.evaluate((element) => {
            const words = document.createRange();
            words.selectNodeContents(element);
            return new Set([...words.getClientRects()].map((line) => Math.round(line.top))).size;
          });
          expect(lines, `${language} at ${width}: "${name}" on one line`).toBe(1);
        }
      }
    }
    await page.getByLabel('Sprache').selectOption('en');
    await page.setViewportSize(PHONE);
    await bar.getByRole('button', { name: 'Next column' }).click();
    await expect(tabs.getByRole('tab', { name: /^Continue/ })).toHaveAttribute('aria-selected', 'true');
    await fiona.screenshot(testInfo, 'walk-phone-facilitator');
    // at the last column "Next column" would go nowhere: the bar ends the walk or steps on
    await expect(bar.getByRole('button', { name: 'Next column' })).toHaveCount(0);
    await expect(bar.getByRole('button')).toHaveCount(2);
    await bar.getByRole('button', { name: 'Stop the walk' }).click();
    await expect(page.locator('section[aria-current="true"]')).toHaveCount(0);
    await expect(bar.getByRole('button', { name: 'Next: Vote' })).toBeVisible();
    await expect(bar.getByRole('button', { name: 'Stop the walk' })).toHaveCount(0);
    await expect(bar.getByRole('button', { name: 'Back' })).toBeVisible();
  } finally {
    await context.close();
  }
});

/** CW-10: the walked column's cards and groups, top to bottom, as this screen shows them; and the one in the spotlight */
const entries = (page: Page, column: string) => page.getByRole('region', { name: column, exact: true }).locator('.cards').first().locator(':scope > li');
const spotlit = (page: Page) => page.locator('li[aria-current="true"]');

test('CW-6 CW-10 the facilitator presents the walked column card by card; the other person sees each one outlined and hears where it is', async ({ facilitator, ada }, testInfo) => {
  test.setTimeout(240_000);
  const page = facilitator.page;
  const link = await facilitator.createRetro('Card spotlight');
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Reviews wait for days');
  await ada.addCard('Stop', 'Standups run long');
  await facilitator.addCard('Stop', 'Builds break at night');
  await ada.addCard('Continue', 'Demo on Fridays');
  await facilitator.goTo('Reveal');
  await page.getByRole('button', { name: 'Walk through columns' }).click();
  await page.getByRole('button', { name: 'Next column' }).click();
  await expect(status(ada.page)).toHaveText('Walking through the columns: Stop, 2 of 3');
  await expect(spotlit(ada.page)).toHaveCount(0);
  // only the facilitator presents
  await expect(ada.page.getByRole('button', { name: /^Spotlight:/ })).toHaveCount(0);
  // the order is the one both screens show (reveal order), never the order they were written in
  const ids = (on: Page) => entries(on, 'Stop').evaluateAll((items) => items.map((item) => item.getAttribute('data-item')));
  // each page's column read once it has drawn its three cards (a read takes what is on the page at that moment)
  await expect(entries(ada.page, 'Stop')).toHaveCount(3);
  const order = await ids(ada.page);
  expect(order).toHaveLength(3);
  await expect.poll(() => ids(page)).toEqual(order);
  const nth = (i: number) => entries(ada.page, 'Stop').nth(i);

  // by keyboard: "Next card" starts at the first, keeps the focus, and says so at the end
  const nextCard = page.getByRole('button', { name: 'Next card' });
  const previousCard = page.getByRole('button', { name: 'Previous card' });
  await expect(previousCard).toHaveAttribute('aria-disabled', 'true');
  // WI-4: the card row stands apart from the column row above it, as the buttons within a row do (walk I: 'Stop the
  // walk' and 'Previous card' touched, two rows read as one block)
  const above = (await page.getByRole('button', { name: 'Stop the walk' }).boundingBox())!;
  const below = (await previousCard.boundingBox())!;
  expect(below.y - (above.y + above.height)).toBeGreaterThanOrEqual(7);
  await nextCard.focus();
  await page.keyboard.press('Enter');
  await expect(nth(0)).toHaveAttribute('aria-current', 'true');
  await expect(spotlit(ada.page)).toHaveCount(1);
  await expect(status(ada.page)).toHaveText('In the spotlight: Stop, 1 of 3, a card');
  await expect(nextCard).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(nth(0)).not.toHaveAttribute('aria-current', 'true');
  await expect(status(ada.page)).toHaveText('In the spotlight: Stop, 2 of 3, a card');
  await expect(entries(page, 'Stop').nth(1)).toHaveAttribute('aria-current', 'true');
  await previousCard.focus();
  await page.keyboard.press('Enter');
  await expect(nth(0)).toHaveAttribute('aria-current', 'true');
  // "Spotlight" on the last one (by keyboard too), then "Next card" goes nowhere
  const present = entries(page, 'Stop').nth(2).getByRole('button', { name: /^Spotlight:/ });
  await present.focus();
  await page.keyboard.press('Enter');
  await expect(nth(2)).toHaveAttribute('aria-current', 'true');
  await expect(present).toHaveAttribute('aria-pressed', 'true');
  // and looks pressed: filled, where the others stay a bare link (all looked alike; axe below checks it in both themes)
  const unpressed = entries(page, 'Stop').nth(0).getByRole('button', { name: /^Spotlight:/ });
  await expect(unpressed).toHaveAttribute('aria-pressed', 'false');
  const fill = (button: typeof present) => button.evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(await fill(present)).not.toBe(await fill(unpressed));
  await expect(status(ada.page)).toHaveText('In the spotlight: Stop, 3 of 3, a card');
  await expect(nextCard).toHaveAttribute('aria-disabled', 'true');
  await nextCard.focus();
  await page.keyboard.press('Enter');
  await expect(nextCard).toBeFocused();
  await expect(status(ada.page)).toHaveText('In the spotlight: Stop, 3 of 3, a card');
  await expectAccessibleInBothThemes(page, 'card spotlight (facilitator)');
  await expectAccessibleInBothThemes(ada.page, 'card spotlight (participant)');
  await ada.screenshot(testInfo, 'spotlight-desktop-participant');

  // CW-10: nobody's screen is held; "Show the card" is offered while it is out of view and brings it back
  await expect(ada.page.getByRole('button', { name: 'Show the card' })).toHaveCount(0);
  await ada.page.setViewportSize({ width: 1280, height: 300 });
  await ada.page.evaluate(() => window.scrollTo(0, 0));
  await expect(nth(2)).not.toBeInViewport();
  await ada.page.getByRole('button', { name: 'Show the card' }).click();
  await expect(nth(2)).toBeInViewport();
  // the keyboard's focus goes with her to the card (the button is gone once it is in view)
  await expect(nth(2)).toBeFocused();
  await expect(ada.page.getByRole('button', { name: 'Show the card' })).toHaveCount(0);
  // a step brings the card into view for someone who is not typing
  await ada.page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('button', { name: 'Previous card' }).click();
  await expect(nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(nth(1)).toBeInViewport();
  // the card brought into view clears the header and the walk's status (the status sat under the header, half or
  // whole, once a card below was brought up). In a window this short (at most 500 px, UI-45) both scroll with the page;
  // at a desk's height, where they stick, layout.spec's CW-10 VO-12 holds the same
  const edges = await ada.page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    return { header: box('.board-header').bottom, status: box('.walk-status'), card: box('li.spotlight').top };
  });
  expect(edges.status.top).toBeGreaterThanOrEqual(edges.header);
  expect(edges.card).toBeGreaterThanOrEqual(edges.status.bottom);
  await ada.page.setViewportSize({ width: 1280, height: 900 });

  // CW-9: the spotlighted card grouped with another card of the column: the room reads its group now, one step of two
  const textOf = (i: number) => nth(i).locator('.card-text').first().innerText();
  await ada.groupWith(await textOf(1), await textOf(0));
  await expect(entries(ada.page, 'Stop')).toHaveCount(2);
  await expect(spotlit(ada.page)).toHaveCount(1);
  await expect(spotlit(ada.page).getByRole('region', { name: /^Group:/ })).toHaveCount(1);
  await expect(status(ada.page)).toHaveText(/^In the spotlight: Stop, [12] of 2, a group$/);
  await expect(spotlit(page).getByRole('region', { name: /^Group:/ })).toHaveCount(1);

  // CW-8: the next column starts with no card in the spotlight
  await page.getByRole('button', { name: 'Next column' }).click();
  await expect(status(ada.page)).toHaveText('Walking through the columns: Continue, 3 of 3');
  await expect(spotlit(ada.page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Previous card' })).toHaveAttribute('aria-disabled', 'true');
});

test('CW-6 CW-10 at 390×844 the facilitator presents a card and steps card by card from the Board tab’s bar', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const fionaPhone = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  const adaPhone = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  try {
    const fiona = new BoardPage(await fionaPhone.newPage(), 'fiona');
    const ada = new BoardPage(await adaPhone.newPage(), 'ada');
    const page = fiona.page;
    const link = await fiona.createRetro('Presenting from a phone');
    await ada.join(link, 'Ada');
    await fiona.addCard('Start', 'Pair on the release script');
    await ada.addCard('Start', 'Write the runbook');
    await fiona.goTo('Reveal');
    const sections = page.getByRole('tablist', { name: 'Board sections' });
    await sections.getByRole('tab', { name: 'Facilitate' }).click();
    await page.getByRole('button', { name: 'Walk through columns' }).click();
    await sections.getByRole('tab', { name: 'Board' }).click();
    const bar = page.getByRole('region', { name: 'Next steps' });
    // no card in the spotlight yet: the bar walks columns as before
    await expect(bar.getByRole('button', { name: 'Next column' })).toBeVisible();
    await expect(bar.getByRole('button', { name: 'Next card' })).toHaveCount(0);
    await entries(page, 'Start').nth(0).getByRole('button', { name: /^Spotlight:/ }).click();
    await expect(entries(ada.page, 'Start').nth(0)).toHaveAttribute('aria-current', 'true');
    await expect(status(ada.page)).toHaveText('In the spotlight: Start, 1 of 2, a card');
    // "Next card" takes the place of "Next column" while the column has one more: three buttons, each whole
    await expect(bar.getByRole('button')).toHaveCount(3);
    for (const name of ['Stop the walk', 'Next card', 'Next: Vote']) await expect(bar.getByRole('button', { name })).toBeInViewport({ ratio: 1 });
    await fiona.screenshot(testInfo, 'spotlight-phone-facilitator');
    await bar.getByRole('button', { name: 'Next card' }).click();
    await expect(entries(ada.page, 'Start').nth(1)).toHaveAttribute('aria-current', 'true');
    await expect(status(ada.page)).toHaveText('In the spotlight: Start, 2 of 2, a card');
    await expect(entries(ada.page, 'Start').nth(1)).toBeInViewport();
    await ada.screenshot(testInfo, 'spotlight-phone-participant');
    // at the column's last card the bar goes on to the next column, which starts with none in the spotlight
    await expect(bar.getByRole('button', { name: 'Next card' })).toHaveCount(0);
    await bar.getByRole('button', { name: 'Next column' }).click();
    await expect(status(ada.page)).toHaveText('Walking through the columns: Stop, 2 of 3');
    await expect(spotlit(ada.page)).toHaveCount(0);
    // in German, at 360 wide
    await sections.getByRole('tab', { name: 'Facilitate' }).click();
    await page.getByRole('button', { name: 'Previous column' }).click();
    await sections.getByRole('tab', { name: 'Board' }).click();
    await entries(page, 'Start').nth(0).getByRole('button', { name: /^Spotlight:/ }).click();
    await expect(status(ada.page)).toHaveText('In the spotlight: Start, 1 of 2, a card');
    await page.getByLabel('Language').selectOption('de');
    await page.setViewportSize({ width: 360, height: PHONE.height });
    const deBar = page.getByRole('region', { name: 'Nächste Schritte' });
    await expect(deBar.getByRole('button')).toHaveCount(3);
    await expect(deBar.getByRole('button', { name: 'Nächste Karte' })).toBeInViewport({ ratio: 1 });
    await deBar.getByRole('button', { name: 'Nächste Karte' }).click();
    await expect(status(page)).toHaveText(/^Im Blick: .+, 2 von 2, eine Karte$/);
  } finally {
    await fionaPhone.close();
    await adaPhone.close();
  }
});

test('CI-1 CI-2 while a question is up, the facilitator\'s control says so instead of offering to ask it again, and offers another or taking it down; in English and German', async ({ facilitator, ada }, testInfo) => {
  const page = facilitator.page;
  const link = await facilitator.createRetro('Asked once');
  await ada.join(link, 'Ada');
  const controls = page.getByRole('region', { name: 'Check-in question' });
  await page.getByLabel('Question', { exact: true }).selectOption({ label: 'Weather report: sunny, cloudy or stormy?' });
  await page.getByRole('button', { name: 'Ask this question' }).click();
  await expect(checkIn(ada.page)).toContainText('Weather report');
  // the one up is not offered again: the control says it is up, beside what makes sense now
  await expect(controls.getByRole('button', { name: 'Ask this question' })).toHaveCount(0);
  await expect(controls).toContainText('✓ This question is up');
  await expect(controls.getByRole('button', { name: 'Another one' })).toBeVisible();
  await expect(controls.getByRole('button', { name: 'Hide the question' })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: '/tmp/stumbles/checkin-up-1280.png' });
  // another question picked from the list may be asked in its place
  await page.getByLabel('Question', { exact: true }).selectOption({ label: 'One small win from this sprint?' });
  await expect(controls).not.toContainText('This question is up');
  await page.getByRole('button', { name: 'Ask this question' }).click();
  await expect(checkIn(ada.page)).toContainText('One small win');
  await expect(controls).toContainText('✓ This question is up');
  // taken down, it may be asked again
  await page.getByRole('button', { name: 'Hide the question' }).click();
  await expect(checkIn(ada.page)).toHaveCount(0);
  await expect(controls.getByRole('button', { name: 'Ask this question' })).toBeVisible();
  await expect(controls).not.toContainText('This question is up');
  // in German, on a phone
  await page.getByRole('button', { name: 'Ask this question' }).click();
  await page.getByLabel('Language').selectOption('de');
  await expect(page.getByRole('region', { name: 'Check-in-Frage' })).toContainText('✓ Diese Frage ist gestellt');
  await page.setViewportSize(PHONE);
  await page.getByRole('tablist', { name: 'Bereiche des Boards' }).getByRole('tab', { name: 'Moderieren' }).click();
  await expect(page.getByRole('region', { name: 'Check-in-Frage' })).toContainText('✓ Diese Frage ist gestellt');
  await page.screenshot({ path: '/tmp/stumbles/checkin-up-390-de.png' });
  void testInfo;
});

test('CI-1 at a desk the question picked reads whole under the list, however narrow the panel cuts the list: in German and English; the one up is not said twice', async ({ facilitator }) => {
  // walk 9: in German at 1280 the closed list read "Ein Wort für diesen Sprin", and the longer questions less of
  // themselves: the facilitator could not read what "Diese Frage stellen" would ask without opening the list
  const page = facilitator.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await facilitator.createRetro('Sprint 2');
  await page.getByLabel('Language').selectOption('de');
  const controls = page.getByRole('region', { name: 'Check-in-Frage' });
  const list = controls.getByLabel('Frage', { exact: true });
  // (the list itself is cut: what this test is about)
  expect(await list.evaluate((el: HTMLSelectElement) => el.scrollWidth > el.clientWidth || el.getBoundingClientRect().width < 260), 'the list is narrow').toBe(true);
  const whole = async (question: string) => {
    const said = controls.getByText(`„${question}“`, { exact: true });
    await expect(said).toBeVisible();
    expect(await said.evaluate((el) => el.scrollWidth <= el.clientWidth), `${question} is not cut`).toBe(true);
  };
  await whole('Ein Wort für diesen Sprint?');
  await list.selectOption({ label: 'Beschäftigt dich etwas, das du für diese Stunde beiseitelegen möchtest?' });
  await whole('Beschäftigt dich etwas, das du für diese Stunde beiseitelegen möchtest?');
  await page.screenshot({ path: '/tmp/stumbles/checkin-picked-de-1280.png' });
  // asked, it is on the board: not said again under the list
  await controls.getByRole('button', { name: 'Diese Frage stellen' }).click();
  await expect(controls).toContainText('✓ Diese Frage ist gestellt');
  await expect(controls.getByText(/^„Beschäftigt/)).toHaveCount(0);
  await page.getByLabel('Sprache').selectOption('en');
  const english = page.getByRole('region', { name: 'Check-in question' });
  await english.getByLabel('Question', { exact: true }).selectOption({ label: 'What would make today’s retro worth your time?' });
  await expect(english.getByText('“What would make today’s retro worth your time?”', { exact: true })).toBeVisible();
});
