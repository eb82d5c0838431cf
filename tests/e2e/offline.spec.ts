import { test, expect } from './fixtures/team';

test('RC-7 a card written while offline shows as sending, is sent once when the connection returns, and survives a reload', async ({
  facilitator,
  ada,
}, testInfo) => {
  const home = facilitator.page;
  const participantLink = await facilitator.createRetro('Offline check');
  await ada.join(participantLink, 'Ada');

  await ada.page.context().setOffline(true);
  await expect(ada.page.getByTestId('connection-status')).toContainText('Reconnecting');
  const column = ada.column('Start');
  await column.getByLabel('New card in Start').fill('Written on the train');
  await column.getByRole('button', { name: 'Add card' }).click();
  await expect(ada.card('Written on the train').getByText('sending…')).toBeVisible();
  // A draft not yet added is kept too.
  await ada.column('Stop').getByLabel('New card in Stop').fill('Half a thought');
  await ada.screenshot(testInfo, 'offline');
  await expect(home.getByText('No cards counted yet')).toBeVisible(); // one writer is never counted (AN-10)

  await ada.page.context().setOffline(false);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(ada.card('Written on the train').getByText('sending…')).toHaveCount(0);
  await expect(ada.card('Written on the train')).toHaveCount(1);

  await ada.page.reload();
  await expect(ada.card('Written on the train')).toHaveCount(1);
  await expect(ada.column('Stop').getByLabel('New card in Stop')).toHaveValue('Half a thought');
  await expect(home.getByText('No cards counted yet')).toBeVisible();
});

test('RC-7 a draft shows in every tab of the board, so no tab overwrites it with its own, and it survives a reload', async ({ facilitator, ada }) => {
  const participantLink = await facilitator.createRetro('Two tabs');
  await ada.join(participantLink, 'Ada');
  // a second tab, opened before the draft is written (it joins as the same Ada)
  const other = await ada.page.context().newPage();
  await other.goto(participantLink);
  const otherBox = other.getByLabel('New card in Stop');
  await expect(otherBox).toBeVisible();

  await ada.column('Stop').getByLabel('New card in Stop').fill('We start too much and finish little, because');
  // the other tab shows it: it used to keep its own empty box, and its typing or sending replaced or removed the draft
  await expect(otherBox).toHaveValue('We start too much and finish little, because');
  await otherBox.press('End');
  await otherBox.pressSequentially(' nobody says no.');

  await ada.page.reload();
  await expect(ada.column('Stop').getByLabel('New card in Stop')).toHaveValue('We start too much and finish little, because nobody says no.');
  await other.close();
});

test('RC-7 UI-9 two groupings made offline are counted as two changes waiting to send, and each is applied once on return', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Offline grouping');
  await ada.join(link, 'Ada');
  for (const text of ['Deploys are slow', 'Deploys break on Fridays', 'Deploys need a runbook']) await ada.addCard('Stop', text);
  await facilitator.goTo('Reveal');
  await expect(ada.card('Deploys need a runbook')).toBeVisible();
  await ada.page.context().setOffline(true);
  const status = ada.page.getByTestId('connection-status');
  await expect(status).toContainText('Reconnecting');
  // the count names what waits: changes (a bare "(2 waiting to send)" read as two cards)
  await ada.dragOnto('Deploys break on Fridays', ada.card('Deploys are slow'));
  await expect(status).toContainText('(1 change waiting to send)');
  await ada.dragOnto('Deploys need a runbook', ada.card('Deploys are slow'));
  await expect(status).toContainText('(2 changes waiting to send)');

  await ada.page.context().setOffline(false);
  await expect(status).toHaveText('Connected', { timeout: 20_000 });
  // both reached the room once: one group of the three cards, and still three cards
  const group = facilitator.page.getByRole('region', { name: /^Group:/ });
  await expect(group).toHaveCount(1);
  await expect(group.getByRole('article')).toHaveCount(3);
  await expect(facilitator.page.getByRole('article')).toHaveCount(3);
});

