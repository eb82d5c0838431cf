import { readFileSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { test, expect } from './fixtures/team';
import { DiscussionPage, longDiscussion } from './pages/DiscussionPage';
import { expectAccessibleInBothThemes } from './pages/accessibility';
import type { BoardPage } from './pages/BoardPage';
import { SINK_PORT } from '../../playwright.config';

/**
 * What people who ran retros in other tools reach for first, and Candor lacked: a timer that can be heard when it
 * runs out (GP-1) and a summary that pastes straight into a chat or a wiki page (GP-2). Rules in shared/SPEC.md (GP).
 */

/** A stand-in for Web Audio that counts the tones started, so a test hears the chime without a sound card. */
const COUNTING_AUDIO = `
  window.__tones = 0;
  class CountingAudioContext {
    constructor() { this.currentTime = 0; this.destination = {}; this.state = 'running'; }
    resume() { return Promise.resolve(); }
    createOscillator() {
      return { type: 'sine', frequency: { value: 0, setValueAtTime() {} }, connect(node) { return node; }, start() { window.__tones += 1; }, stop() {} };
    }
    createGain() {
      return { gain: { value: 1, setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect(node) { return node; } };
    }
  }
  window.AudioContext = CountingAudioContext;
`;

const tones = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { __tones: number }).__tones);

test('GP-1 a browser that turned the sound on chimes once when the timer runs out; one that did not stays silent', async ({ facilitator, ada }) => {
  await facilitator.page.addInitScript(COUNTING_AUDIO);
  await ada.page.addInitScript(COUNTING_AUDIO);
  // each page works the time left out from its own clock: the pages' clocks jump to the end rather than the test waiting
  for (const page of [facilitator.page, ada.page]) await page.clock.install();
  const link = await facilitator.createRetro('Time box with a chime');
  await ada.join(link, 'Ada');
  await facilitator.page.getByLabel('Custom minutes').fill('0.17');
  await facilitator.page.getByRole('button', { name: 'Start', exact: true }).click();

  const sound = ada.page.getByRole('button', { name: 'Sound when time is up' });
  await expect(sound).toHaveAttribute('aria-pressed', 'false');
  await sound.click();
  await expect(sound).toHaveAttribute('aria-pressed', 'true');
  await expect(facilitator.page.getByRole('button', { name: 'Sound when time is up' })).toHaveAttribute('aria-pressed', 'false');

  for (const page of [facilitator.page, ada.page]) await page.clock.fastForward('00:11');
  await expect(ada.page.getByRole('status').filter({ hasText: 'Time is up' })).toHaveCount(1);
  await expect.poll(() => tones(ada.page)).toBe(2);
  await expect(facilitator.page.getByRole('status').filter({ hasText: 'Time is up' })).toHaveCount(1);
  expect(await tones(facilitator.page)).toBe(0);
  expect(await tones(ada.page)).toBe(2);

  // remembered in this browser; a page opened after the timer ran out stays silent, as it says nothing (DI-11)
  await ada.page.reload();
  // (the reloaded page's own clock is behind the server's by the jump until it has measured the server's, three
  // answers after joining: a loaded machine once took more than the 10 s an expectation waits)
  await expect(ada.page.getByRole('timer', { name: 'Time left' })).toHaveText('Time is up', { timeout: 25_000 });
  await expect(ada.page.getByRole('button', { name: 'Sound when time is up' })).toHaveAttribute('aria-pressed', 'true');
  expect(await tones(ada.page)).toBe(0);
});

test('GP-1 two tabs of one browser on the board chime once between them when the timer runs out', async ({ facilitator }) => {
  await facilitator.page.context().addInitScript(COUNTING_AUDIO);
  await facilitator.page.clock.install();
  const link = await facilitator.createRetro('Two tabs, one chime');
  const other = await facilitator.page.context().newPage();
  await other.goto(link);
  await expect(other.getByRole('navigation', { name: 'Retro phases' })).toBeVisible();
  await facilitator.page.getByLabel('Custom minutes').fill('0.17');
  await facilitator.page.getByRole('button', { name: 'Start', exact: true }).click();
  await other.getByRole('button', { name: 'Sound when time is up' }).click();
  await expect(facilitator.page.getByRole('button', { name: 'Sound when time is up' })).toHaveAttribute('aria-pressed', 'true');
  await facilitator.page.clock.fastForward('00:11');
  for (const page of [facilitator.page, other]) await expect(page.getByRole('status').filter({ hasText: 'Time is up' })).toHaveCount(1);
  // both pages have run what follows the end (a frame, then the tabs' turn at the chime, taken one after the other)
  const settled = (page: import('@playwright/test').Page) =>
    page.evaluate(async () => {
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
      await navigator.locks?.request('candor.timerChime', () => undefined);
    });
  // the chime's code comes when first needed (chime.ts imports ring.js), so a tab may not have asked for its turn yet
  // when the other is settled: wait for one chime, then let both settle and count again (CI: read at 0 once)
  const rung = async () => (await tones(facilitator.page)) + (await tones(other));
  await expect.poll(rung).toBeGreaterThanOrEqual(2);
  await Promise.all([settled(facilitator.page), settled(other)]);
  expect(await rung()).toBe(2);
  await other.close();
});

