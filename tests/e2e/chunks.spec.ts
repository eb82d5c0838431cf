import { test, expect } from './fixtures/team';
import { ABUSE_LIMITS } from '../../server/src/abuseLimits';

/**
 * UI-16: parts of the board load on demand (UI-6). When one cannot be fetched — the network dropped just then —
 * the rest of the board keeps working and that part appears once it can be fetched, instead of the whole page
 * going blank (which it did: a failed chunk threw out of React and left Ada with an empty screen and no way to
 * write).
 */
test('UI-16 a part that cannot be fetched waits for the network; the board around it keeps working', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Patchy network');
  // the pulse is one of the parts the board fetches ahead, all in one file (AB-15)
  const blocked = /\/assets\/boardLater-[^/]*\.js$/;
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

/**
 * AB-15: an address's HTTP requests are counted (a burst, then a rate), and a whole office may share one address.
 * The README promises that 120 people behind one address can open a board at once: a browser opening it, with every
 * part fetched ahead (UI-16), must ask for at most 50 files, and 50 for each of 120 must fit the burst.
 */
test('AB-15 a browser opening a board asks for at most 50 files, so 120 people behind one address can open it at once', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Whole office');
  const asked: string[] = [];
  ada.page.on('request', (request) => {
    if (request.url().startsWith('http')) asked.push(new URL(request.url()).pathname);
  });
  await ada.join(link, 'Ada');
  await ada.addCard('Start', 'One of many behind the office address');
  // every part of the board is fetched ahead once it is on screen: wait until nothing more is asked for
  let seen = -1;
  await expect.poll(() => (seen === asked.length ? true : ((seen = asked.length), false)), { intervals: [2_000], timeout: 30_000 }).toBe(true);
  expect(asked.filter((p) => /\/boardLater-[^/]*\.js$/.test(p)), 'the parts fetched ahead, in one file').toHaveLength(1);
  expect(asked.length, asked.join(' ')).toBeLessThanOrEqual(50);
  expect(50 * 120).toBeLessThanOrEqual(ABUSE_LIMITS.requestsPerSecondPerAddress * ABUSE_LIMITS.requestBurstSeconds);
});
