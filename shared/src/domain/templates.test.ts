import { describe, expect, it } from 'vitest';
import { Command } from '../protocol/messages.js';
import type { BoardState } from './board.js';
import { addCard, alice, boardWith, COLUMNS, fran, moveTo, must, run, teamBoardWith } from './testBoard.js';
import { findTemplate, TEMPLATES } from './templates.js';
import { columnTitleIn } from './templateTitles.js';

const titles = (id: string) => findTemplate(id)!.columns.map((c) => c.title);
const set = (state: BoardState, columns: { id?: string; title: string; prompt: string }[], who = fran) => run(state, who, { type: 'columns.set', columns });
const keep = COLUMNS.map((c) => ({ id: c.id, title: c.title, prompt: c.prompt }));

describe('templates and columns', () => {
  it('TE-1 GP-3 offers the eight templates, each with valid, distinct column ids', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['dont-know', 'responsibility', 'start-stop-continue', 'went-well', 'post-mortem', 'regaining-trust', 'mad-sad-glad', '4ls']);
    for (const t of TEMPLATES) {
      const ids = t.columns.map((c) => c.id);
      expect(new Set(ids).size, t.id).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9-]{1,40}$/);
      for (const c of t.columns) expect(c.prompt.length, `${t.id}/${c.id}`).toBeGreaterThan(0);
    }
  });

  it('TE-1 the new templates have the columns the issue names', () => {
    expect(titles('post-mortem')).toEqual(['Timeline — what happened, in order', 'How did our system allow this?', 'What we will change', 'Thanks to…']);
    expect(titles('regaining-trust')).toEqual(['Where did we disconnect?', 'What we fix right now', 'How we repair over time']);
    expect(titles('mad-sad-glad')).toEqual(['Mad', 'Sad', 'Glad']);
    expect(titles('4ls')).toEqual(['Liked', 'Learned', 'Lacked', 'Longed for']);
  });

  it('GP-3 "Went well / To improve" asks what worked, what could go better and one small thing to try, in English and German', () => {
    expect(titles('went-well')).toEqual(['What went well', 'What could go better', 'One thing to try']);
    const columns = findTemplate('went-well')!.columns;
    expect(columns.map((c) => columnTitleIn('de', c))).toEqual(['Was gut lief', 'Was besser gehen könnte', 'Eine Sache zum Ausprobieren']);
    // blameless like the others: the prompts ask about the work, never "who"
    for (const c of columns) expect(c.prompt).not.toMatch(/\bwho\b/i);
  });

  it('TE-1 every template fits the columns.set schema as it is', () => {
    for (const t of TEMPLATES) {
      const result = Command.safeParse({ id: 'cmd-00000001', type: 'columns.set', columns: t.columns });
      expect(result.success, t.id).toBe(true);
    }
  });

  it('TE-2 only the facilitator edits columns, and only in Review and Write', () => {
    const state = teamBoardWith();
    expect(set(state, keep, alice)).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(set(state, keep).ok).toBe(true);
    moveTo(state, 'write');
    expect(set(state, keep).ok).toBe(true);
    moveTo(state, 'reveal');
    expect(set(state, keep)).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('TE-2 renames a column and edits its prompt, keeping its id', () => {
    const state = boardWith();
    must(state, fran, { type: 'columns.set', columns: [{ id: 'start', title: 'Begin', prompt: 'What should we try?' }, keep[1], keep[2]] });
    expect(state.columns[0]).toEqual({ id: 'start', title: 'Begin', prompt: 'What should we try?' });
    expect(state.columns.slice(1)).toEqual(COLUMNS.slice(1));
  });

  it('TE-2 adds columns with new, distinct, valid ids, usable by cards', () => {
    const state = boardWith();
    must(state, fran, { type: 'columns.set', columns: [...keep, { title: 'Kudos', prompt: '' }, { title: 'Questions', prompt: '' }] });
    const added = state.columns.slice(3);
    expect(added.map((c) => c.title)).toEqual(['Kudos', 'Questions']);
    for (const c of added) {
      expect(c.id).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(COLUMNS.map((k) => k.id)).not.toContain(c.id);
    }
    expect(added[0].id).not.toBe(added[1].id);
    expect(addCard(state, alice, 'thanks for the pairing', added[0].id)).toBeTruthy();
  });

  it('TE-2 removes and reorders columns', () => {
    const state = boardWith();
    must(state, fran, { type: 'columns.set', columns: [keep[2], keep[0]] });
    expect(state.columns.map((c) => c.id)).toEqual(['continue', 'start']);
  });

  it('TE-3 refuses to remove a column that has revealed cards with CONFLICT', () => {
    const state = boardWith();
    addCard(state, alice, 'stop the standup', 'stop');
    for (const c of state.cards.values()) c.revealed = true;
    expect(set(state, [keep[0], keep[2]])).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(state.columns).toEqual(COLUMNS);
    expect(set(state, [keep[1]]).ok).toBe(true);
  });

  it('TE-3 AN-10 a column with unseen cards is removed as an empty one is; the cards move to the first column', () => {
    const state = boardWith();
    const id = addCard(state, alice, 'stop the standup', 'stop');
    const withCard = set(state, [keep[2], keep[0]]);
    expect(withCard).toEqual(set(boardWith(), [keep[2], keep[0]])); // the same answer, the same event
    expect(withCard.ok).toBe(true);
    expect(state.cards.get(id)!.columnId).toBe('continue');
  });

  it('TE-3 an unknown column id is NOT_FOUND and a repeated one INVALID_INPUT', () => {
    const state = boardWith();
    expect(set(state, [...keep, { id: 'nosuchcolumn', title: 'x', prompt: '' }])).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(set(state, [...keep, keep[0]])).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(state.columns).toEqual(COLUMNS);
  });
});