test('GP-1 SW-2 the chime switch is one for the browser, as presenting mode is: turned on in one tab, it is on in the other', async ({ facilitator }) => {
  const link = await facilitator.createRetro('Two tabs, one bell');
  await facilitator.page.getByLabel('Custom minutes').fill('5');
  await facilitator.page.getByRole('button', { name: 'Start', exact: true }).click();
  const other = await facilitator.page.context().newPage();
  await other.goto(link);
  const sound = (page: import('@playwright/test').Page) => page.getByRole('button', { name: 'Sound when time is up' });
  await expect(sound(other)).toHaveAttribute('aria-pressed', 'false');
  await sound(facilitator.page).click();
  await expect(sound(facilitator.page)).toHaveAttribute('aria-pressed', 'true');
  await expect(sound(other)).toHaveAttribute('aria-pressed', 'true');
  await sound(other).click();
  await expect(sound(facilitator.page)).toHaveAttribute('aria-pressed', 'false');
  // presenting mode did so before; one helper keeps both switches now
  const presenting = (page: import('@playwright/test').Page) => page.locator('.presenting-toggle');
  await presenting(facilitator.page).click();
  await expect(presenting(facilitator.page)).toHaveAttribute('aria-pressed', 'true');
  await expect(presenting(other)).toHaveAttribute('aria-pressed', 'true');
  await other.close();
});

test('GP-2 the closed retro copies its summary as Markdown, in the page language, ready to paste', async ({ facilitator, ada }) => {
  await ada.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const link = await facilitator.createRetro('Sprint 9 retro');
  await ada.join(link, 'Ada');
  await ada.addCard('Start', 'Pair on the release checklist');
  await facilitator.runTo('Close');
  await ada.expectPhase('Close');

  await ada.page.getByRole('button', { name: 'Copy summary (Markdown)' }).click();
  await expect(ada.page.getByRole('status').filter({ hasText: 'Summary copied' })).toHaveCount(1);
  const copied = await ada.page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Sprint 9 retro');
  expect(copied).toContain('Pair on the release checklist');
  expect(copied).not.toContain('Ada');

  // German page, German summary (EX-10)
  await ada.page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await ada.page.getByRole('button', { name: 'Zusammenfassung kopieren (Markdown)' }).click();
  await expect(ada.page.getByRole('status').filter({ hasText: 'Zusammenfassung kopiert' })).toHaveCount(1);
  await expect.poll(() => ada.page.evaluate(() => navigator.clipboard.readText())).not.toBe(copied);
  expect(await ada.page.evaluate(() => navigator.clipboard.readText())).toContain('Pair on the release checklist');
});

test('GP-3 a retro created from "Went well / To improve" opens on its three columns, in German too', async ({ facilitator, ada }) => {
  // created through the home page's form, whose radio offers the template
  const link = await facilitator.createRetro('Everyday retro', { template: 'Went well / To improve', via: 'home page' });
  await ada.join(link, 'Ada');
  for (const title of ['What went well', 'What could go better', 'One thing to try']) await expect(ada.column(title)).toBeVisible();
  await ada.addCard('One thing to try', 'Pair on every release for a month');
  await ada.page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  for (const title of ['Was gut lief', 'Was besser gehen könnte', 'Eine Sache zum Ausprobieren']) {
    await expect(ada.page.getByRole('region', { name: title, exact: true })).toBeVisible();
  }
  await expect(ada.page.getByRole('region', { name: 'Eine Sache zum Ausprobieren', exact: true })).toContainText('Pair on every release for a month');
});

