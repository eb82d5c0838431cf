import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { TEMPLATES } from '@candor/shared';

/** The phases a facilitator steps a retro through, in order (a team retro's Review comes before Write). */
const STEPS = ['Write', 'Reveal', 'Vote', 'Discuss', 'Act', 'Close'] as const;
export type StepPhase = (typeof STEPS)[number];

/** One person's view of a board, driven by role and label the way a person reads the page. */
export class BoardPage {
  constructor(
    readonly page: Page,
    readonly who: string,
  ) {}

  /** Opens the link and asks to join under `name`, whatever the board answers (JN-9 may refuse it). */
  /** `beforeName`: what happens while the person reads the join form, before they type their name */
  async askToJoin(link: string, name: string, beforeName?: () => Promise<unknown>): Promise<void> {
    await this.page.goto(link);
    await beforeName?.();
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByRole('button', { name: 'Join' }).click();
  }

  async join(link: string, name: string, beforeName?: () => Promise<unknown>): Promise<void> {
    await this.askToJoin(link, name, beforeName);
    await expect(this.page.getByTestId('connection-status')).toHaveText('Connected');
    // Joined means on the board: its document has arrived (a link alone no longer shows the board, JN-6).
    await expect(this.page.getByRole('navigation', { name: 'Retro phases' })).toBeVisible();
  }

  /**
   * Creates a retro, opens it and joins as its facilitator; returns the participant link. The retro is created as the
   * home page's form creates it (the same request, from this browser, with the template the form's radio of that name
   * stands for; Start / Stop / Continue unless told) and opened at its facilitator link: the home page and its form
   * are the subject of tests of their own (`via: 'home page'`), and loading them for every other test cost the suite
   * about half a minute.
   */
  async createRetro(name: string, options: { template?: string | RegExp; as?: string; via?: 'home page'; beforeName?: () => Promise<unknown> } = {}): Promise<string> {
    if (options.via === 'home page') {
      await this.page.goto('/');
      return this.createRetroHere(name, options);
    }
    const wanted = options.template ?? 'Start / Stop / Continue';
    const template = TEMPLATES.find((t) => (typeof wanted === 'string' ? t.name === wanted : wanted.test(t.name)));
    expect(template, `a template named ${wanted}`).toBeDefined();
    const res = await this.page.request.post('/api/boards', { data: { name, templateId: template!.id } });
    expect(res.status(), `creating ${name}`).toBe(201);
    const { boardId, facilitatorKey } = (await res.json()) as { boardId: string; facilitatorKey: string };
    const link = new URL(`/b/${boardId}`, res.url()).href;
    await this.join(`${link}#f=${facilitatorKey}`, options.as ?? 'Fiona', options.beforeName);
    return link;
  }

  /** Creates a team on the home page; returns the team page's address. */
  async createTeam(name: string): Promise<string> {
    await this.page.goto('/');
    await this.page.getByLabel('Team name').fill(name);
    await this.page.getByRole('button', { name: 'Create team' }).click();
    await expect(this.page).toHaveURL(/\/t\/[A-Za-z0-9_-]+$/);
    return this.page.url();
  }

  /** Starts a retro from a team page; a team retro opens in Review. Returns the participant link. */
  async startTeamRetro(teamUrl: string, name: string, options: { template?: string | RegExp; as?: string } = {}): Promise<string> {
    await this.page.goto(teamUrl);
    const link = await this.createRetroHere(name, options);
    await this.expectPhase('Review');
    return link;
  }

  /** The create form on this page (home or team), then the board, joined as the facilitator. */
  private async createRetroHere(name: string, options: { template?: string | RegExp; as?: string }): Promise<string> {
    await this.page.getByLabel('Retro name').fill(name);
    const template = this.page.getByRole('radio', { name: options.template ?? 'Start / Stop / Continue' });
    // TM-11: a team page shows the template chosen for it only, the others behind "Other templates"
    const others = this.page.getByRole('button', { name: /^Other templates/ });
    if ((await template.count()) === 0 && (await others.count()) > 0) await others.click();
    await template.check();
    await this.page.getByRole('button', { name: 'Create retro' }).click();
    const link = await this.page.getByLabel('Participant link').inputValue();
    await this.page.getByRole('button', { name: 'Open the board' }).click();
    await this.page.getByLabel('Your name').fill(options.as ?? 'Fiona');
    await this.page.getByRole('button', { name: 'Join' }).click();
    await expect(this.page.getByTestId('connection-status')).toHaveText('Connected');
    await expect(this.page.getByRole('navigation', { name: 'Retro phases' })).toBeVisible();
    return link;
  }

