import { test, expect } from './fixtures/team';
import type { Locator, Page } from '@playwright/test';

async function dragOnto(page: Page, handle: Locator, target: Locator): Promise<void> {
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // Several steps: the pointer sensor starts a drag only after a few pixels, then follows the pointer.
  await page.mouse.move(from.x + 20, from.y + 20, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

test('UI-14 cards group by drag and drop with the mouse and with the keyboard, others see it live, and drop on a column ungroups', async ({ facilitator, ada, bo }) => {
  test.setTimeout(180_000);
  const page = facilitator.page;
  await page.goto('/');
  await page.getByLabel('Retro name').fill('Drag check');
  await page.getByRole('radio', { name: 'Start / Stop / Continue' }).check();
  await page.getByRole('button', { name: 'Create retro' }).click();
  const link = await page.getByLabel('Participant link').inputValue();
  await page.getByRole('button', { name: 'Open the board' }).click();
  await page.getByLabel('Your name').fill('Fiona');
  await page.getByRole('button', { name: 'Join' }).click();
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');
  await ada.addCard('Stop', 'Late reviews');
  await ada.addCard('Stop', 'Reviews take days');
  await bo.addCard('Continue', 'Pairing on hard bugs');
  await facilitator.goTo('Reveal');

  // Mouse: drop one card onto another; the room sees the group.
  await dragOnto(ada.page, ada.page.getByRole('button', { name: 'Move card: Late reviews' }), ada.card('Reviews take days'));
  await expect(bo.page.getByRole('region', { name: /^Group:/ })).toContainText('Late reviews');
  await expect(bo.page.getByRole('region', { name: /^Group:/ })).toContainText('Reviews take days');

  // Keyboard: Space picks up, arrows move to the nearest card, Space drops; each step is announced.
  const handle = bo.page.getByRole('button', { name: 'Move card: Pairing on hard bugs' });
  await handle.focus();
  await bo.page.keyboard.press('Space');
  // Picked up: the live region speaks (first "Picked up…", at once followed by where the card is).
  await expect(bo.page.getByText(/^(Picked up card: Pairing on hard bugs|Over the )/)).toBeAttached();
  // One press left: the arrows jump to the nearest card or group that way (Ada's group in Stop; Start is
  // empty), and the announcement says so. One press, not a loop: a loop can read an older announcement and
  // press again, past the group, when the machine is slow.
  await bo.page.keyboard.press('ArrowLeft');
  await expect(bo.page.getByText(/Over the (card|group)/)).toBeAttached();
  await bo.page.keyboard.press('Space');
  await expect(page.getByRole('region', { name: /^Group:/ })).toContainText('Pairing on hard bugs');

  // Out of the group: drop a grouped card on a column's empty space — the Start column, which has no cards
  // (the group itself may be drawn in either of the other two); the card goes back to its own column.
  const column = ada.column('Start');
  await dragOnto(ada.page, ada.page.getByRole('button', { name: 'Move card: Pairing on hard bugs' }), column.locator('.column-drop'));
  await expect(page.getByRole('region', { name: /^Group:/ })).not.toContainText('Pairing on hard bugs');
});
