import { YJS_MESSAGE_COMPRESSED } from '@candor/shared';
import { test, expect } from './fixtures/team';
import { writeFromScript } from './fixtures/scriptedWriter';
import { BoardPage } from './pages/BoardPage';

test('RV-6 a large reveal arrives as one compressed message and Chromium shows every card', async ({ facilitator, ada }, testInfo) => {
  const home = facilitator.page;
  const link = await facilitator.createRetro('Big reveal');

  // DO-10: the board document arrives on the page's Socket.io connection, a binary frame after its event's header
  const compressedFrames: number[] = [];
  ada.page.on('websocket', (ws) => {
    if (!ws.url().includes('/socket.io/')) return;
    let boardDocument = false;
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') boardDocument = /^45\d+-\["board\.doc"/.test(payload);
      else if (boardDocument && payload[0] === YJS_MESSAGE_COMPRESSED) compressedFrames.push(payload.length);
    });
  });
  await ada.join(link, 'Ada');

  // A third person writes 40 long cards from a script, as a busy room would.
  const texts = Array.from({ length: 40 }, (_, i) => `Card ${i + 1}: ${"we hear about outages from customers before our alerts tell us, again and again. ".repeat(3).trim()}`);
  await writeFromScript(link, texts.map((text) => ({ columnId: 'start', text })));
  await expect(ada.page.getByText('No cards counted yet')).toBeVisible(); // one writer is never counted (AN-10)

  await facilitator.goTo('Reveal');
  await expect(ada.page.getByRole('article')).toHaveCount(40);
  for (const text of [texts[0]!, texts[39]!]) await expect(ada.card(text)).toBeVisible();
  expect(compressedFrames.length).toBeGreaterThanOrEqual(1);
  await ada.screenshot(testInfo, 'big-reveal');
});

test('WF-9 from Reveal on each desktop column heading counts its cards (a group as its cards), never in Write', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Where the cards are');
  await ada.join(link, 'Ada');
  await ada.addCard('Start', 'Pairing on reviews');
  await ada.addCard('Start', 'Demo every Friday');
  await ada.addCard('Stop', 'Merging on Fridays');
  await facilitator.addCard('Stop', 'Skipping the standup');
  const heading = (name: string) => facilitator.page.getByRole('heading', { level: 2, name, exact: true });

  // Write: the headings say the column's name alone (a count there could tell who wrote where)
  for (const title of ['Start', 'Stop', 'Continue']) await expect(heading(title)).toBeVisible();
  await expect(facilitator.page.getByRole('heading', { level: 2, name: /\(\d+\)/ })).toHaveCount(0);

  await facilitator.goTo('Reveal');
  for (const page of [facilitator.page, ada.page]) {
    await expect(page.getByRole('heading', { level: 2, name: 'Start (2)', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Stop (2)', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Continue', exact: true })).toBeVisible();
  }
  // the column's region keeps its name (the count is in the heading only)
  await expect(facilitator.column('Start')).toContainText('Demo every Friday');

  // a group counts as its cards, in the column it lives in
  await ada.groupWith('Skipping the standup', 'Pairing on reviews');
  await expect(heading('Start (3)')).toBeVisible();
  await expect(heading('Stop (1)')).toBeVisible();

  await facilitator.goTo('Vote');
  await expect(heading('Start (3)')).toBeVisible();
  await expect(heading('Stop (1)')).toBeVisible();
});

test('WF-9 UI-12 at 390×844 a column\'s count is said once, in its tab, not again in the heading under it', async ({ facilitator, browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  try {
    const ada = new BoardPage(await phone.newPage(), 'ada');
    const link = await facilitator.createRetro('Counted once');
    await ada.join(link, 'Ada');
    for (const text of ['Pairing on reviews', 'Demo every Friday', 'Write the runbook']) await facilitator.addCard('Start', text);
    await facilitator.goTo('Reveal');
    const tabs = ada.page.getByRole('tablist', { name: 'Columns' });
    await expect(tabs.getByRole('tab', { name: 'Start (3)', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(ada.card('Write the runbook')).toBeVisible();
    await expect(ada.column('Start').getByRole('heading', { level: 2, name: 'Start', exact: true })).toBeVisible();
    await expect(ada.page.getByRole('heading', { level: 2, name: /\(\d+\)/ })).toHaveCount(0);
    // the desk, where no tab says it, still counts in the heading
    await expect(facilitator.page.getByRole('heading', { level: 2, name: 'Start (3)', exact: true })).toBeVisible();
  } finally {
    await phone.close();
  }
});