test('OW-1 a grouping made offline shows on my board at once, marked as waiting to send, and the room applies it once on return', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Offline grouping shown');
  await ada.join(link, 'Ada');
  for (const text of ['Builds are slow', 'Builds fail at night', 'Builds need a cache', 'Lunch was good']) await ada.addCard('Stop', text);
  await facilitator.goTo('Reveal');
  await expect(ada.card('Builds need a cache')).toBeVisible();
  await ada.page.context().setOffline(true);
  const status = ada.page.getByTestId('connection-status');
  await expect(status).toContainText('Reconnecting');

  // the card's menu, then a drag: each shows the cards together at once (groupWith waits for the group on screen)
  await ada.groupWith('Builds fail at night', 'Builds are slow');
  const group = ada.page.getByRole('region', { name: /^Group:/ });
  await expect(group).toHaveCount(1);
  await expect(group.getByRole('article')).toHaveCount(2);
  await expect(group.getByText('waiting to send')).toBeVisible();
  // UI-32: "Group with…" left its card's list open; the press on the next card's grip closes it before the drag begins
  await ada.dragOnto('Builds need a cache', ada.card('Builds are slow'));
  await expect(group.getByRole('article')).toHaveCount(3);
  await expect(status).toContainText('(2 changes waiting to send)');
  // the others see nothing yet: it has not been sent
  await expect(facilitator.page.getByRole('region', { name: /^Group:/ })).toHaveCount(0);

  await ada.page.context().setOffline(false);
  await expect(status).toHaveText('Connected', { timeout: 20_000 });
  // the room's group replaces mine: one group of three, applied once, no longer waiting
  for (const page of [ada.page, facilitator.page]) {
    const shown = page.getByRole('region', { name: /^Group:/ });
    await expect(shown).toHaveCount(1);
    await expect(shown.getByRole('article')).toHaveCount(3);
    await expect(page.getByRole('article')).toHaveCount(4);
  }
  await expect(group.getByText('waiting to send')).toHaveCount(0);
});

test('OW-1 PL-2 a group made offline says where its title field is: it can be named once sent, then the field comes (en, de)', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Offline group title');
  await ada.join(link, 'Ada');
  for (const text of ['Standups run long', 'Standups start late']) await ada.addCard('Stop', text);
  await facilitator.goTo('Reveal');
  await expect(ada.card('Standups start late')).toBeVisible();
  // German's words load on demand: once while online, as a person who has switched before has them
  await ada.page.getByLabel('Language').selectOption('de');
  await ada.page.getByLabel('Sprache').selectOption('en');
  await ada.page.context().setOffline(true);
  const status = ada.page.getByTestId('connection-status');
  await expect(status).toContainText('Reconnecting');
  await ada.dragOnto('Standups start late', ada.card('Standups run long'));
  const group = ada.page.getByRole('region', { name: /^Group:/ });
  await expect(group.getByText('waiting to send')).toBeVisible();
  // no field yet (the room has not made the group), and the box says so where the field will be
  await expect(group.getByRole('textbox', { name: 'Group title' })).toHaveCount(0);
  await expect(group.getByText('You can name this group once it is sent.')).toBeVisible();
  await ada.page.getByLabel('Language').selectOption('de');
  await expect(ada.page.getByRole('region', { name: /^Gruppe:/ }).getByText('Du kannst die Gruppe benennen, sobald sie gesendet ist.')).toBeVisible();
  await ada.page.getByLabel('Sprache').selectOption('en');

  await ada.page.context().setOffline(false);
  await expect(status).toHaveText('Connected', { timeout: 20_000 });
  // the room's group: its title field, and no word of waiting
  await expect(group.getByRole('textbox', { name: 'Group title' })).toBeVisible();
  await expect(group.getByText('You can name this group once it is sent.')).toHaveCount(0);
  await expect(group.getByText('waiting to send')).toHaveCount(0);
});

