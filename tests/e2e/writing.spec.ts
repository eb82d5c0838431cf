import { test, expect } from './fixtures/team';
import type { Locator, Page } from '@playwright/test';
import { FacilitationPage } from './pages/FacilitationPage';

/** My own card, confirmed by the server (no longer "sending…"). */
async function expectConfirmed(page: Page, text: string): Promise<void> {
  const card = page.getByRole('article').filter({ hasText: text });
  await expect(card).toHaveCount(1);
  await expect(card.getByText('sending…')).toHaveCount(0);
}

/** Fills `field` with `typed` characters and pastes `pasted` more: UI-7 refuses them with the message when they do not
 * fit its `limit`, and the field keeps what it held. */
async function pasteInto(field: Locator, typed: number, pasted: number, limit: number): Promise<void> {
  const page = field.page();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await field.fill('x'.repeat(typed));
  await page.evaluate((n) => navigator.clipboard.writeText('y'.repeat(n)), pasted);
  await field.focus();
  await field.press('ControlOrMeta+V');
  const n = (count: number) => count.toLocaleString('en-US'); // as the page writes them: 1,000
  await expect(page.getByRole('alert').filter({ hasText: `Nothing was pasted: that text has ${n(pasted)} characters and there is room for ${n(limit - typed)} (this field holds ${n(limit)})` })).toBeVisible();
  await expect(field).toHaveValue('x'.repeat(typed));
}

test('UI-7 Enter adds a card, Shift+Enter is a new line, the hint says so, focus stays in the box, and an edit starts after the words', async ({ facilitator }) => {
  const page = facilitator.page;
  await facilitator.createRetro('Writing check');
  const column = page.getByRole('region', { name: 'Start', exact: true });
  const box = column.getByLabel('New card in Start');
  await expect(column.getByText('Enter adds the card · Shift+Enter starts a new line')).toBeVisible();

  await box.fill('First line');
  await box.press('Shift+Enter');
  await box.pressSequentially('second line');
  await expect(box).toHaveValue('First line\nsecond line');
  await box.press('Enter');
  await expectConfirmed(page, 'second line');
  await expect(box).toHaveValue('');
  await expect(box).toBeFocused();

  // The button path keeps focus in the box too.
  await box.fill('Another one');
  await column.getByRole('button', { name: 'Add card' }).click();
  await expectConfirmed(page, 'Another one');
  await expect(box).toBeFocused();

  // An edit field opens with the caret after the words (it was at 0: End on a wrapped card went to its first line's end)
  const caret = (field: Locator) => field.evaluate((el: HTMLInputElement | HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd, el.value.length]);
  await page.getByRole('button', { name: 'Edit: Another one' }).click();
  await expect(page.getByLabel('Edit card')).toBeFocused();
  expect(await caret(page.getByLabel('Edit card'))).toEqual([11, 11, 11]);
  await page.getByRole('button', { name: 'Rename' }).click();
  expect(await caret(page.getByLabel('Retro name'))).toEqual([13, 13, 13]);
});

/** How many pixels of `field` are out of sight: under the news line at the foot (and any bar above it) or under the
 * window's bottom, or above the window's top. 0 when it is whole in sight. */
function outOfSight(field: Locator): Promise<number> {
  return field.evaluate((element) => {
    const bars = [...document.querySelectorAll('.step-bar, .room-bar')].map((bar) => bar.getBoundingClientRect().top);
    const box = element.getBoundingClientRect();
    return Math.round(Math.max(0, box.bottom - Math.min(window.innerHeight, ...bars)) + Math.max(0, -box.top));
  });
}

test('UI-7 at a desk the box and an action\'s field stay in sight as cards and actions added with Enter push them down', async ({ facilitator }) => {
  // README "Writing": "the cursor stays in the box for the next one, in sight however far the cards above it push it
  // down"; an action's field "stays in sight". The phone had tests (phone.spec UI-7); the desk had none.
  test.setTimeout(120_000);
  const page = facilitator.page;
  await facilitator.createRetro('Writing at a desk');
  const box = page.getByRole('region', { name: 'Start', exact: true }).getByLabel('New card in Start');
  await box.focus();
  for (let i = 1; i <= 12; i++) {
    await page.keyboard.type(`Card number ${i}, long enough to take a line or two in its column at a desk`);
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('and a second line');
    await page.keyboard.press('Enter');
    await expectConfirmed(page, `Card number ${i},`);
    await expect(box).toBeFocused();
    await expect.poll(() => outOfSight(box), { message: `the box after card ${i}` }).toBe(0);
  }
  const lastCard = page.getByRole('article').filter({ hasText: 'Card number 12,' });
  expect(await lastCard.evaluate((card) => card.getBoundingClientRect().top), 'the cards did push the box below the first screen').toBeGreaterThan(900 / 2);
  expect(await page.evaluate(() => window.scrollY), 'the page scrolled to keep it in sight').toBeGreaterThan(0);

  await facilitator.runTo('Discuss');
  await page.getByRole('button', { name: 'Start with the first item' }).click();
  const action = page.getByLabel('New action').first();
  await action.focus();
  for (let i = 1; i <= 6; i++) {
    await page.keyboard.type(`Action number ${i}, worded long enough to take more than one line in the item`);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article', { name: new RegExp(`^Action: Action number ${i},`) })).toBeVisible();
    await expect(action).toBeFocused();
    await expect.poll(() => outOfSight(action), { message: `the action field after action ${i}` }).toBe(0);
  }
});

