import { test, expect } from './fixtures/team';

const A = 'Standups run far too long every single day';
const B = 'Meetings eat the afternoon';

/**
 * GR-7 in two browsers: a focused title field follows someone else's change while its person has not typed;
 * once they have typed, it says the title changed meanwhile and lets them keep theirs or take the other one —
 * no edit is lost without the person knowing.
 */
test('GR-7 two people edit one group title at once: the focused field shows the other change and nothing is lost silently', async ({ facilitator, ada, bo }) => {
  const fiona = facilitator.page;
  const link = await facilitator.createRetro('Titles', { template: "I don't know / I'm stuck" });
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');
  await ada.addCard("I'm stuck on…", A);
  await bo.addCard("I'm stuck on…", B);
  await facilitator.goTo('Reveal');
  await bo.groupWith(B, A);

  // GR-6: both see the pre-filled title.
  const adaTitle = ada.page.getByLabel('Group title');
  const boTitle = bo.page.getByLabel('Group title');
  await expect(adaTitle).toHaveValue(/^(Standups run far too long every…|Meetings eat the afternoon)$/);

  // Ada's field has focus but she has not typed: Bo's save shows up in it.
  await adaTitle.focus();
  await boTitle.fill('Meetings');
  await boTitle.press('Enter');
  await expect(adaTitle).toBeFocused();
  await expect(adaTitle).toHaveValue('Meetings');

  // Now both type. Bo saves first; Ada, still typing, is told, and her text is kept in her field.
  await adaTitle.fill('Time we lose together');
  await boTitle.fill('Meetings that could be an email');
  await boTitle.press('Enter');
  await expect(ada.page.getByText('Someone changed this title to “Meetings that could be an email” meanwhile.')).toBeVisible();
  await expect(adaTitle).toHaveValue('Time we lose together');
  // Saving from the old title is refused by the server with a message, not applied over Bo's.
  await adaTitle.press('Enter');
  await expect(ada.page.getByRole('alert').filter({ hasText: 'Someone changed this at the same time' })).toBeVisible();
  await expect(bo.page.getByRole('region', { name: 'Group: Meetings that could be an email' })).toBeVisible();
  // Ada chooses to keep hers, knowingly: it replaces Bo's for everyone.
  await ada.page.getByRole('button', { name: 'Keep mine' }).click();
  await expect(boTitle).toHaveValue('Time we lose together');
  await expect(ada.page.getByText(/meanwhile/)).toHaveCount(0);

  // Bo saves twice before his first save has come back (offline between, as on a slow phone): his second starts
  // from his first, so both are applied in order, and nobody is told of a change that was his own.
  await bo.page.context().setOffline(true);
  await expect(bo.page.getByTestId('connection-status')).toContainText('Reconnecting');
  await boTitle.fill('Time lost');
  await boTitle.press('Enter');
  await boTitle.fill('Time lost in meetings');
  await boTitle.press('Enter');
  await expect(bo.page.getByTestId('connection-status')).toContainText('2 changes waiting to send');
  await bo.page.context().setOffline(false);
  await expect(adaTitle).toHaveValue('Time lost in meetings');
  await expect(boTitle).toHaveValue('Time lost in meetings');
  await expect(bo.page.getByRole('region', { name: 'Group: Time lost in meetings' })).toBeVisible();
  await expect(bo.page.getByRole('alert').filter({ hasText: 'Someone changed this at the same time' })).toHaveCount(0);
  await expect(bo.page.getByText(/meanwhile/)).toHaveCount(0);
});