test('OW-1 a grouping made offline that the room refuses (it moved on to Vote) goes away, and the refusal is shown', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Offline grouping refused');
  await ada.join(link, 'Ada');
  for (const text of ['Reviews take days', 'Reviews are too big']) await ada.addCard('Stop', text);
  await facilitator.goTo('Reveal');
  await expect(ada.card('Reviews are too big')).toBeVisible();
  await ada.page.context().setOffline(true);
  await expect(ada.page.getByTestId('connection-status')).toContainText('Reconnecting');
  await ada.dragOnto('Reviews are too big', ada.card('Reviews take days'));
  await expect(ada.page.getByRole('region', { name: /^Group:/ })).toHaveCount(1);

  await facilitator.goTo('Vote');
  await ada.page.context().setOffline(false);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(ada.page.getByRole('alert').filter({ hasText: 'That is not possible in this phase.' })).toBeVisible();
  await expect(ada.page.getByRole('region', { name: /^Group:/ })).toHaveCount(0);
  await expect(ada.card('Reviews are too big')).toBeVisible();
  await expect(facilitator.page.getByRole('region', { name: /^Group:/ })).toHaveCount(0);
});

test('WG-2 a card taken out of its group offline stands alone at once, marked as sending, and the room applies it on return', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Offline ungrouping shown');
  await ada.join(link, 'Ada');
  for (const text of ['Deploys are slow', 'Deploys break', 'Tests are flaky', 'Tests take an hour']) await ada.addCard('Stop', text);
  await facilitator.goTo('Reveal');
  await ada.groupWith('Deploys break', 'Deploys are slow');
  await expect(facilitator.page.getByRole('region', { name: /^Group:/ })).toHaveCount(1);
  // and the grouping acknowledged to Ada: the room can show it before her answer arrives, and a fresh-clone run with
  // three tests at a time went offline in between, so it was a fourth change waiting (stop 68)
  await expect(ada.page.getByText('sending…')).toHaveCount(0);
  await ada.page.context().setOffline(true);
  const status = ada.page.getByTestId('connection-status');
  await expect(status).toContainText('Reconnecting');
  const groups = ada.page.getByRole('region', { name: /^Group:/ });

  // out of the room's group: the group of two is gone on my screen at once, the card marked
  await (await ada.cardMenu('Deploys break')).getByRole('button', { name: 'Ungroup' }).click();
  await expect(groups).toHaveCount(0);
  await expect(ada.card('Deploys break').getByText('sending…')).toBeVisible();
  // a group made offline and undone offline: no group on screen
  await ada.groupWith('Tests take an hour', 'Tests are flaky');
  await (await ada.cardMenu('Tests take an hour')).getByRole('button', { name: 'Ungroup' }).click();
  await expect(groups).toHaveCount(0);
  await expect(status).toContainText('(3 changes waiting to send)');
  await expect(facilitator.page.getByRole('region', { name: /^Group:/ })).toHaveCount(1);

  await ada.page.context().setOffline(false);
  await expect(status).toHaveText('Connected', { timeout: 20_000 });
  for (const page of [ada.page, facilitator.page]) {
    await expect(page.getByRole('region', { name: /^Group:/ })).toHaveCount(0);
    await expect(page.getByRole('article')).toHaveCount(4);
  }
  await expect(ada.page.getByText('sending…')).toHaveCount(0);
});

test('RC-7 WI-2 RC-10 on a phone scrolled down a long column, the room bar says the connection is gone rather than how many were here; back online, it reconnects at once', async ({ facilitator, ada }) => {
  // the phone's clock, to hold Socket.io's back-off still while the network comes back (RC-10)
  await ada.page.clock.install();
  const link = await facilitator.createRetro('A sleeping phone');
  await ada.page.setViewportSize({ width: 390, height: 844 });
  await ada.join(link, 'Ada');
  for (let i = 0; i < 8; i++) await ada.addCard('Start', `A long column, card ${i + 1}`);
  const bar = ada.page.getByRole('region', { name: 'Room news' });
  await expect(bar).toContainText('2 people here');
  await facilitator.runTo('Vote');
  await expect(bar).toContainText('The retro moved on to Vote.');
  // the reveal shuffles the column, so the card at its foot is whichever the screen shows last
  const lowest = (await ada.page.getByRole('article').last().innerText()).match(/A long column, card \d/)![0];
  await ada.card(lowest).scrollIntoViewIfNeeded();
  // the header, and the connection's word in it, scrolled away with the page
  await expect(ada.page.getByTestId('connection-status')).not.toBeInViewport();

  await ada.page.context().setOffline(true);
  await ada.voteFor(lowest);
  await expect(bar).toContainText('Reconnecting… your changes are kept');
  // the news of the retro moving on has had its time (PR-1, the page's clock: no socket to time out while offline);
  // then the bar would say who is here, but it says the connection is gone instead
  await ada.page.clock.runFor(15_000);
  await expect(bar.getByRole('status')).toHaveText('');
  await expect(bar).not.toContainText('people here');
  await expect(bar.getByText('Reconnecting… your changes are kept')).toBeInViewport({ ratio: 1 });

  // RC-10: the phone wakes and says its network is back: it reconnects then, not when a back-off timer next fires
  // (none fires here: the page's clock stands still from now on)
  await ada.page.clock.pauseAt((await ada.page.evaluate(() => Date.now())) + 1_000);
  await ada.page.context().setOffline(false);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Connected');
  await expect(bar).not.toContainText('Reconnecting');
  await expect(ada.page.getByRole('button', { name: `Remove vote: ${lowest}`, exact: false })).toBeEnabled();
});

