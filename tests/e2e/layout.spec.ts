import { test, expect } from './fixtures/team';
import { BoardPage } from './pages/BoardPage';
import { expectNothingOverflows, expectWholeTitles } from './pages/layout';

const LONG_NAME = 'Maximiliane Featherstonehaugh-Cholmondeley';
const LONG_WORD = 'Supercalifragilisticexpialidocious-retrospective-observations';

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`UI-15 at ${viewport.width}px names, titles and inputs stay inside their boxes in every phase`, async ({ browser }) => {
    test.setTimeout(240_000);
    const fionaContext = await browser.newContext({ viewport });
    const adaContext = await browser.newContext({ viewport });
    try {
      const fiona = new BoardPage(await fionaContext.newPage(), 'fiona');
      const ada = new BoardPage(await adaContext.newPage(), 'ada');
      const phone = viewport.width < 760;
      const link = await fiona.createRetro(`A retro with a very long name: ${LONG_WORD}`, { as: LONG_NAME });
      await ada.join(link, `${LONG_NAME}-Two`);
      const tab = async (page: BoardPage, name: string) => {
        if (phone) await page.page.getByRole('tablist', { name: 'Board sections' }).getByRole('tab', { name }).click();
      };
      const columnTab = async (page: BoardPage, name: string) => {
        if (phone) await page.page.getByRole('tablist', { name: 'Columns' }).getByRole('tab', { name }).click();
      };
      await columnTab(ada, 'Stop');
      await ada.addCard('Stop', `One long word: ${LONG_WORD}${LONG_WORD}`);
      await ada.addCard('Stop', 'A short card');
      await expectNothingOverflows(ada.page, 'write');

      await tab(fiona, 'Facilitate');
      await expectNothingOverflows(fiona.page, 'facilitator before reveal');
      for (const phase of ['Reveal', 'Vote'] as const) {
        await tab(fiona, 'Facilitate');
        await fiona.page.getByRole('button', { name: `Next: ${phase}` }).click();
        if (phase === 'Reveal') await fiona.confirm('Reveal all cards');
        await ada.expectPhase(phase);
        if (phase === 'Reveal') {
          await columnTab(ada, 'Stop');
          await ada.groupWith('A short card', 'One long word');
          await ada.page.getByLabel('Group title').fill(`Title ${LONG_WORD}${LONG_WORD}`);
          await ada.page.getByLabel('Group title').press('Enter');
          await expect(ada.page.getByRole('region', { name: /^Group: Title/ })).toBeVisible();
        }
        await expectNothingOverflows(ada.page, `${phase}, participant`);
        await expectWholeTitles(ada.page, `${phase}, participant`);
        await tab(fiona, 'Facilitate');
        // The vote settings (votes per person, most votes on one item) and the timer sit in the facilitator's panel.
        await expect(fiona.page.getByLabel('Most votes on one item')).toBeVisible();
        await expectNothingOverflows(fiona.page, `${phase}, facilitator's controls`);
        await tab(fiona, 'People');
        await expectNothingOverflows(fiona.page, `${phase}, people`);
      }
    } finally {
      await fionaContext.close();
      await adaContext.close();
    }
  });
}

test('PR-1 the "joined" line keeps clear of the facilitator\'s panel and its timer controls', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Where notices go');
  await ada.join(link, 'Ada');
  const line = facilitator.page.getByText('Ada joined');
  await expect(line).toBeVisible();
  const panel = (await facilitator.page.locator('.sidebar').boundingBox())!;
  const box = (await line.boundingBox())!;
  const apart = box.x >= panel.x + panel.width || box.x + box.width <= panel.x || box.y >= panel.y + panel.height || box.y + box.height <= panel.y;
  expect(apart, `"Ada joined" at ${JSON.stringify(box)} overlaps the facilitator's panel at ${JSON.stringify(panel)}`).toBe(true);
});