test('GP-4 the closed retro prints (or saves as PDF) as its summary alone: no controls, no people list, no downloads', async ({ facilitator, ada }) => {
  await ada.page.addInitScript(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => {
      (window as unknown as { __printed: number }).__printed += 1;
    };
  });
  const link = await facilitator.createRetro('Sprint 10 retro');
  await ada.join(link, 'Ada');
  await ada.addCard('Continue', 'Demo to the whole team on Fridays');
  await facilitator.runTo('Close');
  await ada.expectPhase('Close');

  await ada.page.getByRole('button', { name: 'Print or save as PDF' }).click();
  await expect.poll(() => ada.page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

  const page = ada.page;
  await page.emulateMedia({ media: 'print' });
  // what the page is about stays: the retro's name, the summary and its cards
  await expect(page.getByText('Sprint 10 retro', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'All cards' })).toBeVisible();
  await expect(page.getByText('Demo to the whole team on Fridays')).toBeVisible();
  // what only works on a screen goes
  for (const gone of [
    page.getByRole('navigation', { name: 'Retro phases' }),
    page.getByRole('heading', { name: /^People\b/ }),
    page.getByRole('link', { name: 'Download Markdown' }),
    page.getByRole('button', { name: 'Copy summary (Markdown)' }),
    page.getByRole('button', { name: 'Print or save as PDF' }),
    page.getByRole('button', { name: 'Share' }),
    page.getByRole('heading', { name: 'Email the summary' }),
    page.getByRole('region', { name: 'Room news' }),
  ]) {
    await expect(gone).toBeHidden();
  }
  // and the summary takes the page's width: nothing beside it
  const main = (await page.locator('#board-main').boundingBox())!;
  expect(main.x).toBeLessThan(40);
  // dark on white paper, even from a dark theme
  await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  const ink = () => page.getByRole('heading', { name: 'All cards' }).evaluate((h) => getComputedStyle(h).color);
  const onScreen = await ink();
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await expect.poll(ink).not.toBe(onScreen);
  const [r, g, b] = (await ink()).match(/\d+/g)!.map(Number);
  expect(r + g + b, 'printed text is dark').toBeLessThan(200);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('heading', { name: /^People\b/ })).toBeVisible();
});

/**
 * SW-4: where a PDF page's printed area starts, in millimetres from the paper's edges. Chromium draws each page as
 * one content stream: a scale to points (`… cm`), then the printed area as a clip rectangle (`x y w h re`), in
 * device units; with no @page margin the rectangle starts at 0 0.
 */
