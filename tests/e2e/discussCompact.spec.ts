import { test, expect } from './fixtures/team';
import { longDiscussion } from './pages/DiscussionPage';

/**
 * UI-24: far into Discuss the page stays short. The item being discussed is open with its notes and actions; the
 * others are one line each, and a discussed one opens its actions when asked. The facilitator's "Next item" and
 * "Next: Act" stay on screen wherever the page is scrolled.
 */
test('UI-24 far into Discuss the current item is on the first screen, the others are one line each, and the facilitator\'s next steps stay in reach', async ({ facilitator, ada, bo }, testInfo) => {
  test.setTimeout(180_000);
  const current = await longDiscussion(facilitator, ada, bo, 'Long retro');
  const page = facilitator.page;
  const viewport = page.viewportSize()!;

  for (const person of [facilitator, ada]) {
    const item = person.page.getByRole('article', { name: `Now discussing: ${current}` });
    await expect(item).toBeVisible();
    await person.page.evaluate(() => window.scrollTo(0, 0));
    // the current item starts on the first screen, its notes field there too
    const box = (await item.boundingBox())!;
    expect(box.y, `${person.who}: the current item starts ${box.y}px down`).toBeLessThan(viewport.height * 0.6);
    // the whole page is a little more than the current item: 8 items, 2 of them discussed with actions
    const height = await person.page.evaluate(() => document.documentElement.scrollHeight);
    expect(height, `${person.who}: the page is ${height}px long`).toBeLessThan(box.height + 900);
    // an item not discussed is one line
    const waiting = person.page.getByRole('article', { name: /^8\. / });
    expect((await waiting.boundingBox())!.height).toBeLessThan(60);
  }
  await facilitator.screenshot(testInfo, 'discuss-compact');

  // a discussed item's actions are one click away, and only for whoever opened them
  const first = page.getByRole('article', { name: /^1\. / });
  await expect(first.getByRole('article', { name: 'Action: Action 1' })).toHaveCount(0);
  const toggle = first.getByRole('button', { name: /^Actions \(1\)/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(first.getByRole('article', { name: 'Action: Action 1' })).toBeVisible();
  await expect(ada.page.getByRole('article', { name: 'Action: Action 1' })).toHaveCount(0);
  await toggle.click();
  await expect(first.getByRole('article', { name: 'Action: Action 1' })).toHaveCount(0);

  // scrolled to the bottom, "Next item" and "Next: Act" are still on screen
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(page.getByRole('button', { name: 'Next item →' })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Next: Act' })).toBeInViewport();

  // AC-1: Ada was still typing an action for the current item when the facilitator moved on: her words wait under it
  const field = 'New action';
  await ada.page.getByRole('article', { name: `Now discussing: ${current}` }).getByLabel(field).fill('Pair on the flaky test');
  await page.getByRole('button', { name: 'Next item →' }).click();
  // (its name says it was discussed: UI-24)
  const left = ada.page.getByRole('article', { name: `3. ${current}, discussed`, exact: true });
  await expect(left.getByRole('button', { name: /^Actions \(0\)/ })).toBeVisible();
  // WI-3: closed, the item says her words wait there (walk I: a phone that slept through "Next item" came back to
  // "Actions (0)" and nothing said where the action it was typing had gone); the first item, with no draft, does not
  await expect(left.getByRole('button', { name: /^Actions \(0\)/ })).toHaveText('Actions (0) · your draft');
  await expect(ada.page.getByRole('article', { name: /^1\. / }).getByRole('button', { name: /^Actions \(1\)/ })).toHaveText('Actions (1)');
  await left.getByRole('button', { name: /^Actions \(0\)/ }).click();
  await expect(left.getByLabel(field)).toHaveValue('Pair on the flaky test');

  // AC-10: the retro closes with words unsent: Ada's summary shows hers once, to copy (only her screen: nothing is
  // sent); Bo's, typed in the item now discussed, likewise. Dismissed, or the board left, they are gone from storage.
  await bo.page.getByRole('article', { name: /^Now discussing/ }).getByLabel(field).fill('Ask ops for a second runner');
  const unsent = (person: typeof ada) => person.page.getByRole('region', { name: 'Not sent before the retro closed' });
  await ada.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  // Ada's phone sleeps as she adds an action to the item now discussed: it waits to be sent, and the retro closes
  await ada.page.context().setOffline(true);
  await expect(ada.page.getByTestId('connection-status')).toContainText('Reconnecting');
  const now = ada.page.getByRole('article', { name: /^Now discussing/ });
  await now.getByLabel(field).fill('Write the runner runbook');
  await now.getByRole('button', { name: /^Add action/ }).first().click();
  await expect(ada.page.getByTestId('connection-status')).toContainText('1 change waiting to send');
  await facilitator.runTo('Close');
  await ada.page.context().setOffline(false);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  // refused (the retro is closed), its words are not lost: the refusal says where they are, and her summary shows them
  await expect(ada.page.getByText(/^Your action could not be added: .* Its words are kept/)).toBeVisible();
  await expect(unsent(ada)).toContainText('Write the runner runbook');
  await expect(unsent(ada)).toContainText('Pair on the flaky test');
  await expect(unsent(ada)).not.toContainText('Ask ops');
  await expect(unsent(bo)).toContainText('Ask ops for a second runner');
  await expect(page.getByRole('heading', { name: 'All cards' })).toBeVisible();
  await expect(unsent(facilitator)).toHaveCount(0);
  // turned to a phone's width and back, the summary is drawn anew: her words are still there (they were forgotten as
  // the summary was left, so the desk's summary, drawn after the phone's, found none)
  await ada.page.setViewportSize({ width: 390, height: 844 });
  await expect(unsent(ada)).toContainText('Pair on the flaky test');
  await ada.page.setViewportSize(viewport);
  await expect(ada.page.getByRole('heading', { name: 'All cards' })).toBeVisible();
  await expect(unsent(ada)).toContainText('Pair on the flaky test');
  // the printed summary is the room's: her unsent words stay off the paper
  await ada.page.emulateMedia({ media: 'print' });
  await expect(unsent(ada)).toBeHidden();
  await expect(ada.page.getByRole('heading', { name: 'All cards' })).toBeVisible();
  await ada.page.emulateMedia({ media: 'screen' });
  await unsent(ada).getByRole('button', { name: 'Copy' }).click();
  await expect.poll(() => ada.page.evaluate(() => navigator.clipboard.readText())).toContain('Pair on the flaky test');
  const drafts = (person: typeof ada) => person.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('candor:draft:')));
  expect(await drafts(ada)).not.toEqual([]);
  await unsent(ada).getByRole('button', { name: 'Forget them' }).click();
  await expect(unsent(ada)).toHaveCount(0);
  await expect.poll(() => drafts(ada)).toEqual([]);
  // Bo leaves the page (here: reloads it); back on the summary, his words are not shown again, nor kept
  await bo.page.reload();
  await expect(bo.page.getByRole('heading', { name: 'All cards' })).toBeVisible();
  await expect(unsent(bo)).toHaveCount(0);
  await expect.poll(() => drafts(bo)).toEqual([]);
});

/** How a discussed item's words are drawn: their line (none: struck through read as "cancelled") and their contrast (WCAG ratio) against the item behind them. */
async function doneLook(page: import('@playwright/test').Page): Promise<{ lines: string[]; ratio: number }> {
  return page.evaluate(() => {
    const texts = [...document.querySelectorAll<HTMLElement>('.discussion-item.done :is(.item-text, .item-title, .item-cards)')];
    const text = texts[0]!;
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number) as [number, number, number, number?];
    let back: HTMLElement | null = text;
    while (back && rgba(getComputedStyle(back).backgroundColor)[3] === 0) back = back.parentElement;
    const [br, bg, bb] = rgba(getComputedStyle(back ?? document.body).backgroundColor);
    const [lr, lg, lb, la = 1] = rgba(getComputedStyle(text).color);
    const over = (l: number, b: number) => l * la + b * (1 - la);
    const lum = (r: number, g: number, b: number) =>
      [r, g, b].map((c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const a = lum(over(lr, br), over(lg, bg), over(lb, bb));
    const b = lum(br, bg, bb);
    return { lines: texts.map((el) => getComputedStyle(el).textDecorationLine), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
  });
}

test('UI-24 a discussed item says so with its "✓ Discussed" badge, dimmed, never struck through, at a desk and on a phone, in the light and the dark theme', async ({ facilitator, ada, bo }, testInfo) => {
  test.setTimeout(180_000);
  await longDiscussion(facilitator, ada, bo, 'Marked discussed');
  const page = facilitator.page;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const first = page.getByRole('article', { name: /^1\. .*, discussed$/ });
      await expect(first.getByText('✓ Discussed')).toBeVisible();
      const { lines, ratio } = await doneLook(page);
      // struck through, a discussed item read as cancelled; its title and "· 2 cards" are plain words
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line, `a discussed item's words at ${width} px`).toBe('none');
      // dimmed, still readable: AA's 4.5:1
      expect(ratio, `a discussed item's words against the item in ${colorScheme}`).toBeGreaterThanOrEqual(4.5);
      await first.screenshot({ path: testInfo.outputPath(`discussed-${width}-${colorScheme}.png`) });
    }
  }
});

