import { test, expect } from './fixtures/team';
import type { Page } from '@playwright/test';
import { DiscussionPage } from './pages/DiscussionPage';

/**
 * The page's Socket.io connection, routed once per page: it carries the commands and their acks and, since DO-10,
 * the board document (binary `board.doc` events: a text header `45<attachments>-["board.doc",…]`, then its bytes).
 */
interface SocketRoute {
  waiting: { type: string; packet: string | null; done: () => void } | null;
  hold: boolean;
  held: Array<() => void>;
}
const routes = new WeakMap<Page, SocketRoute>();

async function routeSocket(page: Page): Promise<SocketRoute> {
  const known = routes.get(page);
  if (known) return known;
  const route: SocketRoute = { waiting: null, hold: false, held: [] };
  routes.set(page, route);
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const command = typeof message === 'string' ? /^42(\d+)\["cmd",\{[^]*?"type":"([A-Za-z.]+)"/.exec(message) : null;
      const waiting = route.waiting;
      if (command && waiting && waiting.packet === null && command[2] === waiting.type) waiting.packet = command[1]!;
      server.send(message);
    });
    /** binary frames still to come of the board-document event whose header passed last */
    let attachments = 0;
    server.onMessage((message) => {
      const header = typeof message === 'string' ? /^45(\d+)-\["board\.doc"/.exec(message) : null;
      const boardDocument = header !== null || (typeof message !== 'string' && attachments > 0);
      if (header) attachments = Number(header[1]);
      else if (boardDocument) attachments--;
      // a held event keeps its header and bytes together, and everything held goes out in order
      if (boardDocument && route.hold) return void route.held.push(() => ws.send(message));
      ws.send(message);
      const waiting = route.waiting;
      if (waiting?.packet != null && typeof message === 'string' && message.startsWith(`43${waiting.packet}[`)) {
        waiting.done();
        route.waiting = null;
      }
    });
  });
  return route;
}

/** `acked(type)` resolves when the server's ack of the page's next command of that type reaches the page (Socket.io). */
async function watchAcks(page: Page) {
  const route = await routeSocket(page);
  /** call before the click that sends the command */
  return (type: string) => new Promise<void>((resolve) => (route.waiting = { type, packet: null, done: resolve }));
}

/**
 * Holds the board document the server sends the page (DO-10: on the Socket.io connection) while `link.hold` is
 * set, and lets it through in order when `release()` is called, while everything else on the connection (the
 * command's ack above all) goes on: the document arriving late against the command's ack. Nothing is dropped.
 */
async function holdBoardDocument(page: Page) {
  const route = await routeSocket(page);
  const link = {
    get hold() {
      return route.hold;
    },
    set hold(on: boolean) {
      route.hold = on;
    },
    release() {
      route.hold = false;
      for (const send of route.held.splice(0)) send();
    },
  };
  return link;
}

/** Lets the page handle what has reached it and draw it: two animation frames. */
async function twoFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
}

const promise = 'Write the rollback runbook together';

test('UI-20 a promise marked "not done" keeps its reason field while the board catches up with the mark', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await holdBoardDocument(page);
  const acked = await watchAcks(page);
  const teamUrl = await facilitator.createTeam('Review team');

  // A first retro with one action, so the second one has a promise to review
  await facilitator.startTeamRetro(teamUrl, 'Sprint 1');
  await facilitator.goTo('Write');
  await facilitator.addCard('Stop', 'Deploys on Friday afternoon');
  await facilitator.runTo('Discuss');
  await page.getByRole('button', { name: /^Discuss this/ }).first().click();
  await page.getByLabel('New action').fill(promise);
  await page.getByRole('button', { name: 'Add action' }).click();
  await expect(page.getByRole('textbox', { name: /^Action: / }).last()).toHaveValue(promise);
  await facilitator.runTo('Close');

  await facilitator.startTeamRetro(teamUrl, 'Sprint 2');
  const entry = page.getByRole('article', { name: `Promise: ${promise}` });
  await expect(entry).toBeVisible();

  // The mark is acknowledged before the board document shows it
  link.hold = true;
  const marked = acked('review.mark');
  await page.getByRole('button', { name: `Not done: ${promise}`, exact: true }).click();
  const reason = page.getByLabel('What got in the way?');
  await reason.fill('The staging cluster was down for a week');
  await marked;
  await twoFrames(page);
  await expect(reason).toHaveValue('The staging cluster was down for a week');
  await expect(page.getByRole('button', { name: 'Save reason' })).toBeEnabled();

  link.release();
  await twoFrames(page);
  await expect(reason).toHaveValue('The staging cluster was down for a week');
  await page.getByRole('button', { name: 'Save reason' }).click();
  await expect(entry).toContainText('What got in the way: The staging cluster was down for a week');
});

