import { test, expect } from './fixtures/team';

/**
 * RE-10: going on from Review with promises nobody marked asks the facilitator first — how many, and that they
 * stay open — and lets them stay or go on anyway. A nudge, not a block; with every promise marked it asks nothing.
 */
test('RE-10 leaving Review with unmarked promises says how many, and lets the facilitator stay or go on', async ({ facilitator }) => {
  test.setTimeout(180_000);
  const page = facilitator.page;
  const promises = ['Pair on every production deploy', 'Write the rollback runbook'];
  const teamUrl = await facilitator.createTeam('Nudged team');
  await facilitator.startTeamRetro(teamUrl, 'Sprint 1');
  // no promises yet: Review goes on without a question
  await facilitator.goTo('Write');
  await facilitator.addCard('Stop', 'Deploys on Friday afternoon');
  await facilitator.runTo('Discuss');
  await page.getByRole('button', { name: /^Discuss this/ }).first().click();
  for (const text of promises) {
    await page.getByLabel('New action').fill(text);
    await page.getByRole('button', { name: /^Add action/ }).click();
    await expect(page.getByRole('article', { name: `Action: ${text}` })).toBeVisible();
  }
  await facilitator.runTo('Close');

  await facilitator.startTeamRetro(teamUrl, 'Sprint 2');
  const next = page.getByRole('button', { name: 'Next: Write' });
  await next.click();
  const dialog = page.getByRole('dialog', { name: '2 promises are not marked yet' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('stays open and comes back at the next team retro');
  await dialog.getByRole('button', { name: 'Stay in Review' }).click();
  await expect(dialog).toHaveCount(0);
  await facilitator.expectPhase('Review');
  await expect(next).toBeFocused();

  await page.getByRole('button', { name: `Done: ${promises[0]}`, exact: true }).click();
  await expect(page.getByRole('button', { name: `Done: ${promises[0]}`, exact: true })).toHaveAttribute('aria-pressed', 'true');
  await next.click();
  await page.getByRole('dialog', { name: '1 promise is not marked yet' }).getByRole('button', { name: 'Go on to Write anyway' }).click();
  await facilitator.expectPhase('Write');

  // every promise marked: back in Review, the step on asks nothing
  await page.getByRole('button', { name: 'Back' }).click();
  await facilitator.expectPhase('Review');
  await page.getByRole('button', { name: `Dropped: ${promises[1]}`, exact: true }).click();
  await expect(page.getByRole('button', { name: `Dropped: ${promises[1]}`, exact: true })).toHaveAttribute('aria-pressed', 'true');
  await next.click();
  await facilitator.expectPhase('Write');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