test('WF-7 UI-24 an untitled group is named in Discuss by its card\'s whole text, as a card standing alone is, so two groups starting alike read apart', async ({ facilitator, ada }, testInfo) => {
  const link = await facilitator.createRetro('Alike groups');
  await ada.join(link, 'Ada');
  const alike = 'the deploy pipeline fails at random';
  const groups = [
    [`${alike} when the cache is cold`, `${alike} and nobody looks`],
    [`${alike} on Fridays after merges`, `${alike} since the runner upgrade`],
  ];
  for (const text of groups.flat()) await ada.addCard('Stop', text);
  await facilitator.runTo('Reveal');
  for (const [a, b] of groups) await facilitator.groupWith(a!, b!);
  await facilitator.runTo('Discuss');
  await ada.page.setViewportSize({ width: 390, height: 844 });
  // each group's line is its first card's whole words (GR-6 titled it with six of them, the same six for both)
  const lines = ada.page.locator('.discussion-item .item-line');
  await expect(lines).toHaveCount(2);
  const texts = await lines.allTextContents();
  for (const [i, [a, b]] of groups.entries()) expect(texts.filter((line) => line === `${a} · 2 cards` || line === `${b} · 2 cards`), `group ${i + 1}`).toHaveLength(1);
  // and a screen reader names them apart too: each row's name goes on past the six words they share
  await expect(ada.page.getByRole('article', { name: new RegExp(`^\\d\\. ${alike} (when|and|on|since) `) })).toHaveCount(2);
  await ada.screenshot(testInfo, 'discuss-alike-groups-phone');
});

