import { describe, expect, it } from 'vitest';
import type { PublicParticipant } from '@candor/shared';
import { nameList, peopleToShow, presenceChanges, presenceCounts } from './presenceNotices.js';

const person = (name: string, online = true, facilitator = false): PublicParticipant => ({ handle: `h-${name}`, name, online, facilitator, done: false });

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
    expect(presenceCounts(room, 12)).toEqual({ online: 42, total: 92, heading: 'onlineOf', more: 80, moreOnline: 30, button: 'moreOnline' });
    // all online: the plain words, as before
    const full = Array.from({ length: 16 }, (_, i) => person(`P${i}`));
    expect(presenceCounts(full, 12)).toEqual({ online: 16, total: 16, heading: 'online', more: 4, moreOnline: 4, button: 'more' });
    // everyone behind the button left: it says they are away
    const gone = [person('Cy', true, true), ...Array.from({ length: 11 }, (_, i) => person(`On${i}`)), ...Array.from({ length: 5 }, (_, i) => person(`Off${i}`, false))];
    expect(presenceCounts(gone, 12)).toMatchObject({ online: 12, total: 17, heading: 'onlineOf', more: 5, moreOnline: 0, button: 'moreAway' });
    // a facilitator away while everyone else is online: the heading says so, the button counts the online ones behind it
    const awayLead = [person('Cy', false, true), ...Array.from({ length: 14 }, (_, i) => person(`On${i}`))];
    expect(presenceCounts(awayLead, 12)).toMatchObject({ online: 14, total: 15, heading: 'onlineOf', more: 3, moreOnline: 3, button: 'moreOnline' });
    // nobody behind a button
    expect(presenceCounts([person('Ada'), person('Bo', false)], 12)).toMatchObject({ online: 1, total: 2, heading: 'onlineOf', more: 0, button: null });
  });
});