test('CA-8 RC-7 a card added offline that reaches the server after the reveal is refused, and listed among the words not sent, not only "kept in your draft"', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Offline past the reveal');
  await ada.join(link, 'Ada');
  await ada.page.context().setOffline(true);
  await expect(ada.page.getByTestId('connection-status')).toContainText('Reconnecting');
  const column = ada.column('Start');
  await column.getByLabel('New card in Start').fill('Written in the tunnel');
  await column.getByRole('button', { name: 'Add card' }).click();
  await expect(ada.card('Written in the tunnel').getByText('sending…')).toBeVisible();
  await facilitator.goTo('Reveal');
  await ada.page.context().setOffline(false);
  // refused (cards are added only in Write) and put back in its column's draft, whose box went with Write
  const unsent = ada.page.getByRole('region', { name: 'Your card was not sent before the reveal' });
  await expect(unsent).toContainText('Written in the tunnel', { timeout: 20_000 });
  await expect(unsent).toContainText('A card for Start');
  await expect(facilitator.page.getByText('Written in the tunnel')).toHaveCount(0);
});

test('RC-11 on a phone the field I type in stays where it is when the connection drops and comes back; the room bar says so and offers "Reconnect now"', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Typing in a tunnel');
  await ada.page.setViewportSize({ width: 390, height: 844 });
  await ada.join(link, 'Ada');
  const field = ada.page.getByLabel('New card in Start');
  await field.scrollIntoViewIfNeeded();
  await field.click();
  await field.pressSequentially('We should pair more on');
  const top = async () => Math.round((await field.boundingBox())!.y);
  const before = await top();
  const header = ada.page.locator('.board-header');
  const headerHeight = async () => Math.round((await header.boundingBox())!.height);
  const connectedHeader = await headerHeight();

  await ada.page.context().setOffline(true);
  const bar = ada.page.getByRole('region', { name: 'Room news' });
  await expect(bar.getByText('Reconnecting… your changes are kept')).toBeInViewport({ ratio: 1 });
  // the header grew by the trouble's words and "Reconnect now" (two rows, 95 px here, 126 on a touch phone): the field
  // moved down under the finger
  expect(await headerHeight()).toBe(connectedHeader);
  expect(await top()).toBe(before);
  await expect(field).toBeFocused();
  // the words are said in the bar, in sight wherever the page is; so is the way to try again
  await expect(bar.getByRole('button', { name: 'Reconnect now' })).toBeInViewport({ ratio: 1 });
  await expect(ada.page.getByRole('button', { name: 'Reconnect now' })).toHaveCount(1);
  await field.pressSequentially(' the deploy scripts');
  await field.press('Enter');
  await expect(ada.card('the deploy scripts').getByText('sending…')).toBeVisible();
  await expect(bar).toContainText('(1 change waiting to send)');
  // a screen reader still hears the header's whole word on it (its live region)
  await expect(ada.page.getByTestId('connection-status')).toContainText('Reconnecting… your changes are kept');
  // the card, once sent, has Edit and Delete where "sending…" was (a few px taller): what is above the field is measured
  const cardTop = async () => Math.round((await ada.card('the deploy scripts').boundingBox())!.y);
  const cardBefore = await cardTop();

  await ada.page.context().setOffline(false);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(bar).not.toContainText('Reconnect');
  await expect(ada.card('the deploy scripts').getByText('sending…')).toHaveCount(0);
  expect(await headerHeight()).toBe(connectedHeader);
  // and the header shrank back by as much: the field jumped up again
  expect(await cardTop()).toBe(cardBefore);
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('');
});

