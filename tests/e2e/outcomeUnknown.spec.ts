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
 * back), `replaced` counts the answers replaced so far, and `heartbeats` holds the page's heartbeats (`time.sync`)
 * not answered yet.
 */
async function firstAnswersReplaced(page: Page, type: string, answers: object[]): Promise<{ sent: string[]; replaced: number; heartbeats: Set<string> }> {
  const seen = { sent: [] as string[], replaced: 0, heartbeats: new Set<string>() };
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
      if (packet && event === 'time.sync') seen.heartbeats.add(packet[1]!);
      if (message !== '3') server.send(message);
    });
    server.onMessage((message) => {
      // RC-14: the route answers the server's heartbeat (engine.io's ping, "2") itself, and drops the page's own pong: a
      // page whose clock is held (holdClock) is handed nothing from a routed socket until its clock moves, and the
      // server lets a connection go 5 s after a ping it has no answer to
      if (message === '2') server.send('3');
      const packet = typeof message === 'string' ? /^43(\d+)\[/.exec(message) : null;
      const answer = packet ? replacing.get(packet[1]!) : undefined;
      if (packet) seen.heartbeats.delete(packet[1]!);
      if (packet && answer) {
        replacing.delete(packet[1]!);
        seen.replaced++;
        return ws.send(`43${packet[1]}${JSON.stringify([answer])}`);
      }
      ws.send(message);
    });
  });
  return seen;
}

/**
 * The browser sends such a command again 2 s after the answer (RESEND_UNKNOWN_MS), on its own clock: the test moves
 * that clock on rather than waiting. Held still first, once every heartbeat asked is answered, so moving it fires no
 * heartbeat's 2-s timeout (a false silent drop, UI-9) for a question whose answer was merely on its way.
 */
async function holdClock(page: Page, seen: { heartbeats: Set<string> }): Promise<void> {
  await page.clock.pauseAt(Date.now() + 1_000);
  await expect.poll(() => seen.heartbeats.size).toBe(0);
}

test('CM-6 a card whose outcome the server could not tell stays out of the drafts, is said so, and is sent again with its id: it shows once', async ({ facilitator }) => {
  const page = facilitator.page;
  const seen = await firstAnswersReplaced(page, 'card.add', [UNKNOWN]);
  await page.clock.install();
  await facilitator.createRetro('Outcome unknown');
  await holdClock(page, seen);
  const column = facilitator.column('Stop');
  await column.getByLabel('New card in Stop').fill('Deploys on Friday afternoon');
  await column.getByRole('button', { name: 'Add card' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'The server could not tell whether this change was saved.' })).toBeVisible();
  // sent again, with the same id: the server answers with what it stored the first time (CM-1)
  // (the browser waits 2 s before it sends again: not before)
  expect(seen.sent).toHaveLength(1);
  await page.clock.fastForward(2_000);
  await expect.poll(() => seen.sent.length).toBe(2);
  expect(seen.sent[1]).toBe(seen.sent[0]);
  await expect(facilitator.card('Deploys on Friday afternoon').getByText('sending…')).toHaveCount(0);
  await expect(facilitator.card('Deploys on Friday afternoon')).toHaveCount(1);
  // not put back among the drafts, where pressing "Add card" again would make a second card
  await expect(column.getByLabel('New card in Stop')).toHaveValue('');
});

test('CM-6 sent again, it meets a process that cannot read the board ("nothing was changed" by that attempt): it stays out of the drafts and is sent once more', async ({ facilitator }) => {
  const page = facilitator.page;
  const seen = await firstAnswersReplaced(page, 'card.add', [UNKNOWN, UNREADABLE]);
  await page.clock.install();
  await facilitator.createRetro('Outcome still unknown');
  await holdClock(page, seen);
  const column = facilitator.column('Stop');
  await column.getByLabel('New card in Stop').fill('Releases wait for one person');
  await column.getByRole('button', { name: 'Add card' }).click();

  // the first attempt may be stored: a later "nothing changed" speaks for that later attempt only, and is not shown
  // (sent again 2 s after each answer, on the page's clock)
  for (const sends of [2, 3]) {
    await expect.poll(() => seen.replaced).toBe(sends - 1);
    await page.clock.fastForward(2_000);
    await expect.poll(() => seen.sent.length).toBe(sends);
  }
  await expect(page.getByRole('alert').filter({ hasText: 'nothing was changed' })).toHaveCount(0);
  expect(new Set(seen.sent).size).toBe(1);
  await expect(facilitator.card('Releases wait for one person').getByText('sending…')).toHaveCount(0);
  await expect(facilitator.card('Releases wait for one person')).toHaveCount(1);
  await expect(column.getByLabel('New card in Stop')).toHaveValue('');
});
