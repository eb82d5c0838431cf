import { test, expect } from './fixtures/team';
import { BoardPage } from './pages/BoardPage';

const A = 'Standups run far too long every single day';
const B = 'Meetings eat the afternoon';

/**
 * GR-7 in two browsers: a focused title field follows someone else's change while its person has not typed;
 * once they have typed, it says the title changed meanwhile and lets them keep theirs or take the other one —
 * no edit is lost without the person knowing.
 */
test('GR-7 two people edit one group title at once: the focused field shows the other change and nothing is lost silently', async ({ facilitator, ada, bo }) => {
  const fiona = facilitator.page;
  const link = await facilitator.createRetro('Titles', { template: "I don't know / I'm stuck" });
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');
  await ada.addCard("I'm stuck on…", A);
  await bo.addCard("I'm stuck on…", B);
  await facilitator.goTo('Reveal');
  await bo.groupWith(B, A);

  // GR-6: both see the pre-filled title.
  const adaTitle = ada.page.getByLabel('Group title');
  const boTitle = bo.page.getByLabel('Group title');
  await expect(adaTitle).toHaveValue(/^(Standups run far too long every single day|Meetings eat the afternoon)$/);

  // Ada's field has focus but she has not typed: Bo's save shows up in it.
  await adaTitle.focus();
  await boTitle.fill('Meetings');
  await boTitle.press('Enter');
  await expect(adaTitle).toBeFocused();
  await expect(adaTitle).toHaveValue('Meetings');

  // Now both type. Bo saves first; Ada, still typing, is told, and her text is kept in her field.
  await adaTitle.fill('Time we lose together');
  await boTitle.fill('Meetings that could be an email');
  await boTitle.press('Enter');
  await expect(ada.page.getByText('Someone changed this title to “Meetings that could be an email” meanwhile.')).toBeVisible();
  await expect(adaTitle).toHaveValue('Time we lose together');
  // Saving from the old title is refused by the server with a message, not applied over Bo's.
  await adaTitle.press('Enter');
  await expect(ada.page.getByRole('alert').filter({ hasText: 'Someone changed this at the same time' })).toBeVisible();
  await expect(bo.page.getByRole('region', { name: 'Group: Meetings that could be an email' })).toBeVisible();
  // Ada chooses to keep hers, knowingly: it replaces Bo's for everyone.
  await ada.page.getByRole('button', { name: 'Keep mine' }).click();
  await expect(boTitle).toHaveValue('Time we lose together');
  await expect(ada.page.getByText(/meanwhile/)).toHaveCount(0);

  // Bo saves twice before his first save has come back (offline between, as on a slow phone): his second starts
  // from his first, so both are applied in order, and nobody is told of a change that was his own.
  await bo.page.context().setOffline(true);
  await expect(bo.page.getByTestId('connection-status')).toContainText('Reconnecting');
  await boTitle.fill('Time lost');
  await boTitle.press('Enter');
  await boTitle.fill('Time lost in meetings');
  await boTitle.press('Enter');
  await expect(bo.page.getByTestId('connection-status')).toContainText('2 changes waiting to send');
  await bo.page.context().setOffline(false);
  await expect(adaTitle).toHaveValue('Time lost in meetings');
  await expect(boTitle).toHaveValue('Time lost in meetings');
  await expect(bo.page.getByRole('region', { name: 'Group: Time lost in meetings' })).toBeVisible();
  await expect(bo.page.getByRole('alert').filter({ hasText: 'Someone changed this at the same time' })).toHaveCount(0);
  await expect(bo.page.getByText(/meanwhile/)).toHaveCount(0);
});

test('GR-6 UI-15 a group titled from its first card\'s words shows them whole where they fit (it showed "I don\'t know how the billing…" with room to spare), wrapped in its column at 1280 and at 390; an untouched title sends nothing', async ({ facilitator, ada, browser }, testInfo) => {
  const WHOLE = "I don't know how the billing retries work";
  const OTHER = 'Demo the feature to support before release';
  const link = await facilitator.createRetro('Whole titles');
  await ada.join(link, 'Ada');
  await ada.addCard('Start', WHOLE);
  await ada.addCard('Start', OTHER);
  await facilitator.goTo('Reveal');
  await facilitator.groupWith(OTHER, WHOLE);
  const title = ada.page.getByLabel('Group title');
  // the first card in reveal order gives the title: whichever it is, its words are there whole, no "…"
  await expect(title).toHaveValue(new RegExp(`^(${WHOLE}|${OTHER})$`));
  const shown = await title.inputValue();
  await expect(ada.page.getByRole('region', { name: `Group: ${shown}`, exact: true })).toBeVisible();
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  try {
    const bo = new BoardPage(await phone.newPage(), 'bo');
    await bo.join(link, 'Bo');
    for (const [who, page] of [['ada-1280', ada.page], ['bo-390', bo.page]] as const) {
      const field = page.getByLabel('Group title');
      await field.scrollIntoViewIfNeeded();
      await expect(field).toHaveValue(shown);
      // wrapped inside its group, every line of it on screen: nothing cut, nothing past the box
      const fits = await field.evaluate((el: HTMLTextAreaElement) => {
        const box = el.closest('.group')!.getBoundingClientRect();
        const own = el.getBoundingClientRect();
        return { clipped: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1, inside: own.left >= box.left && own.right <= box.right };
      });
      expect(fits, `${who}: the whole title in its box`).toEqual({ clipped: false, inside: true });
      await page.screenshot({ path: testInfo.outputPath(`whole-title-${who}.png`) });
    }
    // Tab in and out without typing: the room's title is not changed by what the field shows, so it is still the
    // card's words (GR-6) and follows the card's edit; a title sent whole would have stopped following
    await title.focus();
    await ada.page.keyboard.press('Tab');
    const edited = `${shown}, every single week since the summer`;
    await (await ada.cardMenu(shown)).getByRole('button', { name: 'Edit' }).click();
    await ada.page.getByLabel('Edit card').fill(edited);
    await ada.page.getByRole('button', { name: 'Save' }).click();
    await expect(title).toHaveValue(edited);
    await expect(bo.page.getByLabel('Group title')).toHaveValue(edited);
  } finally {
    await phone.close();
  }
});
