import { test, expect } from './fixtures/team';
import type { BoardPage } from './pages/BoardPage';

/** Ada joins `retro` on the shared browser and writes `card`, which the reveal shows as hers; returns the board's link and id */
async function adaWroteOn(facilitator: BoardPage, ada: BoardPage, retro: string, card: string): Promise<{ link: string; boardId: string }> {
  const link = await facilitator.createRetro(retro);
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', card);
  await facilitator.goTo('Reveal');
  await expect(ada.card(card).getByText('yours', { exact: true })).toBeVisible();
  return { link, boardId: new URL(link).pathname.split('/').pop()! };
}

/** Nothing the browser keeps names the board; Bo, at the same browser, opens it from its history: he is asked who he is, and nothing is his */
async function nextPersonIsNew(ada: BoardPage, link: string, boardId: string, card: string): Promise<void> {
  const kept = await ada.page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]);
  expect(kept.filter((key) => key.includes(boardId))).toEqual([]);
  const bo = ada.page;
  await bo.goto(link);
  await expect(bo.getByLabel('Your name')).toBeVisible();
  // JN-8: nor is Ada's name offered to him
  await expect(bo.getByLabel('Your name')).toHaveValue('');
  await bo.getByLabel('Your name').fill('Bo');
  await bo.getByRole('button', { name: 'Join' }).click();
  await expect(bo.getByTestId('connection-status')).toHaveText('Connected');
  await expect(ada.card(card)).toBeVisible();
  await expect(bo.getByText('yours', { exact: true })).toHaveCount(0);
  await expect(bo.getByRole('button', { name: 'Edit', includeHidden: true })).toHaveCount(0);
}

/**
 * MY-2 on a shared computer: Ada joins a retro on a borrowed laptop, writes a card, and when she is done removes
 * the retro from My retros. Bo sits down at the same browser and opens the board from its history. If the
 * browser still held Ada's identity he would be Ada — her card marked "yours", her votes and answers his to read.
 */
test('MY-2 removing a retro from My retros forgets who this browser was on it: the next person there is someone new', async ({ facilitator, ada }) => {
  const adaCard = 'The release checklist lives in one head';
  const { link, boardId } = await adaWroteOn(facilitator, ada, 'Borrowed laptop', adaCard);

  // Ada is done: on the home page she removes the retro from her list
  await ada.page.goto('/');
  const mine = ada.page.getByRole('region', { name: 'My retros' });
  await expect(mine.getByText(/Removing it also forgets you on it/)).toBeVisible();
  await mine.getByRole('button', { name: 'Remove “Borrowed laptop” from this list and forget me on it' }).click();
  await expect(mine.getByRole('link', { name: 'Borrowed laptop' })).toHaveCount(0);
  await nextPersonIsNew(ada, link, boardId, adaCard);
});

test('MY-3 "Leave and forget me here" on the board does the same from the board itself, and says what stays', async ({ facilitator, ada }) => {
  const adaCard = 'Nobody knows who owns the on-call rota';
  const { link, boardId } = await adaWroteOn(facilitator, ada, 'Meeting-room laptop', adaCard);

  const leaving = ada.page.getByRole('region', { name: 'On a shared computer?' });
  await leaving.getByRole('button', { name: 'Leave and forget me here…' }).click();
  await expect(leaving).toContainText('What you wrote, voted and answered stays on the board, anonymous.');
  await leaving.getByRole('button', { name: 'Yes, leave and forget me' }).click();
  await expect(ada.page).toHaveURL(/\/$/);
  await expect(ada.page.getByRole('region', { name: 'My retros' }).getByRole('link', { name: 'Meeting-room laptop' })).toHaveCount(0);
  // she has left the room (listed as gone until AB-6 forgets her), and her card stays, anonymous
  await expect(facilitator.page.locator('.presence li.offline', { hasText: 'Ada' })).toHaveCount(1);
  await expect(facilitator.card(adaCard)).toBeVisible();
  await nextPersonIsNew(ada, link, boardId, adaCard);
});

test('MY-2 a facilitator who removes the retro on a shared computer takes the facilitator link and a card she had half typed with her: whoever sits down next is a newcomer, not the facilitator', async ({ facilitator, ada }) => {
  const retro = 'Conference-room laptop';
  const link = await facilitator.createRetro(retro, { as: 'Fiona' });
  const boardId = new URL(link).pathname.split('/').pop()!;
  const page = facilitator.page;
  await ada.join(link, 'Ada');
  // Fiona has started a card and not sent it: the browser keeps its words, and it keeps the facilitator link
  const halfTyped = 'Half typed: the on-call rota always lands on Ada';
  await facilitator.column('Stop').getByLabel('New card in Stop').fill(halfTyped);
  const stored = () => page.evaluate(() => Object.entries({ ...localStorage, ...sessionStorage }));
  await expect.poll(async () => (await stored()).some(([, value]) => value.includes(halfTyped)), 'the draft is kept before she leaves').toBe(true);
  const facilitatorKey = (await stored()).find(([key]) => key === `candor:fac:${boardId}`)?.[1];
  expect(facilitatorKey, 'the facilitator link is kept before she leaves').toBeTruthy();

  await page.goto('/');
  const mine = page.getByRole('region', { name: 'My retros' });
  await mine.getByRole('button', { name: `Remove “${retro}” from this list and forget me on it` }).click();
  await expect(mine.getByRole('link', { name: retro })).toHaveCount(0);
  // nothing this browser keeps names the board, holds the half-typed words or the facilitator key
  for (const [key, value] of await stored()) {
    expect(key).not.toContain(boardId);
    expect(value, key).not.toContain(halfTyped);
    expect(value, key).not.toContain(facilitatorKey);
  }

  // Bo sits down at the laptop and opens the board from its history: a newcomer, with an empty card field
  await page.goto(link);
  await expect(page.getByLabel('Your name')).toHaveValue('');
  await page.getByLabel('Your name').fill('Bo');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await expect(facilitator.column('Stop').getByLabel('New card in Stop')).toHaveValue('');
  // not the facilitator: he cannot move the room, and Ada's page names Fiona (away) as the facilitator, Bo as a participant
  await expect(page.getByRole('button', { name: 'Next: Reveal' })).toHaveCount(0);
  await expect(page.locator('.presence .me-line')).toHaveText('You are Bo');
  const people = ada.page.getByRole('region', { name: /^People\b/ });
  await expect(people.getByRole('listitem').filter({ hasText: 'Bo' })).not.toContainText('Facilitator');
  await expect(people.getByRole('listitem').filter({ hasText: 'Fiona' })).toContainText('Facilitator');
});

test('JN-8 the join form offers the name this browser last joined with, selected, and says so', async ({ facilitator }) => {
  await facilitator.createRetro('Monday retro', { as: 'Fiona' });
  const page = facilitator.page;
  await page.goto('/');
  await page.getByLabel('Retro name').fill('Friday retro');
  await page.getByRole('button', { name: 'Create retro' }).click();
  await page.getByRole('button', { name: 'Open the board' }).click();
  const name = page.getByLabel('Your name');
  await expect(name).toHaveValue('Fiona');
  await expect(name).toBeFocused();
  await expect(page.getByText('Filled in with the name you last joined with in this browser: change it if that is not you.')).toBeVisible();
  // selected: what she types replaces it
  await page.keyboard.type('Fi');
  await expect(name).toHaveValue('Fi');
});