test('UI-7 a counter appears near the limit, and a paste that does not fit is refused with a message, not cut', async ({ facilitator }) => {
  const page = facilitator.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await facilitator.createRetro('Writing check');
  const column = page.getByRole('region', { name: 'Start', exact: true });
  const box = column.getByLabel('New card in Start');

  await box.fill('x'.repeat(700));
  await expect(column.getByText(/characters$/)).toHaveCount(0);
  await box.fill('x'.repeat(850));
  await expect(column.getByText('850 / 1,000 characters')).toBeVisible();

  await page.evaluate(() => navigator.clipboard.writeText('y'.repeat(400)));
  await box.focus();
  await box.press('ControlOrMeta+V');
  await expect(column.getByRole('alert')).toContainText('Nothing was pasted: that text has 400 characters and there is room for 150');
  await expect(box).toHaveValue('x'.repeat(850));

  await page.evaluate(() => navigator.clipboard.writeText('y'.repeat(100)));
  await box.press('ControlOrMeta+V');
  await expect(box).toHaveValue('x'.repeat(850) + 'y'.repeat(100));
  await expect(column.getByRole('alert')).toHaveCount(0);
});

test('UI-8 typing :smile suggests emoji; Enter picks one instead of adding the card', async ({ facilitator }) => {
  const page = facilitator.page;
  await facilitator.createRetro('Writing check');
  const column = page.getByRole('region', { name: 'Start', exact: true });
  const box = column.getByLabel('New card in Start');
  // README: "from a small built-in list, fetched the first time a code is typed": the board and plain words fetch it not
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (/\/emojiList-[^/]*\.js$/.test(new URL(request.url()).pathname)) fetched.push(request.url());
  });
  await box.pressSequentially('Pairing went well');
  await expect(box).toHaveValue('Pairing went well');
  expect(fetched, 'the emoji list before any code was typed').toEqual([]);
  await box.pressSequentially(' :smi');
  const list = column.getByRole('listbox', { name: 'Emoji suggestions' });
  await expect(list.getByRole('option', { name: /:smile$/ })).toBeVisible();
  await box.press('Enter');
  await expect(box).toHaveValue('Pairing went well 😄 ');
  await expect(list).toHaveCount(0);
  expect(fetched, 'the emoji list, once a code was typed').toHaveLength(1);
  await box.press('Enter');
  await expectConfirmed(page, 'Pairing went well 😄');
});

test('UI-10 a vote button at the cap keeps focus and says why a press does nothing: the next Enter never removes a vote', async ({ facilitator, ada }) => {
  const page = facilitator.page;
  const link = await facilitator.createRetro('Writing check');
  await ada.join(link, 'Ada');
  await ada.addCard('Start', 'Short reviews');
  await facilitator.runTo('Vote');
  const vote = ada.page.getByRole('button', { name: /^Vote for: Short reviews/ });
  await vote.focus();
  await ada.page.keyboard.press('Enter');
  await expect(ada.page.getByText('You have 2 votes left')).toBeVisible();
  await expect(vote).toBeFocused();
  await ada.page.keyboard.press('Enter');
  await expect(ada.page.getByText('You have 1 vote left')).toBeVisible();
  // one more Enter: focus went to "Remove vote" beside it, and took a vote back
  await ada.page.keyboard.press('Enter');
  await expect(ada.page.getByRole('status').filter({ hasText: 'That item already has as many of your votes as allowed.' })).toHaveCount(1);
  await expect(ada.page.getByLabel('Your votes: 2')).toBeVisible();
  await expect(vote).toBeFocused();
  await expect(vote).toHaveAttribute('aria-disabled', 'true');
});

