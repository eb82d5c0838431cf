import { test, expect } from './fixtures/facilitation';
import { type LoadBalanced, startLoadBalanced } from './fixtures/loadBalanced';
import { kill9 } from '../integration/spawnedServer';

/** CL-14: the balancer's port, derived from this run's E2E_PORT like the other ports of the run. */
const LB_PORT = Number(process.env.E2E_PORT ?? 3199) + 22_000;

// one worker runs this file's tests: they share the balancer on its port
test.describe.configure({ mode: 'default' });
let lb: LoadBalanced | null = null;
test.beforeAll(async () => {
  lb = await startLoadBalanced(LB_PORT);
});
test.afterAll(async () => {
  await lb?.stop();
});
test.use({ baseURL: `http://127.0.0.1:${LB_PORT}` });

test('CL-14 two browsers through a round-robin HAProxy in front of two processes run Write, Reveal and Vote, and go on when one process dies', async ({ facilitator, ada }, testInfo) => {
  const link = await facilitator.createRetro('Behind a balancer');
  await ada.join(link, 'Ada');
  await expect(facilitator.page.getByText('2 online')).toBeVisible();
  // Round robin hands out each request in turn, so where a page's connection lands depends on how many requests came
  // before it: both landed on one process in about a third of the runs once the board page's chunks changed (stop 58),
  // and the test then proved nothing of two processes (it failed at the end: one process had never loaded the board).
  // Ada's page is opened again until each process holds a live connection (HAProxy's current sessions: with
  // http-server-close they are the WebSocket connections alone); here that took up to four reloads.
  for (let attempt = 0; ; attempt++) {
    const spread = await expect
      .poll(async () => (await lb!.sessions()).filter((s) => s.current > 0).length, { timeout: 3_000 })
      .toBe(2)
      .then(() => true, () => false);
    if (spread) break;
    if (attempt === 12) throw new Error(`both browsers' connections stayed on one process: ${JSON.stringify(await lb!.sessions())}`);
    await ada.page.reload();
    await expect(ada.column('Start').getByLabel('New card in Start')).toBeVisible();
    await expect(facilitator.page.getByText('2 online')).toBeVisible();
  }

  // Write
  await ada.addCard('Start', 'Pair on the flaky deploy');
  await facilitator.addCard('Stop', 'Merging on Friday evening');
  await expect(ada.page.getByText('Merging on Friday evening')).toHaveCount(0);

  // Reveal: both see both cards, whichever process serves them
  await facilitator.goTo('Reveal');
  for (const person of [facilitator, ada]) {
    for (const text of ['Pair on the flaky deploy', 'Merging on Friday evening']) await expect(person.card(text)).toBeVisible();
  }
  await expect(ada.card('Pair on the flaky deploy').getByText('yours')).toBeVisible();
  await expect(facilitator.card('Pair on the flaky deploy').getByText('yours')).toHaveCount(0);

  // Vote: the budget holds across processes
  await facilitator.goTo('Vote');
  await ada.expectPhase('Vote');
  await expect(ada.page.getByText('You have 3 votes left')).toBeVisible();
  await ada.voteFor('Merging on Friday evening', 2);
  await ada.voteFor('Pair on the flaky deploy');
  await expect(ada.page.getByText('You have 0 votes left')).toBeVisible();
  await facilitator.voteFor('Pair on the flaky deploy');
  await expect(facilitator.page.getByText('You have 2 votes left')).toBeVisible();
  await ada.screenshot(testInfo, 'load-balanced-vote');

  // … and really through both processes: HAProxy sent connections to each, and each has the board loaded
  // (a process loads a board only for a connection or request of that board)
  const sessions = await lb!.sessions();
  expect(sessions.map((s) => s.server).sort()).toEqual(['p1', 'p2']);
  for (const backend of sessions) expect(backend.total).toBeGreaterThan(0);
  for (const p of lb!.processes) {
    const health = (await (await fetch(`${p.url}/healthz`)).json()) as { boardsLoaded: number };
    expect(health.boardsLoaded).toBe(1);
  }

  // One process dies (kill -9): the board goes on through the other, a vote and a page opened again included. Before the
  // balancer checked /healthz and tried a refused connection on the other process, every other page load answered 503.
  await kill9(lb!.processes[0]!);
  await facilitator.voteFor('Merging on Friday evening');
  await expect(facilitator.page.getByText('You have 1 vote left')).toBeVisible();
  for (const person of [facilitator, ada]) {
    await person.page.reload();
    await expect(person.card('Merging on Friday evening')).toBeVisible();
  }
  await expect(ada.page.getByText('You have 0 votes left')).toBeVisible();
  await expect(facilitator.page.getByText('You have 1 vote left')).toBeVisible();
});
