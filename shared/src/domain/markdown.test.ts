import { describe, expect, it } from 'vitest';
import { notesKey } from '../protocol/events.js';
import { renderMarkdown } from './markdown.js';
import { addCard, alice, bob, boardWith, everyone, fran, moveTo, must } from './testBoard.js';
import { viewOf } from './visibility.js';

const EXPORTED = new Date('2030-03-04T10:00:00Z');

function finishedRetro() {
  const state = boardWith();
  const a = addCard(state, alice, 'Flaky CI', 'stop');
  const b = addCard(state, bob, 'Pairing', 'continue');
  const c = addCard(state, bob, 'More pairing', 'continue');
  addCard(state, alice, 'Demos', 'start');
  moveTo(state, 'reveal');
  must(state, alice, { type: 'card.group', cardId: b, withCardId: c });
  const group = state.cards.get(b)!.groupId!;
  must(state, alice, { type: 'group.title', groupId: group, title: 'Pair more' });
  moveTo(state, 'vote');
  must(state, alice, { type: 'vote.cast', itemId: a });
  must(state, bob, { type: 'vote.cast', itemId: group });
  must(state, bob, { type: 'vote.cast', itemId: group });
  moveTo(state, 'discuss');
  must(state, fran, { type: 'discuss.select', itemId: a });
  must(state, fran, { type: 'discuss.select', itemId: group });
  const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: a, text: 'Fix CI' });
  must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
  must(state, alice, { type: 'action.due', actionId, dueDate: '2030-03-18' });
  moveTo(state, 'closed');
  const notes = { [notesKey.action(actionId)]: 'Quarantine the flaky tests', [notesKey.item(a)]: 'It fails on Mondays.' };
  return { state, a, group, actionId, notes };
}

describe('markdown export', () => {
  it('EX-1 heads the export with the board name, date and counts', () => {
    const { state, notes } = finishedRetro();
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED);
    expect(md.startsWith('# Sprint 42\n')).toBe(true);
    expect(md).toContain('Exported 2030-03-04 · 3 people · 4 cards');
  });

  it('EX-1 lists actions with their shared text, owners by name and due date', () => {
    const { state, notes } = finishedRetro();
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED);
    expect(md).toContain('- [ ] Quarantine the flaky tests — Alice · due 2030-03-18\n  - from: Flaky CI');
  });

  it('EX-1 lists discussed items by ranking, with vote counts and notes', () => {
    const { state, notes } = finishedRetro();
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED);
    const pair = md.indexOf('### Pair more (2 votes)');
    const ci = md.indexOf('### Flaky CI (1 vote)');
    expect(pair).toBeGreaterThan(0);
    expect(ci).toBeGreaterThan(pair);
    expect(md).toContain('It fails on Mondays.');
    expect(md).toContain('_No notes._');
  });

  it('EX-1 lists every revealed card under its column, grouped cards with their group', () => {
    const { state, notes } = finishedRetro();
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED);
    const allCards = md.slice(md.indexOf('## All cards'));
    expect(allCards).toMatch(/### Start\n\n- Demos _\(0 votes\)_/);
    expect(allCards).toMatch(/### Stop\n\n- Flaky CI _\(1 vote\)_/);
    expect(allCards).toContain('- Pairing _(group: Pair more)_');
    expect(allCards).toContain('- More pairing _(group: Pair more)_');
  });

  it('AN-4 the export carries no participant id, author tag or voter tag', () => {
    const { state, notes } = finishedRetro();
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED);
    for (const a of everyone) {
      expect(md).not.toContain(a.participantId);
      expect(md).not.toContain(a.authorTag);
      expect(md).not.toContain(a.voterTag);
    }
  });

  it('AN-4 an export taken before Reveal has no card text and no votes', () => {
    const state = boardWith();
    addCard(state, alice, 'still private');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    expect(md).not.toContain('still private');
    expect(md).toContain('1 cards');
    expect(md).toContain('_No actions were agreed._');
    expect(md).toContain('_Nothing was discussed._');
    expect(md).not.toMatch(/votes?\)/);
  });

  it('EX-1 keeps a card on one line even if its text has newlines', () => {
    const state = boardWith();
    addCard(state, alice, 'line one\n# not a heading');
    moveTo(state, 'reveal');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    expect(md).toContain('- line one # not a heading');
    expect(md).not.toMatch(/^# not a heading/m);
  });
});
