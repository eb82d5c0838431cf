import { test, expect } from './fixtures/team';
import { discussingOneCard } from './pages/DiscussionPage';

test('UI-2 a ?lang=de link shows German, is remembered, and each person reads the board in their own language', async ({ facilitator, ada }) => {
  const page = facilitator.page;
  await page.goto('/?lang=de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Retros, in denen man „Ich weiß es nicht“ sagen darf');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  // Templates and their prompts are translated too.
  await page.getByLabel('Name der Retro').fill('Sprint 7');
  await page.getByRole('button', { name: 'Andere Vorlagen (7)' }).click(); // TE-4
  await page.getByRole('radio', { name: 'Start / Stop / Continue' }).check();
  await expect(page.getByText('Anfangen · Aufhören · Weitermachen')).toBeVisible();
  await page.getByRole('button', { name: 'Retro anlegen' }).click();
  const participantLink = await page.getByLabel('Link für Teilnehmende').inputValue();
  await page.getByRole('button', { name: 'Board öffnen' }).click();

  // The choice is remembered: this address has no ?lang= any more.
  await page.getByLabel('Dein Name').fill('Fiona');
  await page.getByRole('button', { name: 'Beitreten' }).click();
  await expect(page.getByTestId('connection-status')).toHaveText('Verbunden');
  await expect(page.getByRole('region', { name: 'Anfangen', exact: true })).toContainText('Womit sollten wir anfangen?');
  await expect(page.getByRole('navigation', { name: 'Phasen der Retro' }).locator('[aria-current="step"]')).toHaveText('Schreiben');

  // Someone else, without a choice, reads the same board in English.
  await ada.join(participantLink, 'Ada');
  await expect(ada.column('Start')).toContainText('What should we begin doing?');
  await ada.addCard('Start', 'Pairing on reviews');
  // one writer is never counted in public (AN-10): the count says so, in each person's language
  await expect(page.getByText('Noch keine Karten gezählt')).toBeVisible();

  // Switching back is one choice, and it sticks across a reload.
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  await expect(page.getByText('No cards counted yet')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Next: Reveal' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('UI-3 dates and numbers follow the language', async ({ facilitator }) => {
  const page = facilitator.page;
  await page.goto('/?lang=de');
  await page.getByLabel('Name des Teams').fill('Zahlen-Team');
  await page.getByRole('button', { name: 'Team anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zahlen-Team' })).toBeVisible();
  // the home page has a retro-name field too: wait for the team page before filling its form
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zahlen-Team');
  await page.getByLabel('Name der Retro').fill('Sprint 1');
  await page.getByRole('button', { name: 'Retro anlegen' }).click();
  const today = new Intl.DateTimeFormat('de', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date());
  const retro = page.getByRole('article', { name: 'Retro: Sprint 1' });
  await expect(retro).toContainText(today);
  await expect(retro).toContainText('In Rückblick');

  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  const todayEn = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date());
  await expect(page.getByRole('article', { name: 'Retro: Sprint 1' })).toContainText(todayEn);
});

test('PL-1 UI-2 a retro or team that could not be created says so in the language the page is switched to', async ({ facilitator }) => {
  const page = facilitator.page;
  await page.goto('/');
  // German's words load on demand: once before, as for anyone who has switched already
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  await page.context().setOffline(true);
  await page.getByLabel('Retro name').fill('Sprint 8');
  await page.getByRole('button', { name: 'Create retro' }).click();
  await page.getByLabel('Team name').fill('Platform');
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The server could not be reached. Please try again.' })).toHaveCount(2);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(page.getByRole('alert').filter({ hasText: 'Der Server ist nicht erreichbar. Bitte versuche es noch einmal.' })).toHaveCount(2);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be reached' })).toHaveCount(0);
});

