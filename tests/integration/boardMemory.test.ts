import { describe, expect, it } from 'vitest';
import { Person, createBoard, useServer } from './harness.js';

/** ME-8: what a loaded board holds per card, kept small (issue 13's heap per board). */
describe('ME-8 the ids a room makes', () => {
  const live = useServer();

  it('ME-8 every card gets an id of 16 random url-safe characters, each different', async () => {
    const { url } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Short ids');
    const F = new Person(url);
    live.people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const added = await F.cmd('card.add', { columnId: 'start', text: `card ${i}` });
      expect(added.ok).toBe(true);
      if (added.ok) ids.push((added.data as { cardId: string }).cardId);
    }
    expect(ids.every((id) => /^[A-Za-z0-9_-]{16}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
