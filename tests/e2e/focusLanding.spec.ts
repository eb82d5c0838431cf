import { test, expect } from './fixtures/team';
import type { Page } from '@playwright/test';
import { discussingOneCard } from './pages/DiscussionPage';
import { expectFocusVisible, tabTo } from './pages/keyboard';

/**
 * UI-10: where focus goes when the room takes away the control that had it. Not into a text field others share
 * (the next keys would edit the room's action), and not onto whatever control comes first after a phase change
 * (Space on a pulse radio changed an anonymous answer, Space on a drag grip picked a card up).
 */

/** what has focus, as a person would name it: the tag, and the field's name or the text of a heading */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()}${el.getAttribute('name') ? ` name=${el.getAttribute('name')}` : ''} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40) ?? ''}`.trim();
  });
}

test('UI-10 when a consensus check closes under my focus, focus goes to the check, never into the action\'s text', async ({ facilitator, ada }) => {
  await discussingOneCard(facilitator, ada, 'Closing check', 'The build breaks every Monday');
  await facilitator.page.getByLabel('New action').fill('Pair on the build script');
  await facilitator.page.getByRole('button', { name: 'Add action' }).click();
  await facilitator.page.getByRole('button', { name: 'Check consensus: Pair on the build script' }).click();
  // starting it, the facilitator's focus does not fall on a fist-of-five answer either (an arrow key would answer)
  await expect(facilitator.page.getByRole('radiogroup', { name: 'Fist of five' })).toBeVisible();
  expect(await focused(facilitator.page)).not.toMatch(/^input/);

  await facilitator.page.getByRole('radio', { name: '5 — fully support' }).click();
  // Ada answers last, with the keyboard: two of two answered, the check closes under her focus
  const four = ada.page.getByRole('radio', { name: '4 — support' });
  await four.focus();
  await ada.page.keyboard.press('Space');
  for (const person of [ada, facilitator]) {
    const check = person.page.getByRole('group', { name: 'Consensus check: Pair on the build script' });
    await expect(check.getByText('Not enough answers to show without identifying anyone')).toBeVisible();
    await expect(check).toBeFocused();
    expect(await focused(person.page)).not.toMatch(/^(textarea|input)/);
  }
  // and a key pressed now changes no shared text
  await ada.page.keyboard.type('x');
  await expect(facilitator.page.getByRole('textbox', { name: 'Action: Pair on the build script', exact: true })).toHaveValue('Pair on the build script');
});

test('UI-10 after a phase change, focus goes to the new phase\'s heading, or stays on a control that is still there', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Phase focus');
  await ada.join(link, 'Ada');
  const page = ada.page;
  await ada.addCard('Stop', 'Merging on Fridays');

  // Write → Reveal, focus on the pulse answer Ada chose with Space
  const pulse = page.getByRole('radiogroup', { name: /How safe does it feel/ });
  await pulse.getByRole('radio', { name: '4 — mostly safe' }).focus();
  await page.keyboard.press('Space');
  await expect(pulse.getByRole('radio', { name: '4 — mostly safe' })).toBeChecked();
  await facilitator.goTo('Reveal');
  await expect(page.getByRole('heading', { level: 2, name: 'Reveal' })).toBeFocused();

  // Reveal → Vote, focus on a card's drag grip
  await ada.grip('Merging on Fridays').focus();
  await facilitator.goTo('Vote');
  await expect(page.getByRole('heading', { level: 2, name: 'Vote' })).toBeFocused();

  // Vote → Discuss, focus on "I'm done voting"
  await page.getByRole('button', { name: "I'm done voting" }).focus();
  await facilitator.goTo('Discuss');
  await expect(page.getByRole('heading', { level: 2, name: 'Discuss' })).toBeFocused();
  // the heading is no Tab stop, and focus on it is visible
  await expect(page.getByRole('heading', { level: 2, name: 'Discuss' })).toHaveAttribute('tabindex', '-1');
  expect(await page.getByRole('heading', { level: 2, name: 'Discuss' }).evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');

  // Discuss → Act, focus on a control outside the phase (the header's Share): it stays there
  await page.getByRole('button', { name: 'Share', exact: true }).focus();
  await facilitator.goTo('Act');
  await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeFocused();
});

test('UI-10 the heading a phase change focuses is in sight, below the header that stays at the top, even from far down the page', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Phase heading in sight');
  await ada.join(link, 'Ada');
  const page = ada.page;
  for (let i = 1; i <= 8; i++) await ada.addCard(i % 2 ? 'Stop' : 'Start', `Card number ${i}, long enough to take a line or two of the column`);
  /** where the focused element is against the header's bottom and the window's */
  const focusedInSight = () =>
    page.evaluate(() => {
      const header = document.querySelector('.board-header')!.getBoundingClientRect();
      const box = document.activeElement!.getBoundingClientRect();
      return { tag: document.activeElement!.tagName, top: Math.round(box.top), headerBottom: Math.round(header.bottom), bottom: Math.round(box.bottom), windowBottom: window.innerHeight };
    });
  for (const phase of ['Reveal', 'Vote', 'Discuss'] as const) {
    // Ada has read far down the page (the cards) when the facilitator goes on
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(50);
    await facilitator.goTo(phase);
    const heading = page.getByRole('heading', { level: 2, name: phase, exact: true });
    await expect(heading).toBeFocused();
    const seen = await focusedInSight();
    expect(seen.tag).toBe('H2');
    expect(seen.top, `${phase}: the heading starts under the header`).toBeGreaterThanOrEqual(seen.headerBottom);
    expect(seen.bottom, `${phase}: the heading is below the window`).toBeLessThanOrEqual(seen.windowBottom);
  }
});

test('UI-10 at the door, a keyboard joiner\'s focus goes to what the door says, never to the language switch an arrow key would change', async ({ facilitator, ada, bo }) => {
  const link = await facilitator.createRetro('Door focus');
  const panel = facilitator.page.getByRole('region', { name: 'Facilitator' });
  await panel.getByLabel('Newcomers knock; I let them in').check();
  await expect(panel.getByLabel('Newcomers knock; I let them in')).toBeChecked();

  // Ada knocks from the keyboard: her name, then Enter
  await ada.page.goto(link);
  await ada.page.getByLabel('Your name').fill('Ada');
  await ada.page.getByLabel('Your name').press('Enter');
  const knocked = ada.page.getByRole('heading', { name: 'You knocked' });
  await expect(knocked).toBeFocused();
  // the facilitator says not now: she reads why, with focus on it, and a key changes no language
  await panel.getByRole('listitem').filter({ hasText: 'Ada' }).getByRole('button', { name: 'Not now' }).click();
  const refused = ada.page.getByRole('heading', { name: 'You are not on this board' });
  await expect(refused).toBeFocused();
  await ada.page.keyboard.press('ArrowDown');
  await expect(ada.page.getByLabel('Language')).toHaveValue('en');
  await expect(refused).toBeVisible();

  // Bo meets joining locked, from the keyboard too
  await panel.getByLabel('Lock joining (nobody new gets in)').check();
  await expect(panel.getByLabel('Lock joining (nobody new gets in)')).toBeChecked();
  await bo.page.goto(link);
  await bo.page.getByLabel('Your name').fill('Bo');
  await bo.page.getByLabel('Your name').press('Enter');
  await expect(bo.page.getByRole('heading', { name: 'You are not on this board' })).toBeFocused();
  await expect(bo.page.getByText('Joining is closed for this retro. Ask Fiona to open it.')).toBeVisible();
});

test('UI-10 grouping with "Group with…" and "Ungroup" from the keyboard, focus stays on the card that moved, never on another card\'s control', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Group focus');
  await ada.join(link, 'Ada');
  for (const text of ['Alpha card one', 'Beta card two', 'Gamma card three']) await ada.addCard('Start', text);
  await facilitator.goTo('Reveal');
  const page = facilitator.page;

  // UI-32: Enter on the card's "⋯" opens its list, and Tab goes into it
  const more = facilitator.card('Gamma card three').getByRole('button', { name: 'Card actions: Gamma card three' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(facilitator.card('Gamma card three').getByRole('button', { name: 'Hide card' })).toBeFocused();

  // Gamma joins Beta: Enter on "Group with…", the picker opens with focus, Enter on the choice
  await facilitator.card('Gamma card three').getByRole('button', { name: 'Group with…' }).focus();
  await page.keyboard.press('Enter');
  const picker = facilitator.card('Gamma card three').getByLabel('Choose a card to group with');
  await expect(picker).toBeFocused();
  await picker.selectOption({ label: 'Beta card two' });
  await expect(facilitator.card('Gamma card three').getByRole('button', { name: 'Ungroup' })).toBeVisible();
  // the card drawn again in its group keeps focus on its own "Group with…", not on Alpha's grip or hide button
  await expect(facilitator.card('Gamma card three').getByRole('button', { name: 'Group with…' })).toBeFocused();

  // out again: focus goes with the card to where it now stands alone
  await facilitator.card('Gamma card three').getByRole('button', { name: 'Ungroup' }).focus();
  await page.keyboard.press('Enter');
  await expect(facilitator.card('Gamma card three').getByRole('button', { name: 'Ungroup' })).toHaveCount(0);
  await expect(facilitator.card('Gamma card three').getByRole('button', { name: 'Group with…' })).toBeFocused();

  // Escape closes the picker and gives focus back to the button that opened it
  await page.keyboard.press('Enter');
  await expect(facilitator.card('Gamma card three').getByLabel('Choose a card to group with')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(facilitator.card('Gamma card three').getByRole('button', { name: 'Group with…' })).toBeFocused();
  // and the button says which card it acts on, by its words
  await expect(page.getByRole('button', { name: 'Group with…: Gamma card three' })).toBeFocused();
  // Escape again leaves the list for its "⋯", closed (UI-32)
  await page.keyboard.press('Escape');
  await expect(more).toBeFocused();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await expect(facilitator.card('Gamma card three').getByRole('button', { name: 'Group with…' })).toHaveCount(0);
  // opened with the pointer, a press anywhere outside the card closes it
  await more.click();
  await expect(facilitator.card('Gamma card three').getByRole('button', { name: 'Group with…' })).toBeVisible();
  await page.getByRole('heading', { name: 'Reveal', level: 1 }).or(page.getByRole('heading', { name: 'Reveal' })).first().click();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
});

test('UI-32 WG-1 with a card\'s list open, one click on the "⋯" of a card below opens that card\'s list', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('One click per list');
  await ada.join(link, 'Ada');
  for (const text of ['Alpha card one', 'Beta card two', 'Gamma card three', 'Delta card four']) await ada.addCard('Stop', text);
  await facilitator.goTo('Reveal');
  // the list above is open; its Edit, Delete, "Show my name" and grouping links push the cards under it down
  await ada.cardMenu('Alpha card one');
  // a person's one click on a lower card's "⋯": the press closed the list above, the cards moved up under the
  // pointer, and the click that followed landed between cards (nothing opened, a second click was needed)
  for (const text of ['Gamma card three', 'Delta card four']) {
    const more = ada.card(text).getByRole('button', { name: `Card actions: ${text}` });
    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await expect(ada.card(text).getByRole('button', { name: 'Group with…' })).toBeVisible();
  }
  await expect(ada.page.getByRole('button', { name: /^Card actions:/, expanded: true })).toHaveCount(1);
});

test('WF-1 UI-10 someone who joins late, in Vote or Discuss, lands on the phase\'s heading, not on the header\'s Share', async ({ facilitator, ada, bo }) => {
  const link = await facilitator.createRetro('Late focus');
  await facilitator.addCard('Stop', 'Merging on Fridays');
  await facilitator.runTo('Vote');
  // the Vote phase's code is a chunk of its own, not yet on a newcomer's page when the join form goes away
  await ada.page.goto(link);
  await ada.page.getByLabel('Your name').fill('Ada');
  await ada.page.getByLabel('Your name').press('Enter');
  await expect(ada.page.getByRole('heading', { level: 2, name: 'Vote' })).toBeFocused();
  expect(await focused(ada.page)).toBe('h2 Vote');

  await facilitator.goTo('Discuss');
  await bo.page.goto(link);
  await bo.page.getByLabel('Your name').fill('Bo');
  await bo.page.getByRole('button', { name: 'Join' }).click();
  await expect(bo.page.getByRole('heading', { level: 2, name: 'Discuss' })).toBeFocused();
  // WJ-3: the window narrowed to a phone's, the board drawn in its phone layout: focus stays on the phase's heading
  // (it went to the header's Share, and the next Tab started from the top)
  await bo.page.setViewportSize({ width: 390, height: 844 });
  await expect(bo.page.getByRole('heading', { level: 2, name: 'Discuss' })).toBeFocused();
});

test('WF-2 UI-10 the facilitator who moves the retro on from far down the page sees the new phase from its heading, where her focus lands', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Facilitator in sight');
  await ada.join(link, 'Ada');
  const page = facilitator.page;
  for (let i = 1; i <= 10; i++) await ada.addCard(i % 2 ? 'Stop' : 'Start', `Card number ${i}, long enough to take a line or two of the column`);
  // in Write she sees only her own cards: a few, so that Write, too, has a far down (since PU-8 it fits her screen)
  for (let i = 1; i <= 4; i++) await facilitator.addCard('Continue', `Fiona's card ${i}, long enough to take a line or two of the column`);
  for (const phase of ['Reveal', 'Vote', 'Discuss'] as const) {
    // Fiona has read far down the cards when she presses "Next" in her panel, which stays in sight
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(50);
    await facilitator.goTo(phase);
    const heading = page.getByRole('heading', { level: 2, name: phase, exact: true });
    await expect(heading).toBeVisible();
    // the new phase reads from its top: its heading is under the header that stays at the top, not scrolled past
    await expect
      .poll(() =>
        heading.evaluate((el) => {
          const header = document.querySelector('.board-header')!.getBoundingClientRect();
          const box = el.getBoundingClientRect();
          return box.top >= Math.round(header.bottom) - 1 && box.bottom <= window.innerHeight;
        }),
        { message: `${phase}: the heading is in sight` },
      )
      .toBe(true);
    // and her focus is there too, where the new phase starts (it stayed on the step buttons' group, "Now: Vote", and
    // the next Tab went on past the board's end)
    await expect(heading).toBeFocused();
  }
});

