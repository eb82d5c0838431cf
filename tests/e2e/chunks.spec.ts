import { test, expect } from './fixtures/team';

/**
 * UI-16: parts of the board load on demand (UI-6). When one cannot be fetched — the network dropped just then —
 * the rest of the board keeps working and that part appears once it can be fetched, instead of the whole page
 * going blank (which it did: a failed chunk threw out of React and left Ada with an empty screen and no way to
 * write).
 */
test('UI-16 a part that cannot be fetched waits for the network; the board around it keeps working', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Patchy network');
  const blocked = /\/assets\/TrustPulse-[^/]*\.js$/;
  let refused = 0;
  await ada.page.route(blocked, (route) => (refused++, route.abort('internetdisconnected')));
  await ada.join(link, 'Ada');

  await expect.poll(() => refused).toBeGreaterThan(0);
  await ada.addCard('Start', 'Written while a part is missing');
  await expect(ada.card('Written while a part is missing')).toBeVisible();
  await expect(ada.page.getByRole('radiogroup', { name: /How safe does it feel/ })).toHaveCount(0);

  await ada.page.unroute(blocked);
  await expect(ada.page.getByRole('radiogroup', { name: /How safe does it feel/ })).toBeVisible({ timeout: 20_000 });
  await expect(ada.card('Written while a part is missing')).toBeVisible();
});
