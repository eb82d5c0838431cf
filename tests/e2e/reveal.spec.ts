import { YJS_MESSAGE_COMPRESSED } from '@candor/shared';
import { test, expect } from './fixtures/team';
import { writeFromScript } from './fixtures/scriptedWriter';
import { BoardPage } from './pages/BoardPage';
import { openRoom } from './pages/room';

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

test('GR-11 in Reveal whoever may group is offered the cards that share a word: "Group these" groups them for the room, "Not these" puts one away on that screen only', async ({ facilitator, ada, browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  try {
    const bo = new BoardPage(await phone.newPage(), 'bo');
    // what Bo's page sends the room (Socket.io events), watched from his first connection on
    const sent: string[] = [];
    bo.page.on('websocket', (ws) => ws.on('framesent', (frame) => void (typeof frame.payload === 'string' && /^42/.test(frame.payload) && sent.push(frame.payload))));
    const link = await facilitator.createRetro('Similar cards', { template: 'Start / Stop / Continue' });
    await ada.join(link, 'Ada');
    await bo.join(link, 'Bo');
    await bo.page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await facilitator.addCard('Stop', 'Deploying on Fridays');
    await ada.addCard('Stop', 'Friday deploys hurt us');
    await ada.addCard('Stop', 'Too many meetings');
    await facilitator.addCard('Stop', 'Meetings without an agenda');
    await facilitator.addCard('Continue', 'Demo day');
    await ada.addCard('Start', 'Pairing on code reviews');
    // nothing to suggest while the cards are unseen (Write shows each person only their own)
    await expect(facilitator.page.getByRole('button', { name: 'Show similar cards' })).toHaveCount(0);
    await facilitator.goTo('Reveal');

    const offer = (page: BoardPage['page']) => page.getByRole('region', { name: /suggestions? to group|Vorschl(ag|äge) zum Gruppieren/ });
    await expect(offer(facilitator.page)).toContainText('2 suggestions to group: cards that share words.');
    const show = facilitator.page.getByRole('button', { name: 'Show similar cards' });
    await expect(show).toHaveAttribute('aria-expanded', 'false');
    await show.click();
    await expect(facilitator.page.getByRole('button', { name: 'Hide similar cards' })).toHaveAttribute('aria-expanded', 'true');
    const deploys = /^Group these: “(deploying, fridays|friday, deploys)”$/;
    const meetings = /^Group these: “(meetings)”$/;
    await expect(facilitator.page.getByRole('button', { name: deploys })).toBeVisible();
    await expect(facilitator.page.getByRole('button', { name: meetings })).toBeVisible();
    // "Demo day" and "Pairing on code reviews" share no word with anything: offered nowhere
    await expect(offer(facilitator.page).getByRole('listitem').filter({ hasText: /Demo day|Pairing/ })).toHaveCount(0);

    // Bo, on a phone in German, puts the meetings away: his screen only, and nothing goes to the server for it
    // (a phone's one row, PU-9: the open list says how they were found)
    await expect(offer(bo.page)).toContainText('2 Vorschläge zum Gruppieren');
    await expect(offer(bo.page).getByRole('button', { name: 'Ähnliche Karten zeigen' })).toHaveText('Zeigen');
    expect(sent.filter((payload) => /^42\d*\["cmd"/.test(payload)).length).toBeGreaterThan(0); // (his join: the watch works)
    sent.length = 0;
    await bo.page.getByRole('button', { name: 'Ähnliche Karten zeigen' }).click();
    await bo.page.getByRole('button', { name: 'Diese nicht: „meetings“' }).click();
    await expect(offer(bo.page)).toContainText('1 Vorschlag zum Gruppieren');
    await expect(bo.page.getByRole('button', { name: /^Diese gruppieren: „(deploying, fridays|friday, deploys)“$/ })).toBeFocused();
    await expect(offer(facilitator.page)).toContainText('2 suggestions to group');
    // (the page's heartbeat, time.sync, goes on meanwhile: no command)
    expect(sent.filter((payload) => /^42\d*\["cmd"/.test(payload))).toEqual([]);

    // the facilitator groups the deploy cards: the room sees one group of both; focus goes on to the next suggestion
    await facilitator.page.getByRole('button', { name: deploys }).click();
    for (const page of [facilitator, ada, bo]) {
      if (page === bo) await bo.page.getByRole('tab', { name: /^Aufhören/ }).click();
      await expect(page.page.getByRole('region', { name: /^(Group|Gruppe):/ }).filter({ has: page.card('Deploying on Fridays') }).filter({ has: page.card('Friday deploys hurt us') })).toHaveCount(1);
    }
    await expect(facilitator.page.getByRole('button', { name: meetings })).toBeFocused();
    await expect(offer(facilitator.page)).toContainText('1 suggestion to group');
    await expect(offer(ada.page)).toContainText('1 suggestion to group');
    // Bo had put the other one away, and the deploy cards are grouped: nothing left on his screen
    await expect(offer(bo.page)).toContainText('Keine weiteren Vorschläge zum Gruppieren.');

    // GR-8: with grouping kept to the facilitator, nobody else is offered groupings
    await facilitator.page.getByLabel('Only I group cards and edit titles').click();
    await expect(ada.page.getByText(/suggestions? to group/)).toHaveCount(0);
    await expect(offer(facilitator.page)).toContainText('1 suggestion to group');
  } finally {
    await phone.close();
  }
});

test('GR-11 a suggestion that spans columns says before "Group these" which cards will move where, and the panel says it after', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Cards across columns', { template: 'Start / Stop / Continue' });
  await ada.join(link, 'Ada');
  await facilitator.addCard('Stop', 'Deploying on Fridays');
  await ada.addCard('Stop', 'Friday deploys hurt us');
  await ada.addCard('Start', 'Deploy freeze on Friday');
  await ada.page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await facilitator.addCard('Stop', 'Too many meetings');
  await facilitator.addCard('Stop', 'Meetings without an agenda');
  await facilitator.goTo('Reveal');

  const offer = facilitator.page.getByRole('region', { name: /suggestions? to group/ });
  await expect(offer).toContainText('2 suggestions to group');
  await facilitator.page.getByRole('button', { name: 'Show similar cards' }).click();
  const deploys = facilitator.page.getByRole('button', { name: /^Group these: “(deploying, fridays|friday, deploys|deploy, friday)”$/ });
  // two of the three are in Stop: the Start card goes there, and the suggestion says so before anyone presses
  await expect(offer.getByRole('listitem').filter({ has: deploys })).toContainText('1 card from “Start” will move to “Stop”.');
  await expect(deploys).toHaveAccessibleDescription('1 card from “Start” will move to “Stop”.');
  // the meetings are both in Stop: nothing moves, nothing said
  const meetings = facilitator.page.getByRole('button', { name: 'Group these: “meetings”' });
  await expect(offer.getByRole('listitem').filter({ has: meetings })).not.toContainText('will move');
  await expect(ada.page.getByRole('region', { name: /Vorschläge zum Gruppieren/ })).toBeVisible();
  await ada.page.getByRole('button', { name: 'Ähnliche Karten zeigen' }).click();
  await expect(ada.page.getByText('1 Karte aus „Anfangen“ wird nach „Aufhören“ verschoben.')).toBeVisible();

  await deploys.click();
  await expect(offer.getByRole('status')).toHaveText('Grouped 3 cards in “Stop”: 1 card from “Start” moved there.');
  await expect(
    facilitator.page.getByRole('region', { name: /^Group:/ }).filter({ has: facilitator.card('Deploy freeze on Friday') }).filter({ has: facilitator.card('Deploying on Fridays') }),
  ).toHaveCount(1);
  await expect(facilitator.page.getByRole('heading', { level: 2, name: 'Stop (5)', exact: true })).toBeVisible();
  await expect(facilitator.page.getByRole('heading', { level: 2, name: 'Start', exact: true })).toBeVisible();
  // grouping what does not move says only where
  await meetings.click();
  await expect(offer.getByRole('status')).toHaveText('Grouped 2 cards in “Stop”.');
});

test('GR-9 a column whose only card went into a group in another column says where its card is, not only "No cards here.", in English and German', async ({ facilitator, ada, bo }) => {
  test.setTimeout(180_000);
  await openRoom('Grouped across columns', facilitator, { Ada: ada, Bo: bo });
  await bo.page.getByLabel('Language').selectOption('de');
  await facilitator.addCard('Start', 'Deploys break on Fridays and nobody knows why');
  await ada.addCard('Stop', 'Merging on Fridays');
  await facilitator.goTo('Reveal');
  // the walk: Fiona grouped the Stop column's one card with a Start card, and Stop read "No cards here."
  await facilitator.groupWith('Merging on Fridays', 'Deploys break on Fridays and nobody knows why');
  await expect(ada.column('Stop')).toContainText('1 card from here is in a group in another column.');
  await expect(ada.column('Stop')).not.toContainText('No cards here.');
  await expect(bo.column('Aufhören')).toContainText('1 Karte von hier liegt in einer Gruppe in einer anderen Spalte.');
  // a column with no card at all still says so
  await expect(ada.column('Continue')).toContainText('No cards here.');
});
