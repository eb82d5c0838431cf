import { describe, expect, it } from 'vitest';
import type { BoardCommand } from '../sync/commandQueue.js';
import { doneNow } from './doneNow.js';

const voting = { stage: 'vote' as const, done: 0, of: 2 };
const mark = (done: boolean, stage?: 'write' | 'vote'): BoardCommand => ({ id: 'cmd-00000001', type: 'done.mark', done, ...(stage ? { stage } : {}) });

describe('doneNow', () => {
  it('DN-1 is my view\'s mark for the stage the board is in, not the stage before\'s', () => {
    expect(doneNow(voting, { doneIn: { write: false, vote: true } }, [])).toBe(true);
    expect(doneNow(voting, { doneIn: { write: false, vote: false } }, [])).toBe(false);
    // done writing, the board moved on to Vote: I said nothing in Vote yet
    expect(doneNow(voting, { doneIn: { write: true, vote: false } }, [])).toBe(false);
    expect(doneNow(voting, null, [])).toBe(false);
    expect(doneNow(null, { doneIn: { write: true, vote: false } }, [])).toBe(false);
  });

  it('DN-1 is what I have just sent, before my view says it', () => {
    expect(doneNow(voting, { doneIn: { write: false, vote: false } }, [mark(true)])).toBe(true);
    expect(doneNow(voting, { doneIn: { write: false, vote: true } }, [mark(true), mark(false)])).toBe(false);
    expect(doneNow(voting, { doneIn: { write: false, vote: false } }, [mark(true, 'vote')])).toBe(true);
  });

  it('DN-1 is not a mark pressed for the stage before, still waiting to be sent (the server refuses it)', () => {
    expect(doneNow(voting, { doneIn: { write: false, vote: false } }, [mark(true, 'write')])).toBe(false);
    expect(doneNow(voting, { doneIn: { write: false, vote: true } }, [mark(false, 'write')])).toBe(true);
  });
});
