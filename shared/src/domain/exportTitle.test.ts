import { describe, expect, it } from 'vitest';
import { renderCsv } from './exports.js';
import { renderMarkdown } from './markdown.js';
import { titleFromWords } from './facilitation.js';
import { wholeGroupTitle, withWholeGroupTitles } from './exportItems.js';
import { LIMITS } from './limits.js';
import { addCard, alice, boardWith, bob, fran, moveTo, must } from './testBoard.js';
import { viewOf } from './visibility.js';

const LONG = 'Stop skipping code review when in a hurry before the release';

/** A closed retro whose one group kept the title made from its first card's words (GR-6), and was discussed. */
function closedWithAutomaticTitle(first: string) {
  const state = boardWith();
  const a = addCard(state, alice, first, 'stop');
  const b = addCard(state, bob, first, 'stop');
  moveTo(state, 'reveal');
  must(state, alice, { type: 'card.group', cardId: a, withCardId: b });
  moveTo(state, 'discuss');
  must(state, fran, { type: 'discuss.select', itemId: state.cards.get(a)!.groupId! });
  moveTo(state, 'closed');
  return viewOf(state, { kind: 'public' }).board;
}

describe('EX-7 an automatic group title in the exports', () => {
  it('EX-7 GR-6 a title cut from a card reads whole in the Markdown and the CSV, not ending "when in…"', () => {
    const view = closedWithAutomaticTitle(LONG);
    expect(view.groups[0]!.title).toBe(titleFromWords(LONG)); // the board keeps its short title
    const markdown = renderMarkdown(view, {}, new Date('2030-03-04T10:00:00Z'));
    expect(markdown).toContain(`### ${LONG}`);
    expect(markdown).not.toContain('…');
    expect(renderCsv(view)).toContain(`"${LONG}"`);
    expect(renderCsv(view)).not.toContain('…');
    // the closed summary reads the same titles
    expect(withWholeGroupTitles(view).groups[0]!.title).toBe(LONG);
  });

  it('EX-7 a card too long for a title is cut after a whole word, never inside one', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const title = wholeGroupTitle(titleFromWords(words), [{ text: words }]);
    expect(title.length).toBeLessThanOrEqual(LIMITS.groupTitle);
    expect(title).toMatch(/ word\d+…$/);
    expect(words.startsWith(title.slice(0, -1))).toBe(true);
    expect(words[title.length - 1]).toBe(' ');
  });

  it('EX-7 a title someone wrote stays as written', () => {
    expect(wholeGroupTitle('Reviews…', [{ text: LONG }])).toBe('Reviews…');
    expect(wholeGroupTitle('', [{ text: LONG }])).toBe('');
  });
});