test('UI-27 a screen reader reads my votes on a card as "Your votes: 2", not as "black circle, black circle, white circle"', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Votes read out');
  await ada.join(link, 'Ada');
  await ada.addCard('Start', 'Short reviews');
  await facilitator.runTo('Vote');
  await ada.voteFor('Short reviews', 2);
  await expect(ada.page.getByText('You have 1 vote left')).toBeVisible();
  // the dots had their words in an aria-label on a plain span, which the accessibility tree leaves out: what was read
  // was the dots themselves (`- text: ●●○`); a picture named in words reads its name (its dots are its picture)
  await expect(ada.column('Start').getByRole('img', { name: 'Your votes: 2' })).toBeVisible();
  expect(await ada.column('Start').ariaSnapshot()).not.toMatch(/^\s*- text: [●○]/m);
});

test('UI-10 after joining with the keyboard, focus lands on the phase heading, not on the page', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Writing check');
  const page = ada.page;
  await page.goto(link);
  await expect(page.getByLabel('Your name')).toBeFocused();
  await page.keyboard.type('Ada');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  const heading = page.getByRole('heading', { name: 'Write', level: 2 });
  await expect(heading).toBeFocused();
  // focus is visible where it lands (UI-13), and the next Tab goes on into the board, not back to the top
  expect(await heading.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.board-main')))).toBe(true);
});

test('PU-7 at a desk "Not now" folds the trust pulse to one line, and it stays folded through Write: cards written, people coming and writing, the language switched, the connection gone and back, the window narrowed to a phone\'s and widened, the page reloaded; "Answer now" opens it (en, de)', async ({ facilitator, ada, bo }) => {
  const link = await facilitator.createRetro('Not now at a desk');
  await ada.join(link, 'Ada');
  expect(ada.page.viewportSize()?.width, 'a desk').toBeGreaterThanOrEqual(1000);
  const question = ada.page.getByRole('radiogroup', { name: /How safe does it feel|Wie sicher fühlt es sich/ });
  const pulse = ada.page.getByRole('region', { name: /^(Trust pulse|Vertrauenspuls)$/ });
  await expect(question).toBeVisible();
  await pulse.getByRole('button', { name: 'Not now' }).click();
  await expect(question).toHaveCount(0);
  await expect(pulse).toContainText('You have not answered. Answer now');
  // focus stays in the pulse, on its way back
  await expect(pulse.getByRole('button', { name: 'Answer now' })).toBeFocused();
  const stillFolded = async (answerNow: string) => {
    await expect(pulse.getByRole('button', { name: answerNow })).toBeVisible();
    await expect(question).toHaveCount(0);
  };
  // she writes; Bo comes (the pulse's line on how many are here changes) and writes; the facilitator answers the pulse
  await ada.addCard('Stop', 'Merging on Fridays');
  await stillFolded('Answer now');
  await bo.join(link, 'Bo');
  await bo.addCard('Start', 'Pairing on reviews');
  await facilitator.page.getByRole('radiogroup', { name: /How safe does it feel/ }).getByRole('radio', { name: '4 — mostly safe' }).check();
  await expect(ada.card('Merging on Fridays')).toBeVisible();
  await stillFolded('Answer now');
  // in German (the page's words drawn again)
  await ada.page.getByLabel('Language').selectOption('de');
  await expect(pulse).toContainText('Du hast nicht geantwortet. Jetzt antworten');
  await stillFolded('Jetzt antworten');
  // the connection goes and comes back (the board is read again from the server)
  await ada.page.context().setOffline(true);
  await expect(ada.page.getByTestId('connection-status')).not.toHaveText('Verbunden');
  await ada.page.context().setOffline(false);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Verbunden');
  await ada.page.getByLabel('Neue Karte in Aufhören').fill('Zu viele Meetings');
  await ada.page.getByLabel('Neue Karte in Aufhören').press('Enter');
  await expect(bo.card('Zu viele Meetings')).toHaveCount(0);
  await expect(ada.card('Zu viele Meetings')).toBeVisible();
  await stillFolded('Jetzt antworten');
  // the window made as narrow as a phone's and wide again (the board drawn anew in sections, then as a desk's)
  await ada.page.setViewportSize({ width: 390, height: 844 });
  await expect(ada.page.getByRole('tablist', { name: 'Bereiche des Boards' })).toBeVisible();
  await ada.page.setViewportSize({ width: 1280, height: 900 });
  await expect(ada.page.getByRole('tablist', { name: 'Bereiche des Boards' })).toHaveCount(0);
  await stillFolded('Jetzt antworten');
  // the page reloaded: "Not now" holds for the tab, not only for the page as it was (it opened again)
  await ada.page.reload();
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Verbunden');
  await expect(ada.card('Zu viele Meetings')).toBeVisible();
  await stillFolded('Jetzt antworten');
  // "Answer now" opens it, focus on its first answer; and it stays open through a reload
  await pulse.getByRole('button', { name: 'Jetzt antworten' }).click();
  await expect(question.getByRole('radio').first()).toBeFocused();
  await ada.page.reload();
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Verbunden');
  await expect(question).toBeVisible();
});

