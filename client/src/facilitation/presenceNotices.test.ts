import { describe, expect, it } from 'vitest';
import type { PublicParticipant } from '@candor/shared';
import { namesOf, peopleToShow, presenceNotices } from './presenceNotices.js';

const person = (name: string, online = true, facilitator = false): PublicParticipant => ({ handle: `h-${name}`, name, online, facilitator, done: false });

describe('presence notices', () => {
  it('PR-1 one arrival is one line; a batch of thirty is still one line', () => {
    expect(presenceNotices([], [person('Ada')])).toEqual(['Ada joined']);
    const thirty = Array.from({ length: 30 }, (_, i) => person(`P${i}`));
    expect(presenceNotices([person('Ada')], [person('Ada'), ...thirty])).toEqual(['P0, P1 and 28 others joined']);
  });

  it('PR-1 coming back online is a join, going away a leave; an unchanged room says nothing', () => {
    expect(presenceNotices([person('Ada', false)], [person('Ada', true)])).toEqual(['Ada joined']);
    expect(presenceNotices([person('Ada'), person('Bo')], [person('Ada', false), person('Bo', false)])).toEqual(['Ada and Bo left']);
    expect(presenceNotices([person('Ada')], [person('Ada')])).toEqual([]);
    expect(presenceNotices([person('Ada')], [person('Bo'), person('Ada', false)])).toEqual(['Bo joined', 'Ada left']);
  });

  it('PR-1 names at most two people and counts the rest', () => {
    expect(namesOf(['A', 'B', 'C'])).toBe('A, B and C');
    expect(namesOf(['A', 'B', 'C', 'D'])).toBe('A, B and 2 others');
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
