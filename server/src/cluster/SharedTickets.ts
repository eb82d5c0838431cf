import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type DocName, LIMITS } from '@candor/shared';
import { open, seal } from '../aesGcm.js';

const USED_PREFIX = 'candor:ticket-used:';

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
 * Single use across processes: the first redemption sets a Redis key named by the ticket's hash (`SET NX`,
 * expiring with the ticket), so a second one anywhere fails. That key holds nothing but "used".
 */
export class SharedTickets {
  constructor(
    private readonly key: Buffer,
    private readonly redis: Redis,
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
    const first = await this.redis.set(USED_PREFIX + used, '1', 'PX', Math.max(1, body.e - this.now()), 'NX');
    return first === 'OK' ? body.p : null;
  }

  private open(ticket: string): TicketBody | null {
    try {
      return JSON.parse(open(this.key, Buffer.from(ticket, 'base64url')).toString('utf8')) as TicketBody;
    } catch {
      return null;
    }
  }
}
