import { test, expect } from './fixtures/team';
import type { BoardPage } from './pages/BoardPage';

/**
 * A team retro's Review of the promises made before: what each says about itself while the Review is open.
 */

/** From Review on to Close, making one promise (due on `dueDate`, if given) on the one card written. */
async function promiseAndClose(facilitator: BoardPage, promise: string, dueDate?: string): Promise<void> {
  const page = facilitator.page;
  await facilitator.goTo('Write');
  await facilitator.addCard('Stop', `Card behind: ${promise}`);
  await facilitator.runTo('Discuss');
  await page.getByRole('button', { name: /^Discuss this/ }).first().click();
  await page.getByLabel('What is the right thing to do? How can I help?').fill(promise);
  await page.getByRole('button', { name: /^Add action/ }).click();
  const action = page.getByRole('article', { name: `Action: ${promise}` });
  await expect(action).toBeVisible();
  if (dueDate) {
    await action.getByLabel('Due date').fill(dueDate);
    await expect(action.getByLabel('Due date')).toHaveValue(dueDate);
  }
  await facilitator.runTo('Close');
}

/**
 * The server's clock as this page reads it (`time.sync`, whose answer sets the page's clock offset), moved on by
 * `shift.ms` once set: the page then lives through the server's midnight without the server's clock changing.
 */
async function shiftServerClock(page: BoardPage['page']): Promise<{ ms: number }> {
  const shift = { ms: 0 };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      ws.send(typeof message === 'string' ? message.replace(/"serverNow":(\d+)/, (_, now: string) => `"serverNow":${Number(now) + shift.ms}`) : message);
    });
  });
  return shift;
}

test('SS-4 TC-4 a promise due today turns "overdue" in an open Review when the server\'s day turns, with nothing else redrawn', async ({ facilitator }) => {
  test.setTimeout(180_000);
  const page = facilitator.page;
  const shift = await shiftServerClock(page);
  const promise = 'Write the rollback runbook';
  const teamUrl = await facilitator.createTeam('Overdue team');
  await facilitator.startTeamRetro(teamUrl, 'Sprint 1');
  // the server's UTC day: due today is not overdue yet
  const today = new Date().toISOString().slice(0, 10);
  await promiseAndClose(facilitator, promise, today);

  // Sprint 2's page reads the server's clock as 40 s before its next UTC midnight (room for a slow machine to open it
  // before then), and is left alone: nobody does
  // anything, so nothing else draws the page again, and the Review must notice the day turn by itself.
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  shift.ms = Date.UTC(y, m - 1, d + 1) - 40_000 - Date.now();
  await facilitator.startTeamRetro(teamUrl, 'Sprint 2');
  const entry = page.getByRole('article', { name: `Promise: ${promise}` });
  await expect(entry).toContainText(/· due /);
  await expect(entry).not.toContainText('overdue');
  await expect(entry).toContainText('overdue: was due', { timeout: 90_000 });
});

test('RE-11 a promise carried forward says in Review where it was made and how often it was carried', async ({ facilitator, ada }) => {
  test.setTimeout(240_000);
  const page = facilitator.page;
  const runbook = 'Write the rollback runbook';
  const pin = 'Pin our dependencies';
  const teamUrl = await facilitator.createTeam('Carrying team');
  await facilitator.startTeamRetro(teamUrl, 'Sprint 1');
  await promiseAndClose(facilitator, runbook);

  // Sprint 2: not done, carried forward
  await facilitator.startTeamRetro(teamUrl, 'Sprint 2');
  await expect(page.getByRole('article', { name: `Promise: ${runbook}` })).toContainText('from “Sprint 1”');
  await expect(page.getByRole('article', { name: `Promise: ${runbook}` })).not.toContainText('carried forward');
  await page.getByRole('button', { name: `Not done: ${runbook}`, exact: true }).click();
  await page.getByLabel('Carry forward').check();
  await expect(page.getByRole('article', { name: `Promise: ${runbook}` }).getByText('Carried forward')).toBeVisible();
  await promiseAndClose(facilitator, pin);

  // Sprint 3, as a participant sees it: the runbook's history, the new promise's none
  const link = await facilitator.startTeamRetro(teamUrl, 'Sprint 3');
  await ada.join(link, 'Ada');
  const carried = ada.page.getByRole('article', { name: `Promise: ${runbook}` });
  await expect(carried).toContainText('from “Sprint 1” · carried forward once');
  await expect(ada.page.getByRole('article', { name: `Promise: ${pin}` })).toContainText('from “Sprint 2”');
  await expect(ada.page.getByRole('article', { name: `Promise: ${pin}` })).not.toContainText('carried forward');
  await ada.page.goto(`${link}?lang=de`);
  await expect(ada.page.getByRole('article', { name: `Versprechen: ${runbook}` })).toContainText('aus „Sprint 1“ · einmal übernommen');
});
