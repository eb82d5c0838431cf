import { describe, expect, it } from 'vitest';
import type { PersonalView } from '@candor/shared';
import { Person, createBoard, newId, useServer } from './harness.js';

const live = useServer();

describe('UI-22 a personal view says which of my commands it includes', () => {
  it('UI-22 the view sent for a command names it (upTo), on that connection, and already shows its effect', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Up to');
    const F = new Person(live.server.url);
    live.people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const seen: { view: PersonalView; upTo: string | undefined; beforeAck: boolean }[] = [];
    let acked = false;
    F.socket!.on('me', (view: PersonalView, upTo?: string) => seen.push({ view, upTo, beforeAck: !acked }));

    const id = newId();
    const ack = await F.cmd('card.add', { columnId: 'start', text: 'Pair on the deploy scripts' }, id);
    acked = true;
    expect(ack.ok).toBe(true);
    const cardId = (ack as { ok: true; data: { cardId: string } }).data.cardId;
    const named = seen.find((m) => m.upTo === id);
    expect(named, `views seen: ${JSON.stringify(seen.map((m) => m.upTo))}`).toBeDefined();
    expect(named!.view.cards.map((c) => c.id)).toContain(cardId);
    // the view comes before the answer: without `upTo` a browser counted the command twice in between
    expect(named!.beforeAck).toBe(true);
  });
});
