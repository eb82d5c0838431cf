import { randomBytes } from 'node:crypto';
import { LIMITS, type DocName } from '@candor/shared';

interface Ticket {
  participantId: string;
  doc: DocName;
  expiresAt: number;
}

/**
 * DO-6: single-use, short-lived tickets that let a joined Socket.io session open a document connection, so
 * that no lasting secret (participant secret, facilitator key) ever travels in a WebSocket URL, where proxies
 * log it. A ticket names one person and one document, works once, and expires after a few seconds.
 */
export class DocTickets {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly now: () => number) {}

  issue(participantId: string, doc: DocName): string {
    this.prune(participantId);
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { participantId, doc, expiresAt: this.now() + LIMITS.docTicketTtlMs });
    return ticket;
  }

  /** The participant the ticket was issued to, once; null if it is unknown, used, expired or for another document. */
  redeem(ticket: string, doc: DocName): string | null {
    const found = this.tickets.get(ticket);
    if (!found) return null;
    this.tickets.delete(ticket);
    return found.doc === doc && found.expiresAt > this.now() ? found.participantId : null;
  }

  /** Drops expired tickets, and this person's oldest while they hold too many (Map keeps insertion order). */
  private prune(participantId: string): void {
    const now = this.now();
    const mine: string[] = [];
    for (const [key, ticket] of this.tickets) {
      if (ticket.expiresAt <= now) this.tickets.delete(key);
      else if (ticket.participantId === participantId) mine.push(key);
    }
    while (mine.length >= LIMITS.docTicketsPerPerson) this.tickets.delete(mine.shift()!);
  }
}