test('RC-11 at a desk the sticky header keeps its height when the connection drops; the room bar says so and offers "Reconnect now"', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Writing in a tunnel at a desk');
  await ada.join(link, 'Ada');
  for (const person of [facilitator, ada]) await person.page.setViewportSize({ width: 1280, height: 800 });
  for (const [person, lang] of [[facilitator, 'en'], [ada, 'de']] as const) {
    const page = person.page;
    if (lang === 'de') await page.getByLabel('Language').selectOption('de');
    const words = lang === 'de' ? 'Verbinde neu… deine Änderungen bleiben erhalten' : 'Reconnecting… your changes are kept';
    const again = lang === 'de' ? 'Jetzt neu verbinden' : 'Reconnect now';
    const bar = page.getByRole('region', { name: lang === 'de' ? 'Neuigkeiten im Raum' : 'Room news' });
    const field = page.getByLabel(lang === 'de' ? 'Neue Karte in Anfangen' : 'New card in Start');
    await field.click();
    const header = page.locator('.board-header');
    const headerHeight = async () => Math.round((await header.boundingBox())!.height);
    const top = async () => Math.round((await field.boundingBox())!.y);
    const connectedHeader = await headerHeight();
    const before = await top();

    await page.context().setOffline(true);
    await expect(bar.getByText(words)).toBeInViewport({ ratio: 1 });
    // the sticky header took a second row (42 px) for the words and "Reconnect now": more of the page under it, and
    // the content moved down where the browser does not anchor the scroll
    expect(await headerHeight(), `${lang}: the header's height offline`).toBe(connectedHeader);
    expect(await top(), `${lang}: the field's top offline`).toBe(before);
    await expect(bar.getByRole('button', { name: again })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: again })).toHaveCount(1);
    // a screen reader still hears the header's whole word on it (its live region)
    await expect(page.getByTestId('connection-status')).toContainText(words);
    await field.fill('Offline at a desk');
    await field.press('Enter');
    await expect(bar).toContainText(lang === 'de' ? '(1 Änderung wartet auf das Senden)' : '(1 change waiting to send)');
    expect(await headerHeight(), `${lang}: the header's height with a change waiting`).toBe(connectedHeader);

    await page.context().setOffline(false);
    await expect(page.getByTestId('connection-status')).toHaveText(lang === 'de' ? 'Verbunden' : 'Connected', { timeout: 20_000 });
    await expect(bar).not.toContainText(again);
    expect(await headerHeight()).toBe(connectedHeader);
  }
});

