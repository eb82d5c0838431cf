import { describe, expect, it } from 'vitest';
import type { PublicParticipant } from '@candor/shared';
import { HeldDepartures, LEAVE_SETTLE_MS, nameList, peopleToShow, presenceCounts, presenceMoves } from './presenceNotices.js';

const person = (name: string, online = true, facilitator = false): PublicParticipant => ({ handle: `h-${name}`, name, online, facilitator, done: false });
/** the names each way, as a line of news says them */
const presenceChanges = (before: PublicParticipant[], after: PublicParticipant[]) => {
  const { joined, left } = presenceMoves(before, after);
  return [
    ...(joined.length ? [{ kind: 'joined', names: joined.map((p) => p.name) }] : []),
    ...(left.length ? [{ kind: 'left', names: left.map((p) => p.name) }] : []),
  ];
};

describe('presence notices', () => {
  it('PR-1 one arrival is one change; a batch of thirty is still one change', () => {
    expect(presenceChanges([], [person('Ada')])).toEqual([{ kind: 'joined', names: ['Ada'] }]);
    const thirty = Array.from({ length: 30 }, (_, i) => person(`P${i}`));
    const changes = presenceChanges([person('Ada')], [person('Ada'), ...thirty]);
    expect(changes).toHaveLength(1);
    expect(nameList(changes[0]!.names)).toEqual({ form: 'Many', a: 'P0', b: 'P1', c: 'P2', count: 28 });
  });

  it('PR-1 coming back online is a join, going away a leave; an unchanged room says nothing', () => {
    expect(presenceChanges([person('Ada', false)], [person('Ada', true)])).toEqual([{ kind: 'joined', names: ['Ada'] }]);
    expect(presenceChanges([person('Ada'), person('Bo')], [person('Ada', false), person('Bo', false)])).toEqual([{ kind: 'left', names: ['Ada', 'Bo'] }]);
    expect(presenceChanges([person('Ada')], [person('Ada')])).toEqual([]);
    expect(presenceChanges([person('Ada')], [person('Bo'), person('Ada', false)])).toEqual([
      { kind: 'joined', names: ['Bo'] },
      { kind: 'left', names: ['Ada'] },
    ]);
    // someone removed from the list is told separately (MO-2), not as "left"
    expect(presenceChanges([person('Ada'), person('Bo')], [person('Ada')])).toEqual([]);
  });

  it('PR-1 names at most three people, then two and a count', () => {
    expect(nameList(['A'])).toMatchObject({ form: '1', a: 'A' });
    expect(nameList(['A', 'B', 'C'])).toMatchObject({ form: '3', c: 'C' });
    expect(nameList(['A', 'B', 'C', 'D'])).toMatchObject({ form: 'Many', count: 2 });
  });

  it('PR-2 shows the facilitator and online people first, then "+N more"', () => {
    const people = [person('Ada', false), person('Bo'), person('Cy', true, true), ...Array.from({ length: 12 }, (_, i) => person(`Q${i}`))];
    const { shown, more } = peopleToShow(people, 12);
    expect(shown[0]!.name).toBe('Cy');
    expect(shown.map((p) => p.name)).not.toContain('Ada');
    expect(more).toBe(3);
    expect(peopleToShow(people.slice(0, 2), 12).more).toBe(0);
  });

  it('PQ-1 PR-2 the heading counts everyone in the retro beside who is online, and "+N more" says how many of them are online', () => {
    // 42 online and 50 who left: 12 shown (all online), 80 behind "+N more", 30 of them online
    const room = [...Array.from({ length: 42 }, (_, i) => person(`On${i}`)), ...Array.from({ length: 50 }, (_, i) => person(`Off${i}`, false))];
    const counts = presenceCounts(room, 12);
    expect(counts).toMatchObject({ online: 42, total: 92, heading: 'onlineOf', more: 80, moreOnline: 30, button: 'moreOnline' });
    expect(counts.shown).toEqual(peopleToShow(room, 12).shown);
    // all online: the plain words, as before
    const full = Array.from({ length: 16 }, (_, i) => person(`P${i}`));
    expect(presenceCounts(full, 12)).toMatchObject({ online: 16, total: 16, heading: 'online', more: 4, moreOnline: 4, button: 'more' });
    // everyone behind the button left: it says they are away
    const gone = [person('Cy', true, true), ...Array.from({ length: 11 }, (_, i) => person(`On${i}`)), ...Array.from({ length: 5 }, (_, i) => person(`Off${i}`, false))];
    expect(presenceCounts(gone, 12)).toMatchObject({ online: 12, total: 17, heading: 'onlineOf', more: 5, moreOnline: 0, button: 'moreAway' });
    // a facilitator away while everyone else is online: the heading says so, the button counts the online ones behind it
    const awayLead = [person('Cy', false, true), ...Array.from({ length: 14 }, (_, i) => person(`On${i}`))];
    expect(presenceCounts(awayLead, 12)).toMatchObject({ online: 14, total: 15, heading: 'onlineOf', more: 3, moreOnline: 3, button: 'moreOnline' });
    // nobody behind a button
    expect(presenceCounts([person('Ada'), person('Bo', false)], 12)).toMatchObject({ online: 1, total: 2, heading: 'onlineOf', more: 0, button: null });
  });

  it('PR-4 a departure is news once its person has been away LEAVE_SETTLE_MS; back sooner, neither the leaving nor the return is', () => {
    const held = new HeldDepartures();
    const room = [person('Ada'), person('Bo'), person('Cy')];
    const bo = (online: boolean) => [person('Ada'), person('Bo', online), person('Cy')];
    const stillAway = (people: PublicParticipant[]) => (handle: string) => people.some((p) => p.handle === handle && !p.online);
    // Bo drops at 0 and is back at 5 s: nothing to tell, then or later
    expect(held.arrivals(presenceMoves(room, bo(false)), 0)).toEqual([]);
    expect(held.due(LEAVE_SETTLE_MS - 1, stillAway(bo(false)))).toEqual({ names: [], next: LEAVE_SETTLE_MS });
    expect(held.arrivals(presenceMoves(bo(false), room), 5_000)).toEqual([]);
    expect(held.due(60_000, stillAway(room))).toEqual({ names: [], next: null });
    // Bo drops at 20 s and stays away: his leaving is news at 30 s, once; his return after that is news too
    held.arrivals(presenceMoves(room, bo(false)), 20_000);
    expect(held.due(29_999, stillAway(bo(false))).names).toEqual([]);
    expect(held.due(30_000, stillAway(bo(false)))).toEqual({ names: ['Bo'], next: null });
    expect(held.due(40_000, stillAway(bo(false))).names).toEqual([]);
    expect(held.arrivals(presenceMoves(bo(false), room), 45_000)).toEqual(['Bo']);
    // someone new is news at once; two who leave a second apart are told as each is due
    expect(held.arrivals(presenceMoves(room, [...room, person('Di')]), 50_000)).toEqual(['Di']);
    held.arrivals(presenceMoves(room, [person('Ada', false), person('Bo'), person('Cy')]), 60_000);
    held.arrivals(presenceMoves([person('Ada', false), person('Bo'), person('Cy')], [person('Ada', false), person('Bo'), person('Cy', false)]), 61_000);
    const bothAway = stillAway([person('Ada', false), person('Bo'), person('Cy', false)]);
    expect(held.due(69_000, bothAway)).toEqual({ names: [], next: 70_000 });
    expect(held.due(70_000, bothAway)).toEqual({ names: ['Ada'], next: 71_000 });
    expect(held.due(71_000, bothAway)).toEqual({ names: ['Cy'], next: null });
    // one removed from the list while held (MO-2 tells that) is not also told as having left
    held.arrivals(presenceMoves(room, bo(false)), 80_000);
    expect(held.due(90_000, stillAway([person('Ada'), person('Cy')]))).toEqual({ names: [], next: null });
  });
});
