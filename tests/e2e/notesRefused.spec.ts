import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/team';
import { discussingOneCard } from './pages/DiscussionPage';

/**
 * Stands in for the server's side of the page's notes connections: closes one with `code` when an update carrying
 * `marker` arrives (only the first time, with `once`) and relays everything else. Counts what it did.
 */
async function closeNotesOn(page: Page, marker: string, code: number, reason: string, once: boolean): Promise<{ closed: number; connections: number }> {
  const route = { closed: 0, connections: 0 };
  await page.routeWebSocket(/\/yjs\/[^/]+\/notes/, (ws) => {
    route.connections++;
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const bytes = typeof message === 'string' ? Buffer.from(message) : message;
      if (bytes.includes(marker) && !(once && route.closed > 0)) {
        route.closed++;
        ws.close({ code, reason });
        server.close();
        return;
      }
      server.send(message);
    });
    server.onMessage((message) => ws.send(message));
  });
  return route;
}

/** the notes of the item being discussed, on `page` */
const notesOf = (page: Page) => page.getByRole('article', { name: /^Now discussing/ }).getByLabel('Notes');

/** what Ada types that the (routed) server refuses as too costly to apply, as DO-14 refuses an update past its bounds */
const REFUSED = 'pasted far too much';

/**
 * DO-14 / DO-17: a notes update the server refused as too costly (4413, nothing of it kept) is said once, in a notice,
 * and not sent again: the page starts its notes over from the server's copy instead of reconnecting with the refused
 * change still in its document (which it would send, be refused, and reconnect again, for ever). The route stands in
 * for the server's bounds: it closes Ada's notes connection with 4413 when an update carrying REFUSED arrives.
 */
test('DO-17 a notes edit refused as too costly shows a notice once, is not sent again, and the notes go on from everyone’s copy', async ({ facilitator, ada }) => {
  const route = await closeNotesOn(ada.page, REFUSED, 4413, 'too costly: test', false);
  await discussingOneCard(facilitator, ada, 'Refused notes', 'Written by Ada');
  const adaNotes = notesOf(ada.page);
  const fransNotes = notesOf(facilitator.page);
  await adaNotes.fill('Agreed so far.');
  await expect(fransNotes).toHaveValue('Agreed so far.');

  await adaNotes.fill(`Agreed so far. ${REFUSED}`);
  // said once, in words
  await expect(ada.page.getByText(/too large for the server to keep/)).toBeVisible();
  // the notes are everyone's copy again, and what Ada types now reaches the others
  await expect(adaNotes).toHaveValue('Agreed so far.');
  await adaNotes.fill('Agreed so far. Short instead.');
  await expect(fransNotes).toHaveValue('Agreed so far. Short instead.');
  // by now the page reconnected and synced its notes: the refused change was never sent again
  expect(route).toEqual({ closed: 1, connections: 2 });
  await expect(ada.page.getByText(/too large for the server to keep/)).toHaveCount(1);
});

/**
 * DO-7 / DO-17: a notes connection closed because the page did not read fast enough (TOO_SLOW, 4001) lost nothing of
 * the page's: it reconnects by itself and sends what the server lacks, with no notice. The route closes Ada's notes
 * connection with 4001 the first time her update carrying SLOW arrives, and lets it through after that.
 */
test('DO-17 a notes connection closed TOO_SLOW reconnects by itself and sends the change again, without a notice', async ({ facilitator, ada }) => {
  const SLOW = 'sent while behind';
  const route = await closeNotesOn(ada.page, SLOW, 4001, 'too far behind; reconnect', true);
  await discussingOneCard(facilitator, ada, 'Slow notes', 'Written by Ada');
  const adaNotes = notesOf(ada.page);
  await adaNotes.fill(`Agreed: ${SLOW}`);
  await expect(notesOf(facilitator.page)).toHaveValue(`Agreed: ${SLOW}`);
  expect(route).toEqual({ closed: 1, connections: 2 });
  await expect(adaNotes).toHaveValue(`Agreed: ${SLOW}`);
  await expect(ada.page.getByText(/too large for the server to keep/)).toHaveCount(0);
});
