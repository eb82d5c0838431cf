/**
 * GP-6: the actions one person promised to help with, as an iCalendar file (RFC 5545) that any calendar imports, so
 * the promise reminds them before it is due. Other retro tools email or chat a reminder from an account; Candor has
 * no accounts and keeps no address, so the reminder lives in the person's own calendar. Built in the browser from the
 * public view and the person's own `actionIds`; nothing is sent anywhere.
 */
export interface CalendarPromise {
  id: string;
  text: string;
  /** YYYY-MM-DD (IN-10), the day it is due */
  dueDate: string;
}

export interface PromisesCalendarInput {
  boardId: string;
  promises: CalendarPromise[];
  /** the event's title, from the action's words */
  title: (text: string) => string;
  /** the event's description: where it was promised, and the link */
  description: string;
  /** the retro's participant link (never the facilitator link) */
  link: string;
  now: Date;
}

/** One all-day event per promise, on its due day, with a reminder at 09:00 the day before (15 h before its start). */
export function promisesCalendar({ boardId, promises, title, description, link, now }: PromisesCalendarInput): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const sequence = Math.max(0, Math.floor((now.getTime() - Date.UTC(2026, 0, 1)) / 1000));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Candor//Promises//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const promise of promises) {
    const summary = escapeText(title(oneLine(promise.text)));
    lines.push(
      'BEGIN:VEVENT',
      // the same action gives the same UID, so importing the file again updates the event instead of adding a second
      `UID:${boardId}-${promise.id}@candor`,
      `DTSTAMP:${stamp}`,
      // a calendar that keeps an imported event applies a second import with its UID only when SEQUENCE went up
      // (RFC 5545 3.8.7.4): the seconds since 2026 grow with each download (and stay a 32-bit INTEGER until 2094)
      `SEQUENCE:${sequence}`,
      `DTSTART;VALUE=DATE:${day(promise.dueDate)}`,
      `DTEND;VALUE=DATE:${day(nextDay(promise.dueDate))}`,
      `SUMMARY:${summary}`,
      `DESCRIPTION:${escapeText(description)}`,
      `URL:${link}`,
      // an all-day reminder, not a busy day
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-PT15H',
      `DESCRIPTION:${summary}`,
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/**
 * RFC 5545 3.3.11: backslash, semicolon and comma escaped, a line break written as \n; any other control character
 * (but a tab) is no word and may not stand in a TEXT value: it is left out (a note's Yjs text takes whatever is typed
 * or pasted into it, an escape sequence or a NUL included, and a strict calendar refuses the file for one).
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** an action's words on one line: a title with line breaks reads badly in a calendar's day */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim() || '…';
}

function day(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

const encoder = new TextEncoder();

/** RFC 5545 3.1: lines longer than 75 octets are folded (CRLF and a space), never inside a character */
export function fold(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let part = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // the first line holds 75 octets, each continuation 74 after its leading space
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(part);
      part = '';
      octets = 0;
    }
    part += char;
    octets += size;
  }
  parts.push(part);
  return parts.join('\r\n ');
}
