import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en.js';
import { reviewFacts } from './reviewFacts.js';

// an instance of its own: the page's i18next is shared by the test files of a worker
const words = i18next.createInstance();
beforeAll(() => words.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } }));
const t = () => words.getFixedT('en') as Parameters<typeof reviewFacts>[1];

describe('RE-1 a promise under review', () => {
  const promise = { askOf: null, owners: ['Ada', 'Bo'], dueDate: '2026-12-18', fromRetro: 'Payments squad retro #1', status: null };

  it('RE-1 AK-4 an ask says when it is due and where it came from, with a separator only between the two', () => {
    expect(reviewFacts({ ...promise, askOf: 'the platform team', owners: [] }, t(), '2026-12-05')).toBe('due Dec 18, 2026 · from “Payments squad retro #1”');
    expect(reviewFacts({ ...promise, askOf: 'the platform team', owners: [], dueDate: null }, t(), '2026-12-05')).toBe('from “Payments squad retro #1”');
  });

  it('RE-1 our own promise says who helps first, and leaves out a due date it does not have', () => {
    expect(reviewFacts(promise, t(), '2026-12-05')).toBe('Helping: Ada, Bo · due Dec 18, 2026 · from “Payments squad retro #1”');
    expect(reviewFacts({ ...promise, owners: [], dueDate: null }, t(), '2026-12-05')).toBe('Nobody had volunteered · from “Payments squad retro #1”');
  });

  it('RE-11 a promise carried forward says where it was made and how often it was carried', () => {
    const open = { ...promise, owners: [], dueDate: null };
    expect(reviewFacts(open, t(), '2026-12-05')).toBe('Nobody had volunteered · from “Payments squad retro #1”');
    expect(reviewFacts({ ...open, carried: 1 }, t(), '2026-12-05')).toBe('Nobody had volunteered · from “Payments squad retro #1” · carried forward once');
    expect(reviewFacts({ ...open, carried: 2 }, t(), '2026-12-05')).toBe('Nobody had volunteered · from “Payments squad retro #1” · carried forward twice');
    expect(reviewFacts({ ...open, carried: 3 }, t(), '2026-12-05')).toBe('Nobody had volunteered · from “Payments squad retro #1” · carried forward 3 times');
  });

  it('SS-4 a promise whose due date has passed (by the server’s day) says in words that it is overdue', () => {
    // Found in a walk-through: "due Dec 3" in a Review held on Dec 5 looked like any other promise.
    const late = { ...promise, dueDate: '2026-12-03' };
    expect(reviewFacts(late, t(), '2026-12-05')).toBe('Helping: Ada, Bo · overdue: was due Dec 3, 2026 · from “Payments squad retro #1”');
    expect(reviewFacts(late, t(), '2026-12-03')).toBe('Helping: Ada, Bo · due Dec 3, 2026 · from “Payments squad retro #1”');
    expect(reviewFacts({ ...late, status: 'not-done' }, t(), '2026-12-05')).toContain('overdue: was due Dec 3, 2026');
    // marked done (or dropped) it is closed, and when it was done is not known
    expect(reviewFacts({ ...late, status: 'done' }, t(), '2026-12-05')).toContain(' · due Dec 3, 2026 · ');
  });

  it('RE-13 SS-4 a promise its owner marked done by its due date is not called overdue; marked after it, it still is', () => {
    const late = { ...promise, dueDate: '2026-12-03' };
    expect(reviewFacts({ ...late, ownerDone: { by: 'Ada', on: '2026-12-03' } }, t(), '2026-12-05')).toContain(' · due Dec 3, 2026 · ');
    expect(reviewFacts({ ...late, ownerDone: { by: 'Ada', on: '2026-12-04' } }, t(), '2026-12-05')).toContain('overdue: was due Dec 3, 2026');
  });
});
