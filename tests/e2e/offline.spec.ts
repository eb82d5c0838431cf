import { test, expect } from './fixtures/team';

test('RC-7 a card written while offline shows as sending, is sent once when the connection returns, and survives a reload', async ({
  facilitator,
  ada,
}, testInfo) => {
  const home = facilitator.page;
  const participantLink = await facilitator.createRetro('Offline check');
  await ada.join(participantLink, 'Ada');

  await ada.page.context().setOffline(true);
  await expect(ada.page.getByTestId('connection-status')).toContainText('Reconnecting');
  const column = ada.column('Start');
  await column.getByLabel('New card in Start').fill('Written on the train');
  await column.getByRole('button', { name: 'Add card' }).click();
  await expect(ada.card('Written on the train').getByText('sending…')).toBeVisible();
  // A draft not yet added is kept too.
  await ada.column('Stop').getByLabel('New card in Stop').fill('Half a thought');
  await ada.screenshot(testInfo, 'offline');
  await expect(home.getByText('No cards counted yet')).toBeVisible(); // one writer is never counted (AN-10)

  await ada.page.context().setOffline(false);
  await expect(ada.page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(ada.card('Written on the train').getByText('sending…')).toHaveCount(0);
  await expect(ada.card('Written on the train')).toHaveCount(1);

  await ada.page.reload();
  await expect(ada.card('Written on the train')).toHaveCount(1);
  await expect(ada.column('Stop').getByLabel('New card in Stop')).toHaveValue('Half a thought');
  await expect(home.getByText('No cards counted yet')).toBeVisible();
});
