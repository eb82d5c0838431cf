import { describe, expect, it } from 'vitest';
import { PLACEHOLDER, TEMPLATES } from '@candor/shared';
import { openSqliteStore } from '../storage/sqlite.js';
import { WritersSeal } from '../storage/sealedWriters.js';
import { Keyring } from '../identity.js';
import { createTestBoard, roomDriver } from './room.testing.js';
import { readStoredBoard } from './storedBoard.js';

/**
 * TM-6: the team history reads a retro that is not loaded straight from the store (`readStoredBoard`). What it reads
 * must be the public view the room showed: the anonymous facts (AR-1: cards, votes, pulse, fist of five, lens taps,
 * reactions) are stored apart from the public log, and a read that folds only the log showed a closed retro with no
 * pulse, no lens counts and no consensus once its room was unloaded.
 */
const template = TEMPLATES[0]!;
const [start, stop] = template.columns.map((c) => c.id) as [string, string];
const BOARD = 'board-stored-read';
const NOW = 1_000;
const CLAIM_AFTER_MS = 60_000;
let counter = 0;
const newId = () => `sr${String(++counter).padStart(10, '0')}`;
const keyring = new Keyring(Buffer.alloc(32, 9));
const { person, load } = roomDriver(keyring, newId);

describe('TM-6 a retro read from the store, not loaded', () => {
  it('TM-4 TL-6 AN-9 a closed retro reads as its room showed it: pulse, cards, tallies, lens, reactions and consensus, and no tag', async () => {
    const store = openSqliteStore(':memory:');
    await createTestBoard(store, keyring, BOARD, 'Read back', template);
    const room = await load(store, BOARD);
    const fran = person(room, 'fran', true);
    const others = ['ada', 'bo', 'cy', 'dee'].map((name) => person(room, name));
    const everyone = [fran, ...others];
    for (const p of everyone) await p.join();
    const [ada, bo, cy, dee] = others as [typeof fran, typeof fran, typeof fran, typeof fran];

    for (const [p, value] of [[fran, 2], [ada, 3], [bo, 4], [cy, 4]] as const) await p.send({ type: 'pulse.answer', value });
    const { cardId: item } = await ada.send({ type: 'card.add', columnId: start, text: 'pairing helps' });
    await bo.send({ type: 'card.add', columnId: stop, text: 'friday deploys' });
    for (const phase of ['reveal', 'vote'] as const) await fran.send({ type: 'phase.set', phase });
    for (const p of everyone) await p.send({ type: 'vote.cast', itemId: item! });
    await fran.send({ type: 'phase.set', phase: 'discuss' });
    await fran.send({ type: 'discuss.select', itemId: item! });
    await fran.send({ type: 'lens.set', on: true });
    for (const [p, part] of [[fran, 'reliability'], [ada, 'reliability'], [bo, 'credibility'], [cy, 'empathy']] as const) {
      await p.send({ type: 'lens.tap', itemId: item!, part, on: true });
    }
    await dee.send({ type: 'reaction.toggle', itemId: item!, reaction: 'agree', on: true });
    const { actionId } = await fran.send({ type: 'action.create', itemId: item!, text: 'pair on the deploy script' });
    await ada.send({ type: 'action.volunteer', actionId: actionId!, volunteer: true });
    await fran.send({ type: 'consensus.start', actionId: actionId! });
    for (const [p, value] of [[fran, 4], [ada, 2], [bo, 5], [cy, 4], [dee, 5]] as const) await p.send({ type: 'consensus.answer', actionId: actionId!, value });
    for (const phase of ['act', 'closed'] as const) await fran.send({ type: 'phase.set', phase });
    // everyone leaves, as before the room is unloaded
    for (const p of ['fran', 'ada', 'bo', 'cy', 'dee']) room.detach(`socket-${p}`);

    const shown = room.publicView();
    // the figures are there to be lost: a distribution each (AN-9 passed), the lens counted, the tallies shown
    expect(shown.pulse.distribution).toMatchObject({ counts: [0, 1, 1, 2, 0], total: 4 });
    expect(shown.lens).toEqual([{ itemId: item, tappers: 4, counts: { credibility: 1, reliability: 2, empathy: 1, 'self-interest': 0 } }]);
    expect(shown.actions[0]!.consensus).toMatchObject({ revealed: true, flagged: true, distribution: { counts: [0, 0, 1, 0, 2, 2] } });
    expect(shown.cards.map((c) => c.text).sort()).toEqual(['friday deploys', 'pairing helps']);
    expect(shown.tallies).not.toBeNull();

    const read = readStoredBoard((await store.loadBoard(BOARD))!, NOW, CLAIM_AFTER_MS, new WritersSeal(keyring.cardWritersKeys()));
    expect(read.view).toEqual(shown);
    // the facts read back carry placeholders of their stored tags (AR-2): none reaches the view
    expect(JSON.stringify(read.view)).not.toContain(PLACEHOLDER);
    room.destroy();
  });
});
