import { test, expect } from './fixtures/team';
import { discussingOneCard } from './pages/DiscussionPage';

/** How many reactions Ada taps while offline: more than one connection may send at once (60, then 20 a second). */
const TAPS = 80;

test('UI-11 refusals reach the person: "too many changes" and another refusal are readable at once, counted, and neither pushes the other out', async ({
  facilitator,
  ada,
}) => {
  test.setTimeout(180_000);
  const discussion = await discussingOneCard(facilitator, ada, 'Notices', 'Slow builds');

  // On a train: Ada keeps tapping a reaction while offline; every tap waits in her queue.
  await ada.page.context().setOffline(true);
  await expect(ada.page.getByTestId('connection-status')).toContainText('Reconnecting');
  for (let i = 0; i < TAPS; i++) await discussion.reaction('Agree').click();
  // Meanwhile the facilitator turns reactions off.
  await facilitator.page.getByLabel('Reactions on').click();
  await expect(facilitator.page.getByLabel('Reactions on')).not.toBeChecked();

  // Back online, the queue goes out at once: the first ones are refused because reactions are off, the rest
  // because they came too fast. Ada can read both, each once, with how often it happened.
  await ada.page.context().setOffline(false);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  const tooFast = ada.page.getByRole('alert').filter({ hasText: 'Too many changes at once. Wait a moment, then try again.' });
  const reactionsOff = ada.page.getByRole('alert').filter({ hasText: 'The facilitator has turned reactions off.' });
  await expect(tooFast).toHaveCount(1);
  await expect(reactionsOff).toHaveCount(1);
  await expect(tooFast).toBeVisible();
  await expect(reactionsOff).toBeVisible();
  await expect(reactionsOff).toContainText(/×\d+/);
  await expect(tooFast).toContainText(/×\d+/);

  // Dismissing one leaves the other where it was.
  await tooFast.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(tooFast).toHaveCount(0);
  await expect(reactionsOff).toBeVisible();
});