test('RC-12 while my connection is down, People does not say who is online: the dots go grey and one line says why; back online, it is live again (en, de)', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Who is here, really');
  await ada.join(link, 'Ada');
  const people = ada.page.getByRole('region', { name: /^People\b/ });
  const fiona = people.getByRole('listitem').filter({ hasText: 'Fiona' });
  const dot = fiona.locator('.dot');
  await expect(fiona).toContainText('(online)');
  await expect(people.getByRole('heading')).toHaveText('People 2 online');
  // the online colour, read once the list shows her online (who is online comes in the room's presence batch, a frame
  // of its own: a dot read before it is still grey, and the grey dot offline would then be 'the online colour')
  const green = await dot.evaluate((el) => getComputedStyle(el).backgroundColor);

  await ada.page.context().setOffline(true);
  await expect(ada.page.getByTestId('connection-status')).toContainText('Reconnecting');
  // Fiona may have left meanwhile: nothing here may say she is online, in words, in the count or by a green dot
  await expect(people).toContainText('Who is here shows again once you are reconnected.');
  await expect(people).not.toContainText('online');
  await expect(fiona).toContainText('Fiona');
  await expect.poll(() => dot.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(green);

  await ada.page.context().setOffline(false);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(people).not.toContainText('Who is here shows again');
  await expect(fiona).toContainText('(online)');
  await expect(people.getByRole('heading')).toHaveText('People 2 online');
  await expect.poll(() => dot.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(green);

  await ada.page.goto(`${ada.page.url().split('?')[0]}?lang=de`);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Verbunden');
  await ada.page.context().setOffline(true);
  await expect(ada.page.getByRole('region', { name: /^Anwesend/ })).toContainText('Wer hier ist, siehst du wieder, sobald du neu verbunden bist.');
});

test('RC-13 a vote cast or taken back while offline says "not sent yet" on its item and in my votes left, until the server has it (en, de)', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Votes on the train');
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Deploys are slow');
  await ada.addCard('Stop', 'Standups run long');
  await facilitator.runTo('Vote');
  const page = ada.page;
  const votesLeft = page.locator('.votes-left');
  const controls = (text: string) => page.locator('.vote-controls').filter({ has: page.getByRole('button', { name: new RegExp(`^(Vote for|Stimme für): ${text}`) }) });
  await ada.voteFor('Standups run long');
  await expect(votesLeft).toHaveText('You have 2 votes left');
  // answered (the mark, which waits a moment before it shows, is gone)
  await expect(controls('Standups run long').getByText('sending…')).toHaveCount(0);

  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-status')).toContainText('Reconnecting');
  await ada.voteFor('Deploys are slow');
  await controls('Standups run long').getByRole('button', { name: /^Remove vote:/ }).click();
  // my intent shows at once (the dots, what I have left), and so does that neither counts until the server has it:
  // before, both looked counted, and nothing on the item said otherwise
  await expect(controls('Deploys are slow').getByRole('img', { name: 'Your votes: 1' })).toBeVisible();
  await expect(controls('Deploys are slow').getByText('not sent yet')).toBeVisible();
  await expect(controls('Standups run long').getByRole('img', { name: 'Your votes: 0' })).toBeVisible();
  await expect(controls('Standups run long').getByText('not sent yet')).toBeVisible();
  await expect(votesLeft).toHaveText('2 votes left · 2 not sent yet');

  await page.context().setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  // answered: the marks go, and the server has both (a reload shows its count)
  await expect(page.getByText('not sent yet')).toHaveCount(0);
  await expect(votesLeft).toHaveText('You have 2 votes left');
  await page.goto(`${page.url().split('?')[0]}?lang=de`);
  await expect(page.getByTestId('connection-status')).toHaveText('Verbunden');
  await expect(controls('Deploys are slow').getByRole('img', { name: 'Deine Stimmen: 1' })).toBeVisible();
  await expect(controls('Standups run long').getByRole('img', { name: 'Deine Stimmen: 0' })).toBeVisible();
  await expect(page.getByText('noch nicht gesendet')).toHaveCount(0);

  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-status')).toContainText('Verbinde neu');
  await controls('Deploys are slow').getByRole('button', { name: /^Stimme für:/ }).click();
  await expect(controls('Deploys are slow').getByText('noch nicht gesendet')).toBeVisible();
  await expect(votesLeft).toHaveText('Noch 1 Stimme · 1 nicht gesendet');
});

