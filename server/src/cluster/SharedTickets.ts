import { createHash } from 'node:crypto';
import { type DocName, LIMITS } from '@candor/shared';
import { open, seal } from '../aesGcm.js';

interface TicketBody {
  b: string;
  p: string;
  d: DocName;
  /** expiry, ms since the epoch */
  e: number;
}

/**
 * CL-12: document tickets (DO-6) that any process can redeem, since a round-robin balancer sends a person's
 * document connection to any process, not the one holding their Socket.io session. A ticket is its board,
 * person, document and expiry sealed with AES-256-GCM under a key derived from the server key every process
 * shares: opaque in the URL (no participant id in proxy logs), unforgeable, and checked without a lookup.
 * Single use across processes: the first redemption marks the ticket's hash spent in PostgreSQL until the ticket
 * expires (`spendTicket`), so a second one anywhere fails. The mark holds nothing but the hash. (It was a Redis key
 * until a silent Redis, CL-31, held every document connection's opening until Redis answered again.)
 */
export class SharedTickets {
  constructor(
    private readonly key: Buffer,
    private readonly spend: (hash: string, until: number) => Promise<boolean>,
    private readonly now: () => number = Date.now,
  ) {}

  issue(boardId: string, participantId: string, doc: DocName): string {
    const body: TicketBody = { b: boardId, p: participantId, d: doc, e: this.now() + LIMITS.docTicketTtlMs };
    return seal(this.key, JSON.stringify(body)).toString('base64url');
  }

  /** The participant the ticket was issued to for this board and document, once across every process; else null. */
  async redeem(ticket: string, boardId: string, doc: DocName): Promise<string | null> {
    const body = this.open(ticket);
    if (!body || body.b !== boardId || body.d !== doc || body.e <= this.now()) return null;
    const used = createHash('sha256').update(ticket).digest('base64url');
    return (await this.spend(used, body.e)) ? body.p : null;
  }

  private open(ticket: string): TicketBody | null {
    try {
      return JSON.parse(open(this.key, Buffer.from(ticket, 'base64url')).toString('utf8')) as TicketBody;
    } catch {
      return null;
    }
  }
}
