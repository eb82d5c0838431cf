import { describe, expect, it } from 'vitest';
import { escapeText, fold, promisesCalendar } from './promisesCalendar.js';

const input = {
  boardId: 'b1',
  title: (text: string) => `Promise due: ${text}`,
  description: 'You offered to help with this in the retro “Sprint 1”.',
  link: 'https://candor.example/b/b1',
  now: new Date('2026-12-06T16:30:05.123Z'),
};

/** the file's lines with folded ones joined again, as a calendar reads them */
function unfolded(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

describe('GP-6 the promises calendar', () => {
  it('GP-6 holds one all-day event per promise on its due day, with a reminder the day before', () => {
    const ics = promisesCalendar({
      ...input,
      promises: [
        { id: 'a1', text: 'I can pair on the deploy script', dueDate: '2026-12-20' },
        { id: 'a2', text: 'Write the runbook', dueDate: '2026-12-31' },
      ],
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    const lines = unfolded(ics);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('UID:b1-a1@candor');
    expect(lines).toContain('DTSTAMP:20261206T163005Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261220');
    expect(lines).toContain('DTEND;VALUE=DATE:20261221');
    // the last day of a year ends on the first of the next
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('SUMMARY:Promise due: I can pair on the deploy script');
    expect(lines).toContain('DESCRIPTION:You offered to help with this in the retro “Sprint 1”.');
    expect(lines).toContain('URL:https://candor.example/b/b1');
    expect(lines.filter((l) => l === 'TRIGGER:-PT15H')).toHaveLength(2);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('GP-6 escapes what a calendar would read as structure, and keeps an action on one line', () => {
    expect(escapeText('a, b; c\\d\ne')).toBe('a\\, b\\; c\\\\d\\ne');
    const ics = promisesCalendar({ ...input, promises: [{ id: 'a1', text: 'Fix it;\nEND:VEVENT, then', dueDate: '2026-12-20' }] });
    const lines = unfolded(ics);
    expect(lines).toContain('SUMMARY:Promise due: Fix it\\; END:VEVENT\\, then');
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(1);
  });

  it('GP-6 folds long lines at 75 octets without splitting a character', () => {
    const long = `SUMMARY:${'Versprechen fällig: '.repeat(10)}`;
    const folded = fold(long);
    const encoder = new TextEncoder();
    for (const line of folded.split('\r\n')) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    expect(fold('SHORT:line')).toBe('SHORT:line');
  });
});
