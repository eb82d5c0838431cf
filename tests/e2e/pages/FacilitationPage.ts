import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { BoardPage } from './BoardPage.js';

/**
 * Issue 10 on top of BoardPage: share, rename, "I'm done", the door (password, knock, lock joining), lock,
 * remove, hide and sign. Every person is a FacilitationPage; the facilitator-only methods need the role.
 */
export class FacilitationPage extends BoardPage {
  constructor(page: Page, who: string) {
    super(page, who);
  }

  /** A screenshot of what this person sees now, kept in docs/screenshots/ for the README and reviewers. */
  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join('docs', 'screenshots', `${name}.png`) });
  }

  panel(): Locator {
    return this.page.getByRole('region', { name: 'Facilitator' });
  }

  people(): Locator {
    return this.page.getByRole('region', { name: /^People\b/ });
  }

  /** SH-1: opens the share dialog and returns the participant link it shows. */
  async openShare(): Promise<string> {
    await this.page.getByRole('button', { name: 'Share' }).click();
    await expect(this.dialog().getByRole('img', { name: 'QR code of the link to this retro' })).toBeVisible();
    return this.dialog().getByLabel('Link to this retro').inputValue();
  }

  async closeDialog(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Close', exact: true }).click();
    await expect(this.dialog()).toHaveCount(0);
  }

  async rename(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Rename' }).click();
    await this.page.getByLabel('Retro name').fill(name);
    await this.page.getByRole('button', { name: 'Save name' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  /** DN-1: "I'm done writing" / "I'm done voting". */
  async markDone(): Promise<void> {
    await this.page.getByRole('button', { name: /^I'm done (writing|voting)$/ }).click();
    await expect(this.page.getByRole('button', { name: /^✓ I'm done/ })).toHaveAttribute('aria-pressed', 'true');
  }

  /** DN-2: the facilitator's "x of y" line. */
  async expectDoneCount(done: number, of: number): Promise<void> {
    await expect(this.panel().getByText(`${done} of ${of}`, { exact: true })).toBeVisible();
  }

  async setPassword(password: string): Promise<void> {
    await this.panel().getByLabel(/board password/i).fill(password);
    await this.panel().getByRole('button', { name: /^(Set|Change) password$/ }).click();
  }

  /** JN-1: the password prompt a participant meets at the door. */
  async enterPassword(password: string): Promise<void> {
    await this.page.getByLabel('Board password').fill(password);
    await this.page.getByRole('button', { name: 'Enter' }).click();
  }

  async setKnock(on: boolean): Promise<void> {
    await this.toggle('Newcomers knock; I let them in', on);
  }

  async setJoiningLocked(on: boolean): Promise<void> {
    await this.toggle('Lock joining (nobody new gets in)', on);
  }

  async setBoardLocked(on: boolean): Promise<void> {
    await this.toggle('Lock the board (read-only for everyone else)', on);
  }

  /** The room switches are the server's state: a click asks, the box follows once the server agrees. */
  private async toggle(label: string, on: boolean): Promise<void> {
    const box = this.panel().getByLabel(label);
    if ((await box.isChecked()) !== on) await box.click();
    await expect(box).toBeChecked({ checked: on });
  }

  /** JN-3: the facilitator answers a knock. */
  async admit(name: string): Promise<void> {
    await this.panel().getByRole('button', { name: `Let ${name} in` }).click();
  }

  async refuse(name: string): Promise<void> {
    const row = this.panel().getByRole('listitem').filter({ hasText: name });
    await row.getByRole('button', { name: 'Not now' }).click();
  }

  /** Joins as a newcomer who then waits at the door (knock on). */
  async knock(link: string, name: string): Promise<void> {
    await this.page.goto(link);
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByRole('button', { name: 'Join' }).click();
    await expect(this.page.getByRole('heading', { name: 'You knocked' })).toBeVisible();
  }

  async removePerson(name: string): Promise<void> {
    await this.people().getByRole('button', { name: `Remove ${name}` }).click();
    await this.confirm(`Remove ${name}`);
  }

  async hideCard(text: string): Promise<void> {
    await (await this.cardMenu(text)).getByRole('button', { name: 'Hide card' }).click();
    await this.confirm('Hide card');
  }

  async signCard(text: string): Promise<void> {
    await (await this.cardMenu(text)).getByRole('button', { name: 'Show my name on this card' }).click();
    await this.confirm('Show my name'); // SG-3 (the dialog closed the card's menu)
    await expect((await this.cardMenu(text)).getByRole('button', { name: 'Hide my name again' })).toBeVisible();
  }
}
