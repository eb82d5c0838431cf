import { test, expect } from './fixtures/team';
import type { Page } from '@playwright/test';

/**
 * A switch between the page and the server's Socket.io endpoint: `silent` drops every frame both ways without
 * closing anything (a dead Wi-Fi), `swallowCommands` drops only the page's commands (an answer that never comes),
 * `swallowAcks` lets commands through but drops the server's answers to them (the Socket.io ack packet `43<n>`
 * for a `42<n>["cmd",…]`): the change is applied, and the page never hears so. `refuseTickets` answers that many
 * of the page's next document-ticket requests (DO-6) itself with RATE_LIMITED, as a server whose budget the page
 * had spent would; `refuseBoardDocs` does the same to its requests for the board document (DO-10: a binary event,
 * `45<attachments>-<n>["board.doc",…]` and then its bytes). The route holds for the page's next connections too
 * (after a reload).
 */
async function routeSocket(page: Page) {
  const link = { silent: false, swallowCommands: false, swallowAcks: false, refuseTickets: 0, ticketsRefused: 0, refuseBoardDocs: 0, boardDocsRefused: 0 };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    const commandAcks = new Set<string>();
    /** the binary attachments of a refused `board.doc` still to come, dropped with it */
    let dropAttachments = 0;
    ws.onMessage((message) => {
      if (link.silent) return;
      if (typeof message !== 'string' && dropAttachments > 0) return void dropAttachments--;
      const boardDoc = typeof message === 'string' ? /^45(\d+)-(\d+)\["board\.doc"/.exec(message) : null;
      if (boardDoc && link.refuseBoardDocs > 0) {
        link.refuseBoardDocs--;
        link.boardDocsRefused++;
        dropAttachments += Number(boardDoc[1]);
        ws.send(`43${boardDoc[2]}[${JSON.stringify({ ok: false, code: 'RATE_LIMITED', message: 'Too many requests.' })}]`);
        return;
      }
      const command = typeof message === 'string' ? /^42(\d+)\["cmd"/.exec(message) : null;
      if (command && link.swallowAcks) commandAcks.add(command[1]!);
      if (link.swallowCommands && typeof message === 'string' && message.includes('["cmd"')) return;
      const ticket = typeof message === 'string' ? /^42(\d+)\["doc.ticket"/.exec(message) : null;
      if (ticket && link.refuseTickets > 0) {
        link.refuseTickets--;
        link.ticketsRefused++;
        ws.send(`43${ticket[1]}[${JSON.stringify({ ok: false, code: 'RATE_LIMITED', message: 'Too many requests.' })}]`);
        return;
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (link.silent) return;
      const ack = typeof message === 'string' ? /^43(\d+)/.exec(message) : null;
      if (ack && commandAcks.has(ack[1]!)) return;
      ws.send(message);
    });
  });
  return link;
}

async function openBoard(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Retro name').fill('Connection check');
  await page.getByRole('radio', { name: 'Start / Stop / Continue' }).check();
  await page.getByRole('button', { name: 'Create retro' }).click();
  await page.getByRole('button', { name: 'Open the board' }).click();
  await page.getByLabel('Your name').fill('Fiona');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
}

test('UI-9 a silent drop shows "Reconnecting…" within 5 s, with "Reconnect now"; several drops leave a note', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await routeSocket(page);
  await openBoard(page);

  link.silent = true;
  await expect(page.getByTestId('connection-status')).toContainText('Reconnecting', { timeout: 5000 });
  const reconnect = page.getByRole('button', { name: 'Reconnect now' });
  await expect(reconnect).toBeVisible();
  link.silent = false;
  await reconnect.click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');

  // Two more drops within the minute: the page says the network is unstable, and the note stays.
  for (let drop = 0; drop < 2; drop++) {
    link.silent = true;
    await expect(page.getByTestId('connection-status')).toContainText('Reconnecting', { timeout: 5000 });
    link.silent = false;
    await page.getByRole('button', { name: 'Reconnect now' }).click();
    await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  }
  await expect(page.getByText(/Your network seems unstable/)).toBeVisible();
});

test('UI-9 a command the server does not answer within 5 s shows as pending, and "Send again" delivers it once', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await routeSocket(page);
  await openBoard(page);

  link.swallowCommands = true;
  const column = page.getByRole('region', { name: 'Start', exact: true });
  await column.getByLabel('New card in Start').fill('Sent into the void');
  await column.getByLabel('New card in Start').press('Enter');
  await expect(page.getByText('1 change not confirmed yet.')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');

  link.swallowCommands = false;
  await page.getByRole('button', { name: 'Send again' }).click();
  await expect(page.getByText('1 change not confirmed yet.')).toHaveCount(0);
  await expect(page.getByRole('article').filter({ hasText: 'Sent into the void' }).getByText('sending…')).toHaveCount(0);
  await expect(page.getByRole('article').filter({ hasText: 'Sent into the void' })).toHaveCount(1);
});

test('RC-8 changes not confirmed are kept across a reload and sent again with their ids: one that never arrived is applied, one whose answer was lost is not applied twice', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await routeSocket(page);
  await openBoard(page);
  const column = page.getByRole('region', { name: 'Start', exact: true });
  const card = (text: string) => page.getByRole('article').filter({ hasText: text });

  link.swallowCommands = true;
  await column.getByLabel('New card in Start').fill('Never reached the server');
  await column.getByLabel('New card in Start').press('Enter');
  await expect(page.getByText('1 change not confirmed yet.')).toBeVisible({ timeout: 10_000 });
  link.swallowCommands = false;
  link.swallowAcks = true;
  await column.getByLabel('New card in Start').fill('Applied, answer lost');
  await column.getByLabel('New card in Start').press('Enter');
  await expect(page.getByText('2 changes not confirmed yet.')).toBeVisible({ timeout: 10_000 });

  link.swallowAcks = false;
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await expect(page.getByText(/not confirmed yet/)).toHaveCount(0);
  for (const text of ['Never reached the server', 'Applied, answer lost']) {
    await expect(card(text).getByText('sending…')).toHaveCount(0);
    await expect(card(text)).toHaveCount(1);
  }
  // still one each after another reload: the resend was answered with its first result, not applied again
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  for (const text of ['Never reached the server', 'Applied, answer lost']) await expect(card(text)).toHaveCount(1);
});

test('DO-9 a board document request and a notes ticket the server refused are asked for again: both still connect', async ({ facilitator, ada }) => {
  const link = await routeSocket(facilitator.page);
  link.refuseTickets = 1; // the notes' first ticket
  link.refuseBoardDocs = 1; // the first request for the board document over the socket (DO-10)
  const participantLink = await facilitator.createRetro('Tickets refused');
  await expect.poll(() => [link.ticketsRefused, link.boardDocsRefused]).toEqual([1, 1]);

  // the board document: cards another person wrote reach this page at Reveal
  await ada.join(participantLink, 'Ada');
  await ada.addCard('Start', 'Written by Ada');
  await facilitator.goTo('Reveal');
  await expect(facilitator.card('Written by Ada')).toBeVisible();

  // the notes: what Ada types reaches this page
  await facilitator.runTo('Discuss');
  await facilitator.page.getByRole('button', { name: /^Discuss this: Written by Ada/ }).click();
  await ada.page.getByRole('article', { name: /^Now discussing/ }).getByLabel('Notes').fill('Still connected.');
  await expect(facilitator.page.getByRole('article', { name: /^Now discussing/ }).getByLabel('Notes')).toHaveValue('Still connected.');
});