test('UI-20 an edit or a delete of my revealed card, and the trust lens switched on, stay on screen while the board catches up with them', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await holdBoardDocument(page);
  const acked = await watchAcks(page);
  await facilitator.createRetro('Settling');
  await facilitator.addCard('Stop', 'Deploys on Friday afternoon');
  await facilitator.addCard('Stop', 'A typo card');
  await facilitator.goTo('Reveal');
  await expect(facilitator.card('A typo card')).toBeVisible();

  link.hold = true;
  const edited = acked('card.edit');
  await (await facilitator.cardMenu('Deploys on Friday')).getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Edit card').fill('Deploys on Friday afternoon without a second pair of eyes');
  await page.getByRole('button', { name: 'Save' }).click();
  await edited;
  const deleted = acked('card.delete');
  await (await facilitator.cardMenu('A typo card')).getByRole('button', { name: 'Delete' }).click();
  await facilitator.card('A typo card').getByRole('button', { name: 'Yes, delete' }).click();
  await deleted;
  await twoFrames(page);
  await expect(facilitator.card('without a second pair of eyes')).toBeVisible();
  await expect(facilitator.card('A typo card')).toHaveCount(0);

  link.release();
  await twoFrames(page);
  await expect(facilitator.card('without a second pair of eyes')).toBeVisible();
  await expect(facilitator.card('A typo card')).toHaveCount(0);

  // The trust lens's switch stays where the facilitator put it (on the item discussed: the lens is Discuss's, TL-10)
  await facilitator.runTo('Discuss');
  await page.getByRole('button', { name: /^Discuss this/ }).first().click();
  const lens = page.getByLabel('Trust lens: let the room tag which parts of trust this touches');
  await expect(lens).not.toBeChecked();
  link.hold = true;
  const switched = acked('lens.set');
  await lens.check();
  await switched;
  await twoFrames(page);
  await expect(lens).toBeChecked();
  link.release();
  await twoFrames(page);
  await expect(lens).toBeChecked();
});

test('UI-20 the facilitator\'s switches and the Next button stay where the facilitator put them while the board catches up', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await holdBoardDocument(page);
  const acked = await watchAcks(page);
  await facilitator.createRetro('Switches');
  await facilitator.addCard('Stop', 'Deploys on Friday afternoon');
  await facilitator.goTo('Reveal');

  const onlyMe = page.getByLabel('Only I group cards and edit titles');
  await expect(onlyMe).not.toBeChecked();
  link.hold = true;
  const restricted = acked('grouping.restrict');
  await onlyMe.click();
  await restricted;
  await twoFrames(page);
  await expect(onlyMe).toBeChecked();
  link.release();
  await twoFrames(page);
  await expect(onlyMe).toBeChecked();

  // Next stays unavailable until the board is in the next phase (a second click would ask for the same step again)
  link.hold = true;
  const moved = acked('phase.set');
  await page.getByRole('button', { name: 'Next: Vote' }).click();
  await moved;
  await twoFrames(page);
  await expect(page.getByRole('button', { name: 'Next: Vote' })).toHaveAttribute('aria-disabled', 'true');
  link.release();
  await facilitator.expectPhase('Vote');
  await expect(page.getByRole('button', { name: 'Next: Discuss' })).toHaveAttribute('aria-disabled', 'false');

  await facilitator.goTo('Discuss');
  const reactions = page.getByLabel('Reactions on');
  await expect(reactions).toBeChecked();
  link.hold = true;
  const switched = acked('reactions.enable');
  await reactions.click();
  await switched;
  await twoFrames(page);
  await expect(reactions).not.toBeChecked();
  link.release();
  await twoFrames(page);
  await expect(reactions).not.toBeChecked();
});

test('UI-20 PH-2 a double click on "Next" takes one step, even when the board shows it between the two clicks', async ({ facilitator }) => {
  const page = facilitator.page;
  await facilitator.createRetro('Double click');
  await facilitator.addCard('Stop', 'Deploys on Friday afternoon');
  await facilitator.goTo('Reveal');
  const clickAt = async (name: string, clickCount: number) => {
    const box = (await page.getByRole('button', { name }).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down({ clickCount });
    await page.mouse.up({ clickCount });
  };
  await clickAt('Next: Vote', 1);
  await facilitator.expectPhase('Vote');
  // the double click's second click, once the board shows Vote and the button under the pointer says "Next: Discuss"
  // (here the button moves as its words change; where it would not, the second click lands on it)
  await expect(page.getByRole('button', { name: 'Next: Discuss' })).toHaveAttribute('aria-disabled', 'false');
  await clickAt('Next: Discuss', 2);
  // a vote sent next on the same connection is counted: the room is still in Vote
  await facilitator.voteFor('Deploys on Friday afternoon');
  await expect(page.getByText('You have 2 votes left')).toBeVisible();
  await facilitator.expectPhase('Vote');
  // a single click later is a step of its own
  await page.getByRole('button', { name: 'Next: Discuss' }).click();
  await facilitator.expectPhase('Discuss');
});

test('UI-20 an action marked done and given a due date keeps both while the board catches up', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await holdBoardDocument(page);
  const acked = await watchAcks(page);
  await facilitator.createRetro('Actions settling');
  await facilitator.addCard('Stop', 'Deploys on Friday afternoon');
  await facilitator.runTo('Discuss');
  await page.getByRole('button', { name: /^Discuss this/ }).first().click();
  await page.getByLabel('New action').fill('Pair on every Friday deploy');
  await page.getByRole('button', { name: 'Add action' }).click();
  const action = page.getByRole('article', { name: /Pair on every Friday deploy/ });
  await expect(action).toBeVisible();

  const done = action.getByRole('checkbox', { name: /^Done/ });
  link.hold = true;
  const marked = acked('action.done');
  await done.click();
  await marked;
  await twoFrames(page);
  await expect(done).toBeChecked();

  const due = action.getByLabel('Due date');
  const dated = acked('action.due');
  await due.fill('2030-01-15');
  await dated;
  await twoFrames(page);
  await expect(due).toHaveValue('2030-01-15');

  link.release();
  await twoFrames(page);
  await expect(done).toBeChecked();
  await expect(due).toHaveValue('2030-01-15');
});

