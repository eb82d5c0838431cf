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
  // the pulse is one of the parts the board fetches ahead, in the file of those Write shows (AB-15)
  const blocked = /\/assets\/boardSoon-[^/]*\.js$/;
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
  expect(asked.filter((p) => /\/board(Soon|Later)-[^/]*\.js$/.test(p)), 'the parts fetched ahead, in two files').toHaveLength(2);
  expect(asked.length, asked.join(' ')).toBeLessThanOrEqual(50);
  expect(50 * 120).toBeLessThanOrEqual(ABUSE_LIMITS.requestsPerSecondPerAddress * ABUSE_LIMITS.requestBurstSeconds);
});

/**
 * UI-16 UI-40 AB-15: the parts fetched ahead come in two files, what Write shows (the pulse, the facilitator's bar…)
 * in a small one before the later phases'. A person coming back to the board skips the join form, while which the
 * parts arrive: with all of them in one file, on a slow line the pulse waited for every later phase's code.
 */
test('UI-16 AB-15 a person back on the board has the pulse while the later phases\' code is still on its way', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Slow line');
  await ada.join(link, 'Ada');
  await ada.addCard('Start', 'Written before the reload');
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  // (routing turns the browser's cache off: the reload asks for every file again)
  await ada.page.route(/\/assets\/boardLater-[^/]*\.js$/, (route) => (asked++, held.then(() => route.continue())));
  await ada.page.reload();
  await expect(ada.card('Written before the reload')).toBeVisible();
  // the later parts asked for (once the board is up) and held: the pulse is there all the same
  await expect.poll(() => asked).toBe(1);
  await expect(ada.page.getByRole('radiogroup', { name: /How safe does it feel/ })).toBeVisible();
  release();
  await facilitator.goTo('Reveal');
  await expect(ada.page.getByRole('heading', { level: 2, name: 'Reveal', exact: true })).toBeVisible();
});
