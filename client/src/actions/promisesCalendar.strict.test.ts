import { describe, expect, it } from 'vitest';
import { promisesCalendar, type CalendarPromise } from './promisesCalendar.js';

/**
 * GP-6, read back as a strict calendar would: no iCalendar library is in the workspace, so this reader checks what
 * RFC 5545 asks of a file (3.1 lines and folding, 3.3.11 TEXT, 3.6 components, 3.8 the properties an event must hold)
 * and gives back each event's values unescaped. Google, Apple and Outlook refuse or mangle files that break these.
 */
type Event = Record<string, { params: string; value: string }>;

const encoder = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// RFC 5545 3.3.11: a TEXT value holds no control character but HTAB (line breaks are written \n)
const CONTROL = /[\x00-\x08\x0A-\x1F\x7F]/;
const TEXT_PROPERTIES = new Set(['SUMMARY', 'DESCRIPTION', 'PRODID']);

function strictlyRead(ics: string): { calendar: Event; events: Event[] } {
  expect(ics.endsWith('\r\n'), 'the file ends with CRLF').toBe(true);
  const physical = ics.slice(0, -2).split('\r\n');
  const logical: string[] = [];
  for (const line of physical) {
    expect(line, 'no bare CR or LF').not.toMatch(/[\r\n]/);
    expect(encoder.encode(line).length, `at most 75 octets: ${line}`).toBeLessThanOrEqual(75);
    expect(line, 'no character split across a fold').not.toMatch(LONE_SURROGATE);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      expect(logical.length, 'a continuation follows a line').toBeGreaterThan(0);
      logical[logical.length - 1] += line.slice(1);
    } else logical.push(line);
  }
  const stack: string[] = [];
  let calendar: Event = {};
  const events: Event[] = [];
  let current: Event | null = null;
  for (const line of logical) {
    const match = /^([A-Z][A-Z0-9-]*)((?:;[A-Z0-9-]+=[^:;]*)*):(.*)$/.exec(line);
    expect(match, `a content line: ${line}`).not.toBeNull();
    const [, name, params, raw] = match!;
    if (name === 'BEGIN') {
      stack.push(raw!);
      if (raw === 'VCALENDAR') calendar = {};
      if (raw === 'VEVENT') current = {};
      continue;
    }
    if (name === 'END') {
      expect(stack.pop(), `END:${raw} closes what was begun`).toBe(raw);
      if (raw === 'VEVENT') events.push(current!), (current = null);
      continue;
    }
    let value = raw!;
    if (TEXT_PROPERTIES.has(name!)) {
      expect(value, `no control character in ${name}`).not.toMatch(CONTROL);
      // a backslash only escapes \ ; , n N, and a bare ; or , would split the value into a list
      expect(value.replace(/\\[\\;,nN]/g, ''), `${name} escaped: ${value}`).not.toMatch(/[\\;,]/);
      value = value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
    }
    if (name === 'URL') expect(value, 'a URI has no spaces').not.toMatch(/\s/);
    // the alarm's DESCRIPTION is inside the event: keep the event's own
    const target = stack.at(-1) === 'VEVENT' ? current! : stack.at(-1) === 'VCALENDAR' ? calendar : null;
    if (target && !(name! in target)) target[name!] = { params: params!, value };
  }
  expect(stack, 'every BEGIN ends').toEqual([]);
  expect(calendar.VERSION?.value).toBe('2.0');
  expect(calendar.PRODID).toBeDefined();
  for (const event of events) {
    for (const required of ['UID', 'DTSTAMP', 'DTSTART', 'SUMMARY']) expect(event[required], required).toBeDefined();
    expect(event.DTSTAMP!.value).toMatch(/^\d{8}T\d{6}Z$/);
    expect(event.DTSTART!.params).toBe(';VALUE=DATE');
    expect(event.DTSTART!.value).toMatch(/^\d{8}$/);
  }
  expect(new Set(events.map((e) => e.UID!.value)).size, 'UIDs unique in the file').toBe(events.length);
  return { calendar, events };
}

const input = {
  boardId: 'b1',
  title: (text: string) => `Promise due: ${text}`,
  link: 'https://candor.example/b/b1',
  now: new Date('2026-12-06T23:59:59.999Z'),
};

