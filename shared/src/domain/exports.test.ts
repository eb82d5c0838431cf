import { describe, expect, it } from 'vitest';
import { notesKey } from '../protocol/events.js';
import { renderActionsCsv, renderCsv, renderJson } from './exports.js';
import { addCard, alice, bob, boardWith, everyone, fran, moveTo, must } from './testBoard.js';
import { viewOf } from './visibility.js';

const EXPORTED = new Date('2030-03-04T10:00:00Z');

/** A minimal RFC 4180 reader, to prove the CSV reads back as the cells that were meant. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && csv[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  expect(cell).toBe('');
  expect(row).toEqual([]);
  return rows;
}

const TRICKY = ['say "hi", then leave', 'line one\nline two', '=HYPERLINK("http://evil.example")', '+1 for pairing', '-2 bugs', '@SUM(A1:A9)', 'plain'];

function closedRetro() {
  const state = boardWith();
  const ids = TRICKY.map((text, i) => addCard(state, i % 2 ? bob : alice, text, 'stop'));
  moveTo(state, 'reveal');
  must(state, alice, { type: 'card.group', cardId: ids[5], withCardId: ids[6] });
  must(state, alice, { type: 'group.title', groupId: state.cards.get(ids[5])!.groupId!, title: 'Formulas, "quoted"', previous: state.groups.get(state.cards.get(ids[5])!.groupId!)!.title });
  moveTo(state, 'vote');
  must(state, bob, { type: 'vote.cast', itemId: ids[0] });
  moveTo(state, 'discuss');
  const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: ids[0], text: 'x' });
  must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
  must(state, bob, { type: 'action.volunteer', actionId, volunteer: true });
  must(state, fran, { type: 'consensus.start', actionId });
  for (const [who, value] of [[alice, 5], [bob, 2], [fran, 4]] as const) must(state, who, { type: 'consensus.answer', actionId, value });
  moveTo(state, 'closed');
  const notes = { [notesKey.action(actionId)]: '=cmd|"/c calc"!A1, really' };
  return { state, ids, actionId, notes, view: viewOf(state, { kind: 'public' }).board };
}

describe('CSV and JSON exports', () => {
  it('EX-2 the cards CSV quotes commas, quotes and newlines, and reads back cell for cell', () => {
    const { view } = closedRetro();
    const csv = renderCsv(view);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['column', 'card', 'group', 'votes']);
    const byText = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(byText.get('say "hi", then leave')).toEqual(['Stop', 'say "hi", then leave', '', '1']);
    expect(byText.get('line one\nline two')).toEqual(['Stop', 'line one\nline two', '', '0']);
    expect(byText.get('plain')).toEqual(['Stop', 'plain', 'Formulas, "quoted"', '0']);
    expect(rows).toHaveLength(TRICKY.length + 1);
  });

  it('EX-2 a cell starting with = + - or @ is defused so a spreadsheet shows it as text', () => {
    const { view, notes } = closedRetro();
    const cells = [...parseCsv(renderCsv(view)), ...parseCsv(renderActionsCsv(view, notes))].flat();
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@]/);
    for (const text of ['=HYPERLINK("http://evil.example")', '+1 for pairing', '-2 bugs', '@SUM(A1:A9)']) expect(cells).toContain(`'${text}`);
    expect(cells).toContain(`'=cmd|"/c calc"!A1, really`);
  });

  it('EX-2 the actions CSV has text from the notes, owners by name, and only the consensus summary', () => {
    const { view, notes } = closedRetro();
    const rows = parseCsv(renderActionsCsv(view, notes));
    expect(rows).toEqual([
      ['action', 'owners', 'due', 'consensus average', 'doubts flagged'],
      [`'=cmd|"/c calc"!A1, really`, 'Alice; Bob', '2023-11-28', '3.67', 'yes'],
    ]);
  });

  it('EX-2 before the votes are shown the CSV has no vote counts', () => {
    const state = boardWith();
    addCard(state, alice, 'a');
    moveTo(state, 'vote');
    must(state, bob, { type: 'vote.cast', itemId: [...state.cards.keys()][0] });
    const rows = parseCsv(renderCsv(viewOf(state, { kind: 'public' }).board));
    expect(rows[1][3]).toBe('');
  });

  it('EX-3 the JSON export carries the public board, names only for people, and the notes', () => {
    const { view, notes } = closedRetro();
    const exported = renderJson(view, notes, EXPORTED);
    expect(exported).toMatchObject({ format: 'candor.retro/1', exportedAt: '2030-03-04T10:00:00.000Z', notes });
    expect(exported.board.people).toEqual(['Alice', 'Bob', 'Fran']);
    expect(Object.keys(exported.board)).not.toContain('participants');
    expect(Object.keys(exported.board)).not.toContain('facilitator');
    expect(exported.board.actions[0].consensus).toMatchObject({ revealed: true, flagged: true, distribution: { total: 3 } });
  });

  it('EX-3 the JSON export holds no handle, participant id or tag of any kind', () => {
    const { view, notes } = closedRetro();
    const json = JSON.stringify(renderJson(view, notes, EXPORTED));
    expect(json).not.toMatch(/handle-|pid-|authortag|votertag|pulsetag|consensustag/);
    for (const who of everyone) expect(json).not.toContain(who.participantId);
  });
});
