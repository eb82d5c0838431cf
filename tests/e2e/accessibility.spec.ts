import { test, expect } from './fixtures/team';
import { expectAccessibleInBothThemes } from './pages/accessibility';

test('UI-4 axe finds no serious or critical violation on the home page, the team page and every phase, in light and dark', async ({ facilitator, ada }) => {
  // About thirty axe runs (each page and phase, two people, two themes) take minutes on a loaded machine.
  test.setTimeout(480_000);
  const page = facilitator.page;
  await page.goto('/');
  // the page drawn first: axe on the page as loaded, before the app had drawn it, checked no colours at all (CI once)
  await expect(page.getByLabel('Team name')).toBeVisible();
  await expectAccessibleInBothThemes(page, 'home');

  await page.getByLabel('Team name').fill('Axe team');
  await page.getByRole('button', { name: 'Create team' }).click();
  // The home page has a "Retro name" field too: wait for the team page before typing.
  await expect(page.getByRole('heading', { level: 1, name: 'Axe team' })).toBeVisible();
  await page.getByLabel('Retro name').fill('Sprint 1');
  await page.getByRole('button', { name: 'Create retro' }).click();
  await expect(page.getByRole('article', { name: 'Retro: Sprint 1' })).toBeVisible();
  await expectAccessibleInBothThemes(page, 'team page');

  const participantLink = await page.getByLabel('Participant link').inputValue();
  await page.getByRole('button', { name: 'Open the board' }).click();
  await expectAccessibleInBothThemes(page, 'join form');
  await page.getByLabel('Your name').fill('Fiona');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await ada.join(participantLink, 'Ada');
  await expectAccessibleInBothThemes(page, 'review');

  await facilitator.goTo('Write');
  await facilitator.addCard("I don't know…", 'How do we deploy on Fridays?');
  await ada.addCard("I'm stuck on…", 'Waiting for reviews');
  await expectAccessibleInBothThemes(page, 'write');
  await expectAccessibleInBothThemes(ada.page, 'write (participant)');

  for (const phase of ['Reveal', 'Vote', 'Discuss', 'Act', 'Close'] as const) {
    await facilitator.goTo(phase);
    if (phase === 'Discuss') await page.getByRole('button', { name: /^Discuss this/ }).first().click();
    await expectAccessibleInBothThemes(page, phase);
    await expectAccessibleInBothThemes(ada.page, `${phase} (participant)`);
  }
});

test('UI-4 CF-1 the Close question\'s own button is readable in light and dark (axe with the dialog open)', async ({ facilitator }) => {
  const page = facilitator.page;
  await facilitator.createRetro('Closing in the dark');
  await facilitator.addCard('Start', 'Pair on the release script');
  await facilitator.runTo('Act');
  await page.getByRole('button', { name: 'Close the retro…' }).click();
  await expect(facilitator.dialog().getByRole('button', { name: 'Close the retro', exact: true })).toBeVisible();
  // white words on the dark theme's light red (#ff9b86): 2.04:1, in the one question that cannot be undone
  await expectAccessibleInBothThemes(page, 'Close question');
});
