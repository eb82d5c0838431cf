import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { draftOfSlot, forgetDrafts, unsentDrafts } from './unsentDrafts.js';
import { draftSlot, readDraft, writeDraft } from '../sync/draftStore.js';
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

describe('where a draft is kept', () => {
  it('AC-10 a card\'s, an action\'s and an offer\'s draft each read back as what it was typed for', () => {
    expect(draftSlot('card', 'stop')).toBe('stop');
    for (const kind of ['card', 'action', 'offer'] as const) {
      for (const of of ['stop', 'item1', 'group:a1:b2']) expect(draftOfSlot(draftSlot(kind, of))).toEqual({ kind, of });
    }
    expect(draftSlot('action', 'item1')).not.toBe(draftSlot('offer', 'item1'));
  });
});
