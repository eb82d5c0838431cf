import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/team';
import { cardRenders, countCardRenders, resetCardRenders, voteControlRenders } from './pages/renders';

/**
 * Holds the answers (acks) the server sends on the page's Socket.io connection while `link.hold` is set, and
 * lets them go on `release`; everything else (my personal view among it) passes at once.
 */
async function holdAcks(page: Page) {
  const held: Array<() => void> = [];
  const heldViews: Array<() => void> = [];
  let meArrived: (() => void) | null = null;
  const link = {
    hold: false,
    /** holds my personal views too (a slow server: its decision, which the view carries, comes late as well) */
    holdViews: false,
    /** resolves when the next personal view has been passed to the page */
    nextMe: () => new Promise<void>((resolve) => (meArrived = resolve)),
    release() {
      link.hold = false;
      for (const send of held.splice(0)) send();
    },
    releaseViews() {
      link.holdViews = false;
      for (const send of heldViews.splice(0)) send();
    },
  };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (link.hold && typeof message === 'string' && /^43\d/.test(message)) held.push(() => ws.send(message));
      else if (link.holdViews && typeof message === 'string' && message.startsWith('42["me"')) heldViews.push(() => ws.send(message));
      else ws.send(message);
      if (typeof message === 'string' && message.startsWith('42["me"')) {
        meArrived?.();
        meArrived = null;
      }
    });
  });
  return link;
}

test('UI-22 a vote my personal view already shows is not counted again while its answer is on the way', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await holdAcks(page);
  await countCardRenders(page);
  await facilitator.createRetro('Counted once');
  await facilitator.addCard('Stop', 'Deploys on Friday afternoon');
  await facilitator.addCard('Stop', 'Flaky tests on CI');
  await facilitator.runTo('Vote');
  await expect(page.getByText('You have 3 votes left')).toBeVisible();
  expect(await cardRenders(page), 'cards drawn so far').toBeGreaterThan(0);
  await resetCardRenders(page);

  // the server shows my vote in my personal view, then answers; the answer is held here
  link.hold = true;
  const me = link.nextMe();
  await page.getByRole('button', { name: /^Vote for: Deploys on Friday/ }).click();
  await me;
  // counted twice, the count said 2 votes and 1 left, and the button (cap 2 per item) took no second vote
  await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
  await expect(page.getByLabel('Your votes: 1')).toBeVisible();
  await expect(page.getByText('You have 2 votes left')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Vote for: Deploys on Friday/ })).toBeEnabled();
  link.release();
  await expect(page.getByText('You have 2 votes left')).toBeVisible();
  // walk memo: my vote changes my votes on the card, not the cards: none is drawn anew (on main each was, at each change)
  expect(await cardRenders(page), 'cards drawn anew by my vote').toBe(0);
  // … and of the vote controls, only those of the card I voted for (all of them followed my count of votes left)
  expect(Object.keys(await voteControlRenders(page)), 'vote controls drawn anew').toHaveLength(1);
});

test('UI-22 a card my personal view already shows is not shown a second time as "sending…" while its answer is on the way', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await holdAcks(page);
  await facilitator.createRetro('Shown once');

  // the server shows my card in my personal view, then answers; the answer is held here
  link.hold = true;
  const me = link.nextMe();
  const column = facilitator.column('Stop');
  await column.getByLabel('New card in Stop').fill('Deploys on Friday afternoon');
  await column.getByRole('button', { name: 'Add card' }).click();
  await me;
  await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
  // shown twice, the card stood in the column once as mine and once more as "sending…" until the answer came
  await expect(column.getByRole('article').filter({ hasText: 'Deploys on Friday afternoon' })).toHaveCount(1);
  await expect(column.getByText('sending…')).toHaveCount(0);
  link.release();
  await expect(column.getByRole('article').filter({ hasText: 'Deploys on Friday afternoon' })).toHaveCount(1);
});

test('RC-13 connected, a vote whose answer is slow says "sending…" on its item until the server has it; what is left says nothing of it', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await holdAcks(page);
  await facilitator.createRetro('A slow answer');
  await facilitator.addCard('Stop', 'Deploys on Friday afternoon');
  await facilitator.runTo('Vote');
  const controls = page.locator('.vote-controls').filter({ has: page.getByRole('button', { name: /^Vote for: Deploys on Friday/ }) });

  // a slow server: its answer and my personal view (which would carry its decision) both late
  link.hold = true;
  link.holdViews = true;
  await facilitator.voteFor('Deploys on Friday afternoon');
  // (an answer in time is no news: the mark waits a moment before it shows)
  await expect(controls.getByText('sending…')).toBeVisible();
  await expect(page.locator('.votes-left')).toHaveText('You have 2 votes left');
  // my personal view comes and counts it (UI-22: the vote is decided and stored), its answer still on the way: the
  // vote is the server's, so nothing says it is being sent (it said "sending…", a dimmed dot, until the answer)
  link.releaseViews();
  await expect(controls.getByText('sending…')).toHaveCount(0);
  await expect(controls.locator('.unsent')).toHaveCount(0);
  await expect(controls.getByRole('img', { name: 'Your votes: 1' })).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(controls.getByText('sending…')).toHaveCount(0);
  link.release();
  await expect(controls.getByText('sending…')).toHaveCount(0);
  await expect(controls.getByRole('img', { name: 'Your votes: 1' })).toBeVisible();
});
