import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/** One person's view of a board, driven by role and label the way a person reads the page. */
export class BoardPage {
  constructor(
    readonly page: Page,
    readonly who: string,
  ) {}

  async join(link: string, name: string): Promise<void> {
    await this.page.goto(link);
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByRole('button', { name: 'Join' }).click();
    await expect(this.page.getByTestId('connection-status')).toHaveText('Connected');
  }

  column(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  async addCard(columnTitle: string, text: string): Promise<void> {
    const column = this.column(columnTitle);
    await column.getByLabel(`New card in ${columnTitle}`).fill(text);
    await column.getByRole('button', { name: 'Add card' }).click();
    await expect(column.getByRole('article').filter({ hasText: text }).getByText('sending…')).toHaveCount(0);
  }

  card(text: string): Locator {
    return this.page.getByRole('article').filter({ hasText: text });
  }

  /** Moves the retro one step on; Reveal and Close are confirmed in their dialog (CF-1). */
  async goTo(phase: 'Write' | 'Reveal' | 'Vote' | 'Discuss' | 'Act' | 'Close'): Promise<void> {
    if (phase === 'Close') {
      await this.page.getByRole('button', { name: 'Close the retro…' }).click();
      await this.confirm('Close the retro');
    } else {
      await this.page.getByRole('button', { name: `Next: ${phase}` }).click();
      if (phase === 'Reveal') await this.confirm('Reveal all cards');
    }
    await this.expectPhase(phase);
  }

  /** The open confirmation dialog (CF-1 and the other "are you sure" questions). */
  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async confirm(action: string): Promise<void> {
    await this.dialog().getByRole('button', { name: action, exact: true }).click();
    await expect(this.dialog()).toHaveCount(0);
  }

  async expectPhase(phase: string): Promise<void> {
    await expect(this.page.getByRole('navigation', { name: 'Retro phases' }).locator('[aria-current="step"]')).toContainText(phase);
  }

  async groupWith(cardText: string, otherText: string): Promise<void> {
    await this.card(cardText).getByRole('button', { name: 'Group with…' }).click();
    const select = this.card(cardText).getByLabel('Choose a card to group with');
    const option = select.locator('option', { hasText: otherText.slice(0, 40) });
    await select.selectOption({ label: (await option.textContent())!.trim() });
  }

  async voteFor(text: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      await this.page.getByRole('button', { name: new RegExp(`^Vote for: ${escape(text.slice(0, 30))}`) }).click();
    }
  }

  async screenshot(testInfo: TestInfo, name: string): Promise<void> {
    const path = testInfo.outputPath(`${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
