import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from '@candor/server/testing';
import { Person, createBoard, newId } from './harness.js';
import { type SpawnedServer, freePort } from './spawnedServer.js';
import { comparable, peopleOf, startProcesses, stoppableRedis } from './clusterHarness.js';

/**
 * CL-5: what a Redis of the test's own (the shared one serves other tests meanwhile) is sent through a retro on two
 * processes, every command as `MONITOR` shows it, and what it holds after. cluster.test.ts reads the pub/sub messages
 * on the shared Redis, where it cannot tell "no key at all" from "no key of this board".
 */
describe('CL-5 what Redis is told, command by command', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const end of cleanup.reverse()) await end();
  });

  it('CL-5 through a retro on two processes Redis is sent only pub/sub, holds no key after, and no command carries a card text, a card id or a secret; participant ids only in presence', async () => {
    const { redisUrl } = await stoppableRedis(cleanup);
    const monitor = await new Redis(redisUrl).monitor();
    cleanup.push(async () => void monitor.disconnect());
    const commands: string[][] = [];
    monitor.on('monitor', (_time: string, args: unknown[]) => commands.push(args.map(String)));
    const processes: SpawnedServer[] = await startProcesses(2, { redisUrl });
    const { join } = peopleOf(processes, cleanup);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'Watched from Redis');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const people: Person[] = [await join(1, boardId, 'Alex'), await join(1, boardId, 'Bea'), await join(0, boardId, 'Cai')];
    const texts = people.map(() => `written-${newId()}`);
    const cardIds: string[] = [];
    for (const [i, p] of people.entries()) cardIds.push(((await p.cmd('card.add', { columnId: 'start', text: texts[i] })) as { data: { cardId: string } }).data.cardId);
    const edited = `edited-${newId()}`;
    expect(await people[0]!.cmd('card.edit', { cardId: cardIds[0], text: edited })).toMatchObject({ ok: true });
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    for (const [i, p] of people.entries()) expect(await p.cmd('vote.cast', { itemId: cardIds[(i + 1) % 3] })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    await people[0]!.waitFor(() => JSON.stringify(comparable(people[0]!)) === JSON.stringify(comparable(F)));

    const reader = new Redis(redisUrl);
    const keys = await reader.keys('*');
    reader.disconnect();
    expect(keys).toEqual([]);
    // (the monitor's own and the reader's commands are left out: they are the test's)
    const sent = commands.filter(([name]) => !['monitor', 'keys'].includes(name!.toLowerCase()));
    expect(sent.filter(([, channel]) => channel?.includes(boardId)).length).toBeGreaterThan(3);
    expect([...new Set(sent.map(([name]) => name!.toLowerCase()))].filter((name) => !['info', 'psubscribe', 'publish'].includes(name))).toEqual([]);
    const words = sent.map((args) => args.join(' '));
    for (const secret of [...texts, edited, ...cardIds, facilitatorKey, F.secret, ...people.map((p) => p.secret)]) expect(words.filter((w) => w.includes(secret))).toEqual([]);
    const naming = words.filter((w) => [F, ...people].some((p) => w.includes(p.participantId)));
    expect(naming.length).toBeGreaterThan(0);
    for (const w of naming) expect(w).toMatch(/"kind":"presence"/);
  }, 60_000);
});