/**
 * Where the head of the item now discussed (its place, votes, "Now discussing" and its words) stands against the bars
 * that stay on screen (the header and the facilitator's band at a desk, the section tabs on a phone; the news line and a
 * phone's step bar at the bottom): null when it is whole between them.
 */
function headOutOfSight(page: import('@playwright/test').Page): Promise<string | null> {
  return page.evaluate(() => {
    const item = document.getElementById('current-item');
    const head = item?.querySelector('.ranked-head')?.getBoundingClientRect();
    if (!head) return 'no item discussed';
    let top = 0;
    let bottom = window.innerHeight;
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (!['sticky', 'fixed'].includes(getComputedStyle(element).position)) continue;
      const bar = element.getBoundingClientRect();
      if (bar.width < window.innerWidth * 0.4 || bar.height === 0 || bar.bottom <= 0 || bar.top >= window.innerHeight) continue;
      if (bar.top < window.innerHeight / 2) top = Math.max(top, bar.bottom);
      else bottom = Math.min(bottom, bar.top);
    }
    if (head.top >= top - 0.5 && head.bottom <= bottom + 0.5) return null;
    return `its head is at ${Math.round(head.top)}–${Math.round(head.bottom)} px, the screen between the bars ${Math.round(top)}–${Math.round(bottom)} px`;
  });
}

