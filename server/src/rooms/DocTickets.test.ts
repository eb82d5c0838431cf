import { describe, expect, it } from 'vitest';
import { LIMITS } from '@candor/shared';
import { DocTickets } from './DocTickets.js';

describe('document tickets', () => {
  it('DO-6 a ticket opens one document once, for the person it was issued to, and expires', () => {
    let now = 1_000;
    const tickets = new DocTickets(() => now);
    const t = tickets.issue('p1', 'board');
    expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(tickets.redeem(t, 'board')).toBe('p1');
    expect(tickets.redeem(t, 'board')).toBeNull();
    const forBoard = tickets.issue('p1', 'board');
    expect(tickets.redeem(forBoard, 'notes')).toBeNull();
    expect(tickets.redeem(forBoard, 'board')).toBeNull();
    const late = tickets.issue('p1', 'notes');
    now += LIMITS.docTicketTtlMs;
    expect(tickets.redeem(late, 'notes')).toBeNull();
  });

  it('DO-6 one person holds a bounded number of unused tickets; asking for more drops the oldest', () => {
    const tickets = new DocTickets(() => 0);
    const issued = Array.from({ length: LIMITS.docTicketsPerPerson + 2 }, () => tickets.issue('p1', 'board'));
    const other = tickets.issue('p2', 'board');
    expect(issued.map((t) => tickets.redeem(t, 'board') !== null)).toEqual(issued.map((_, i) => i >= 2));
    expect(tickets.redeem(other, 'board')).toBe('p2');
  });
});