test('UI-7 RC-3 a paste that does not fit an action or an offer is refused with a message, not cut', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Pasting actions');
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Merging on Fridays');
  await facilitator.runTo('Discuss');
  await facilitator.page.getByRole('button', { name: /^Discuss this/ }).first().click();
  const page = ada.page;
  const action = page.getByLabel('New action').first();
  await pasteInto(action, 900, 300, 1000);
  await page.evaluate(() => navigator.clipboard.writeText('y'.repeat(100)));
  await action.press('ControlOrMeta+V');
  await expect(action).toHaveValue('x'.repeat(900) + 'y'.repeat(100));

  await pasteInto(page.getByLabel('Your offer of help, under your name'), 250, 100, 280);

  // WF-10: the name of whom an action asks, outside the room, is refused the same way
  await pasteInto(page.getByLabel('Or ask someone outside the room (optional)').first(), 90, 20, 100);
});

test('UI-7 WF-10 a paste that does not fit a one-line field (team name, retro name at creation and rename, column title and prompt, check-in question, group title) is refused with a message, not cut', async ({ facilitator, ada }) => {
  const page = facilitator.page;
  await page.goto('/');
  await pasteInto(page.getByLabel('Team name'), 90, 20, 100);
  await pasteInto(page.getByLabel('Retro name'), 95, 10, 100);

  const link = await facilitator.createRetro('Pasting names');
  await page.getByRole('button', { name: 'Rename' }).click();
  await pasteInto(page.getByLabel('Retro name'), 95, 10, 100);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Edit columns' }).click();
  await pasteInto(page.getByLabel('Column title').first(), 50, 20, 60);
  await pasteInto(page.getByLabel('Column prompt').first(), 190, 20, 200);
  await page.getByRole('form', { name: 'Edit columns' }).getByRole('button', { name: 'Cancel' }).click();

  await pasteInto(page.getByLabel('Or your own question'), 130, 20, 140);

  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Merging on Fridays');
  await facilitator.addCard('Stop', 'Skipping the standup');
  await facilitator.goTo('Reveal');
  await facilitator.groupWith('Skipping the standup', 'Merging on Fridays');
  await pasteInto(page.getByLabel('Group title'), 90, 20, 100);
});

test('UI-7 WF-10 a paste that does not fit a review\'s reason is refused with a message, not cut', async ({ facilitator }) => {
  test.setTimeout(180_000);
  const page = facilitator.page;
  const promise = 'Write the rollback runbook';
  const teamUrl = await facilitator.createTeam('Pasting team');
  await facilitator.startTeamRetro(teamUrl, 'Sprint 1');
  await facilitator.goTo('Write');
  await facilitator.addCard('Stop', 'Rollbacks by hand');
  await facilitator.runTo('Discuss');
  await page.getByRole('button', { name: /^Discuss this/ }).first().click();
  await page.getByLabel('New action').fill(promise);
  await page.getByRole('button', { name: /^Add action/ }).click();
  await expect(page.getByRole('article', { name: `Action: ${promise}` })).toBeVisible();
  await facilitator.runTo('Close');

  await facilitator.startTeamRetro(teamUrl, 'Sprint 2');
  await page.getByRole('button', { name: `Not done: ${promise}`, exact: true }).click();
  await pasteInto(page.getByLabel('What got in the way?'), 130, 20, 140);
});

test('UI-7 JN-1 a paste that does not fit the name one joins with, or a board password (set, or entered at the door), is refused with a message, not cut', async ({ facilitator, ada }) => {
  const room = new FacilitationPage(facilitator.page, 'facilitator');

  const link = await facilitator.createRetro('Pasting at the door');
  await pasteInto(room.panel().getByLabel(/board password/i), 60, 10, 64);
  await room.setPassword('blue heron');

  await ada.page.goto(link);
  await pasteInto(ada.page.getByLabel('Your name'), 35, 10, 40);
  await ada.page.getByLabel('Your name').fill('Ada');
  await ada.page.getByRole('button', { name: 'Join' }).click();
  await pasteInto(ada.page.getByLabel('Board password'), 60, 10, 64);
});

test('UI-7 PL-1 a refused paste\'s message follows a language switch, numbers and all', async ({ facilitator }) => {
  const page = facilitator.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await facilitator.createRetro('Writing check');
  const box = page.getByRole('region', { name: 'Start', exact: true }).getByLabel('New card in Start');
  await pasteInto(box, 850, 1200, 1000);
  await page.getByLabel('Language').selectOption('de');
  // German writes its thousands with a point: 1.200, 1.000
  await expect(page.getByRole('alert').filter({ hasText: 'Nichts wurde eingefügt: Der Text hat 1.200 Zeichen, Platz ist für 150 (das Feld fasst 1.000).' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was pasted' })).toHaveCount(0);
});
