import { describe, expect, it } from 'vitest';
import { Command } from '../protocol/messages.js';
import { evolve, type BoardState } from './board.js';
import { LIMITS } from './limits.js';
import { addCard, addPerson, alice, boardWith, fran, moveTo, must, run, teamBoardWith } from './testBoard.js';
import { viewOf } from './visibility.js';
import { TRUST_PARTS, type TrustPart, publicLens } from './trustLens.js';

/**
 * AN-9: aggregates survive subtraction. Every small room is tried: n people, each of whom answered any value or
 * not at all. For every viewer we collect the worlds they cannot tell apart (the same public view and their
 * own answer) and ask whether, in all of them, another person's answer — if that person answered — is the
 * same value. That is learning someone's answer. It may only happen when at least `minOthers` others
 * answered and all gave the same value (the UI says so before anyone answers).
 */
const NONE = null;
type World = (number | null)[];

function* worlds(n: number, values: number[]): Generator<World> {
  if (n === 0) return yield [];
  for (const rest of worlds(n - 1, values)) for (const v of [NONE, ...values]) yield [...rest, v];
}

/** The public view people see of a room where person i answered world[i] (or not). */
type Shown = (world: World, minOthers: number) => string;

/** A closed pulse (PU-3): the team retro moved on to Reveal after everyone answered. */
const pulseShown: Shown = (world, minOthers) => {
  const state = pulseBoard;
  state.minOthersToShow = minOthers;
  state.pulse.clear();
  world.forEach((v, i) => v !== NONE && state.pulse.set(`pulse-${i}`, v));
  return JSON.stringify(viewOf(state, { kind: 'public' }).board.pulse);
};
/** one board for every world of the pulse (46,656 in a room of six), its answers replaced each time */
const pulseBoard: BoardState = (() => {
  const state = teamBoardWith();
  state.revealSeed = 'seed';
  state.phase = 'reveal';
  return state;
})();

/** A revealed fist of five (CO-3/CO-4), with how many answered (public even while it is open). */
const consensusShown: Shown = (world, minOthers) => {
  const state = consensusBoard;
  state.minOthersToShow = minOthers;
  const consensus = state.actions.values().next().value!.consensus!;
  consensus.answers = new Map(world.flatMap((v, i) => (v === NONE ? [] : [[`consensus-${i}`, v] as [string, number]])));
  return JSON.stringify(viewOf(state, { kind: 'public' }).board.actions[0]!.consensus);
};
/**
 * AN-12: the tallies, ranking and order of discussion once Vote closed, where person i cast their one vote on
 * item world[i] (or did not vote); people who did not vote see it too.
 */
const talliesShown: Shown = (world, minOthers) => {
  const state = boardWith();
  state.minOthersToShow = minOthers;
  const items = ['first', 'second'].map((t) => addCard(state, alice, t));
  moveTo(state, 'vote');
  world.forEach((v, i) => v !== NONE && evolve(state, { type: 'vote.cast', targetId: items[v]!, voterTag: `voter-${i}` }));
  moveTo(state, 'discuss');
  const { tallies, ranking, discussOrder } = viewOf(state, { kind: 'public' }).board;
  // (item ids differ from board to board: the view names them by their place in the reveal order)
  const order = viewOf(state, { kind: 'public' }).board.cards.map((c) => c.id);
  const named = (ids: string[] | null) => ids?.map((id) => order.indexOf(id)) ?? null;
  return JSON.stringify({ counts: tallies ? order.map((id) => tallies[id] ?? 0) : null, ranking: named(ranking), discussOrder: named(discussOrder) });
};
const consensusBoard: BoardState = (() => {
  const state = boardWith();
  const item = addCard(state, alice, 'x');
  moveTo(state, 'discuss');
  const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: item, text: 'y' });
  must(state, fran, { type: 'consensus.start', actionId });
  must(state, fran, { type: 'consensus.reveal', actionId });
  return state;
})();

interface Leak {
  world: World;
  viewer: number;
  learned: number;
  value: number;
}