describe('GP-6 the promises calendar, read back strictly', () => {
  const hostile: CalendarPromise[] = [
    { id: 'a1', text: 'Line one\r\nline two\rthree\nfour, five; six \\ seven \\n not a break', dueDate: '2026-12-07' },
    { id: 'a2', text: `${'👩‍👩‍👧‍👦🇩🇪 emoji '.repeat(40)}end`, dueDate: '2026-02-28' },
    { id: 'a3', text: 'שלום \u202Eעולם مرحبا بالعالم, RTL; mixed', dueDate: '2028-02-29' },
    { id: 'a4', text: 'Bell\x07 escape\x1b[31m red\x00 nul\x7f del\x0b vt', dueDate: '2026-12-31' },
    { id: 'a5', text: 'ä'.repeat(300), dueDate: '2027-01-01' },
  ];

  it('GP-6 a hostile action text and retro name give a file a strict reader takes, with the words as written', () => {
    const ics = promisesCalendar({
      ...input,
      promises: hostile,
      description: 'You promised to help with this in the retro “Q4, part 2; \\final\\ 🎉”: https://candor.example/b/b1',
    });
    const { events } = strictlyRead(ics);
    expect(events).toHaveLength(hostile.length);
    expect(events[0]!.SUMMARY!.value).toBe('Promise due: Line one line two three four, five; six \\ seven \\n not a break');
    expect(events[0]!.DESCRIPTION!.value).toBe('You promised to help with this in the retro “Q4, part 2; \\final\\ 🎉”: https://candor.example/b/b1');
    expect(events[1]!.SUMMARY!.value).toBe(`Promise due: ${hostile[1]!.text}`);
    expect(events[2]!.SUMMARY!.value).toBe(`Promise due: ${hostile[2]!.text}`);
    // control characters are no words: gone, the words around them kept
    expect(events[3]!.SUMMARY!.value).toBe('Promise due: Bell escape[31m red nul del vt');
    expect(events[4]!.SUMMARY!.value).toBe(`Promise due: ${'ä'.repeat(300)}`);
  });

  it('GP-6 a due date is that day in any time zone (this file runs under TZ=Pacific/Kiritimati and America/Adak too)', () => {
    const { events } = strictlyRead(promisesCalendar({ ...input, promises: hostile, description: 'd' }));
    expect(events.map((e) => [e.DTSTART!.value, e.DTEND!.value])).toEqual([
      ['20261207', '20261208'],
      ['20260228', '20260301'],
      ['20280229', '20280301'],
      ['20261231', '20270101'],
      ['20270101', '20270102'],
    ]);
    expect(events.every((e) => e.DTSTAMP!.value === '20261206T235959Z')).toBe(true);
  });

  it('GP-6 a UID is the same for the same action on each download and differs between boards and actions', () => {
    const once = strictlyRead(promisesCalendar({ ...input, promises: hostile, description: 'd' })).events.map((e) => e.UID!.value);
    const again = strictlyRead(promisesCalendar({ ...input, now: new Date('2027-01-05T08:00:00Z'), promises: hostile, description: 'd' })).events.map(
      (e) => e.UID!.value,
    );
    const elsewhere = strictlyRead(promisesCalendar({ ...input, boardId: 'b2', promises: hostile, description: 'd' })).events.map((e) => e.UID!.value);
    expect(again).toEqual(once);
    expect(new Set([...once, ...elsewhere]).size).toBe(once.length * 2);
  });

  it('GP-6 a later download supersedes an earlier one: the same UID with a higher SEQUENCE, as calendars that keep an imported event ask before they update it', () => {
    const sequence = (now: string) =>
      strictlyRead(promisesCalendar({ ...input, now: new Date(now), promises: hostile.slice(0, 1), description: 'd' })).events[0]!.SEQUENCE?.value;
    const first = sequence('2026-12-06T16:30:00Z');
    const later = sequence('2026-12-06T16:30:01Z');
    const years = sequence('2090-12-31T23:59:59Z');
    for (const value of [first, later, years]) expect(value).toMatch(/^\d+$/);
    expect(Number(later)).toBeGreaterThan(Number(first));
    // an INTEGER (RFC 5545 3.3.8) is a signed 32-bit number
    expect(Number(years)).toBeLessThan(2 ** 31);
  });
});
