import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { notesKey } from '../protocol/events.js';
import type { BoardState } from './board.js';
import { renderMarkdown } from './markdown.js';
import { addCard, alice, bob, fran, moveTo, must, REVIEW, teamBoardWith } from './testBoard.js';
import { viewOf } from './visibility.js';

/**
 * EX-4: the Markdown export rendered as a Markdown viewer would render it (`marked`, GitHub-flavoured). Every
 * field a person typed is attacked with HTML, script links and block syntax; the rendered HTML must have
 * exactly the structure of the same retro written with harmless words: no tag, link, heading or list item
 * that Candor did not put there. The fields are set on the state directly, past the schemas, because the
 * renderer must be safe on its own (IN-29 refuses newlines in names and titles at the edge as well).
 */
const ATTACKS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '[click me](javascript:alert(1))',
  '![x](javascript:alert(1))',
  '<javascript:alert(1)>',
  'JaVaScRiPt:alert(document.cookie)',
  'one\n# Injected heading',
  'one\n- [x] injected task',
  '# heading\n## another',
  '- item\n* item\n+ item\n1. item\n2) item',
  '> quoted\n>> deeper',
  'text\n===\nmore\n---\n***',
  '| a | b |\n|---|---|\n| c | d |',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '<!-- hidden --> `code` **bold** _em_ ~~gone~~',
  '&lt;script&gt; &#60;b&#62; &#x3C;i&#x3E;',
  '    indented code\n\n```\nfenced\n```',
  '<div onclick="alert(1)">x</div>',
  '\\<b>escaped\\</b>',
];

/** The same retro with every typed field replaced by `word(i)`: hostile or plain. */
function retro(word: (i: number) => string): { md: string; plain: boolean } {
  let n = 0;
  const next = () => word(n++);
  const state: BoardState = teamBoardWith(REVIEW.map((r) => ({ ...r, text: next(), fromRetro: next(), owners: [next()] })));
  state.name = next();
  for (const p of state.participants.values()) p.name = next();
  state.columns = state.columns.map((c) => ({ ...c, title: next(), prompt: next() }));
  must(state, fran, { type: 'review.mark', ref: REVIEW[0].ref, status: 'not-done', carry: true });
  state.review[0]!.reason = next();
  moveTo(state, 'write');
  const cards = Array.from({ length: 9 }, (_, i) => addCard(state, [alice, bob, fran][i % 3]!, 'placeholder', state.columns[i % 3]!.id));
  for (const id of cards) state.cards.get(id)!.text = next();
  moveTo(state, 'reveal');
  must(state, alice, { type: 'card.group', cardId: cards[0]!, withCardId: cards[1]! });
  state.groups.get(state.cards.get(cards[0]!)!.groupId!)!.title = next();
  moveTo(state, 'vote');
  must(state, alice, { type: 'vote.cast', itemId: cards[0]! });
  must(state, bob, { type: 'vote.cast', itemId: cards[2]! });
  moveTo(state, 'discuss');
  const notes: Record<string, string> = {};
  for (const id of [cards[0]!, cards[2]!, cards[3]!]) {
    const item = state.cards.get(id)!.groupId ?? id;
    must(state, fran, { type: 'discuss.select', itemId: item });
    notes[notesKey.item(item)] = `${next()}\n${next()}`;
    const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: item, text: 'x' });
    must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
    notes[notesKey.action(actionId)] = next();
  }
  moveTo(state, 'closed');
  return { md: renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, new Date('2030-03-04T10:00:00Z')), plain: false };
}

const hostile = () => retro((i) => ATTACKS[i % ATTACKS.length]!).md;
const harmless = () => retro((i) => `Plain words ${i}`).md;

/**
 * The tags of the rendered HTML in order, with links' targets: the document's structure without its words.
 * Paragraphs and line breaks are left out: a note of several paragraphs flows into several `<p>` inside its
 * quote, which is text, not structure. Every other tag — heading, list, item, link, image, quote, code, table,
 * emphasis, HTML of any kind — must be exactly Candor's.
 */
function skeleton(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)]
    .map(([whole, tag, attrs]) => {
      const href = /(?:href|src)="([^"]*)"/.exec(attrs ?? '')?.[1];
      const name = `${whole.startsWith('</') ? '/' : ''}${tag!.toLowerCase()}`;
      return href === undefined ? name : `${name} ${href}`;
    })
    .filter((tag) => !/^\/?(p|br)$/.test(tag));
}

describe('the Markdown export against injection', () => {
  it('EX-4 renders hostile fields with exactly the structure of harmless ones: no tag, link, heading or list item of theirs', () => {
    const attacked = marked.parse(hostile(), { async: false });
    const clean = marked.parse(harmless(), { async: false });
    expect(skeleton(attacked)).toEqual(skeleton(clean));
  });

  it('EX-4 no link or image in the rendered export has a script URL, and the raw text has no javascript: at all', () => {
    const md = hostile();
    const html = marked.parse(md, { async: false });
    expect(html).not.toMatch(/(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i);
    expect(md).not.toMatch(/javascript\s*:/i);
  });

  it('EX-4 what people wrote is still there to read, as text', () => {
    const html = marked.parse(hostile(), { async: false });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Injected heading');
    expect(html).toContain('# heading ## another');
  });

  it('EX-4 notes are a quoted block, one quoted line per line written', () => {
    const md = retro((i) => `Plain words ${i}`).md;
    expect(md).toMatch(/\n> Plain words \d+\n> Plain words \d+\n/);
  });
});
