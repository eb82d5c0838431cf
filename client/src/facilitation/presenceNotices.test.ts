import { describe, expect, it } from 'vitest';
import type { PublicParticipant } from '@candor/shared';
import { nameList, peopleToShow, presenceChanges } from './presenceNotices.js';

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
});