/** Every case where a viewer can pin down another person's answer from what they see plus their own answer. */
function leaks(all: { world: World; view: string }[], n: number): Leak[] {
  // For each (view, viewer, own answer): per other person, the values they may have given (if they answered).
  const possible = new Map<string, Set<number>[]>();
  for (const { world, view } of all) {
    for (let viewer = 0; viewer < n; viewer++) {
      const key = `${view}|${viewer}|${world[viewer]}`;
      const sets = possible.get(key) ?? Array.from({ length: n }, () => new Set<number>());
      world.forEach((v, j) => v !== NONE && sets[j]!.add(v));
      possible.set(key, sets);
    }
  }
  const found: Leak[] = [];
  for (const { world, view } of all) {
    for (let viewer = 0; viewer < n; viewer++) {
      const sets = possible.get(`${view}|${viewer}|${world[viewer]}`)!;
      world.forEach((value, learned) => {
        if (learned !== viewer && value !== NONE && sets[learned]!.size === 1) found.push({ world, viewer, learned, value });
      });
    }
  }
  return found;
}

/** The one thing that may be learned: everyone else who answered gave the same answer, and there were enough of them. */
function allowed({ world, viewer }: Leak, minOthers: number): boolean {
  const others = world.filter((v, i) => i !== viewer && v !== NONE);
  return others.length >= minOthers && others.every((v) => v === others[0]);
}

