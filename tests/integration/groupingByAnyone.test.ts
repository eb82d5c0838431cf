import { afterAll, describe, expect, it } from 'vitest';
import type { PublicBoardView } from '@candor/shared';
import { PINGS_OUT_OF_THE_WAY, Person, type TestServer, createBoard, frameMark, startServer } from './harness.js';

/**
 * GR-11 AN-1: "Group these" sends the card.group commands a drag would, whoever presses it. Read on the wire by someone
 * else in the room, a grouping made by the author of the cards it moves is the grouping anyone else makes: the same
 * socket frames (none), the same board updates, the same board but for the new group's random id. And the author's
 * own connection is told nothing more for it than the connection of someone who wrote none of them.
 */
describe('GR-11 AN-1 grouping by a card\'s author and by anyone else, as the room receives them', () => {
  let server: TestServer;
  const people: Person[] = [];
  afterAll(async () => {
    for (const p of people) await p.disconnect();
    await server?.close();
  });

  it('GR-11 AN-1 a grouping by the author of both cards reaches an observer as one by someone who wrote neither, the group id aside', async () => {
    server = await startServer({ heartbeat: PINGS_OUT_OF_THE_WAY });
    const [F, A, C, O] = Array.from({ length: 4 }, () => new Person(server.url));
    people.push(F!, A!, C!, O!);
    const { boardId, facilitatorKey } = await createBoard(server.url, 'Grouping on the wire');
    await F!.connect(boardId, 'Fran', facilitatorKey);
    for (const [p, name] of [[A, 'Alex'], [C, 'Cy'], [O, 'Obi']] as const) await p!.connect(boardId, name);
    const add = async (columnId: string, text: string) => ((await A!.cmd('card.add', { columnId, text })) as { ok: true; data: { cardId: string } }).data.cardId;
    // two like pairs, all Alex's, each pair over two columns (a grouped card moves to its group's column, GR-9)
    const [a1, b1, a2, b2] = [await add('start', 'Deploys on Friday hurt'), await add('stop', 'Friday deploys again'), await add('start', 'Standups run too long'), await add('stop', 'Long standups again')];
    expect(await F!.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await O!.waitFor(() => O!.board()!.cards.length === 4);
    const groupedBy = async (who: Person, cardId: string, withCardId: string) => {
      const mark = frameMark();
      const seen = O!.boardHistory.length;
      expect(await who.cmd('card.group', { cardId, withCardId })).toMatchObject({ ok: true });
      await O!.waitFor(() => O!.board()!.cards.find((c) => c.id === cardId)?.groupId);
      await O!.boardRoundTrip();
      await A!.boardRoundTrip();
      // (besides acks: the observer's are those of its own round trips)
      const socketFrames = (p: Person) =>
        p.frames.filter((f) => f.seq >= mark && f.channel === 'socket.io').map((f) => f.bytes.toString('utf8')).filter((f) => !/^43\d+\[/.test(f));
      const board = O!.board()!;
      const groupId = board.cards.find((c) => c.id === cardId)!.groupId!;
      return {
        observerFrames: socketFrames(O!),
        observerBoardUpdates: O!.boardHistory.length - seen,
        // what Alex, author of both cards, receives beyond the sender's own ack
        authorFrames: socketFrames(A!).length,
        group: shape(board, groupId, [cardId, withCardId]),
      };
    };
    const byAuthor = await groupedBy(A!, b1, a1);
    const byOther = await groupedBy(C!, b2, a2);
    expect(byAuthor.observerFrames).toEqual([]);
    expect(byOther.observerFrames).toEqual([]);
    expect(byAuthor.observerBoardUpdates).toBe(byOther.observerBoardUpdates);
    expect(byAuthor.authorFrames).toBe(byOther.authorFrames);
    // titled with the words of whichever of the two cards comes first in the reveal order (GR-6)
    expect(['Deploys on Friday hurt', 'Friday deploys again']).toContain(byAuthor.group.title);
    expect(['Standups run too long', 'Long standups again']).toContain(byOther.group.title);
    expect({ ...byAuthor.group, title: '' }).toEqual({ ...byOther.group, title: '' });
  });
});

/** a group as the room reads it, its random id and its title (its first card's words) left out */
function shape(board: PublicBoardView, groupId: string, cardIds: string[]) {
  const group = board.groups.find((g) => g.id === groupId)!;
  const at = (id: string) => board.cards.findIndex((c) => c.id === id);
  return {
    title: group.title,
    columnId: group.columnId,
    // (in the board's reveal order, which is the shuffle's, not who grouped them)
    cards: group.cardIds.map((id) => cardIds.indexOf(id)).sort(),
    columns: cardIds.map((id) => board.cards[at(id)]!.columnId),
  };
}
