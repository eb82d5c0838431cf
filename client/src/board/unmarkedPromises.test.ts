import { describe, expect, it } from 'vitest';
import type { PublicBoardView } from '@candor/shared';
import type { BoardCommand } from '../sync/commandQueue.js';
import { unmarkedPromises } from './usePhaseStep.js';

type Review = PublicBoardView['review'];
const promise = (ref: string, status: Review[number]['status']) => ({ ref, fromRetro: 'Sprint 1', text: ref, owners: [], dueDate: null, status, reason: null, carry: false }) as Review[number];
const review = (...items: Review) => ({ phase: 'review' as const, review: items });
const mark = (ref: string): BoardCommand => ({ type: 'review.mark', id: `c-${ref}`, ref, status: 'dropped' });

describe('RE-10 unmarkedPromises: what the nudge before Write counts', () => {
  it('counts the promises the board shows unmarked', () => {
    expect(unmarkedPromises(review(promise('a:1', null), promise('a:2', 'done'), promise('a:3', null)), [])).toBe(2);
  });

  it('counts a mark of mine still on its way as made, as the Review shows it (the race a CI run of reviewNudge.spec met)', () => {
    expect(unmarkedPromises(review(promise('a:1', 'done'), promise('a:2', null)), [mark('a:2')])).toBe(0);
    expect(unmarkedPromises(review(promise('a:1', null), promise('a:2', null)), [mark('a:2')])).toBe(1);
  });

  it('is nothing outside Review, and other commands of mine change nothing', () => {
    expect(unmarkedPromises({ phase: 'write', review: [promise('a:1', null)] }, [])).toBe(0);
    expect(unmarkedPromises(review(promise('a:1', null)), [{ type: 'card.add', id: 'c', columnId: 'start', text: 'x' }])).toBe(1);
  });
});
