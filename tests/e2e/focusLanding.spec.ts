import { test, expect } from './fixtures/team';
import type { Page } from '@playwright/test';
import { discussingOneCard } from './pages/DiscussionPage';

/**
 * UI-10: where focus goes when the room takes away the control that had it. Not into a text field others share
 * (the next keys would edit the room's action).
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
  await facilitator.page.getByLabel('What is the right thing to do? How can I help?').fill('Pair on the build script');
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
  await expect(facilitator.page.getByRole('textbox', { name: 'Action', exact: true })).toHaveValue('Pair on the build script');
});