test('RC-13 votes cast and taken back again and again while offline: "not sent yet" counts the votes the server does not have, never more than the budget', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Votes in a tunnel');
  await ada.join(link, 'Ada');
  for (const text of ['Deploys are slow', 'Standups run long']) await ada.addCard('Stop', text);
  await ada.addCard('Start', 'Pairing');
  await facilitator.runTo('Vote');
  const page = ada.page;
  const votesLeft = page.locator('.votes-left');
  const controls = (text: string) => page.locator('.vote-controls').filter({ has: page.getByRole('button', { name: new RegExp(`^Vote for: ${text}`) }) });
  await expect(votesLeft).toHaveText('You have 3 votes left');

  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-status')).toContainText('Reconnecting');
  // changing my mind on the train: a vote cast and taken back, three times over, is no vote at all
  for (let i = 0; i < 3; i++) {
    await ada.voteFor('Deploys are slow');
    await expect(controls('Deploys are slow').getByRole('img', { name: 'Your votes: 1' })).toBeVisible();
    await controls('Deploys are slow').getByRole('button', { name: /^Remove vote:/ }).click();
    await expect(controls('Deploys are slow').getByRole('img', { name: 'Your votes: 0' })).toBeVisible();
  }
  await expect(votesLeft).toHaveText('You have 3 votes left');
  await expect(page.getByText('not sent yet')).toHaveCount(0);
  // then one on each: three votes not sent, of a budget of three (it said "0 votes left · 9 not sent yet")
  for (const text of ['Deploys are slow', 'Standups run long', 'Pairing']) await ada.voteFor(text);
  await expect(votesLeft).toHaveText('0 votes left · 3 not sent yet');
  for (const text of ['Deploys are slow', 'Standups run long', 'Pairing']) {
    await expect(controls(text).getByText('not sent yet')).toBeVisible();
    await expect(controls(text).locator('.unsent')).toHaveText('●');
  }

  await page.context().setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.getByText('not sent yet')).toHaveCount(0);
  await expect(votesLeft).toHaveText('You have 0 votes left');
  await page.reload();
  for (const text of ['Deploys are slow', 'Standups run long', 'Pairing']) await expect(controls(text).getByRole('img', { name: 'Your votes: 1' })).toBeVisible();
});

test('RC-15 votes that reach the server after Vote closed are said to be too late, once, not as a count of refused presses', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Votes after the bell');
  await ada.join(link, 'Ada');
  for (const text of ['Deploys are slow', 'Standups run long']) await ada.addCard('Stop', text);
  await facilitator.runTo('Vote');
  const page = ada.page;
  await expect(page.locator('.votes-left')).toHaveText('You have 3 votes left');
  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-status')).toContainText('Reconnecting');
  const controls = page.locator('.vote-controls').filter({ has: page.getByRole('button', { name: /^Vote for: Deploys are slow/ }) });
  // a vote cast and taken back twice, then two kept: six presses, none of which the server will take
  for (let i = 0; i < 2; i++) {
    await ada.voteFor('Deploys are slow');
    await controls.getByRole('button', { name: /^Remove vote:/ }).click();
  }
  await ada.voteFor('Deploys are slow');
  await ada.voteFor('Standups run long');
  await facilitator.runTo('Discuss');
  await page.context().setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  // (the notice's words, without its dismiss button)
  await expect(page.locator('.notice > span')).toHaveText(['Voting had closed before your votes reached the server, so they were not counted.']);
  await expect(page.locator('.notice-count')).toHaveCount(0);
  await expect(page.getByText('That is not possible in this phase.')).toHaveCount(0);
});

test('RC-13 on a group in a narrow column, "not sent yet" takes its own line: the vote buttons beside it keep their size (en, de)', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Votes in a group');
  await ada.page.setViewportSize({ width: 1024, height: 768 });
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Deploys on Fridays');
  await ada.addCard('Stop', 'Friday deploys hurt us');
  await facilitator.runTo('Reveal');
  await ada.groupWith('Friday deploys hurt us', 'Deploys on Fridays');
  await facilitator.runTo('Vote');
  const page = ada.page;
  const controls = page.locator('.group .vote-controls');
  await expect(controls).toHaveCount(1);
  // at 1024 px a group's controls had some 180 px for "−", the dots, "+" and the mark: the buttons were squeezed to
  // slivers ("−" 12 px wide) beside a mark that would not wrap
  const sizes = () => controls.getByRole('button').evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().width)));
  const whole = await sizes();
  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-status')).toContainText('Reconnecting');
  await controls.getByRole('button', { name: /^Vote for:/ }).click();
  await expect(controls.getByText('not sent yet')).toBeVisible();
  expect(await sizes()).toEqual(whole);
  await page.context().setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.getByText('not sent yet')).toHaveCount(0);
  // German's mark is longer still
  await page.goto(`${page.url().split('?')[0]}?lang=de`);
  await expect(page.getByTestId('connection-status')).toHaveText('Verbunden');
  await page.context().setOffline(true);
  await expect(page.getByTestId('connection-status')).toContainText('Verbinde neu');
  await controls.getByRole('button', { name: /^Stimme für:/ }).click();
  await expect(controls.getByText('noch nicht gesendet')).toBeVisible();
  expect(await sizes()).toEqual(whole);
});

