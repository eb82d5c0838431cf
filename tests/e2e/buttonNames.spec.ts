import { test, expect } from './fixtures/team';
import type { Locator } from '@playwright/test';
import { longDiscussion } from './pages/DiscussionPage';

/**
 * UI-27: a screen reader lists a page's controls by name; "I can help, I can help, Delete action…" says nothing
 * about which action each one is for. Every button and checkbox on the board names what it acts on — by its
 * words, never by who wrote it (AN-1).
 */
async function controlNames(where: Locator): Promise<string[]> {
  const snapshot = await where.ariaSnapshot();
  // a line reads `- button "name"`, or `- 'button "name: …"': text` when the name holds a colon
  return [...snapshot.matchAll(/^\s*- '?(?:button|checkbox) "((?:[^"\\]|\\.)*)"/gm)].map((m) => m[1]!);
}

function duplicates(names: string[]): string[] {
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}

test('UI-27 in Discuss no two controls on the board share a name: each says which item or action it acts on', async ({ facilitator, ada, bo }) => {
  test.setTimeout(180_000);
  await longDiscussion(facilitator, ada, bo, 'Names retro');
  for (const person of [facilitator, ada]) {
    // the discussed items' actions open (UI-24), so their controls are on the page too
    // both toggles first: `all()` takes what is on the page at that moment, and the second item's may not be yet
    const toggles = person.page.getByRole('button', { name: /^Actions \(1\)/ });
    await expect(toggles).toHaveCount(2);
    for (const toggle of await toggles.all()) await toggle.click();
    await expect(person.page.getByRole('article', { name: /^Action: / })).toHaveCount(2);
    const names = await controlNames(person.page.getByRole('main'));
    expect(names.length).toBeGreaterThan(10);
    expect(duplicates(names), `${person.who}: ${names.join(' | ')}`).toEqual([]);
  }
  // the names carry the action's words, and nobody's name
  await expect.poll(() => controlNames(ada.page.getByRole('main'))).toContain('I can help: Action 1');
  const names = await controlNames(ada.page.getByRole('main'));
  await expect.poll(() => controlNames(facilitator.page.getByRole('main'))).toContain('Delete action: Action 1');
  for (const name of names) expect(name).not.toMatch(/Ada|Bo\b|Fiona/);
});

test('UI-27 AN-11 my own cards\' Edit and Delete name the card, and are gone while presenting', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Own cards');
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Merging on Fridays');
  await ada.addCard('Stop', 'Skipping the review');
  // waited for, then read: a read takes the page as it is at that moment, and a card's Edit and Delete need its id
  await expect.poll(() => controlNames(ada.page.getByRole('main'))).toEqual(expect.arrayContaining(['Edit: Merging on Fridays', 'Delete: Merging on Fridays', 'Edit: Skipping the review', 'Delete: Skipping the review']));
  const names = await controlNames(ada.page.getByRole('main'));
  expect(duplicates(names), names.join(' | ')).toEqual([]);
  await ada.page.getByRole('button', { name: 'Presenting' }).click();
  await expect(ada.page.getByRole('button', { name: /^(Edit|Delete):/ })).toHaveCount(0);
});
