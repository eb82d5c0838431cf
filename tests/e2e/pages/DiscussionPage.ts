import { expect, type Locator, type Page } from '@playwright/test';
import type { BoardPage } from './BoardPage';

/** The Discuss phase as one person sees it: the items in discussion order, the current one, hands and reactions. */
export class DiscussionPage {
  constructor(readonly page: Page) {}

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Items in discussion order' });
  }

  /** the items in the order shown, as their visible text */
  async order(): Promise<string[]> {
    return this.list.locator(':scope > li').allInnerTexts();
  }

  get current(): Locator {
    return this.page.getByRole('article', { name: /^Now discussing/ });
  }

  item(text: string): Locator {
    return this.list.locator(':scope > li').filter({ hasText: text });
  }

  /** What the drag and drop says to screen readers (our own live region since PL-7; dnd-kit's stays empty). */
  get announcement(): Locator {
    return this.page.locator('.drag-announcement');
  }

  /**
   * DI-5: moves an item from place `from` to place `to` with the keyboard only (Space, arrows, Space), waiting
   * after each key for what a screen reader would hear.
   */
  async moveByKeyboard(label: RegExp, from: number, to: number): Promise<void> {
    await this.page.getByRole('button', { name: label }).focus();
    await this.page.keyboard.press('Space');
    // dnd-kit says "picked up", then at once where the item is
    await expect(this.announcement).toContainText(`is now at place ${from} of`);
    const key = to < from ? 'ArrowUp' : 'ArrowDown';
    for (let place = from; place !== to; ) {
      place += to < from ? -1 : 1;
      const expected = `is now at place ${place} of`;
      if (place === from + (to < from ? -1 : 1)) {
        // dnd-kit starts listening for arrows a moment after the pick-up (a timer, so the key that picked the item
        // up is not read as a move); on a loaded machine the first arrow can come before it. Only that one is sent
        // again, and only if nothing moved.
        await expect(async () => {
          if (!(await this.announcement.textContent())?.includes(expected)) await this.page.keyboard.press(key);
          await expect(this.announcement).toContainText(expected, { timeout: 1000 });
        }).toPass({ timeout: 10_000 });
      } else {
        await this.page.keyboard.press(key);
        await expect(this.announcement).toContainText(expected);
      }
    }
    await this.page.keyboard.press('Space');
    await expect(this.announcement).toContainText(`dropped at place ${to} of`);
  }

  /** DI-6: the facilitator's → key, pressed with nothing focused (not in a field, not on a drag handle). */
  async pressNextKey(): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press('ArrowRight');
  }

  reaction(name: string): Locator {
    return this.current.getByRole('group', { name: 'React to this item' }).getByRole('button', { name: new RegExp(`^${name} \\(`) });
  }

  async expectReactionCount(name: string, count: number): Promise<void> {
    await expect(this.reaction(name)).toHaveAccessibleName(`${name} (${count})`);
  }
}

/**
 * A retro in Discuss on one card: `facilitator` creates it, `person` joins and writes `card` in Stop, the facilitator
 * moves on to Discuss and starts with it. Returns the discussion as `person` sees it, its reactions on screen.
 */
export async function discussingOneCard(facilitator: BoardPage, person: BoardPage, retro: string, card: string): Promise<DiscussionPage> {
  const link = await facilitator.createRetro(retro);
  await person.join(link, 'Ada');
  await person.addCard('Stop', card);
  await facilitator.goTo('Reveal');
  await facilitator.goTo('Vote');
  await facilitator.goTo('Discuss');
  await facilitator.page.getByRole('button', { name: 'Start with the first item' }).click();
  const discussion = new DiscussionPage(person.page);
  await expect(discussion.reaction('Agree')).toBeVisible();
  return discussion;
}

/** Eight cards, each an item of its own, in Discuss (the votes withheld, so in the order they were revealed). */
export const LONG_RETRO_CARDS = [
  'Reviews are slow and pile up',
  'Deploys break on Mondays',
  'Pairing helped a lot',
  'Flaky tests in CI',
  'Standups run long',
  'Docs are out of date',
  'Onboarding buddy worked',
  'Too many meetings',
] as const;

