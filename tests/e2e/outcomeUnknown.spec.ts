import { test, expect } from './fixtures/team';
import type { Page } from '@playwright/test';

/**
 * CM-6: the server could not tell whether a command was stored (its PostgreSQL froze mid-commit, so the commit may have
 * been made). The route stands in for that: the server stores the page's first command of `type`, and its answer is
 * replaced on the way to the page with OUTCOME_UNKNOWN. `sent` lists the ids of every command of that type the page
 * sends (Socket.io: `42<ack>["cmd",{…}]` out, `43<ack>[…]` back).
 */
async function firstAnswerUnknown(page: Page, type: string): Promise<{ sent: string[] }> {
  const seen = { sent: [] as string[] };
  let replacing: string | null = null;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const packet = typeof message === 'string' ? /^42(\d+)(\[[^]*)$/.exec(message) : null;
      const [event, command] = packet ? (JSON.parse(packet[2]!) as [string, { id: string; type: string }]) : [];
      if (packet && event === 'cmd' && command?.type === type) {
        if (seen.sent.length === 0) replacing = packet[1]!;
        seen.sent.push(command.id);
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (replacing !== null && typeof message === 'string' && message.startsWith(`43${replacing}[`)) {
        const packet = replacing;
        replacing = null;
        return ws.send(`43${packet}${JSON.stringify([{ ok: false, code: 'OUTCOME_UNKNOWN', message: 'The store did not say whether this change was saved.' }])}`);
      }
      ws.send(message);
    });
  });
  return seen;
}

test('CM-6 a card whose outcome the server could not tell stays out of the drafts, is said so, and is sent again with its id: it shows once', async ({ facilitator }) => {
  const page = facilitator.page;
  const seen = await firstAnswerUnknown(page, 'card.add');
  await facilitator.createRetro('Outcome unknown');
  const column = facilitator.column('Stop');
  await column.getByLabel('New card in Stop').fill('Deploys on Friday afternoon');
  await column.getByRole('button', { name: 'Add card' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'The server could not tell whether this change was saved.' })).toBeVisible();
  // sent again, with the same id: the server answers with what it stored the first time (CM-1)
  await expect.poll(() => seen.sent.length).toBe(2);
  expect(seen.sent[1]).toBe(seen.sent[0]);
  await expect(facilitator.card('Deploys on Friday afternoon').getByText('sending…')).toHaveCount(0);
  await expect(facilitator.card('Deploys on Friday afternoon')).toHaveCount(1);
  // not put back among the drafts, where pressing "Add card" again would make a second card
  await expect(column.getByLabel('New card in Stop')).toHaveValue('');
});