function printedMargins(pdf: Buffer, paper: { width: number; height: number }) {
  const toMm = 25.4 / 72;
  for (const [, body] of pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let text: string;
    try {
      text = inflateSync(Buffer.from(body!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    const page = text.match(/^([\d.]+) 0 0 -[\d.]+ 0 [\d.]+ cm\nq\n([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re/);
    if (!page) continue;
    const [scale, x, y, w, h] = page.slice(1).map(Number) as [number, number, number, number, number];
    return { left: x * scale * toMm, top: y * scale * toMm, right: paper.width - (x + w) * scale * toMm, bottom: paper.height - (y + h) * scale * toMm };
  }
  throw new Error('no page in the PDF');
}

test('GP-4 WH-1 the printed summary leaves out the room\'s passing news: "Fiona is now facilitating" with its ×', async ({ facilitator, ada, bo }) => {
  const link = await facilitator.createRetro('Sprint 12 retro');
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');
  await bo.addCard('Continue', 'Demo to the whole team on Fridays');
  await facilitator.runTo('Act');
  // Fiona hands the role to Ada and takes it back just before she closes: Bo's page says so (FA-4) for a while
  await facilitator.page.getByRole('button', { name: 'Hand over to Ada' }).click();
  await facilitator.page.getByRole('button', { name: 'Yes, hand over' }).click();
  await facilitator.page.getByRole('button', { name: 'Take it back' }).click();
  await expect(bo.page.getByText('Fiona is now facilitating (took the role back).')).toBeVisible();
  await facilitator.goTo('Close');
  await bo.expectPhase('Close');
  const page = bo.page;
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: 'All cards' })).toBeVisible();
  // the news line (and its × button) is for the screen, whenever the page is printed: the walk-through's paper summary
  // opened with "Fiona is now facilitating (took the role back). ×" above "Summary"
  // (read at once, not waited for: the line goes by itself after 15 s on a screen too)
  expect(await page.getByText('Fiona is now facilitating (took the role back).').isVisible()).toBe(false);
  expect(await page.locator('.announcer').evaluate((e) => getComputedStyle(e).display), 'the news line in print').toBe('none');
});

test('GP-4 SW-4 the printed summary keeps a margin on A4 and on Letter', async ({ facilitator }) => {
  await facilitator.createRetro('Sprint 11 retro');
  await facilitator.addCard('Continue', 'Keep the release notes short enough to read in one go on a Friday afternoon');
  await facilitator.runTo('Close');
  await expect(facilitator.page.getByRole('heading', { name: 'All cards' })).toBeVisible();
  for (const [format, paper] of [['A4', { width: 210, height: 297 }], ['Letter', { width: 215.9, height: 279.4 }]] as const) {
    const pdf = await facilitator.page.pdf({ format });
    writeFileSync(test.info().outputPath(`summary-${format}.pdf`), pdf);
    const margins = printedMargins(pdf, paper);
    for (const [side, mm] of Object.entries(margins)) {
      expect(mm, `${format} ${side} margin`).toBeGreaterThanOrEqual(12);
      expect(mm, `${format} ${side} margin`).toBeLessThanOrEqual(25);
    }
  }
});

test('SM-2 EX-6 the closed summary’s "All cards" lists a column’s cards in the discussion order, as the exports do, not the reveal order', async ({ facilitator }) => {
  const page = facilitator.page;
  await facilitator.createRetro('Order of the cards');
  for (const text of ['Slow builds', 'Flaky tests', 'Late reviews']) await facilitator.addCard('Stop', text);
  await facilitator.runTo('Discuss');
  const discussion = new DiscussionPage(page);
  await expect(discussion.list.locator(':scope > li')).toHaveCount(3);
  const revealed = (await discussion.order()).map((text) => ['Slow builds', 'Flaky tests', 'Late reviews'].find((t) => text.includes(t))!);
  // the facilitator takes the reveal's last item first
  await discussion.moveByKeyboard(new RegExp(`^Move: ${revealed[2]}`), 3, 1);
  const discussed = [revealed[2]!, revealed[0]!, revealed[1]!];
  await expect(discussion.list.locator(':scope > li').first()).toContainText(revealed[2]!);
  await facilitator.runTo('Close');
  const stop = page.getByRole('region', { name: 'All cards' }).locator('.summary-columns > div').filter({ has: page.getByRole('heading', { name: 'Stop' }) });
  await expect(stop.getByRole('listitem')).toHaveCount(3);
  const listed = (await stop.getByRole('listitem').allInnerTexts()).map((text) => discussed.find((t) => text.includes(t)));
  expect(listed).toEqual(discussed);
});

test('GP-5 "Was this retro worth the time?" is asked at the end of Act, anonymously, and the summary shows only its distribution', async ({ facilitator, ada, bo, cy }) => {
  const link = await facilitator.createRetro('Sprint 12');
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');
  await cy.join(link, 'Cy');
  await ada.addCard('Stop', 'Deploying on Fridays');
  await facilitator.runTo('Act');
  await bo.page.getByRole('combobox', { name: 'Language' }).selectOption('de');

  const question = (who: typeof ada) => who.page.getByRole('radiogroup', { name: 'Was this retro worth the time you spent in it?' });
  await expect(question(ada)).toBeVisible();
  await question(ada).getByRole('radio', { name: '4 — worth more than the time' }).check();
  await expect(ada.page.getByText('Your answer: 4 — worth more than the time. You can change it until the retro is closed.')).toBeVisible();
  await bo.page.getByRole('radiogroup', { name: 'War diese Retro die Zeit wert, die du in ihr verbracht hast?' }).getByRole('radio', { name: '2 — nicht ganz die Zeit wert' }).check();
  await expect(bo.page.getByText('Deine Antwort: 2 — nicht ganz die Zeit wert.', { exact: false })).toBeVisible();
  await question(cy).getByRole('radio', { name: '4 — worth more than the time' }).check();
  await question(facilitator).getByRole('radio', { name: '5 — well worth it' }).check();
  await expect(question(facilitator).getByRole('radio', { name: '5 — well worth it' })).toBeChecked();
  // nobody's answer shows to anyone else while Act is open
  await expect(question(cy).getByRole('radio', { name: '4 — worth more than the time' })).toBeChecked();
  await expect(question(ada).getByRole('radio', { name: '5 — well worth it' })).not.toBeChecked();

  // the facilitator is reminded to ask for it, under "Close the retro…" (nobody else is), and told, before closing,
  // that the question closes with the retro
  const reminder = 'Before you close, ask everyone to answer “Was this retro worth the time?”, at the end of Act.';
  await expect(facilitator.page.locator('.close-retro')).toContainText(reminder);
  await expect(ada.page.getByText(reminder)).toHaveCount(0);
  await facilitator.page.getByRole('button', { name: 'Close the retro…' }).click();
  await expect(facilitator.dialog()).toContainText('“Was this retro worth the time?” closes with it: nobody can answer it afterwards.');
  await facilitator.confirm('Close the retro');
  await ada.expectPhase('Close');

  const result = ada.page.getByRole('region', { name: 'Worth the time?' });
  await expect(result.getByRole('img', { name: 'Worth the time: results' })).toBeVisible();
  await expect(result).toContainText('Average 3.8 from 4 answers');
  await expect(bo.page.getByRole('region', { name: 'Hat es sich gelohnt?' })).toContainText('Durchschnitt 3,8 aus 4 Antworten');
  await expect(ada.page.getByRole('radiogroup', { name: 'Was this retro worth the time you spent in it?' })).toHaveCount(0);
});

test('GP-5 a retro where nobody answered "worth the time?" says nothing of it: not the summary, the Markdown, the copied summary nor the email, in English and German', async ({ facilitator, ada, bo }) => {
  await ada.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const link = await facilitator.createRetro('Nobody said');
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');
  await bo.page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await ada.addCard('Stop', 'Deploying on Fridays');
  await facilitator.runTo('Act');
  await expect(ada.page.getByRole('radiogroup', { name: 'Was this retro worth the time you spent in it?' })).toBeVisible();
  await facilitator.goTo('Close');
  await ada.expectPhase('Close');
  await expect(ada.page.getByRole('heading', { name: 'All cards' })).toBeVisible();
  await expect(bo.page.getByText('Deploying on Fridays')).toBeVisible();

  // what a distribution, or too few answers, would have said: none of it, under any heading
  const rotiEn = /worth the time|waste of time|well worth/i;
  const rotiDe = /gelohnt|Zeit wert|Zeitverschwendung/i;
  await expect(ada.page.getByRole('region', { name: 'Worth the time?' })).toHaveCount(0);
  await expect(ada.page.locator('main')).not.toContainText(rotiEn);
  await expect(bo.page.getByRole('region', { name: 'Hat es sich gelohnt?' })).toHaveCount(0);
  await expect(bo.page.locator('main')).not.toContainText(rotiDe);
  // the Markdown, in each reader's language
  const [en] = await Promise.all([ada.page.waitForEvent('download'), ada.page.getByRole('link', { name: 'Download Markdown' }).click()]);
  const markdown = readFileSync((await en.path())!, 'utf8');
  expect(markdown).toContain('Deploying on Fridays');
  expect(markdown).not.toMatch(rotiEn);
  const [de] = await Promise.all([bo.page.waitForEvent('download'), bo.page.getByRole('link', { name: 'Markdown herunterladen' }).click()]);
  const markdownDe = readFileSync((await de.path())!, 'utf8');
  expect(markdownDe).toContain('Deploying on Fridays');
  expect(markdownDe).not.toMatch(rotiDe);
  // the copied summary
  await ada.page.getByRole('button', { name: 'Copy summary (Markdown)' }).click();
  await expect.poll(() => ada.page.evaluate(() => navigator.clipboard.readText())).toContain('Deploying on Fridays');
  expect(await ada.page.evaluate(() => navigator.clipboard.readText())).not.toMatch(rotiEn);
  // the summary email
  await facilitator.page.getByLabel('Email addresses (separated by commas)').fill('team@example.com');
  await facilitator.page.getByRole('button', { name: 'Send summary' }).click();
  await expect(facilitator.page.getByText('Sent to 1 address. The address was not kept.')).toBeVisible();
  const messages = (await (await fetch(`http://127.0.0.1:${SINK_PORT}/messages`)).json()) as { raw: string }[];
  const mail = messages.find((m) => m.raw.includes('Subject: Retro summary: Nobody said'))?.raw.replace(/=\r?\n/g, '');
  expect(mail).toContain('Deploying on Fridays');
  expect(mail).not.toMatch(rotiEn);
});

test('GP-5 AN-11 a line at the top of Act asks "worth your time?" and takes me to the question, until I have answered; it shows nobody whether anyone else did', async ({ facilitator, ada, bo, cy }) => {
  // four discussed items, each with an action: the question is screens below the top of Act
  await longDiscussion(facilitator, ada, bo, 'Sprint 13', 3);
  await cy.join(ada.page.url(), 'Cy');
  await ada.page.setViewportSize({ width: 390, height: 844 });
  await bo.page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await facilitator.goTo('Act');
  await ada.expectPhase('Act');

  const cue = (who: typeof ada, words = 'One last question, anonymous: was this retro worth your time?') => who.page.locator('p').filter({ hasText: words });
  const question = ada.page.getByRole('radiogroup', { name: 'Was this retro worth the time you spent in it?' });
  await expect(cue(ada)).toBeInViewport();
  await expect(question).not.toBeInViewport();
  // at a desk too (1280x800): the question is screens down, and the line is on the first screen. Scrolled down to the
  // question, Cy no longer sees the line (it would only repeat it); back at the top, it is there again
  await cy.page.setViewportSize({ width: 1280, height: 800 });
  await expect(cue(cy)).toBeInViewport();
  const cyQuestion = cy.page.getByRole('radiogroup', { name: 'Was this retro worth the time you spent in it?' });
  await expect(cyQuestion).not.toBeInViewport();
  await cyQuestion.scrollIntoViewIfNeeded();
  await expect(cue(cy)).toHaveCount(0);
  await cy.page.getByRole('heading', { name: 'Act', exact: true }).scrollIntoViewIfNeeded();
  await expect(cue(cy)).toBeInViewport();
  await cue(ada).getByRole('button', { name: 'Answer below' }).click();
  await expect(question.getByRole('radio', { name: '1 — a waste of time' })).toBeFocused();
  await expect(question).toBeInViewport();
  await ada.page.keyboard.press('ArrowRight');
  await expect(question.getByRole('radio', { name: '2 — not quite worth it' })).toBeChecked();
  await expect(cue(ada)).toHaveCount(0);

  // the others' lines depend on their own answers alone: Ada's answer changes nothing on their pages
  await expect(cue(cy)).toBeVisible();
  await expect(cue(facilitator)).toBeVisible();
  const boCue = cue(bo, 'Eine letzte Frage, anonym: War diese Retro deine Zeit wert?');
  await expect(boCue).toBeVisible();
  // from the keyboard: Enter on the line's button, then an arrow key answers
  await boCue.getByRole('button', { name: 'Unten antworten' }).focus();
  await bo.page.keyboard.press('Enter');
  const boFirst = bo.page.getByRole('radio', { name: '1 — Zeitverschwendung' });
  await expect(boFirst).toBeFocused();
  await bo.page.keyboard.press('ArrowRight');
  await expect(bo.page.getByRole('radio', { name: '2 — nicht ganz die Zeit wert' })).toBeChecked();
  await expect(boCue).toHaveCount(0);
  await expect(cue(cy)).toBeVisible();
  await expect(cue(facilitator)).toBeVisible();

  // answered stays answered: the server's answer keeps the line away after a reload
  await ada.page.reload();
  await expect(question).toBeVisible();
  await expect(cue(ada)).toHaveCount(0);

  // AN-11: presenting, my answer is not shown, nor that I gave one: the line is there as on Cy's page, unanswered,
  // and takes me to the question with nothing chosen
  await ada.page.getByRole('button', { name: 'Presenting', exact: true }).click();
  await expect(cue(ada)).toBeVisible();
  expect(await cue(ada).innerHTML()).toBe(await cue(cy).innerHTML());
  await cue(ada).getByRole('button', { name: 'Answer below' }).click();
  await expect(question.getByRole('radio', { name: '1 — a waste of time' })).toBeFocused();
  await expect(question.getByRole('radio', { checked: true })).toHaveCount(0);
  await ada.page.getByRole('button', { name: 'Presenting: your marks are hidden' }).click();
  await expect(cue(ada)).toHaveCount(0);
  await expect(question.getByRole('radio', { name: '2 — not quite worth it' })).toBeChecked();
});

test('GP-5 the line at the top of Act is not shown while the question itself is on the screen: a short Act at 1280x800 has none, a shorter window shows it', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Short and sweet');
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Long meetings');
  await ada.page.setViewportSize({ width: 1280, height: 800 });
  await facilitator.runTo('Act');
  await ada.expectPhase('Act');
  const cue = ada.page.locator('p').filter({ hasText: 'One last question, anonymous: was this retro worth your time?' });
  const question = ada.page.getByRole('radiogroup', { name: 'Was this retro worth the time you spent in it?' });
  // nothing discussed, one item: the question is on the first screen, under the intro; a line pointing at it is noise
  await expect(question).toBeInViewport({ ratio: 1 });
  await expect(cue).toHaveCount(0);
  // in a window too short for it, the question is below the screen's edge: the line is back, at the top
  await ada.page.setViewportSize({ width: 1280, height: 420 });
  await expect(question).not.toBeInViewport({ ratio: 1 });
  await expect(cue).toBeInViewport();
  await cue.getByRole('button', { name: 'Answer below' }).click();
  await expect(question.getByRole('radio', { name: '1 — a waste of time' })).toBeFocused();
  await expect(cue).toHaveCount(0);
  // answers in the window but behind the news line fixed at its foot are not in sight: the line stays until they are
  // above it. (The line coming or going at the top moves the answers by its height, which the browser's scroll
  // anchoring does not always make up for: the page is scrolled again until the answers stay where they were put.)
  const answersEndAbove = (px: number) =>
    expect
      .poll(() =>
        ada.page.evaluate(([selector, px]) => {
          const answers = document.querySelector(selector)!.getBoundingClientRect();
          const off = answers.bottom - (document.querySelector('.room-bar')!.getBoundingClientRect().top - px);
          if (Math.abs(off) <= 1) return 'in place';
          window.scrollBy(0, off);
          return `moved by ${Math.round(off)} px`;
        }, ['[role=radiogroup]:has(input[name=roti])', px] as const),
      )
      .toBe('in place');
  await answersEndAbove(-12);
  await expect(cue).toHaveCount(1);
  await answersEndAbove(-12);
  await expect(question).toBeInViewport({ ratio: 1 });
  await expect(cue).toHaveCount(1);
  await answersEndAbove(4);
  await expect(cue).toHaveCount(0);
  // the window tall again, still unanswered: no line
  await ada.page.setViewportSize({ width: 1280, height: 800 });
  await ada.page.getByRole('heading', { name: 'Act', exact: true }).scrollIntoViewIfNeeded();
  await expect(question).toBeInViewport({ ratio: 1 });
  await expect(cue).toHaveCount(0);
});

test('GP-5 AN-9 with fewer than 4 answers the summary says only that there are too few to show', async ({ facilitator, ada }) => {
  const link = await facilitator.createRetro('Two of us');
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Long meetings');
  await facilitator.runTo('Act');
  await ada.page.getByRole('radio', { name: '1 — a waste of time' }).check();
  await expect(ada.page.getByText('Your answer: 1 — a waste of time.', { exact: false })).toBeVisible();
  await facilitator.runTo('Close');
  const result = ada.page.getByRole('region', { name: 'Worth the time?' });
  await expect(result).toContainText('Not enough answers to show without identifying anyone');
  await expect(result.getByRole('img')).toHaveCount(0);
});

test('GP-6 in the closed summary each person takes the actions they promised into their own calendar, made in the browser and sent nowhere', async ({ facilitator, ada, bo }) => {
  const PAIR = 'I can pair on the deploy script';
  const RUNBOOK = 'I can write the rollback runbook';
  const WIKI = 'Update the deploy wiki, step by step';
  // Ada's page: every request and every socket.io event it sends, from before it joins
  const sent: string[] = [];
  ada.page.on('request', (request) => sent.push(`${request.method()} ${request.url()}`));
  ada.page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => typeof payload === 'string' && payload.startsWith('42') && sent.push(payload)));
  const link = await facilitator.createRetro('Sprint 9 retro');
  await ada.join(link, 'Ada');
  await bo.join(link, 'Bo');
  await ada.addCard('Stop', 'Deploys on Friday keep failing');
  await facilitator.runTo('Discuss');
  await facilitator.page.getByRole('button', { name: /^Discuss this/ }).first().click();
  for (const [who, words] of [[ada, PAIR], [bo, RUNBOOK]] as const) {
    await who.page.getByLabel('Your offer of help, under your name').fill(words);
    await who.page.getByRole('button', { name: 'Offer help' }).click();
    await facilitator.page.getByRole('button', { name: `Make it an action: ${words}` }).click();
  }
  // a third action Ada helps with, with no due date: a calendar has no day for it
  await facilitator.page.getByLabel('New action').fill(WIKI);
  await facilitator.page.getByRole('button', { name: 'Add action' }).click();
  const wiki = ada.page.getByRole('article', { name: `Action: ${WIKI}`, exact: true });
  await wiki.getByRole('button', { name: 'I can help' }).click();
  await expect(wiki).toContainText('Helping: Ada');
  await wiki.getByLabel('Due date').fill('');
  await expect(facilitator.page.getByRole('article', { name: `Action: ${WIKI}`, exact: true }).getByLabel('Due date')).toHaveValue('');
  const due = await ada.page.getByRole('article', { name: `Action: ${PAIR}`, exact: true }).getByLabel('Due date').inputValue();
  expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await facilitator.runTo('Close');
  await ada.expectPhase('Close');

  const actions = (p: typeof ada) => p.page.getByRole('region', { name: 'Actions', exact: true });
  await expect(actions(ada)).toContainText(
    'You promised to help with 2 of these. Your calendar can remind you the day before it is due. One has no due date, so it cannot go in a calendar.',
  );
  // the facilitator promised nothing: nothing to take
  await expect(actions(facilitator)).toContainText(PAIR);
  await expect(actions(facilitator).getByText(/You promised/)).toHaveCount(0);
  await expect(facilitator.page.getByRole('button', { name: /to my calendar/ })).toHaveCount(0);

  const sentBefore = sent.length;
  const [download] = await Promise.all([ada.page.waitForEvent('download'), ada.page.getByRole('button', { name: 'Add my promise to my calendar (.ics)' }).click()]);
  // made in the browser: the page asked the server for nothing and told the room nothing (the page's periodic clock
  // check, time.sync, aside: it carries nothing)
  expect(sent.slice(sentBefore).filter((s) => !s.startsWith('GET blob:') && !s.includes('"time.sync"'))).toEqual([]);
  expect(download.suggestedFilename()).toBe('Sprint 9 retro-my-promises.ics');
  const ics = readFileSync((await download.path())!, 'utf8');
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  expect(lines).toContain(`SUMMARY:Promise due: ${PAIR}`);
  expect(lines).toContain(`DTSTART;VALUE=DATE:${due.replace(/-/g, '')}`);
  expect(lines).toContain(`URL:${link}`);
  expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
  // only her own, dated promise; no one's name; never the facilitator link
  expect(ics).not.toContain(RUNBOOK);
  expect(ics).not.toContain('wiki');
  expect(ics).not.toMatch(/Ada|Bo|Fiona|#f=/);
  await expect(ada.page.getByRole('status').filter({ hasText: 'Nothing was sent anywhere.' })).toBeVisible();
  await expectAccessibleInBothThemes(ada.page, 'Close with my promises');
  // only its person sees it: not on the printed summary (GP-4)
  await ada.page.emulateMedia({ media: 'print' });
  await expect(ada.page.getByText(/You promised to help/)).toBeHidden();
  await ada.page.emulateMedia({ media: 'screen' });

  // Bo, in German: his own promise, in his words' language
  await bo.page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(bo.page.getByText('Du hast versprochen, bei einer davon zu helfen.', { exact: false })).toBeVisible();
  const [boDownload] = await Promise.all([bo.page.waitForEvent('download'), bo.page.getByRole('button', { name: 'Mein Versprechen in meinen Kalender (.ics)' }).click()]);
  const boIcs = readFileSync((await boDownload.path())!, 'utf8').replace(/\r\n /g, '');
  expect(boIcs).toContain(`SUMMARY:Versprechen fällig: ${RUNBOOK}`);
  expect(boIcs).toContain('Du hast in der Retro „Sprint 9 retro“ versprochen\\, hierbei zu helfen');
  expect(boIcs).not.toContain(PAIR);
});

