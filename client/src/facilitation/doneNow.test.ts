import { describe, expect, it } from 'vitest';
import type { BoardCommand } from '../sync/commandQueue.js';
import { doneNow } from './doneNow.js';

const voting = { stage: 'vote' as const, done: 0, of: 2 };
const mark = (done: boolean, stage?: 'write' | 'vote'): BoardCommand => ({ id: 'cmd-00000001', type: 'done.mark', done, ...(stage ? { stage } : {}) });

describe('doneNow', () => {
  it('DN-1 is my view\'s mark only while the view is for the stage the board is in', () => {
    expect(doneNow(voting, { done: true, doneStage: 'vote' }, [])).toBe(true);
    expect(doneNow(voting, { done: false, doneStage: 'vote' }, [])).toBe(false);
    // the board moved on to Vote and my view is still Write's: I said nothing in Vote yet
    expect(doneNow(voting, { done: true, doneStage: 'write' }, [])).toBe(false);
    expect(doneNow(voting, null, [])).toBe(false);
    expect(doneNow(null, { done: true, doneStage: 'write' }, [])).toBe(false);
  });

  it('DN-1 is what I have just sent, before my view says it', () => {
    expect(doneNow(voting, { done: false, doneStage: 'vote' }, [mark(true)])).toBe(true);
    expect(doneNow(voting, { done: true, doneStage: 'vote' }, [mark(true), mark(false)])).toBe(false);
    expect(doneNow(voting, { done: false, doneStage: 'vote' }, [mark(true, 'vote')])).toBe(true);
  });

  it('DN-1 is not a mark pressed for the stage before, still waiting to be sent (the server refuses it)', () => {
    expect(doneNow(voting, { done: false, doneStage: 'vote' }, [mark(true, 'write')])).toBe(false);
    expect(doneNow(voting, { done: true, doneStage: 'vote' }, [mark(false, 'write')])).toBe(true);
  });
});