test('UI-20 DI-10 "Next item" pressed again before the board moved on does not skip an item', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await holdBoardDocument(page);
  const acked = await watchAcks(page);
  await facilitator.createRetro('Next item');
  for (const text of ['Deploys on Friday afternoon', 'Flaky tests on CI', 'Reviews wait for days']) await facilitator.addCard('Stop', text);
  await facilitator.runTo('Discuss');
  const discussion = new DiscussionPage(page);
  // the list is read once all three items are on it (Discuss's part comes after the phase's step: read at once, it may be empty)
  await expect(discussion.list.locator(':scope > li')).toHaveCount(3);
  const order = await discussion.order();
  await page.getByRole('button', { name: 'Start with the first item' }).click();
  await expect(discussion.current).toContainText(firstLine(order[0]!));

  link.hold = true;
  const moved = acked('discuss.next');
  await page.getByRole('button', { name: 'Next item →' }).click();
  await moved;
  await twoFrames(page);
  // the room has not moved on yet on this screen: a second press (the button, or →) must not move it twice. The
  // button says it is unavailable (aria-disabled, which Playwright would wait out for ever): press it all the same
  const nextItem = page.getByRole('button', { name: 'Next item →' });
  await expect(nextItem).toHaveAttribute('aria-disabled', 'true');
  await nextItem.click({ force: true });
  await discussion.pressNextKey();
  link.release();
  await expect(discussion.current).toContainText(firstLine(order[1]!));
  await twoFrames(page);
  await expect(discussion.current).toContainText(firstLine(order[1]!));
});

/** an item's text as the discussion list shows it, without its vote count line */
function firstLine(itemText: string): string {
  return itemText.split('\n').find((line) => /^(Deploys|Flaky|Reviews)/.test(line.trim()))!.trim();
}

test('UI-20 the room\'s switches (lock the board, newcomers knock, lock joining) stay where the facilitator put them while the board catches up', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await holdBoardDocument(page);
  const acked = await watchAcks(page);
  await facilitator.createRetro('Room switches');
  for (const [label, type] of [
    ['Lock the board (read-only for everyone else)', 'board.lock'],
    ['Newcomers knock; I let them in', 'access.knock'],
    ['Lock joining (nobody new gets in)', 'access.lockJoining'],
  ] as const) {
    const box = page.getByLabel(label);
    await expect(box).not.toBeChecked();
    link.hold = true;
    const switched = acked(type);
    await box.click();
    await switched;
    await twoFrames(page);
    await expect(box, label).toBeChecked();
    link.release();
    await twoFrames(page);
    await expect(box, label).toBeChecked();
  }
});

test('UI-20 "Check consensus" pressed again before the board shows the check does not start it over and wipe an answer', async ({ facilitator, ada }) => {
  const page = facilitator.page;
  // the page's clock, so the board's update can be late by minutes without the test waiting for them
  await page.clock.install();
  const link = await holdBoardDocument(page);
  const acked = await watchAcks(page);
  const board = await facilitator.createRetro('Consensus');
  await ada.join(board, 'Ada');
  await facilitator.addCard('Stop', 'Deploys on Friday afternoon');
  await facilitator.runTo('Discuss');
  await page.getByRole('button', { name: 'Start with the first item' }).click();
  await page.getByLabel('New action').fill('Pair on every Friday deploy');
  await page.getByRole('button', { name: 'Add action' }).click();
  const check = page.getByRole('button', { name: /^Check consensus/ });
  await expect(check).toBeVisible();

  link.hold = true;
  const started = acked('consensus.start');
  await check.click();
  await started;
  // Ada sees the check and answers while the facilitator's board has not shown it yet
  await ada.page.getByRole('radio', { name: '4 — support' }).check();
  await expect(ada.page.getByText(/^1 answered/)).toBeVisible();
  // unavailable (aria-disabled) until the board shows the check, however late that is: pressed all the same
  await page.clock.fastForward('02:00');
  await twoFrames(page);
  await expect(check).toHaveAttribute('aria-disabled', 'true');
  await check.click({ force: true });
  link.release();
  await expect(page.getByText(/^1 answered/)).toBeVisible();
  await expect(ada.page.getByText(/^1 answered/)).toBeVisible();
  await twoFrames(page);
  await expect(ada.page.getByText(/^1 answered/)).toBeVisible();
});
