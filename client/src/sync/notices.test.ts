import { describe, expect, it } from 'vitest';
import { addNotice, type Notice } from './notices.js';

describe('UI-11 notices reach people', () => {
  it('UI-11 a burst of one refusal is one counted notice, and does not push out a different one', () => {
    let notices: Notice[] = addNotice([], () => 'Your card could not be added', 'card:CARD_LIMIT');
    for (let i = 0; i < 30; i++) notices = addNotice(notices, () => 'Too many changes at once', 'RATE_LIMITED');
    notices = addNotice(notices, () => 'That is not possible in this phase.', 'WRONG_PHASE');
    expect(notices.map((n) => [n.kind, n.count])).toEqual([
      ['card:CARD_LIMIT', 1],
      ['RATE_LIMITED', 30],
      ['WRONG_PHASE', 1],
    ]);
  });
  it('UI-11 messages of no particular kind each get their own notice, and nothing is dropped', () => {
    let notices: Notice[] = [];
    for (let i = 0; i < 10; i++) notices = addNotice(notices, () => `message ${i}`);
    expect(notices.map((n) => n.words())).toEqual(Array.from({ length: 10 }, (_, i) => `message ${i}`));
  });
});
