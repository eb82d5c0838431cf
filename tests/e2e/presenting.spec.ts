import { test, expect } from './fixtures/team';
import type { Locator } from '@playwright/test';

const adaCard = 'Our on-call handover happens in a hallway';
const boCard = 'Nobody knows who owns the flaky test suite';

/**
 * The DOM of an element with its own words blanked out: what would tell two cards apart if not their text.
 * Tag names, classes, attributes, buttons, badges — everything but the card's text and the item's name in
 * labels — must be the same for my card and someone else's while presenting.
 */
async function shapeOf(element: Locator, words: string[]): Promise<string> {
  const html = await element.evaluate((el) => el.outerHTML);
  // an accessible name carries the card's words shortened ("Group with…: Pairing on…", UI-10), as does the name of
  // the control that takes focus should this one go ("Ungroup: …", data-focus-twin): their words go too
  const masked = words.reduce((out, w) => out.split(w).join('…').split(w.slice(0, 30)).join('…'), html);
  // and the ids React gives a card's "⋯" list (UI-32), and the item's own public id that the column walk's spotlight
  // finds it by (CW-10, `data-item`, the id the board document carries too): they differ from card to card whoever wrote it
  return masked
    .replace(/((?:aria-label|data-focus-twin)="[^":]*: )[^"]*"/g, '$1…"')
    .replace(/((?:id|aria-controls)=")(?:_r_|«r|:r)[^"]*"/g, '$1…"')
    .replace(/(data-item=")[^"]*"/g, '$1…"');
}

test('AN-11 in presenting mode nothing on the screen tells my cards, votes or answers from anyone else’s', async ({ facilitator, ada, bo }, testInfo) => {
  const home = facilitator.page;
  const link = await facilitator.createRetro('Screen share');
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');

  await ada.addCard('Stop', adaCard);
  await bo.addCard('Stop', boCard);
  await facilitator.goTo('Reveal');

  // At Reveal the facilitator is offered presenting mode.
  await expect(home.getByRole('note').filter({ hasText: 'Sharing your screen?' })).toBeVisible();

  // Before: Ada's own card is marked and has controls; Bo's is not.
  const words = [adaCard, boCard];
  await expect(ada.card(adaCard).getByText('yours', { exact: true })).toBeVisible();
  expect(await shapeOf(ada.card(adaCard), words)).not.toBe(await shapeOf(ada.card(boCard), words));
  await ada.screenshot(testInfo, 'presenting-off-reveal');

  // One click: presenting.
  await ada.page.getByRole('button', { name: 'Presenting' }).click();
  await expect(ada.page.getByRole('button', { name: /^Presenting/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(ada.page.getByText('yours', { exact: true })).toHaveCount(0);
  // (UI-32: not even in a card's closed "⋯" list)
  await expect(ada.page.getByRole('button', { name: 'Edit', includeHidden: true })).toHaveCount(0);
  await expect(ada.page.getByRole('button', { name: 'Delete', includeHidden: true })).toHaveCount(0);
  expect(await shapeOf(ada.card(adaCard), words)).toBe(await shapeOf(ada.card(boCard), words));
  await ada.screenshot(testInfo, 'presenting-on-reveal');

  // Remembered: a reload keeps it on.
  await ada.page.reload();
  await expect(ada.card(adaCard)).toBeVisible();
  await expect(ada.page.getByRole('button', { name: /^Presenting/ })).toHaveAttribute('aria-pressed', 'true');
  expect(await shapeOf(ada.card(adaCard), words)).toBe(await shapeOf(ada.card(boCard), words));

  // Vote: Ada votes for her own card; while presenting nothing shows where her votes went. A card and its
  // vote controls share a list item, so the whole item is compared.
  const itemOf = (text: string) => ada.page.getByRole('listitem').filter({ has: ada.card(text) });
  await facilitator.goTo('Vote');
  await ada.page.getByRole('button', { name: 'Presenting: your marks are hidden' }).click(); // off, to vote
  await ada.voteFor(adaCard, 2);
  await expect(itemOf(adaCard).getByLabel('Your votes: 2')).toBeVisible();
  expect(await shapeOf(itemOf(adaCard), words)).not.toBe(await shapeOf(itemOf(boCard), words));
  await ada.page.getByRole('button', { name: 'Presenting' }).click(); // on again
  await expect(ada.page.getByLabel(/^Your votes:/)).toHaveCount(0);
  await expect(ada.page.getByText(/You have \d+ votes? left/)).toHaveCount(0);
  expect(await shapeOf(itemOf(adaCard), words)).toBe(await shapeOf(itemOf(boCard), words));
  await ada.screenshot(testInfo, 'presenting-on-vote');

  // Turned off, everything that is Ada's is back.
  await ada.page.getByRole('button', { name: 'Presenting: your marks are hidden' }).click();
  await expect(ada.page.getByRole('button', { name: 'Presenting' })).toHaveAttribute('aria-pressed', 'false');
  await expect(itemOf(adaCard).getByLabel('Your votes: 2')).toBeVisible();
  await expect(ada.card(adaCard).getByText('yours', { exact: true })).toBeVisible();

  // Discuss: my votes on an item are said in words ("(2 yours)" read as a count of something), and not while presenting
  await facilitator.goTo('Discuss');
  await expect(ada.page.getByText('(your votes: 2)', { exact: true })).toBeVisible();
  await ada.page.getByRole('button', { name: 'Presenting' }).click();
  await expect(ada.page.getByText(/your votes/)).toHaveCount(0);
});

test('AN-11 at Vote the facilitator who presents reads on the board why she has no votes to give, and "Stop presenting to vote" there gives them back, focus on the first vote; at 1280 and on a phone, in English and German', async ({ facilitator, ada }) => {
  const page = facilitator.page;
  const link = await facilitator.createRetro('Presenting at Vote');
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', adaCard);
  await facilitator.goTo('Reveal');
  await page.getByRole('button', { name: 'Turn on presenting mode' }).click();
  await facilitator.goTo('Vote');
  const words = {
    en: { why: 'Your votes are hidden while you present.', stop: 'Stop presenting to vote', toggle: 'Presenting: your marks are hidden' },
    de: { why: 'Deine Stimmen sind verborgen, während du präsentierst.', stop: 'Präsentieren beenden, um abzustimmen', toggle: 'Präsentieren: deine Markierungen sind verborgen' },
  };
  for (const [language, viewport] of [['en', { width: 1280, height: 800 }], ['de', { width: 390, height: 844 }]] as const) {
    const w = words[language];
    await page.setViewportSize(viewport);
    if (language === 'de') {
      await page.getByLabel('Language').selectOption('de');
      // (the phone's column with the card)
      await page.getByRole('tablist', { name: 'Spalten' }).getByRole('tab', { name: /^Aufhören/ }).click();
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    // no vote to give, and beside where the votes left would be, why and the way back: on the first screen
    await expect(page.locator('[data-vote]')).toHaveCount(0);
    const band = page.locator('.vote-band');
    await expect(band).toContainText(w.why);
    const stop = band.getByRole('button', { name: w.stop });
    // at a desk on the first screen; on a phone (the long German intro above it) in the band that stays in sight as
    // she scrolls to the cards (VO-12), clear of the step bar at the bottom
    if (viewport.width < 760) await page.locator('.column .card').first().scrollIntoViewIfNeeded();
    await expect(stop).toBeInViewport({ ratio: 1 });
    const underBars = await stop.evaluate((button) => {
      const bars = [...document.querySelectorAll('.step-bar, .room-bar')].map((bar) => bar.getBoundingClientRect().top);
      return button.getBoundingClientRect().bottom - Math.min(window.innerHeight, ...bars);
    });
    expect(underBars, `${language}: "${w.stop}" under the bars at the bottom`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `/tmp/stumbles7/2-after-${language}-${viewport.width}.png` });
    // with the keyboard: pressed, presenting is off, the votes are back and focus is on the first one
    await stop.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: w.toggle })).toHaveCount(0);
    await expect(page.locator('[data-vote="cast"]').first()).toBeFocused();
    await expect(band).not.toContainText(w.why);
    // on again for the next round
    await page.getByRole('button', { name: language === 'de' ? 'Präsentieren' : 'Presenting', exact: true }).click();
    await expect(page.getByRole('button', { name: w.toggle })).toHaveAttribute('aria-pressed', 'true');
  }
});