test('DI-6 UI-24 the room moves on: the item now discussed opens with its head in sight, below the bars, for the facilitator who pressed "Next item" from far down the item and for Ada who was writing under it, at a desk and on a phone; Bo, reading higher up, stays where he is', async ({ facilitator, ada, bo }) => {
  test.setTimeout(180_000);
  await longDiscussion(facilitator, ada, bo, 'Moving on', 1);
  const field = 'New action';
  /** the person is at the end of the item discussed, writing an action under it (its head far above the screen) */
  const atItsEnd = async (person: typeof ada) => {
    const item = person.page.getByRole('article', { name: /^Now discussing/ });
    if (person === facilitator) {
      // (the walk's item: an action and its fist of five open under it)
      await item.getByLabel(field).fill('Pair on it once');
      await item.getByRole('button', { name: /^Add action/ }).click();
      await item.getByRole('button', { name: 'Check consensus: Pair on it once' }).click();
      await expect(item.getByRole('radiogroup', { name: 'Fist of five' })).toBeVisible();
    }
    await item.getByLabel(field).fill('Something we could try');
    await item.evaluate((element) => element.scrollIntoView({ block: 'end' }));
    expect(await headOutOfSight(person.page), `${person.who} is far down the item`).not.toBeNull();
  };
  const movesOn = async (press: () => Promise<void>) => {
    const before = await facilitator.page.getByRole('article', { name: /^Now discussing/ }).getAttribute('aria-label');
    await press();
    for (const person of [facilitator, ada]) {
      await expect(person.page.getByRole('article', { name: /^Now discussing/ })).not.toHaveAttribute('aria-label', before!);
      await expect.poll(() => headOutOfSight(person.page), { message: `${person.who}: the item now discussed` }).toBeNull();
    }
  };

  // at a desk (1280×800): Fiona presses "Next item" in the band
  for (const person of [facilitator, ada, bo]) await person.page.setViewportSize({ width: 1280, height: 800 });
  await atItsEnd(facilitator);
  await atItsEnd(ada);
  await bo.page.evaluate(() => window.scrollTo(0, 0));
  await movesOn(() => facilitator.page.getByRole('button', { name: 'Next item →' }).click());
  expect(await bo.page.evaluate(() => window.scrollY), 'Bo, at the top of the page, was not moved').toBe(0);

  // on a phone (390×844): the step bar's "Next item"
  for (const person of [facilitator, ada]) await person.page.setViewportSize({ width: 390, height: 844 });
  await atItsEnd(facilitator);
  await atItsEnd(ada);
  await movesOn(() => facilitator.page.getByRole('region', { name: /step/i }).getByRole('button', { name: 'Next item →' }).click());
});

test('DI-6 UI-24 the timer started at a desk does not cover the item discussed: the header of a team retro takes a second row for it and what was just under the bars moves down with them, for the facilitator and for Ada (in German)', async ({ facilitator, ada, bo }) => {
  test.setTimeout(180_000);
  // a team retro: with its Review the phases leave no room in the header's row for the timer at 1280
  const link = await facilitator.startTeamRetro(await facilitator.createTeam('Platform'), 'Sprint 1');
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');
  await ada.page.getByLabel('Language').selectOption('de');
  await facilitator.goTo('Write');
  for (const [i, text] of ['Friday deploys hurt the weekend', 'Meetings without an agenda', 'Demo every sprint', 'Flaky payment tests'].entries()) await facilitator.addCard(['Start', 'Stop', 'Continue'][i % 3]!, text);
  await facilitator.runTo('Discuss');
  await facilitator.page.getByRole('button', { name: 'Start with the first item' }).click();
  // Fiona's page brought the item's head up under the bars (DI-6); Ada reads it from there too
  await expect.poll(() => headOutOfSight(facilitator.page), { message: 'Fiona: the item discussed' }).toBeNull();
  await ada.page.locator('#current-item').evaluate((item) => item.scrollIntoView({ block: 'start' }));
  await expect.poll(() => headOutOfSight(ada.page), { message: 'Ada: the item discussed' }).toBeNull();
  const headerHeight = (page: typeof ada.page) => page.locator('.board-header').evaluate((header) => header.getBoundingClientRect().height);
  const before = await headerHeight(facilitator.page);
  // the walk: the timer went into the header's second row, 46 px taller, over the item's number and "Now discussing"
  await facilitator.page.getByRole('button', { name: '3 min' }).click();
  await expect(ada.page.getByRole('timer')).toBeVisible();
  await expect.poll(() => headerHeight(facilitator.page), { message: 'Fiona\'s header grew for the timer' }).toBeGreaterThan(before);
  for (const person of [facilitator, ada]) await expect.poll(() => headOutOfSight(person.page), { message: `${person.who}: the item discussed, under the timer` }).toBeNull();
});
