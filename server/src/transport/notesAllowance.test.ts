import { describe, expect, it } from 'vitest';
import { ABUSE_LIMITS } from '../abuseLimits.js';
import { NOTES_WORK_BURST, NOTES_WORK_PER_SEC, NotesAllowance, notesWorkPerAddress } from './notesAllowance.js';

describe('DO-15 a notes connection’s allowance is its own and its address’s', () => {
  it('DO-15 a connection may spend its burst, then what refills; work done past it is paid back first', () => {
    let now = 0;
    const perAddress = notesWorkPerAddress(() => now);
    const conn = new NotesAllowance(perAddress.of('198.51.100.7'), () => now);
    expect(conn.available()).toBe(NOTES_WORK_BURST);
    conn.spend(NOTES_WORK_BURST + 20_000); // an update stopped at its bound costs what it cost
    expect(conn.available()).toBe(-20_000);
    now += 2_000;
    expect(conn.available()).toBe(0);
    now += 1_000;
    expect(conn.available()).toBe(NOTES_WORK_PER_SEC);
  });

  it('DO-15 the connections of one address share its allowance; another address has its own', () => {
    let now = 0;
    const perAddress = notesWorkPerAddress(() => now);
    const connections = Array.from({ length: 4 }, () => new NotesAllowance(perAddress.of('198.51.100.7'), () => now));
    for (const conn of connections.slice(0, 2)) conn.spend(NOTES_WORK_BURST);
    // two connections spent all of theirs, which is all of the address's: the other two have nothing left either
    expect(ABUSE_LIMITS.notesWorkBurstPerAddress).toBe(2 * NOTES_WORK_BURST);
    for (const conn of connections) expect(conn.available()).toBe(0);
    now += 1_000;
    expect(connections[3]!.available()).toBe(ABUSE_LIMITS.notesWorkPerSecondPerAddress);
    // a new connection from the same address starts with a full bucket of its own, not a full address
    expect(new NotesAllowance(perAddress.of('198.51.100.7'), () => now).available()).toBe(ABUSE_LIMITS.notesWorkPerSecondPerAddress);
    expect(new NotesAllowance(perAddress.of('203.0.113.9'), () => now).available()).toBe(NOTES_WORK_BURST);
  });
});
