import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures/team';
import { BoardPage } from './pages/BoardPage';
import { discussingOneCard } from './pages/DiscussionPage';

/**
 * UI-23: the emoji Candor draws (the raised hand, the reactions) and the ones people write on their cards are
 * drawn in colour, also on a machine with no colour emoji font of its own, as the Chromium of these tests has:
 * there each was an empty box.
 */

/** How many of the element's pixels are coloured (a channel apart from another), read from its screenshot in the page. */
async function colouredPixels(page: Page, element: Locator): Promise<number> {
  const png = (await element.screenshot()).toString('base64');
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data: px } = context.getImageData(0, 0, image.width, image.height);
    let coloured = 0;
    for (let i = 0; i < px.length; i += 4) {
      const [r, g, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
    }
    return coloured;
  }, png);
}

test('UI-23 the raised hand, every reaction and an emoji on a card are drawn in colour', async ({ facilitator, ada }) => {
  const fonts: string[] = [];
  ada.page.on('request', (request) => {
    if (/\.woff2?$/.test(new URL(request.url()).pathname)) fonts.push(new URL(request.url()).pathname);
  });
  const discussion = await discussingOneCard(facilitator, ada, 'Emoji', 'Merging on Fridays 🎉');
  await ada.page.evaluate(() => document.fonts.ready);

  const glyphs: [string, Locator][] = [
    ['the raised hand', ada.page.getByRole('button', { name: 'Raise hand' }).locator('[aria-hidden="true"]')],
    ...(['Agree', 'Love it', 'Celebrate', 'Thinking', 'Surprised'] as const).map((r): [string, Locator] => [r, discussion.reaction(r).locator('[aria-hidden="true"]')]),
  ];
  for (const [what, glyph] of glyphs) await expect.poll(() => colouredPixels(ada.page, glyph), { message: what }).toBeGreaterThan(20);

  // a card's own text: its emoji, drawn inside a line of black text
  // (exact: the offer field's hidden label names the item too, UI-27)
  const card = ada.page.getByRole('article').filter({ hasText: 'Merging on Fridays' }).getByText('Merging on Fridays 🎉', { exact: true });
  await expect.poll(() => colouredPixels(ada.page, card), { message: 'the card' }).toBeGreaterThan(20);
  // the faces came as WOFF (their WOFF2 draws blank here), only those the page needed
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.filter((f) => f.endsWith('.woff2'))).toEqual([]);
  expect(fonts.length).toBeLessThan(11);
});

test('UI-23 a browser that draws colour emoji itself fetches no emoji font', async ({ page }) => {
  // stands for a system with an emoji font of its own: every pixel Candor reads back from a canvas is in colour
  await page.addInitScript(() => {
    const read = CanvasRenderingContext2D.prototype.getImageData;
    CanvasRenderingContext2D.prototype.getImageData = function (...args: Parameters<typeof read>) {
      const image = read.apply(this, args);
      for (let i = 0; i < image.data.length; i += 4) image.data.set([255, 200, 0, 255], i);
      return image;
    };
  });
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (/emoji/i.test(request.url())) fetched.push(request.url());
  });
  const board = new BoardPage(page, 'ada');
  await board.createRetro('Emoji of its own');
  await board.addCard('Stop', 'Merging on Fridays 🎉');
  await expect(board.card('Merging on Fridays 🎉')).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => [...document.fonts].filter((f) => /Emoji/.test(f.family)).length)).toBe(0);
  expect(fetched).toEqual([]);
});
