import { test, expect } from './fixtures/team';
import type { Page } from '@playwright/test';

const UNKNOWN = { ok: false, code: 'OUTCOME_UNKNOWN', message: 'The store did not say whether this change was saved.' };
/** what a process whose store cannot read the board answers (CM-2): true of that attempt, which changed nothing */
const UNREADABLE = { ok: false, code: 'INTERNAL', message: 'The board cannot be read from storage right now; nothing was changed. Try again in a moment.' };

/**
 * CM-6: the server could not tell whether a command was stored (its PostgreSQL froze mid-commit, so the commit may have
 * been made). The route stands in for that: the server stores the page's first command of `type`, and the answers to
 * its first sends are replaced on the way to the page with `answers`, in turn (then the server's own come through).
 * `sent` lists the ids of every command of that type the page sends (Socket.io: `42<ack>["cmd",{…}]` out, `43<ack>[…]`
 * back).
 */
async function firstAnswersReplaced(page: Page, type: string, answers: object[]): Promise<{ sent: string[] }> {
  const seen = { sent: [] as string[] };
  const replacing = new Map<string, object>();
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const packet = typeof message === 'string' ? /^42(\d+)(\[[^]*)$/.exec(message) : null;
      const [event, command] = packet ? (JSON.parse(packet[2]!) as [string, { id: string; type: string }]) : [];
      if (packet && event === 'cmd' && command?.type === type) {
        const answer = answers[seen.sent.length];
        if (answer) replacing.set(packet[1]!, answer);
        seen.sent.push(command.id);
      }
      server.send(message);
    });
    server.onMessage((message) => {
      const packet = typeof message === 'string' ? /^43(\d+)\[/.exec(message) : null;
      const answer = packet ? replacing.get(packet[1]!) : undefined;
      if (packet && answer) {
        replacing.delete(packet[1]!);
        return ws.send(`43${packet[1]}${JSON.stringify([answer])}`);
      }
      ws.send(message);
    });
  });
  return seen;
}

test('CM-6 a card whose outcome the server could not tell stays out of the drafts, is said so, and is sent again with its id: it shows once', async ({ facilitator }) => {
  const page = facilitator.page;
  const seen = await firstAnswersReplaced(page, 'card.add', [UNKNOWN]);
  await facilitator.createRetro('Outcome unknown');
  const column = facilitator.column('Stop');
  await column.getByLabel('New card in Stop').fill('Deploys on Friday afternoon');
  await column.getByRole('button', { name: 'Add card' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'The server could not tell whether this change was saved.' })).toBeVisible();
  // sent again, with the same id: the server answers with what it stored the first time (CM-1)
  // (the browser waits 2 s before it sends again)
  await expect.poll(() => seen.sent.length, { timeout: 15_000 }).toBe(2);
  expect(seen.sent[1]).toBe(seen.sent[0]);
  await expect(facilitator.card('Deploys on Friday afternoon').getByText('sending…')).toHaveCount(0);
  await expect(facilitator.card('Deploys on Friday afternoon')).toHaveCount(1);
  // not put back among the drafts, where pressing "Add card" again would make a second card
  await expect(column.getByLabel('New card in Stop')).toHaveValue('');
});

test('CM-6 sent again, it meets a process that cannot read the board ("nothing was changed" by that attempt): it stays out of the drafts and is sent once more', async ({ facilitator }) => {
  const page = facilitator.page;
  const seen = await firstAnswersReplaced(page, 'card.add', [UNKNOWN, UNREADABLE]);
  await facilitator.createRetro('Outcome still unknown');
  const column = facilitator.column('Stop');
  await column.getByLabel('New card in Stop').fill('Releases wait for one person');
  await column.getByRole('button', { name: 'Add card' }).click();

  // the first attempt may be stored: a later "nothing changed" speaks for that later attempt only, and is not shown
  // (sent again 2 s after each answer: the third about 4 s after the first, later on a busy machine — CI took 5 s)
  await expect.poll(() => seen.sent.length, { timeout: 15_000 }).toBe(3);
  await expect(page.getByRole('alert').filter({ hasText: 'nothing was changed' })).toHaveCount(0);
  expect(new Set(seen.sent).size).toBe(1);
  await expect(facilitator.card('Releases wait for one person').getByText('sending…')).toHaveCount(0);
  await expect(facilitator.card('Releases wait for one person')).toHaveCount(1);
  await expect(column.getByLabel('New card in Stop')).toHaveValue('');
});
