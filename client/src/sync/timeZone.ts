/** EX-12: this server refused the browser's time zone (BAD_TIME_ZONE): nothing is sent from then on, so nothing is stuck */
let refused = false;

/**
 * EX-12: this browser's IANA time zone, sent with the room's first step and with a new board, so the day the retro was
 * held is the facilitator's day (the server works it out from its own clock, and refuses a name it does not know).
 * Nothing when the browser cannot say ("Etc/Unknown"), or once this server refused it: the server's UTC day then.
 */
export function browserTimeZone(): string | undefined {
  if (refused) return undefined;
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && zone !== 'Etc/Unknown' ? zone : undefined;
  } catch {
    return undefined;
  }
}

/**
 * EX-12: the server does not know this browser's zone (its time zone data older than the browser's): the step or the
 * board is asked for again without it, and goes by the server's UTC day, rather than never being taken.
 */
export function timeZoneRefused(): void {
  refused = true;
}