test('UI-9 RC-10 a browser that says its network is gone shows "Reconnecting…" at once, not at the next heartbeat, and a card written then waits as sending', async ({ facilitator, ada }) => {
  // the page's clock, held still below: no heartbeat beats (UI-9's 3.5 s), so only the browser's word can turn the indicator
  await ada.page.clock.install();
  const link = await facilitator.createRetro('Wi-Fi off');
  // by the name people use: Chromium's offline switch cuts a socket to 127.0.0.1 at once (the page hears it close), one
  // to localhost it leaves open but silent, as a lost Wi-Fi does
  await ada.join(link.replace('//127.0.0.1:', '//localhost:'), 'Ada');
  const status = ada.page.getByTestId('connection-status');
  await expect(status).toHaveText('Connected');
  await ada.page.clock.pauseAt((await ada.page.evaluate(() => Date.now())) + 1_000);

  // the walk of a five-person retro: Dee's Wi-Fi went, and for 2.8 s her page said "Connected" while she voted
  await ada.page.context().setOffline(true);
  await expect(status).toContainText('Reconnecting', { timeout: 1_000 });
  const column = ada.column('Start');
  await column.getByLabel('New card in Start').fill('Written with the Wi-Fi off');
  await column.getByRole('button', { name: 'Add card' }).click();
  await expect(ada.card('Written with the Wi-Fi off').getByText('sending…')).toBeVisible();

  // (RC-10: back online, it reconnects at once, the clock still held; the card's "sending…" then goes on the clock's time)
  await ada.page.context().setOffline(false);
  await expect(status).toHaveText('Connected');
  await ada.page.clock.resume();
  await expect(ada.card('Written with the Wi-Fi off').getByText('sending…')).toHaveCount(0);
  await expect(ada.card('Written with the Wi-Fi off')).toHaveCount(1);
});

test('DN-1 "I\'m done writing" pressed offline and sent once the room is in Vote marks nobody done voting, and says it came too late', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Done on a train');
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Merging on Fridays');
  await ada.page.context().setOffline(true);
  await expect(ada.page.getByTestId('connection-status')).toContainText('Reconnecting');
  await ada.page.getByRole('button', { name: "I'm done writing" }).click();
  await expect(ada.page.getByRole('button', { name: /I'm done writing/ })).toHaveAttribute('aria-pressed', 'true');
  await facilitator.runTo('Vote');
  const count = facilitator.page.getByRole('region', { name: 'Facilitator' }).getByRole('status').filter({ hasText: /\d of \d/ });
  // (Ada, away, is counted on neither side: DN-2)
  await expect(count).toContainText('0 of 1 done voting');
  await ada.page.context().setOffline(false);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  // her mark was for Write, which is over: it is not her "done voting", on either page
  await expect(ada.page.getByRole('button', { name: "I'm done voting" })).toHaveAttribute('aria-pressed', 'false');
  await expect(ada.page.getByRole('alert').filter({ hasText: 'That is not possible in this phase.' })).toBeVisible();
  await expect(count).toContainText('0 of 2 done voting');
});

test('DN-1 done writing, then the room in Vote: "I\'m done voting" is not pressed, and one press marks her done voting', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Done, then on to Vote');
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Merging on Fridays');
  await ada.page.getByRole('button', { name: "I'm done writing" }).click();
  await expect(ada.page.getByRole('button', { name: /I'm done writing/ })).toHaveAttribute('aria-pressed', 'true');
  await facilitator.runTo('Vote');
  await ada.expectPhase('Vote');
  // her mark was Write's: in Vote she has said nothing yet (it showed "✓ I'm done voting", pressed, until her own view
  // was next sent, and a press then took back a mark she never made)
  await expect(ada.page.getByRole('button', { name: "I'm done voting" })).toHaveAttribute('aria-pressed', 'false');
  await ada.page.getByRole('button', { name: "I'm done voting" }).click();
  const count = facilitator.page.getByRole('region', { name: 'Facilitator' }).getByRole('status').filter({ hasText: /\d of \d/ });
  await expect(count).toContainText('1 of 2 done voting');
});