/**
 * A retro far into Discuss, as the walk-through found it long: `facilitator` runs it, `ada` and `bo` write the
 * eight cards, and the first `discussed` items are discussed with one action each; the next item is current.
 * Returns the current item's words.
 */
export async function longDiscussion(facilitator: BoardPage, ada: BoardPage, bo: BoardPage, retro: string, discussed = 2): Promise<string> {
  const link = await facilitator.createRetro(retro);
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');
  for (const [i, text] of LONG_RETRO_CARDS.entries()) await (i % 2 ? ada : bo).addCard(['Start', 'Stop', 'Continue'][i % 3]!, text);
  await facilitator.goTo('Reveal');
  await facilitator.goTo('Vote');
  await facilitator.goTo('Discuss');
  const page = facilitator.page;
  const current = page.getByRole('article', { name: /^Now discussing/ });
  let before: string | null = null;
  for (let i = 0; i <= discussed; i++) {
    await page.getByRole('button', { name: /^(Start with the first item|Next item)/ }).click();
    // the board has moved on (until it does, the item before is still the one discussed, and its field the one filled)
    await expect(current).toHaveCount(1);
    if (before !== null) await expect(current).not.toHaveAttribute('aria-label', before);
    before = await current.getAttribute('aria-label');
    if (i === discussed) break;
    await current.getByLabel('New action').fill(`Action ${i + 1}`);
    await current.getByRole('button', { name: /^Add action/ }).click();
    await expect(current.getByRole('article', { name: `Action: Action ${i + 1}` })).toBeVisible();
  }
  return before!.replace(/^Now discussing: /, '');
}

/**
 * DI-5: `page` at its top, where the current item is below the middle of a short window, until "Back to the current
 * item" shows; returns that button. The item's own scroll into sight (DI-6) may land after the first scroll, so it
 * tries again; each try moves the page a little first, a frame apart: the project's CI once had the page at the top
 * with the item far below the middle (405..1209 of a 250 px window) and no button in 15 s of tries that each scrolled a
 * page already at the top, so moved nothing (cause not found). A failure says where the item stood and what a new
 * observer of the middle sees.
 */
export async function scrolledAwayFromCurrent(page: Page): Promise<Locator> {
  const back = page.getByRole('button', { name: 'Back to the current item' });
  await expect(async () => {
    await page.evaluate(async () => {
      window.scrollTo(0, 40);
      await Promise.race([new Promise(requestAnimationFrame), new Promise((done) => setTimeout(done, 500))]);
      window.scrollTo(0, 0);
    });
    try {
      await expect(back).toBeVisible({ timeout: 1_000 });
    } catch (error) {
      throw new Error(`${await whereTheItemIs(page)}: ${String(error)}`);
    }
  }).toPass({ timeout: 15_000 });
  return back;
}

/** where the current item stands in the window, and whether a new observer of the window's middle sees it */
function whereTheItemIs(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((done) => {
        const item = document.getElementById('current-item');
        if (!item) return done('no current item');
        const r = item.getBoundingClientRect();
        const seen = `item at ${Math.round(r.top)}..${Math.round(r.bottom)} of ${window.innerHeight}, page at ${window.scrollY}, ${document.visibilityState}`;
        const probe = new IntersectionObserver(([entry]) => {
          probe.disconnect();
          done(`${seen}; a new observer: ${entry?.isIntersecting ? 'in' : 'out of'} the middle, root ${Math.round(entry?.rootBounds?.top ?? -1)}..${Math.round(entry?.rootBounds?.bottom ?? -1)}`);
        }, { rootMargin: '-20% 0px -20% 0px', threshold: 0 });
        probe.observe(item);
        setTimeout(() => done(`${seen}; a new observer said nothing in 2 s`), 2_000);
      }),
  );
}
