import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/** The guided move on the item being discussed: the room's answer, named offers, actions — by role and label. */
export class GuidedMovePage {
  constructor(readonly page: Page) {}

  /** the item being discussed ("Now discussing: …"), where the move happens */
  get panel(): Locator {
    return this.page.getByRole('article', { name: /^Now discussing/ });
  }

  async screenshot(testInfo: TestInfo, name: string): Promise<void> {
    const path = testInfo.outputPath(`${name}.png`);
    // A viewport as tall as the page, so the sticky header does not land on top of a long panel.
    const viewport = this.page.viewportSize()!;
    const height = await this.page.evaluate(() => document.documentElement.scrollHeight);
    await this.page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
    await this.panel.screenshot({ path });
    await this.page.setViewportSize(viewport);
    await testInfo.attach(name, { path, contentType: 'image/png' });
  }

  get newAction(): Locator {
    return this.page.getByLabel('New action');
  }

  get askOf(): Locator {
    return this.page.getByLabel('Or ask someone outside the room (optional)');
  }

  async answer(text: string): Promise<void> {
    await this.page.getByLabel('Our answer (shared notes)').fill(text);
  }

  async offer(text: string): Promise<void> {
    await this.page.getByLabel('Your offer of help, under your name').fill(text);
    await this.page.getByRole('button', { name: 'Offer help' }).click();
    await expect(this.offerRow(text)).toBeVisible();
  }

  offerRow(text: string): Locator {
    return this.page.getByRole('list', { name: 'Offers of help' }).getByRole('listitem').filter({ hasText: text });
  }

  async makeAction(offerText: string): Promise<void> {
    await this.page.getByRole('button', { name: `Make it an action: ${offerText}` }).click();
    await expect(this.offerRow(offerText)).toContainText('Now an action');
  }

  /** The action card whose co-edited text is `text` (short texts: the card is named by it). */
  action(text: string): Locator {
    return this.page.getByRole('article', { name: `Action: ${text}`, exact: true });
  }
}
