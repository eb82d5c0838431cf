import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetDrafts, unsentDrafts } from './unsentDrafts.js';
import { readDraft, writeDraft } from '../sync/draftStore.js';
import { memoryStorage } from '../sync/memoryStorage.testing.js';

describe('AC-10 the words a browser still holds unsent when the retro closes', () => {
  beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('AC-10 lists this board\'s drafts that hold words, each as what it was typed for; another board\'s are not its', () => {
    writeDraft('BoardA', 'stop', 'Standups run long');
    writeDraft('BoardA', 'action:item1', 'Pair on the flaky test');
    writeDraft('BoardA', 'offer:item2', 'I can review on Fridays');
    writeDraft('BoardA', 'action:item3', '   ');
    writeDraft('BoardB', 'action:item1', 'Not this board');
    expect(unsentDrafts('BoardA').map(({ kind, of, text }) => ({ kind, of, text }))).toEqual([
      { kind: 'card', of: 'stop', text: 'Standups run long' },
      { kind: 'action', of: 'item1', text: 'Pair on the flaky test' },
      { kind: 'offer', of: 'item2', text: 'I can review on Fridays' },
    ]);
  });

  it('AC-10 forgets every draft of the board, and only that board\'s', () => {
    writeDraft('BoardA', 'stop', 'Standups run long');
    writeDraft('BoardA', 'action:item1', 'Pair on the flaky test');
    writeDraft('BoardB', 'action:item1', 'Another retro, still open');
    forgetDrafts('BoardA');
    expect(unsentDrafts('BoardA')).toEqual([]);
    expect(readDraft('BoardA', 'action:item1')).toBe('');
    expect(readDraft('BoardB', 'action:item1')).toBe('Another retro, still open');
  });
});
