import { test, expect } from './fixtures/team';
import type { Page } from '@playwright/test';

/**
 * A switch between the page and the server's Socket.io endpoint: `silent` drops every frame both ways without
 * closing anything (a dead Wi-Fi; a connection opened meanwhile lost its handshake and stays dead), `swallowCommands` drops only the page's commands (an answer that never comes),
 * `swallowAcks` lets commands through but drops the server's answers to them (the Socket.io ack packet `43<n>`
 * for a `42<n>["cmd",…]`): the change is applied, and the page never hears so. `refuseTickets` answers that many
 * of the page's next document-ticket requests (DO-6) itself with RATE_LIMITED, as a server whose budget the page
 * had spent would; `refuseBoardDocs` does the same to its requests for the board document (DO-10: a binary event,
 * `45<attachments>-<n>["board.doc",…]` and then its bytes). The route holds for the page's next connections too
 * (after a reload). It also counts the commands it swallowed and the answers it dropped, and knows which of the page's
 * heartbeats (`time.sync`, UI-9) are still unanswered, for `holdClock`.
 */
async function routeSocket(page: Page) {
  const link = {
    silent: false,
    swallowCommands: false,
    swallowAcks: false,
    refuseTickets: 0,
    ticketsRefused: 0,
    refuseBoardDocs: 0,
    boardDocsRefused: 0,
    commandsSwallowed: 0,
    acksSwallowed: 0,
    heartbeatsUnanswered: new Set<string>(),
  };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    const dead = link.silent;
    const commandAcks = new Set<string>();
    /** the binary attachments of a refused `board.doc` still to come, dropped with it */
    let dropAttachments = 0;
    ws.onMessage((message) => {
      if (link.silent || dead || message === '3') return;
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
      if (link.swallowCommands && typeof message === 'string' && message.includes('["cmd"')) return void link.commandsSwallowed++;
      const heartbeat = typeof message === 'string' ? /^42(\d+)\["time\.sync"/.exec(message) : null;
      if (heartbeat) link.heartbeatsUnanswered.add(heartbeat[1]!);
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
      if (link.silent || dead) return;
      // RC-14: the route answers the server's heartbeat (engine.io's ping, "2") itself, and drops the page's own pong: a
      // page whose clock is held (holdClock) is handed nothing from a routed socket until its clock moves, and the
      // server lets a connection go 5 s after a ping it has no answer to
      if (message === '2') server.send('3');
      const ack = typeof message === 'string' ? /^43(\d+)/.exec(message) : null;
      if (ack && commandAcks.has(ack[1]!)) return void link.acksSwallowed++;
      if (ack) link.heartbeatsUnanswered.delete(ack[1]!);
      ws.send(message);
    });
  });
  return link;
}

/**
 * Stops the page's clock (installed before the page opened) and lets the heartbeats already asked be answered: the
 * client's 5-s detections (UI-9) are then reached by moving that clock on, not by waiting, and moving it fires no
 * heartbeat's 2-s timeout for a question whose answer was merely still on its way (which would be a false drop).
 */
async function holdClock(page: Page, link: Awaited<ReturnType<typeof routeSocket>>): Promise<void> {
  await page.clock.pauseAt(Date.now() + 1_000);
  await expect.poll(() => link.heartbeatsUnanswered.size).toBe(0);
}

test('UI-9 a silent drop shows "Reconnecting…" within 5 s, with "Reconnect now"; several drops leave a note', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await routeSocket(page);
  await page.clock.install();
  await facilitator.createRetro('Connection check');
  await holdClock(page, link);

  // the page's clock moves 5 s on and stands still again: what it shows then, it showed within 5 s
  link.silent = true;
  await page.clock.runFor(5_000);
  await expect(page.getByTestId('connection-status')).toContainText('Reconnecting');
  const reconnect = page.getByRole('button', { name: 'Reconnect now' });
  await expect(reconnect).toBeVisible();
  link.silent = false;
  await reconnect.click();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');

  // Two more drops within the minute: the page says the network is unstable, and the note stays.
  for (let drop = 0; drop < 2; drop++) {
    link.silent = true;
    await page.clock.runFor(5_000);
    await expect(page.getByTestId('connection-status')).toContainText('Reconnecting');
    link.silent = false;
    await page.getByRole('button', { name: 'Reconnect now' }).click();
    await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  }
  await expect(page.getByText(/Your network seems unstable/)).toBeVisible();
});

test('UI-9 a command the server does not answer within 5 s shows as pending, and "Send again" delivers it once', async ({ facilitator }) => {
  const page = facilitator.page;
  const link = await routeSocket(page);
  await page.clock.install();
  await facilitator.createRetro('Connection check');
  await holdClock(page, link);

  link.swallowCommands = true;
  const column = page.getByRole('region', { name: 'Start', exact: true });
  await column.getByLabel('New card in Start').fill('Sent into the void');
  await column.getByLabel('New card in Start').press('Enter');
  await expect.poll(() => link.commandsSwallowed).toBe(1);
  // 5 s on the page's clock with no answer (the heartbeat's next tick looks)
  await page.clock.fastForward(5_000);
  await expect(page.getByText('1 change not confirmed yet.')).toBeVisible();
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
  await page.clock.install();
  await facilitator.createRetro('Connection check');
  await holdClock(page, link);
  const column = page.getByRole('region', { name: 'Start', exact: true });
  const card = (text: string) => page.getByRole('article').filter({ hasText: text });

  link.swallowCommands = true;
  await column.getByLabel('New card in Start').fill('Never reached the server');
  await column.getByLabel('New card in Start').press('Enter');
  await expect.poll(() => link.commandsSwallowed).toBe(1);
  await page.clock.fastForward(5_000);
  await expect(page.getByText('1 change not confirmed yet.')).toBeVisible();
  link.swallowCommands = false;
  link.swallowAcks = true;
  await column.getByLabel('New card in Start').fill('Applied, answer lost');
  await column.getByLabel('New card in Start').press('Enter');
  // applied by the server, its answer dropped on the way
  await expect.poll(() => link.acksSwallowed).toBe(1);
  await page.clock.fastForward(5_000);
  await expect(page.getByText('2 changes not confirmed yet.')).toBeVisible();

  link.swallowAcks = false;
  // the reloaded page's clock runs on by itself
  await page.clock.resume();
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
