import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardState } from './board.js';
import { byPresenceOrder, CardEntries, projectBoardDoc, projectPresence, readBoardDoc } from './boardDoc.js';
import { moveCards } from './board.js';
import { actor, addCard, alice, bob, boardWith, everyone, fran, moveTo, must, NOW, REVIEW, run, setOnline, teamBoardWith, addPerson } from './testBoard.js';
import { presenceChangeOf, publicCardOf, viewOf, type PublicCard } from './visibility.js';
import { RevealKeys } from './reveal.js';

const publicView = (state: BoardState) => viewOf(state, { kind: 'public' }).board;
const bytesOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8');

function revealedBoard() {
  const state = boardWith();
  const ids = ['one', 'two', 'three', 'four', 'five', 'six'].map((t, i) => addCard(state, i % 2 ? alice : bob, `card-text-${t}`));
  moveTo(state, 'reveal');
  must(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[1] });
  return { state, ids };
}

/** Projects `state` into a server doc and syncs it to a fresh client doc, as the wire would. */
function roundTrip(state: BoardState) {
  const server = new Y.Doc();
  projectBoardDoc(server, publicView(state));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

describe('board document', () => {
  it('AN-1 WI-1 lists people by name with their numbers in counting order: Guest 2 before Guest 10', () => {
    const person = (name: string, handle: string) => ({ handle, name, online: true, facilitator: false, done: false });
    const names = [person('Guest 10', 'h1'), person('Guest 2', 'h2'), person('guest 1', 'h3'), person('Ada', 'h4'), person('Guest 12', 'h5')]
      .sort(byPresenceOrder)
      .map((p) => p.name);
    expect(names).toEqual(['Ada', 'guest 1', 'Guest 2', 'Guest 10', 'Guest 12']);
  });

  it('AN-3 a client reading the synced document gets exactly the public view', () => {
    const { state } = revealedBoard();
    const { client } = roundTrip(state);
    expect(readBoardDoc(client)).toEqual(publicView(state));
  });

  it('AN-3 reads back the public view in every phase, tallies and actions included', () => {
    const { state, ids } = revealedBoard();
    const server = new Y.Doc();
    const client = new Y.Doc();
    server.on('update', (update: Uint8Array) => Y.applyUpdate(client, update));
    moveTo(state, 'vote');
    must(state, bob, { type: 'vote.cast', itemId: ids[2] });
    moveTo(state, 'discuss');
    must(state, fran, { type: 'discuss.select', itemId: ids[2] });
    must(state, fran, { type: 'action.create', itemId: ids[2], text: 'x' });
    for (const phase of ['discuss', 'act', 'closed'] as const) {
      moveTo(state, phase);
      projectBoardDoc(server, publicView(state));
      expect(readBoardDoc(client), phase).toEqual(publicView(state));
    }
  });

  it('AN-3 is empty (null) until the first projection arrives', () => {
    expect(readBoardDoc(new Y.Doc())).toBeNull();
  });

  it('AN-3 the encoded document contains no author tag, voter tag or participant id', () => {
    const { state, ids } = revealedBoard();
    moveTo(state, 'vote');
    must(state, bob, { type: 'vote.cast', itemId: ids[2] });
    moveTo(state, 'discuss');
    const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: ids[2], text: 'x' });
    must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
    const bytes = bytesOf(roundTrip(state).server);
    expect(bytes).toContain('card-text-one'); // the search does find text that is there
    for (const a of everyone) {
      expect(bytes).not.toContain(a.authorTag);
      expect(bytes).not.toContain(a.voterTag);
      expect(bytes).not.toContain(a.participantId);
    }
  });

  it('AN-3 the encoded document contains no unrevealed card text', () => {
    const state = boardWith();
    addCard(state, alice, 'written before reveal');
    const server = new Y.Doc();
    projectBoardDoc(server, publicView(state));
    expect(bytesOf(server)).not.toContain('written before reveal');
    expect(readBoardDoc(server)!.cardCount).toBe(0); // AN-10: one writer is not counted
  });

  it('AN-3 the document forgets the old text of an edited or deleted card', () => {
    const state = boardWith();
    const edited = addCard(state, alice, 'first-wording');
    const deleted = addCard(state, bob, 'regretted-card');
    moveTo(state, 'reveal');
    const server = new Y.Doc();
    projectBoardDoc(server, publicView(state));
    expect(bytesOf(server)).toContain('first-wording');
    must(state, alice, { type: 'card.edit', cardId: edited, text: 'second-wording' });
    must(state, bob, { type: 'card.delete', cardId: deleted });
    projectBoardDoc(server, publicView(state));
    const bytes = bytesOf(server);
    expect(bytes).toContain('second-wording');
    expect(bytes).not.toContain('first-wording');
    expect(bytes).not.toContain('regretted-card');
  });

  it('AN-3 projecting the same view twice produces no new update', () => {
    const { state } = revealedBoard();
    const server = new Y.Doc();
    projectBoardDoc(server, publicView(state));
    const updates: Uint8Array[] = [];
    server.on('update', (u: Uint8Array) => updates.push(u));
    projectBoardDoc(server, publicView(state));
    projectBoardDoc(server, publicView(state));
    expect(updates).toHaveLength(0);
  });

  it('AN-3 a one-card edit sends an update that names only that card', () => {
    const { state, ids } = revealedBoard();
    const server = new Y.Doc();
    projectBoardDoc(server, publicView(state));
    const updates: Uint8Array[] = [];
    server.on('update', (u: Uint8Array) => updates.push(u));
    const author = state.cards.get(ids[4])!.authorTag === alice.authorTag ? alice : bob;
    must(state, author, { type: 'card.edit', cardId: ids[4], text: 'card-text-five-edited' });
    projectBoardDoc(server, publicView(state));
    expect(updates).toHaveLength(1);
    const sent = Buffer.from(updates[0]).toString('utf8');
    expect(sent).toContain('card-text-five-edited');
    expect(sent).not.toContain('card-text-three');
  });

  it('RV-2 cards read back in reveal order, and the bytes follow that order too', () => {
    const { state } = revealedBoard();
    const view = publicView(state);
    const { server, client } = roundTrip(state);
    expect(readBoardDoc(client)!.cards.map((c) => c.id)).toEqual(view.cards.map((c) => c.id));
    const bytes = bytesOf(server);
    // lastIndexOf: the group's title (GR-6) repeats its first card's words earlier in the bytes.
    const positions = view.cards.map((c) => bytes.lastIndexOf(c.text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    const written = ['one', 'two', 'three', 'four', 'five', 'six'].map((t) => `card-text-${t}`);
    expect(view.cards.map((c) => c.text)).not.toEqual(written);
  });

  /** A team retro using every new feature: a review, a closed pulse, a revealed consensus, an absent facilitator. */
  function teamRetro() {
    const state = teamBoardWith();
    must(state, fran, { type: 'review.mark', ref: REVIEW[0].ref, status: 'not-done', reason: 'review-reason-text', carry: true });
    const dana = addPerson(state, 'Dana');
    for (const [who, value] of [[fran, 4], [alice, 2], [bob, 5], [dana, 3]] as const) must(state, who, { type: 'pulse.answer', value });
    moveTo(state, 'write');
    const item = addCard(state, alice, 'card-text-team');
    moveTo(state, 'discuss');
    const { actionId } = must<{ actionId: string }>(state, bob, { type: 'action.create', itemId: item, text: 'x' });
    must(state, fran, { type: 'consensus.start', actionId });
    for (const [who, value] of [[fran, 4], [alice, 1], [bob, 5], [dana, 3]] as const) must(state, who, { type: 'consensus.answer', actionId, value });
    setOnline(state, fran, NOW);
    return state;
  }

  it('AN-3 reads back the new public fields: team, review, pulse, facilitator, consensus', () => {
    const state = teamRetro();
    const { client } = roundTrip(state);
    const read = readBoardDoc(client)!;
    expect(read).toEqual(publicView(state));
    expect(Object.keys(read).sort()).toEqual(Object.keys(publicView(state)).sort());
    expect(read).toMatchObject({
      teamId: 'team-under-test',
      hasReview: true,
      facilitator: { handle: 'handle-fran', online: false },
      facilitatorLog: [{ name: 'Fran', how: 'created' }],
      pulse: { open: false, notEnough: false, distribution: { total: 4 } },
    });
    expect(read.review[0]).toMatchObject({ status: 'not-done', reason: 'review-reason-text', carry: true });
    expect(read.actions[0].consensus).toMatchObject({ revealed: true, flagged: true });
  });

  it('AN-3 the encoded document of a team retro contains no pulse or consensus tag and no participant id', () => {
    const bytes = bytesOf(roundTrip(teamRetro()).server);
    expect(bytes).toContain('review-reason-text'); // the search does find text that is there
    for (const a of everyone) {
      for (const secret of [a.participantId, a.authorTag, a.voterTag, a.pulseTag, a.consensusTag]) expect(bytes).not.toContain(secret);
    }
  });

  it('AN-3 a pulse answer while the pulse is open sends nothing', () => {
    const state = teamBoardWith();
    const server = new Y.Doc();
    projectBoardDoc(server, publicView(state));
    const updates: Uint8Array[] = [];
    server.on('update', (u: Uint8Array) => updates.push(u));
    must(state, alice, { type: 'pulse.answer', value: 1 });
    projectBoardDoc(server, publicView(state));
    expect(updates).toHaveLength(0);
  });

  it('RV-7 a reveal writes every card in one run: one Yjs item, however many cards', () => {
    const state = boardWith();
    for (let i = 0; i < 60; i++) addCard(state, i % 2 ? alice : bob, `card-text-${i}`);
    const server = new Y.Doc();
    projectBoardDoc(server, publicView(state));
    const updates: Uint8Array[] = [];
    server.on('update', (u: Uint8Array) => updates.push(u));
    moveTo(state, 'reveal');
    projectBoardDoc(server, publicView(state));
    expect(updates).toHaveLength(1);
    const { structs } = Y.decodeUpdate(updates[0]!);
    const runs = structs.filter((s) => s instanceof Y.Item && s.content instanceof Y.ContentAny && s.content.arr.some((v) => Array.isArray(v)));
    expect(runs).toHaveLength(1);
    expect((runs[0] as Y.Item).content.getLength()).toBe(60);
  });

  it('RV-7 the document holds each card as the JSON of its public fields in a fixed order, without their names', () => {
    const { state, ids } = revealedBoard();
    must(state, alice, { type: 'card.sign', cardId: ids[1]!, signed: true });
    must(state, bob, { type: 'card.edit', cardId: ids[2]!, text: 'card-text-three, "edited"' });
    const { server, client } = roundTrip(state);
    const entries = (server.getMap('board').get('cards') as Y.Array<unknown>).toArray() as [Uint8Array][];
    const fields = (c: PublicCard) =>
      c.signedBy !== null ? [c.id, c.columnId, c.text, c.groupId, c.edited, c.signedBy]
      : c.edited ? [c.id, c.columnId, c.text, c.groupId, true]
      : c.groupId !== null ? [c.id, c.columnId, c.text, c.groupId]
      : [c.id, c.columnId, c.text];
    expect(entries.map((e) => new TextDecoder().decode(e[0]))).toEqual(publicView(state).cards.map((c) => JSON.stringify(fields(c))));
    // a signed card, a grouped one, an edited one and plain ones, each read back whole
    expect(new Set(publicView(state).cards.map((c) => fields(c).length))).toEqual(new Set([3, 4, 5, 6]));
    expect(readBoardDoc(client)!.cards).toEqual(publicView(state).cards);
  });

  it('RV-7 a reveal inserts the entries the room encoded when the cards were written, not new ones', () => {
    const state = boardWith();
    const entries = new CardEntries();
    const ids = Array.from({ length: 20 }, (_, i) => addCard(state, i % 2 ? alice : bob, `written-${i}`));
    const written = new Map(ids.map((id) => [id, entries.of(publicCardOf(state.cards.get(id)!))]));
    must(state, alice, { type: 'card.edit', cardId: ids[3]!, text: 'written-3, again' });
    written.set(ids[3]!, entries.of(publicCardOf(state.cards.get(ids[3]!)!)));
    const server = new Y.Doc();
    projectBoardDoc(server, publicView(state), entries);
    moveTo(state, 'reveal');
    projectBoardDoc(server, publicView(state), entries);
    const inDoc = (server.getMap('board').get('cards') as Y.Array<unknown>).toArray();
    expect(inDoc).toHaveLength(20);
    for (const [k, card] of publicView(state).cards.entries()) expect(inDoc[k], card.text).toBe(written.get(card.id));
    // a card changed after its entry was kept gets a new entry, kept from then on
    must(state, alice, { type: 'card.group', cardId: ids[0]!, withCardId: ids[1]! });
    projectBoardDoc(server, publicView(state), entries);
    const regrouped = (server.getMap('board').get('cards') as Y.Array<unknown>).toArray();
    const at = publicView(state).cards.findIndex((c) => c.id === ids[0]);
    expect(regrouped[at]).not.toBe(written.get(ids[0]!));
    expect(entries.of(publicView(state).cards[at]!)).toBe(regrouped[at]);
  });

  it('RV-7 a client following the updates reads the public view through later reveals, edits, deletions and groups', () => {
    const state = boardWith();
    const server = new Y.Doc();
    const client = new Y.Doc();
    server.on('update', (update: Uint8Array) => Y.applyUpdate(client, update));
    const sync = (step: string) => {
      projectBoardDoc(server, publicView(state));
      expect(readBoardDoc(client), step).toEqual(publicView(state));
    };
    const first = Array.from({ length: 12 }, (_, i) => addCard(state, i % 2 ? alice : bob, `first-${i}`));
    moveTo(state, 'reveal');
    sync('revealed');
    must(state, alice, { type: 'card.group', cardId: first[0]!, withCardId: first[5]! });
    sync('grouped');
    const aliceCard = first.find((id) => state.cards.get(id)!.authorTag === alice.authorTag)!;
    must(state, alice, { type: 'card.edit', cardId: aliceCard, text: 'edited-text' });
    sync('edited');
    const bobCards = first.filter((id) => state.cards.get(id)!.authorTag === bob.authorTag);
    for (const id of bobCards.slice(0, 3)) must(state, bob, { type: 'card.delete', cardId: id });
    sync('three deleted');
    // RV-5: cards written after going back to Write join the others at their hashed place at the next Reveal
    moveTo(state, 'write');
    for (let i = 0; i < 8; i++) addCard(state, i % 2 ? alice : bob, `later-${i}`);
    sync('written again, not revealed');
    moveTo(state, 'reveal');
    sync('revealed again');
    // the later cards were inserted among the others (the walk's middle), not only after them
    const kinds = publicView(state).cards.map((c) => (c.text.startsWith('later-') ? 'L' : 'F')).join('');
    expect(kinds).not.toMatch(/^F+L+$/);
  });

  it('RV-10 a view made with the reveal-order keys the room kept is the view made without, through edits, signatures, groups and deletions', () => {
    const { state, ids } = revealedBoard();
    const keys = new RevealKeys(state.revealSeed!);
    for (const id of ids) keys.keep(id);
    const keptView = () => viewOf(state, { kind: 'public' }, undefined, keys).board;
    expect(keptView()).toEqual(publicView(state));
    must(state, alice, { type: 'card.sign', cardId: ids[1]!, signed: true });
    must(state, bob, { type: 'card.edit', cardId: ids[2]!, text: 'edited after the reveal' });
    must(state, alice, { type: 'card.group', cardId: ids[3]!, withCardId: ids[4]! });
    must(state, bob, { type: 'card.delete', cardId: ids[0]! });
    expect(keptView()).toEqual(publicView(state));
    keys.forget(ids[0]!);
    expect(keptView()).toEqual(publicView(state));
  });

  it('RV-7 an unchanged card is the same object from one read of the document to the next', () => {
    const { state, ids } = revealedBoard();
    const server = new Y.Doc();
    const client = new Y.Doc();
    server.on('update', (update: Uint8Array) => Y.applyUpdate(client, update));
    projectBoardDoc(server, publicView(state));
    const before = readBoardDoc(client)!.cards;
    const author = state.cards.get(ids[4])!.authorTag === alice.authorTag ? alice : bob;
    must(state, author, { type: 'card.edit', cardId: ids[4], text: 'card-text-five-edited' });
    projectBoardDoc(server, publicView(state));
    const after = readBoardDoc(client)!.cards;
    for (const card of after) {
      const old = before.find((c) => c.id === card.id)!;
      if (card.id === ids[4]) expect(card).not.toBe(old);
      else expect(card).toBe(old);
    }
  });

  it('AN-3 projecting what a change of presence alone changed writes the same bytes as projecting the whole view', () => {
    // a seeded walk: people come and go (the facilitator too: FA-3), a few at a time between projections, stored
    // cards go back to their writers (AR-2 recognition: AN-10's count of writers changes), someone is removed
    // (MO-2: no longer listed), and now and then something else changes
    let seed = 9;
    // mulberry32
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const state = boardWith();
    const people = [fran, alice, bob, ...Array.from({ length: 12 }, (_, i) => addPerson(state, `P${i % 5}`))];
    // the cards of a restarted board: each written under a placeholder tag of its own until its writer returns
    const placeholders = Array.from({ length: 9 }, (_, i) => actor(`stored-${i}`));
    for (const [i, p] of placeholders.entries()) addCard(state, p, `stored card ${i}`);
    const whole = new Y.Doc();
    const presenceOnly = new Y.Doc();
    whole.clientID = presenceOnly.clientID = 42;
    projectBoardDoc(whole, publicView(state));
    projectBoardDoc(presenceOnly, publicView(state));
    const sent = { whole: [] as string[], presenceOnly: [] as string[] };
    whole.on('update', (u: Uint8Array) => sent.whole.push(Buffer.from(u).toString('hex')));
    presenceOnly.on('update', (u: Uint8Array) => sent.presenceOnly.push(Buffer.from(u).toString('hex')));
    let presenceSteps = 0;
    const counts = new Set<number>();
    for (let step = 0; step < 300; step++) {
      const kind = random(10);
      if (kind < 8) {
        const changed = new Set<string>();
        for (let n = 1 + random(4); n > 0; n--) {
          if (random(4) === 0) {
            const stored = placeholders[random(placeholders.length)]!;
            moveCards(state, stored.authorTag, people[random(2)]!.authorTag);
            continue;
          }
          const who = people[random(people.length)]!;
          setOnline(state, who, state.participants.get(who.participantId)!.online ? NOW + step : null);
          changed.add(who.participantId);
        }
        presenceSteps++;
        counts.add(publicView(state).cardCount);
        projectBoardDoc(whole, publicView(state));
        projectPresence(presenceOnly, presenceChangeOf(state, changed));
        expect(sent.presenceOnly, `step ${step}`).toEqual(sent.whole);
        continue;
      }
      // something else changed (a done mark, the lock, someone removed): both documents get the whole view
      const who = people[1 + random(people.length - 1)]!;
      if (kind === 8) run(state, who, { type: 'done.mark', done: !state.done.write.has(who.participantId) });
      else if (state.access.removed.size < 2 && step % 3 === 0) state.access.removed.add(who.participantId);
      else must(state, fran, { type: 'board.lock', locked: !state.locked });
      projectBoardDoc(whole, publicView(state));
      projectBoardDoc(presenceOnly, publicView(state));
    }
    expect(presenceSteps).toBeGreaterThan(200);
    expect(counts, 'the count of cards moved with recognition (AN-10)').toEqual(new Set([5, 0]));
    expect(new Set(sent.whole).size).toBeGreaterThan(150);
    expect(state.access.removed.size).toBeGreaterThan(0);
    expect(readBoardDoc(presenceOnly)).toEqual(publicView(state));
  });
});