describe('aggregates survive subtraction', () => {
  for (const [name, shown, values, maxPeople] of [
    ['pulse', pulseShown, [1, 2, 3, 4, 5], 6],
    ['fist of five', consensusShown, [0, 1, 2, 3, 4, 5], 5],
    ['vote tallies (AN-12, one vote each on one of two items)', talliesShown, [0, 1], 6],
  ] as const) {
    for (const minOthers of [LIMITS.minOthersToShow, LIMITS.minOthersToShow + 1]) {
      it(`AN-9 ${name}, threshold ${minOthers}: in rooms of 1 to ${maxPeople}, nobody learns another's answer unless ${minOthers}+ others all answered the same`, () => {
        let shownDistributions = 0;
        for (let n = 1; n <= maxPeople; n++) {
          const all = [...worlds(n, [...values])].map((world) => ({ world, view: shown(world, minOthers) }));
          const bad = leaks(all, n).filter((leak) => !allowed(leak, minOthers));
          expect(bad.slice(0, 3), `room of ${n}`).toEqual([]);
          shownDistributions += all.filter(({ view }) => view.includes('"counts"')).length;
        }
        expect(shownDistributions).toBeGreaterThan(0); // the rule hides too little answers, not everything
      });
    }
  }

  it('AN-9 a distribution appears only when every viewer sees at least 3 answers besides their own', () => {
    for (let answered = 0; answered <= 6; answered++) {
      const world = Array.from({ length: 6 }, (_, i) => (i < answered ? 1 + (i % 5) : NONE));
      const shows = pulseShown(world, LIMITS.minOthersToShow).includes('"counts"');
      expect(shows, `${answered} answers`).toBe(answered - 1 >= LIMITS.minOthersToShow);
    }
  });

  it('AN-9 the facilitator may raise the threshold, never lower it; raising hides what now falls short', () => {
    const state = teamBoardWith();
    const dana = addPerson(state, 'Dana');
    expect(run(state, alice, { type: 'anonymity.raise', minOthers: 5 })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    must(state, fran, { type: 'anonymity.raise', minOthers: 4 });
    expect(viewOf(state, { kind: 'public' }).board.minOthersToShow).toBe(4);
    expect(run(state, fran, { type: 'anonymity.raise', minOthers: 3 })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(state, fran, { type: 'anonymity.raise', minOthers: 4 })).toEqual({ ok: true, events: [], data: {} });
    for (const [who, value] of [[fran, 1], [alice, 2], [dana, 3], [addPerson(state, 'Eve'), 4]] as const) must(state, who, { type: 'pulse.answer', value });
    moveTo(state, 'write');
    addCard(state, alice, 'x');
    moveTo(state, 'reveal');
    expect(viewOf(state, { kind: 'public' }).board.pulse).toEqual({ open: false, distribution: null, notEnough: true });
    moveTo(state, 'closed');
    expect(run(state, fran, { type: 'anonymity.raise', minOthers: 5 })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it(`AN-9 the threshold is a whole number from ${LIMITS.minOthersToShow} to ${LIMITS.minOthersToShowMax}: lower is INVALID_INPUT at the edge`, () => {
    const parse = (minOthers: unknown) => Command.safeParse({ id: 'cmd-00000001', type: 'anonymity.raise', minOthers }).success;
    for (const bad of [0, 1, 2, 3.5, LIMITS.minOthersToShowMax + 1, '4', null]) expect(parse(bad), String(bad)).toBe(false);
    for (const good of [LIMITS.minOthersToShow, LIMITS.minOthersToShowMax]) expect(parse(good)).toBe(true);
  });
});

/**
 * TL-4 with AN-9: the trust lens is several yes/no answers per person (one per part), shown as counts per part and
 * how many tapped. Every small room is tried, each person tapping any set of parts or nothing: a viewer
 * who knows their own taps may learn whether another person tapped a part only when at least `minOthers` others
 * tapped and they all agree on that part (all tapped it, or none did).
 */
describe('the trust lens survives subtraction', () => {
  const lensBoard: { state: BoardState; item: string } = (() => {
    const state = boardWith();
    const item = addCard(state, alice, 'x');
    const next = addCard(state, alice, 'y');
    moveTo(state, 'discuss');
    must(state, fran, { type: 'lens.set', on: true });
    must(state, fran, { type: 'discuss.select', itemId: next }); // the room moved on from `item`
    return { state, item };
  })();
  /** world[i]: the parts person i tapped, as a bit mask over TRUST_PARTS; 0 or null: nothing */
  const lensShown = (world: World, minOthers: number): string => {
    const { state, item } = lensBoard;
    state.minOthersToShow = minOthers;
    const byTag = new Map<string, Set<TrustPart>>();
    world.forEach((mask, i) => {
      if (mask) byTag.set(`trust-${i}`, new Set(TRUST_PARTS.filter((_, bit) => mask & (1 << bit))));
    });
    state.lensTaps = byTag.size ? new Map([[item, byTag]]) : new Map();
    return JSON.stringify(publicLens(state));
  };

  // every set of the four parts in rooms of up to 4; with a raised threshold rooms must be larger (5), so there
  // every set of two parts (16^5 worlds would take minutes; the parts are symmetric in the rule)
  for (const [minOthers, maxPeople, parts] of [
    [LIMITS.minOthersToShow, 4, 4],
    [LIMITS.minOthersToShow + 1, 5, 2],
  ] as const) {
    it(`TL-4 AN-9 threshold ${minOthers}: in rooms of 1 to ${maxPeople} tapping any of ${parts} parts, nobody learns whether another tapped a part unless ${minOthers}+ others tapped and agree on it`, () => {
      const masks = Array.from({ length: 2 ** parts - 1 }, (_, i) => i + 1);
      let shownBreakdowns = 0;
      for (let n = 1; n <= maxPeople; n++) {
        const all = [...worlds(n, masks)].map((world) => ({ world, view: lensShown(world, minOthers) }));
        // per (view, viewer, own taps): per other person and part, the answers they may have given
        const possible = new Map<string, Set<boolean>[][]>();
        for (const { world, view } of all) {
          for (let viewer = 0; viewer < n; viewer++) {
            const key = `${view}|${viewer}|${world[viewer]}`;
            const sets = possible.get(key) ?? Array.from({ length: n }, () => TRUST_PARTS.map(() => new Set<boolean>()));
            world.forEach((mask, j) => mask && TRUST_PARTS.forEach((_, bit) => sets[j]![bit]!.add(Boolean(mask & (1 << bit)))));
            possible.set(key, sets);
          }
        }
        const bad: string[] = [];
        for (const { world, view } of all) {
          if (view.includes('"counts":{')) shownBreakdowns++;
          for (let viewer = 0; viewer < n; viewer++) {
            const sets = possible.get(`${view}|${viewer}|${world[viewer]}`)!;
            const others = world.filter((mask, j) => j !== viewer && mask);
            world.forEach((mask, learned) => {
              if (learned === viewer || !mask) return;
              TRUST_PARTS.slice(0, parts).forEach((part, bit) => {
                if (sets[learned]![bit]!.size !== 1) return;
                const agree = others.every((m) => Boolean(m! & (1 << bit)) === Boolean(mask & (1 << bit)));
                if (!(others.length >= minOthers && agree)) bad.push(`room ${JSON.stringify(world)}: ${viewer} learns ${learned}'s ${part}`);
              });
            });
          }
        }
        expect(bad.slice(0, 3), `room of ${n}`).toEqual([]);
      }
      expect(shownBreakdowns).toBeGreaterThan(0);
    });
  }
});
