/**
 * EX-12: this browser's IANA time zone, sent with the room's first step and with a new board, so the day the retro was
 * held is the facilitator's day (the server works it out from its own clock, and refuses a name it does not know).
 * Nothing when the browser cannot say ("Etc/Unknown"): the server's UTC day then.
 */
export function browserTimeZone(): string | undefined {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && zone !== 'Etc/Unknown' ? zone : undefined;
  } catch {
    return undefined;
  }
}