/** GP-6: a retro run to Close in which Ada's offer of help (`promise`) became an action with a due date */
async function closedWithAdasPromise(facilitator: BoardPage, ada: BoardPage, retro: string, promise: string): Promise<void> {
  const link = await facilitator.createRetro(retro);
  await ada.join(link, 'Ada');
  await ada.addCard('Stop', 'Deploys on Friday keep failing');
  await facilitator.runTo('Discuss');
  await facilitator.page.getByRole('button', { name: /^Discuss this/ }).first().click();
  await ada.page.getByLabel('Your offer of help, under your name').fill(promise);
  await ada.page.getByRole('button', { name: 'Offer help' }).click();
  await facilitator.page.getByRole('button', { name: `Make it an action: ${promise}` }).click();
  await expect(ada.page.getByRole('article', { name: `Action: ${promise}`, exact: true }).getByLabel('Due date')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await facilitator.runTo('Close');
  await ada.expectPhase('Close');
}

test('GP-6 at 390×844 by the keyboard alone Ada reaches her calendar button, it fits the phone in English and German, and Enter saves her file', async ({ facilitator, ada }) => {
  const PAIR = 'I can pair on the deploy script';
  await closedWithAdasPromise(facilitator, ada, 'Phone retro', PAIR);
  await ada.page.setViewportSize({ width: 390, height: 844 });
  await ada.page.reload();

  for (const [language, name] of [
    ['en', 'Add my promise to my calendar (.ics)'],
    ['de', 'Mein Versprechen in meinen Kalender (.ics)'],
  ] as const) {
    if (language === 'de') await ada.page.getByLabel('Language').selectOption('de');
    const button = ada.page.getByRole('button', { name, exact: true });
    await expect(button).toBeVisible();
    // nothing scrolls sideways, and the button lies inside the phone's width
    expect(await ada.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = (await button.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // by the keyboard alone, from the top of the page
    await ada.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await ada.page.evaluate(() => window.scrollTo(0, 0));
    let tabs = 0;
    for (; tabs < 120; tabs++) {
      await ada.page.keyboard.press('Tab');
      if (await button.evaluate((el) => el === document.activeElement)) break;
    }
    expect(tabs, 'Tabs to the calendar button').toBeLessThan(120);
    // focused, it is in sight and nothing lies over it
    const atCentre = await button.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { inSight: r.top >= 0 && r.bottom <= window.innerHeight, onTop: top === el || el.contains(top) };
    });
    expect(atCentre).toEqual({ inSight: true, onTop: true });
    const [download] = await Promise.all([ada.page.waitForEvent('download'), ada.page.keyboard.press('Enter')]);
    const ics = readFileSync((await download.path())!, 'utf8').replace(/\r\n /g, '');
    expect(ics).toContain(language === 'en' ? `SUMMARY:Promise due: ${PAIR}` : `SUMMARY:Versprechen fällig: ${PAIR}`);
  }
});

test('GP-6 a page whose notes have not arrived yet saves no promise without its words: the button waits for them', async ({ facilitator, ada }) => {
  const PAIR = 'I can pair on the deploy script';
  await closedWithAdasPromise(facilitator, ada, 'Slow notes retro', PAIR);
  // Ada comes back to the closed retro on a slow link: the notes' connection says nothing until released
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await ada.page.routeWebSocket(/notes/, async (ws) => {
    await released;
    ws.connectToServer();
  });
  await ada.page.reload();
  const actions = ada.page.getByRole('region', { name: 'Actions', exact: true });
  await expect(actions).toContainText('You promised to help with one of these.');
  const button = ada.page.getByRole('button', { name: 'Add my promise to my calendar (.ics)' });
  // before: the button was there with the line, and saved 'SUMMARY:Promise due: …' into her calendar for good
  await expect(button, 'a button that would save the promise without its words').toHaveCount(0);
  release();
  await expect(actions).toContainText(PAIR);
  const [download] = await Promise.all([ada.page.waitForEvent('download'), button.click()]);
  expect(readFileSync((await download.path())!, 'utf8').replace(/\r\n /g, '')).toContain(`SUMMARY:Promise due: ${PAIR}`);
});