  column(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  async addCard(columnTitle: string, text: string): Promise<void> {
    const column = this.column(columnTitle);
    const field = column.getByLabel(`New card in ${columnTitle}`);
    await field.fill(text);
    // The button empties the field as it sends (the click's handler runs before click() returns). A phone's page
    // still drawing what came with joining can move the button between Playwright's aim and its tap, and the tap
    // then lands beside it (CW-1 at 390×844 failed so in a fresh-clone CI run): tapped again only while the words
    // are still in the field, so a card is never sent twice.
    await expect(async () => {
      if ((await field.inputValue()) !== '') await column.getByRole('button', { name: 'Add card' }).click({ timeout: 2000 });
      await expect(field).toHaveValue('', { timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    // The card must be on the page before "no 'sending…' on it" means anything: right after the click React may not
    // have drawn it yet, and a count of 0 on a card not drawn passed at once. A facilitator's step taken then could
    // reach the server before the card and end Write under it (AC-9 failed so in a fresh-clone CI run).
    const card = column.getByRole('article').filter({ hasText: text });
    await expect(card).not.toHaveCount(0);
    await expect(card.getByText('sending…')).toHaveCount(0);
  }

  card(text: string): Locator {
    return this.page.getByRole('article').filter({ hasText: text });
  }

  /** UI-32: a revealed card's controls are listed behind its "⋯" button; this opens the list (if closed) and returns the card. */
  async cardMenu(text: string, how: 'click' | 'tap' = 'click'): Promise<Locator> {
    const more = this.card(text).getByRole('button', { name: /^Card actions:/ });
    if ((await more.getAttribute('aria-expanded')) !== 'true') await more[how]();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    return this.card(text);
  }

  /** Moves the retro one step on; Reveal and Close are confirmed in their dialog (CF-1), and so is closing the vote when it asks (CF-2). */
  async goTo(phase: StepPhase): Promise<void> {
    if (phase === 'Close') {
      await this.page.getByRole('button', { name: 'Close the retro…' }).click();
      await this.confirm('Close the retro');
    } else {
      await this.page.getByRole('button', { name: `Next: ${phase}` }).click();
      if (phase === 'Reveal') await this.confirm('Reveal all cards');
      // CF-2: closing the vote asks only while someone else here has not said they are done voting
      if (phase === 'Discuss') {
        const asked = this.dialog().getByRole('button', { name: 'Close the vote', exact: true });
        const taken = this.page.getByRole('navigation', { name: 'Retro phases' }).locator('[aria-current="step"]').filter({ hasText: 'Discuss' });
        await expect(asked.or(taken).first()).toBeVisible();
        if (await asked.isVisible()) await this.confirm('Close the vote');
      }
    }
    await this.expectPhase(phase);
    // the step is taken once the board shows it and the server has said so: until then the step buttons are dimmed
    // (aria-disabled, UI-20), and a check of the page then (UI-4's axe scan) read their dimmed colours as the page's
    await expect(this.page.locator('.phase-buttons > button[aria-disabled="true"], .close-retro > button[aria-disabled="true"]')).toHaveCount(0);
  }

  /**
   * SW-3: steps the retro from the phase it is in through every next one up to `phase` (each as `goTo` does it), so a
   * test that only needs a board in Discuss or closed says so in one line.
   */
  async runTo(phase: StepPhase): Promise<void> {
    const current = (await this.page.getByRole('navigation', { name: 'Retro phases' }).locator('[aria-current="step"]').textContent()) ?? '';
    const from = STEPS.findIndex((step) => current.includes(step));
    const to = STEPS.indexOf(phase);
    if (to <= from) throw new Error(`runTo: the retro is in ${current.trim()}, not before ${phase}`);
    for (const step of STEPS.slice(from + 1, to + 1)) await this.goTo(step);
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
    await (await this.cardMenu(cardText)).getByRole('button', { name: 'Group with…' }).click();
    const select = this.card(cardText).getByLabel('Choose a card to group with');
    // the option that starts with the card's words: another card's may name it in its group's title ('… (in group
    // "Merging on Fridays")'), which LK-1's test met once
    const words = otherText.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const option = select.locator('option', { hasText: new RegExp(`^\\s*${words}`) });
    await select.selectOption({ label: (await option.textContent())!.trim() });
    // the board moves its cards once the group is made: a click aimed before that can land on another card (a CI run
    // opened no menu on the next card grouped, clicked while the group formed)
    const group = this.page.getByRole('region', { name: /^Group:/ }).filter({ has: this.card(cardText) }).filter({ has: this.card(otherText) });
    await expect(group).toHaveCount(1);
  }

  /** The grip that drags a card (UI-14). */
  grip(cardText: string): Locator {
    return this.page.getByRole('button', { name: `Move card: ${cardText.slice(0, 40)}` });
  }

  /** Presses the mouse on a card's grip and moves it far enough for the drag to start; the card stays held. */
  async pickUp(cardText: string): Promise<void> {
    // A person takes hold of a grip they can see: one below the fold, or under the fixed bottom bar, is scrolled to first.
    await this.grip(cardText).scrollIntoViewIfNeeded();
    const from = (await this.grip(cardText).boundingBox())!;
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    // Several steps: the pointer sensor starts a drag only after a few pixels, then follows the pointer.
    await this.page.mouse.move(from.x + 20, from.y + 20, { steps: 5 });
  }

  /** MV-3: the mark on a card that someone else is dragging. */
  beingMoved(cardText: string): Locator {
    return this.page.locator('.draggable-card').filter({ has: this.card(cardText) }).getByText('Someone is moving this card');
  }

  /** Moves the held card onto `target` and lets go. */
  async dropOn(target: Locator): Promise<void> {
    const to = (await target.boundingBox())!;
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    // A person lets go once the place shows it will take the card (its dashed outline). dnd-kit learns what is
    // under the pointer a render or two after the move; under load a release sent at once came first, and the drop
    // went to where the pointer had been: the card's own group, so a drop on a column changed nothing (CI, 1 in ~15).
    const outlined = this.page.locator('.drop-over');
    await expect(outlined.filter({ has: target }).or(target.and(outlined))).toBeVisible();
    await this.page.mouse.up();
  }

  async dragOnto(cardText: string, target: Locator): Promise<void> {
    await this.pickUp(cardText);
    await this.dropOn(target);
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
