import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/facilitation';
import type { FacilitationPage } from './pages/FacilitationPage';

/**
 * LK-1: a locked board leaves a participant no control the server would refuse: what stays pressable only changes
 * this page (sharing, presenting, language, theme, tabs, leaving), and the rest is disabled, saying why.
 */
const STILL_PRESSABLE = [
  /^button: (Share|Presenting|Not now|Leave and forget me here…|Board|People|Actions \(\d+\)|(Start|Stop|Continue)( \(\d+\))?)$/,
  // PU-9: a phone's pulse result in Reveal, folded or open
  /^button: Trust pulse [▸▾]$/,
  /^select: (Language|Theme)/,
];

const LOCKED_LINE = 'The facilitator has locked the board: it is read-only for now.';
/** a description that ends with the lock's line (after what the control says already) */
const ENDS_LOCKED = new RegExp(`${LOCKED_LINE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Every control a person could press or type into now: enabled, shown (on the screen or scrolled to), not read-only. */
async function enabledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const names: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, input, textarea, select, [role="button"], [contenteditable="true"]')) {
      if ((el as HTMLButtonElement).disabled || el.closest('fieldset:disabled')) continue;
      if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.readOnly) continue;
      if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
      if (!el.checkVisibility()) continue;
      const labelled = el.getAttribute('aria-labelledby')?.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      const name = el.getAttribute('aria-label') || labelled || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || el.tagName;
      names.push(`${el.tagName.toLowerCase()}${el instanceof HTMLInputElement ? `[${el.type}]` : ''}: ${name.replace(/\s+/g, ' ').trim()}`);
    }
    return names;
  });
}

/** The enabled controls on this page the lock should have taken away (none, if it did). */
async function refusable(page: Page): Promise<string[]> {
  return (await enabledControls(page)).filter((name) => !STILL_PRESSABLE.some((allowed) => allowed.test(name)));
}

/** Tab from the top of the page to its end: every stop, and whether a stop the lock left read-only says why. */
async function tabStops(page: Page): Promise<{ name: string; says: string }[]> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('[data-tab-stop]')) el.removeAttribute('data-tab-stop');
    // the walk starts at the top of the page, wherever focus was
    const start = document.getElementById('tab-walk-start') ?? document.body.insertBefore(document.createElement('span'), document.body.firstChild);
    start.id = 'tab-walk-start';
    start.tabIndex = -1;
    start.focus();
  });
  const stops: { name: string; says: string }[] = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body || el.hasAttribute('data-tab-stop')) return null;
      el.setAttribute('data-tab-stop', '');
      const says = (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      const readOnly = (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.readOnly;
      const name = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || el.tagName;
      return { name: `${readOnly ? 'read-only ' : ''}${el.tagName.toLowerCase()}: ${name.replace(/\s+/g, ' ').trim()}`, says };
    });
    if (!stop) break;
    stops.push(stop);
  }
  return stops;
}

async function lock(facilitator: FacilitationPage, on: boolean, participants: FacilitationPage[]): Promise<void> {
  await facilitator.setBoardLocked(on);
  for (const p of participants) await expect(p.page.getByText(LOCKED_LINE)).toHaveCount(on ? 1 : 0);
}

test('LK-1 on a locked board a participant finds no enabled control the server would refuse, in Write, Vote, Discuss and Act, at 1280 and at 390×844, nor a Tab stop that does not say why; unlocked they are back', async ({ facilitator, ada, bo }) => {
  const link = await facilitator.createRetro('Locked controls');
  await ada.join(link, 'Ada');
  await bo.page.setViewportSize({ width: 390, height: 844 });
  await bo.join(link, 'Bo');
  const both = [ada, bo];

  // Write: the pulse's answers and the card form are gone or disabled
  await lock(facilitator, true, both);
  for (const p of both) await expect.poll(() => refusable(p.page)).toEqual([]);
  await expect(ada.page.getByRole('radiogroup', { name: /How safe/ })).toHaveAccessibleDescription(ENDS_LOCKED);
  await lock(facilitator, false, both);
  await expect(ada.page.getByRole('radio').first()).toBeEnabled();
  await ada.addCard('Stop', 'Merging on Fridays');
  await ada.addCard('Start', 'Pairing on reviews');

  // Vote: the vote buttons and "I'm done voting" are disabled and say why
  await facilitator.runTo('Vote');
  await lock(facilitator, true, both);
  for (const p of both) await expect.poll(() => refusable(p.page)).toEqual([]);
  const voteFor = ada.page.getByRole('button', { name: /^Vote for: Pairing/ });
  await expect(voteFor).toBeDisabled();
  await expect(voteFor).toHaveAccessibleDescription(LOCKED_LINE);
  await lock(facilitator, false, both);
  await expect(voteFor).toBeEnabled();
  await ada.voteFor('Pairing on reviews');

  // Discuss: with an offer of Ada's, an action, the trust lens and a fist of five open, everything is there to press
  await facilitator.goTo('Discuss');
  await facilitator.page.getByRole('button', { name: /^Discuss this/ }).first().click();
  await facilitator.page.getByLabel('Trust lens: let the room tag which parts of trust this touches').check();
  await facilitator.page.getByLabel('New action').first().fill('Freeze merges on Friday');
  await facilitator.page.getByRole('button', { name: 'Add action' }).first().click();
  await facilitator.page.getByRole('button', { name: /^Check consensus/ }).first().click();
  await ada.page.getByLabel('Your offer of help, under your name').fill('I can pair');
  await ada.page.getByRole('button', { name: 'Offer help' }).click();
  await expect(ada.page.getByRole('list', { name: 'Offers of help' })).toContainText('I can pair');
  // the offer's row comes with the room's view and its "withdraw" with Ada's own, a frame later: wait for each
  for (const control of ['✋ Raise hand', 'Agree (0)', 'Withdraw my offer: I can pair', 'Credibility', 'I can help: Freeze merges on Friday', '0 — block', 'Done: Freeze merges on Friday', 'Due date: Freeze merges on Friday'])
    await expect.poll(async () => (await refusable(ada.page)).join('\n')).toContain(control);
  const unlocked = await refusable(ada.page);

  await lock(facilitator, true, both);
  for (const p of both) await expect.poll(() => refusable(p.page)).toEqual([]);
  // what stays in sight is disabled and says why: a screen reader hears it, a sighted person reads the banner
  for (const control of [
    ada.page.getByRole('button', { name: 'Raise hand' }),
    ada.page.getByRole('button', { name: 'I can help: Freeze merges on Friday' }),
    ada.page.getByRole('checkbox', { name: 'Done: Freeze merges on Friday' }),
    ada.page.getByRole('button', { name: 'Credibility' }),
  ]) {
    await expect(control).toBeDisabled();
    await expect(control).toHaveAccessibleDescription(LOCKED_LINE);
  }
  await expect(ada.page.getByRole('radio', { name: '0 — block' })).toBeDisabled();
  await expect(ada.page.getByRole('radiogroup', { name: 'Fist of five' })).toHaveAccessibleDescription(ENDS_LOCKED);
  // the reactions show as counts, the offer form is gone and the offer stays listed
  await expect(ada.page.getByRole('group', { name: 'React to this item' })).toHaveCount(0);
  await expect(ada.page.getByLabel('Your offer of help, under your name')).toHaveCount(0);
  await expect(ada.page.getByRole('list', { name: 'Offers of help' })).toContainText('I can pair');
  // Tab lands on nothing dead: every stop is a control that still works, or a read-only field that says why
  for (const p of both) {
    const stops = await tabStops(p.page);
    expect(stops.length, JSON.stringify(stops)).toBeGreaterThan(3);
    const dead = stops.filter((s) => !STILL_PRESSABLE.some((allowed) => allowed.test(s.name)) && !s.says.includes(LOCKED_LINE) && !/^a: /.test(s.name));
    expect(dead).toEqual([]);
  }
  // the facilitator's own controls stay
  await expect(facilitator.page.getByRole('button', { name: 'Raise hand' })).toBeEnabled();
  await expect(facilitator.page.getByLabel('New action').first()).toBeEditable();

  await lock(facilitator, false, both);
  await expect(ada.page.getByRole('button', { name: 'Raise hand' })).toBeEnabled();
  await expect(ada.page.getByRole('button', { name: 'Raise hand' })).toHaveAccessibleDescription('');
  // (the same controls: the check's news line went when the board was locked (CO-7), so "Answer now" now says what it
  // is for beside no line, "Fist of five open: Answer now")
  const sameControls = (names: string[]) => names.map((n) => n.replace(/^button: Fist of five open: Answer now/, 'button: Answer now')).sort();
  await expect.poll(async () => sameControls(await refusable(ada.page))).toEqual(sameControls(unlocked));

  // Act: "was this retro worth the time?" and the actions are disabled, and no line points at answers that cannot be given
  await facilitator.goTo('Act');
  await lock(facilitator, true, both);
  for (const p of both) {
    await expect.poll(() => refusable(p.page)).toEqual([]);
    await expect(p.page.getByRole('radiogroup', { name: /worth the time you spent/ })).toHaveAccessibleDescription(ENDS_LOCKED);
    await expect(p.page.getByRole('button', { name: 'Answer below' })).toHaveCount(0);
  }
  await lock(facilitator, false, both);
  for (const p of both) await expect(p.page.getByRole('radio', { name: /waste of time/ })).toBeEnabled();
  await expect(bo.page.getByRole('button', { name: 'Answer below' })).toBeVisible();
});

test('LK-1 locked in Reveal, a participant finds no control the server would refuse (the cards\' menus and moves, a group\'s title), at 1280 and at 390×844, and what stays says why; in Act an action\'s words are read-only for all but the facilitator; unlocked, all is back', async ({ facilitator, ada, bo }) => {
  const link = await facilitator.createRetro('Locked reveal');
  await ada.join(link, 'Ada');
  await bo.page.setViewportSize({ width: 390, height: 844 });
  await bo.join(link, 'Bo');
  const both = [ada, bo];
  await ada.addCard('Stop', 'Merging on Fridays');
  await ada.addCard('Stop', 'Merging without review');
  await bo.addCard('Start', 'Pairing on reviews');
  await facilitator.runTo('Reveal');
  await ada.groupWith('Merging without review', 'Merging on Fridays');
  await expect(facilitator.page.getByRole('article').filter({ hasText: 'Merging without review' })).toHaveCount(1);
  // unlocked, Ada has the cards' menus, the moves and the group's title to press and type (her menu closed again)
  await ada.page.keyboard.press('Escape');
  for (const control of ['button: Card actions: Merging on Fridays', 'button: Move card: Pairing on reviews', 'textarea: Group title'])
    await expect.poll(async () => (await refusable(ada.page)).join('\n')).toContain(control);
  const unlocked = await refusable(ada.page);
  expect(unlocked.length, unlocked.join('\n')).toBeGreaterThan(3);

  await lock(facilitator, true, both);
  for (const p of both) await expect.poll(() => refusable(p.page)).toEqual([]);
  await expect(ada.page.getByRole('button', { name: /^Card actions/ })).toHaveCount(0);
  for (const p of both) {
    const stops = await tabStops(p.page);
    expect(stops.length, JSON.stringify(stops)).toBeGreaterThan(3);
    const dead = stops.filter((s) => !STILL_PRESSABLE.some((allowed) => allowed.test(s.name)) && !s.says.includes(LOCKED_LINE) && !/^a: /.test(s.name));
    expect(dead).toEqual([]);
  }
  // the facilitator still groups (her controls never change), and everyone sees it
  await facilitator.groupWith('Pairing on reviews', 'Merging on Fridays');
  await expect(ada.page.getByRole('article').filter({ hasText: 'Pairing on reviews' })).toHaveCount(1);
  await lock(facilitator, false, both);
  await expect.poll(async () => (await refusable(ada.page)).join('\n')).toContain('button: Card actions: Merging on Fridays');

  // Act: the facilitator plans an action; locked, its words are read-only to Ada and Bo, and hers still reach them
  await facilitator.runTo('Discuss');
  await facilitator.page.getByRole('button', { name: /^Discuss this/ }).first().click();
  await facilitator.page.getByLabel('New action').first().fill('Freeze merges on Friday');
  await facilitator.page.getByRole('button', { name: 'Add action' }).first().click();
  await facilitator.goTo('Act');
  const action = (p: FacilitationPage) => p.page.getByRole('textbox', { name: /^Action: / }).first();
  await expect(action(ada)).toHaveValue('Freeze merges on Friday');
  await expect(action(ada)).not.toHaveAttribute('readonly');
  await lock(facilitator, true, both);
  for (const p of both) await expect.poll(() => refusable(p.page)).toEqual([]);
  await expect(action(ada)).toHaveAttribute('readonly', '');
  await expect(action(ada)).toHaveAccessibleDescription(ENDS_LOCKED);
  await expect(action(facilitator)).not.toHaveAttribute('readonly');
  await action(facilitator).click();
  await action(facilitator).press('End');
  await action(facilitator).pressSequentially(' from noon', { delay: 20 });
  await expect(action(ada)).toHaveValue('Freeze merges on Friday from noon');
  await lock(facilitator, false, both);
  await expect(action(ada)).not.toHaveAttribute('readonly');
});