test('UI-10 PR-3 a step to a phase whose code is still on its way: the facilitator\'s focus waits on the step buttons ("Now: Reveal"), then lands on Reveal\'s heading when it comes; so does a participant\'s that went with Write, whose news line then does not say it again', async ({ facilitator, ada }) => {
  // the later parts fetched ahead (every phase after Write) held back on both pages until the step is taken; the
  // facilitator's step buttons come in the other file, with what Write shows (AB-15, since stop 69)
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  for (const person of [facilitator, ada]) await person.page.route(/\/assets\/boardLater-/, async (route) => held.then(() => route.continue()));
  const link = await facilitator.createRetro('Code on its way');
  await ada.join(link, 'Ada');
  await ada.addCard('Start', 'Pairing on deploys');
  await ada.page.getByLabel('New card in Stop').focus();
  const page = facilitator.page;
  await page.getByRole('button', { name: 'Next: Reveal' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').getByRole('button', { name: 'Reveal all cards' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Now: Reveal' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Reveal', exact: true })).toHaveCount(0);
  await ada.expectPhase('Reveal');
  release();
  // (the phase before, kept hidden in its place while Reveal's code came, held a heading that took no focus, and
  // nothing then waited for Reveal's: her focus stayed on the group)
  await expect(page.getByRole('heading', { level: 2, name: 'Reveal', exact: true })).toBeFocused();
  await expect(ada.page.getByRole('heading', { level: 2, name: 'Reveal', exact: true })).toBeFocused();
  // PR-3: her heading said it; the news line, which waited to know, shows it and does not say it again
  const news = ada.page.getByRole('region', { name: 'Room news' }).getByRole('status');
  await expect(news).toContainText('The retro moved on to Reveal.');
  expect(await news.ariaSnapshot()).not.toContain('moved on');
});

test('PL-3 WF-1 UI-10 CI-1 someone who joins while the check-in question is open lands on the phase\'s heading, as anyone joining does, and the question comes next', async ({ facilitator, ada, bo }) => {
  const link = await facilitator.createRetro('Late check-in focus');
  const question = 'Weather report: sunny, cloudy or stormy?';
  await facilitator.page.getByLabel('Question', { exact: true }).selectOption({ label: question });
  await facilitator.page.getByRole('button', { name: 'Ask this question' }).click();
  await expect(facilitator.page.locator('.check-in-question')).toHaveText(question);

  // by keyboard (Enter in the name field) and by a click on Join: the check-in's part loads with the board
  for (const [person, name, how] of [[ada, 'Ada', 'Enter'], [bo, 'Bo', 'click']] as const) {
    await person.page.goto(link);
    await person.page.getByLabel('Your name').fill(name);
    if (how === 'Enter') await person.page.getByLabel('Your name').press('Enter');
    else await person.page.getByRole('button', { name: 'Join' }).click();
    await expect(person.page.getByRole('heading', { level: 2, name: 'Write' })).toBeFocused();
    expect(await focused(person.page)).toBe('h2 Write');
    // the question is on the page for a screen reader (its region, not hidden) and follows where focus is: reading
    // on from the heading reaches it before anything else of the phase
    const asked = person.page.getByRole('region', { name: 'Check-in' }).getByRole('status');
    await expect(asked).toHaveText(question);
    await expect(asked.locator('[aria-hidden="true"]')).toHaveCount(0);
    expect(
      await person.page.evaluate(() => {
        const heading = document.activeElement!;
        const checkIn = document.querySelector('.check-in')!;
        const next = [...document.querySelectorAll('main h2, main h3, main [role="status"], main section')].find((el) => heading.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && !heading.contains(el));
        return { follows: Boolean(heading.compareDocumentPosition(checkIn) & Node.DOCUMENT_POSITION_FOLLOWING), first: next === checkIn || Boolean(next && checkIn.contains(next)) };
      }),
    ).toEqual({ follows: true, first: true });
  }
});

test('UI-10 FA-2 the role handed over from the keyboard, focus stays on the new facilitator\'s row in People, never on "Leave and forget me here…"', async ({ facilitator, ada }) => {
  const page = facilitator.page;
  const link = await facilitator.createRetro('Handing over by keyboard');
  await ada.join(link, 'Ada');
  const people = page.getByRole('region', { name: /^People/ });
  await tabTo(page, people.getByRole('button', { name: 'Hand over to Ada' }));
  await page.keyboard.press('Enter');
  // the question opens on its way back out (Cancel); the handover is one Shift+Tab before it
  await tabTo(page, people.getByRole('button', { name: 'Yes, hand over' }), { max: 2, backwards: true });
  await page.keyboard.press('Enter');
  await expect(ada.page.getByRole('region', { name: 'Facilitator' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Facilitator' })).toHaveCount(0);
  // the "Hand over" and "Remove" went, and the whole panel with them: focus fell to the column's next control, the
  // one that leaves the retro and forgets who I was here. It stays on the row that says what the handover did.
  const row = people.getByRole('listitem').filter({ hasText: 'Ada' });
  await expect(row).toContainText('Facilitator');
  await expectFocusVisible(row);
  await expect(page.getByRole('button', { name: 'Leave and forget me here…' })).not.toBeFocused();
});

test('UI-10 MO-3 a card hidden from the keyboard leaves focus on the card that took its place (or the one before the last), not at the column\'s top', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Hide focus');
  await ada.join(link, 'Ada');
  for (const text of ['Alpha card one', 'Beta card two', 'Gamma card three', 'Delta card four', 'Epsilon card five']) await ada.addCard('Start', text);
  await facilitator.goTo('Reveal');
  const page = facilitator.page;
  const grips = facilitator.column('Start').getByRole('button', { name: /^Move card: / });
  await expect(grips).toHaveCount(5);
  const order = async () => (await grips.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')!.replace('Move card: ', ''))));
  /** the facilitator hides a card as a keyboard does it: "⋯", Tab to "Hide card", Enter, Tab to the dialog's "Hide card", Enter */
  const hide = async (text: string) => {
    const more = facilitator.card(text).getByRole('button', { name: `Card actions: ${text}` });
    await more.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(facilitator.card(text).getByRole('button', { name: 'Hide card' })).toBeFocused();
    await page.keyboard.press('Enter');
    await tabTo(page, facilitator.dialog().getByRole('button', { name: 'Hide card' }));
    await page.keyboard.press('Enter');
    await expect(facilitator.card(text)).toHaveCount(0);
  };
  // the third card of five: focus goes on to the card now third (it went to the first card's grip, at the column's
  // top, and a keyboard walking the column started over)
  const before = await order();
  await hide(before[2]!);
  await expectFocusVisible(page.getByRole('button', { name: `Move card: ${before[3]}` }));
  // the last card: the one before it
  await hide(before[4]!);
  await expect(page.getByRole('button', { name: `Move card: ${before[3]}` })).toBeFocused();
});
