import { test, expect } from './fixtures/team';
import { discussingOneCard } from './pages/DiscussionPage';

/**
 * AN-9 in a small room. A pulse or fist-of-five distribution shows only once every viewer sees at least
 * `minOthersToShow` (3) answers besides their own, so 4 answers. With fewer people here the answers can only stay
 * hidden; the page says so before anyone answers (in a 3-person retro a "0 — block" once vanished without a trace,
 * everyone having answered in the belief that the result would show).
 */

test('AN-9 with fewer than 4 people here, the pulse says before anyone answers that its results will stay hidden', async ({ facilitator, ada, bo, cy }, testInfo) => {
  const link = await facilitator.createRetro('Small pulse');
  await ada.join(link, 'Ada');
  const pulse = ada.page.getByRole('radiogroup', { name: /How safe does it feel/ });
  await expect(pulse.getByRole('radio', { checked: true })).toHaveCount(0);
  const tooFew = (count: number) => `Anonymous. Only ${count} people here: results stay hidden until 4 have answered. If all the others answer alike, you can tell what they chose.`;
  await expect(ada.page.getByText(tooFew(2))).toBeVisible();
  await expect(facilitator.page.getByText(tooFew(2))).toBeVisible();
  // it is said to whoever is about to answer: the radio group is described by it
  await expect(pulse).toHaveAccessibleDescription(new RegExp(tooFew(2).slice(0, 40)));
  await ada.screenshot(testInfo, 'small-room-pulse');

  await bo.join(link, 'Bo');
  await expect(ada.page.getByText(tooFew(3))).toBeVisible();
  await cy.join(link, 'Cy');
  // four here: enough to show a distribution, so no warning
  for (const person of [facilitator, ada, bo, cy]) {
    await expect(person.page.getByText(/people here: results stay hidden/)).toHaveCount(0);
    await expect(person.page.getByText('Anonymous. Results show after Write, once at least 4 have answered. If all the others answer alike, you can tell what they chose.')).toBeVisible();
  }
});

test('AN-9 with fewer than 4 people here, the facilitator is told beside "Check consensus", and each person before they answer, that the answers will stay hidden', async ({ facilitator, ada, bo, cy }, testInfo) => {
  await discussingOneCard(facilitator, ada, 'Small check', 'The build breaks every Monday');
  await bo.join(ada.page.url(), 'Bo');
  await facilitator.page.getByLabel('New action').fill('Pair on the build script');
  await facilitator.page.getByRole('button', { name: 'Add action' }).click();

  const start = facilitator.page.getByRole('button', { name: 'Check consensus: Pair on the build script' });
  const beforeStart = '3 people here: answers show only once 4 have answered — with fewer, ask out loud.';
  await expect(start).toBeVisible();
  await expect(facilitator.page.getByText(beforeStart)).toBeVisible();
  await expect(start).toHaveAccessibleDescription(beforeStart);
  await facilitator.screenshot(testInfo, 'small-room-check-consensus');

  await start.click();
  const fist = ada.page.getByRole('radiogroup', { name: 'Fist of five' });
  await expect(fist).toBeVisible();
  const beforeAnswer = 'Anonymous. 3 people here: answers show only once 4 have answered, so these will stay hidden — say out loud where you stand.';
  await expect(fist.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(ada.page.getByText(beforeAnswer)).toBeVisible();
  await expect(fist).toHaveAccessibleDescription(beforeAnswer);
  await expect(bo.page.getByText(beforeAnswer)).toBeVisible();
  await ada.screenshot(testInfo, 'small-room-fist-of-five');

  // WJ-2: on a phone the six answers stand in one row, inside the check (the 5 wrapped alone onto a second row)
  await bo.page.setViewportSize({ width: 390, height: 844 });
  const rows = () =>
    bo.page.getByRole('radiogroup', { name: 'Fist of five' }).evaluate((group) => {
      const box = group.getBoundingClientRect();
      const answers = [...group.querySelectorAll('label')].map((label) => label.getBoundingClientRect());
      return { tops: new Set(answers.map((a) => Math.round(a.top))).size, inside: answers.every((a) => a.left >= box.left - 0.5 && a.right <= box.right + 0.5) };
    });
  await expect.poll(rows).toEqual({ tops: 1, inside: true });

  // a fourth person comes: now the answers can show, and nobody is told otherwise
  await cy.join(ada.page.url(), 'Cy');
  await expect(ada.page.getByText(beforeAnswer)).toHaveCount(0);
  await expect(cy.page.getByRole('radiogroup', { name: 'Fist of five' })).toBeVisible();
  await expect(cy.page.getByText(/people here: answers show only once/)).toHaveCount(0);
});