test('PL-6 UI-2 a team page whose read again failed keeps the team and says so in the language the page is switched to', async ({ facilitator }) => {
  const page = facilitator.page;
  const teamUrl = await facilitator.createTeam('Platform');
  await page.goto(teamUrl);
  // German's words load on demand: once before, as for anyone who has switched already
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Platform');
  // the page looks the team up again when its tab comes back into focus; offline, that lookup fails, and the page it
  // shows stays (RE-13, TM-13: a failed read again keeps it), saying the read failed
  await page.context().setOffline(true);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByRole('alert')).toHaveText('The server could not be reached.');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(page.getByRole('alert')).toHaveText('Der Server ist nicht erreichbar.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Platform');
  // back online, the next read works and the word goes
  await page.context().setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('PL-6 UI-2 a team page that could not be loaded at all says so in the language the page is switched to', async ({ facilitator }) => {
  const page = facilitator.page;
  const teamUrl = await facilitator.createTeam('Platform');
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  await page.route('**/api/teams/*', (route) => route.abort());
  await page.goto(teamUrl);
  await expect(page.getByRole('alert')).toHaveText('The server could not be reached.');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(page.getByRole('alert')).toHaveText('Der Server ist nicht erreichbar.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dieses Team konnte nicht geöffnet werden');
});

test('PL-8 UI-3 a due date is said in the page’s language: beside the browser’s date field when the browser speaks another, and at Close', async ({ facilitator, ada }) => {
  await discussingOneCard(facilitator, ada, 'Due in two languages', 'Late reviews');
  const current = ada.page.getByRole('article', { name: /^Now discussing/ });
  await current.getByLabel('New action').fill('Review within a day');
  await current.getByRole('button', { name: /^Add action/ }).click();
  await ada.page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  const due = ada.page.getByLabel(/^Fällig am:/);
  await due.fill('2026-12-19');
  await expect(facilitator.page.getByLabel(/^Due date:/)).toHaveValue('2026-12-19');
  // the field is the browser's (Chromium writes it in the browser's language, here English: 12/19/2026, whatever the
  // page's lang says); beside it, the day in the page's words
  const german = new Intl.DateTimeFormat('de', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(2026, 11, 19));
  expect(german).toBe('19. Dez. 2026');
  await expect(ada.page.locator('label', { has: due })).toContainText(german);
  // the English page in an English browser has only the field: it already says the day in the page's language
  await expect(facilitator.page.locator('label', { has: facilitator.page.getByLabel(/^Due date:/) })).not.toContainText('Dec 19, 2026');

  await facilitator.runTo('Close');
  await expect(ada.page.getByText(`fällig am ${german}`)).toBeVisible();
  await expect(facilitator.page.getByText('due Dec 19, 2026')).toBeVisible();
});

test('AK-3 UI-2 an action nobody took is said in whole German sentences: "Das hat hier noch niemand übernommen", in Discuss, Act and Close', async ({ facilitator, ada }) => {
  // A walk in German found "Hier hat das noch niemand — als Bitte weitergeben, …": word for word "No one here has
  // this yet", a sentence with no verb to a German ear, under the title "… hat hier noch niemand übernommen".
  await discussingOneCard(facilitator, ada, 'Untaken in German', 'Nobody owns the release notes');
  await ada.page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await facilitator.page.getByLabel('New action').fill('Write the release notes');
  await facilitator.page.getByRole('button', { name: /^Add action/ }).click();
  const prompt = 'Das hat hier noch niemand übernommen — als Bitte weitergeben, oder wer kann helfen?';
  await expect(ada.page.getByRole('article', { name: /^Jetzt im Gespräch/ }).getByText(prompt)).toBeVisible();
  await facilitator.goTo('Act');
  await expect(ada.page.getByText('Bevor wir schließen: 1 Maßnahme hat hier noch niemand übernommen')).toBeVisible();
  await expect(ada.page.getByText(prompt)).toHaveCount(2);
  await facilitator.goTo('Close');
  await expect(ada.page.getByText(/^Das hat hier niemand übernommen/)).toBeVisible();
  await expect(ada.page.getByText(/Hier hat das/)).toHaveCount(0);
});
