import { describe, expect, it } from 'vitest';
import { notesKey } from '../protocol/events.js';
import { renderActionsCsv, renderCsv, renderJson, renderTeamActionsCsv } from './exports.js';
import type { TeamAction, TeamHistory, TeamRetro } from './team.js';
import { renderMarkdown } from './markdown.js';
import { addCard, addPerson, alice, boardWith, bob, enoughVoters, everyone, fran, moveTo, must } from './testBoard.js';
import { viewOf } from './visibility.js';

const EXPORTED = new Date('2030-03-04T10:00:00Z');

/**
 * A minimal RFC 4180 reader, to prove the CSV reads back as the cells that were meant. `separator` is what the
 * reading spreadsheet splits on: `,` in most locales, `;` where the comma is the decimal mark.
 */
function parseCsv(csv: string, separator: ',' | ';' = ','): string[][] {
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
    else if (ch === separator) row.push(cell), (cell = '');
    else if (ch === '\r' && csv[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  expect(cell).toBe('');
  expect(row).toEqual([]);
  return rows;
}

const TRICKY = [
  'say "hi", then leave',
  'line one\nline two',
  '=HYPERLINK("http://evil.example")',
  '+1 for pairing',
  '-2 bugs',
  '@SUM(A1:A9)',
  'plain',
  'harmless;=1+1',
  'harmless;@SUM(1;2)',
  'harmless,=2+2',
  ' =3+3 after a blank',
];
const FORMULA = /^\s*[=+\-@]|^[\t\r]/;

function closedRetro() {
  const state = boardWith();
  const ids = TRICKY.map((text, i) => addCard(state, i % 2 ? bob : alice, text, 'stop'));
  moveTo(state, 'reveal');
  must(state, alice, { type: 'card.group', cardId: ids[5], withCardId: ids[6] });
  must(state, alice, { type: 'group.title', groupId: state.cards.get(ids[5])!.groupId!, title: 'Formulas, "quoted"', previous: state.groups.get(state.cards.get(ids[5])!.groupId!)!.title });
  moveTo(state, 'vote');
  must(state, bob, { type: 'vote.cast', itemId: ids[0] });
  enoughVoters(state, ids[0]); // AN-12: enough voters for the tallies to show
  moveTo(state, 'discuss');
  const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: ids[0], text: 'x' });
  must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
  must(state, bob, { type: 'action.volunteer', actionId, volunteer: true });
  const ask = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: ids[0], text: 'y', askOf: '@Platform team' }).actionId;
  const untaken = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: state.cards.get(ids[5])!.groupId!, text: 'z' }).actionId;
  const dana = addPerson(state, 'Dana');
  must(state, fran, { type: 'consensus.start', actionId });
  for (const [who, value] of [[alice, 5], [bob, 2], [fran, 4], [dana, 4]] as const) must(state, who, { type: 'consensus.answer', actionId, value });
  moveTo(state, 'closed');
  const notes = { [notesKey.action(actionId)]: '=cmd|"/c calc"!A1, really', [notesKey.action(ask)]: 'A staging cluster', [notesKey.action(untaken)]: 'Fix the flaky deploy' };
  return { state, ids, actionId, notes, view: viewOf(state, { kind: 'public' }).board };
}

describe('CSV and JSON exports', () => {
  it('EX-2 the cards CSV quotes commas, quotes and newlines, and reads back cell for cell', () => {
    const { view } = closedRetro();
    const csv = renderCsv(view);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    // EX-12: each row ends with the retro, the day it was held and who facilitated
    const retro = ['Sprint 42', '2023-11-14', 'Fran'];
    expect(rows[0]).toEqual(['column', 'card', 'group', 'votes', 'retro', 'retro date', 'facilitated by']);
    const byText = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(byText.get('say "hi", then leave')).toEqual(['Stop', 'say "hi", then leave', '', '4', ...retro]);
    expect(byText.get('line one\nline two')).toEqual(['Stop', 'line one\nline two', '', '0', ...retro]);
    expect(byText.get('plain')).toEqual(['Stop', 'plain', 'Formulas, "quoted"', '', ...retro]);
    expect(rows).toHaveLength(TRICKY.length + 2); // the cards and the one group
  });

  it('EX-2 every cell is quoted, so no locale can split one cell into two', () => {
    const { view, notes } = closedRetro();
    for (const csv of [renderCsv(view), renderActionsCsv(view, notes)]) {
      expect(csv).toMatch(/^(?:"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*\r\n)+$/);
    }
  });

  for (const separator of [',', ';'] as const) {
    it(`EX-2 read with "${separator}" as the separator, no cell of either CSV can start a formula`, () => {
      const { view, notes } = closedRetro();
      const cells = [...parseCsv(renderCsv(view), separator), ...parseCsv(renderActionsCsv(view, notes), separator)].flat();
      expect(cells.length).toBeGreaterThan(TRICKY.length);
      for (const cell of cells) expect(cell, cell).not.toMatch(FORMULA);
    });
  }

  it('EX-2 a cell starting with = + - or @ is defused so a spreadsheet shows it as text', () => {
    const { view, notes } = closedRetro();
    const cells = [...parseCsv(renderCsv(view)), ...parseCsv(renderActionsCsv(view, notes))].flat();
    for (const cell of cells) expect(cell, cell).not.toMatch(FORMULA);
    for (const text of ['=HYPERLINK("http://evil.example")', '+1 for pairing', '-2 bugs', '@SUM(A1:A9)', ' =3+3 after a blank']) expect(cells).toContain(`'${text}`);
    expect(cells).toContain('harmless;=1+1');
    expect(cells).toContain(`'=cmd|"/c calc"!A1, really`);
  });

  it('EX-2 AK-1 the actions CSV has text from the notes, ours/ask/untaken, owners by name or who was asked, only the consensus summary, and the item it came from', () => {
    const { view, notes } = closedRetro();
    const rows = parseCsv(renderActionsCsv(view, notes));
    const retro = ['Sprint 42', '2023-11-14', 'Fran'];
    expect(rows).toEqual([
      ['action', 'kind', 'owners', 'asked of', 'due', 'done', 'consensus average', 'doubts flagged', 'from item', 'retro', 'retro date', 'facilitated by'],
      [`'=cmd|"/c calc"!A1, really`, 'ours', 'Alice; Bob', '', '2023-11-28', '', '3.75', 'yes', 'say "hi", then leave', ...retro],
      ['A staging cluster', 'ask', '', `'@Platform team`, '2023-11-28', '', '', '', 'say "hi", then leave', ...retro],
      // a group's title names it, as the Markdown's "from:" line does
      ['Fix the flaky deploy', 'untaken', '', '', '2023-11-28', '', '', '', 'Formulas, "quoted"', ...retro],
    ]);
  });

  it('EX-2 AC-6 the actions CSV says "yes" under done for an action the room ticked done', () => {
    const { view, notes } = closedRetro();
    const ticked = { ...view, actions: view.actions.map((action, i) => (i === 1 ? { ...action, done: true } : action)) };
    expect(parseCsv(renderActionsCsv(ticked, notes)).map((row) => row[5])).toEqual(['done', '', 'yes', '']);
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
    expect(exported.board.people).toEqual(['Alice', 'Bob', 'Dana', 'Fran']);
    expect(Object.keys(exported.board)).not.toContain('participants');
    expect(Object.keys(exported.board)).not.toContain('facilitator');
    expect(exported.board.actions[0].consensus).toMatchObject({ revealed: true, flagged: true, distribution: { total: 4 } });
  });

  it('EX-3 the JSON export holds no handle, participant id or tag of any kind', () => {
    const { view, notes } = closedRetro();
    const json = JSON.stringify(renderJson(view, notes, EXPORTED));
    expect(json).not.toMatch(/handle-|pid-|authortag|votertag|pulsetag|consensustag/);
    for (const who of everyone) expect(json).not.toContain(who.participantId);
  });

  it('EX-3 a hand still raised when the retro closed is in the JSON export by name only, without its handle', () => {
    // a hand raised in Act stays up through Close (DI-9 lowers hands only when another item is taken up), and the
    // public view lists it with its handle, which the export had carried
    const state = boardWith();
    addCard(state, alice, 'one card');
    moveTo(state, 'act');
    must(state, bob, { type: 'hand.raise', raised: true });
    moveTo(state, 'closed');
    const view = viewOf(state, { kind: 'public' }).board;
    expect(view.raisedHands).toEqual([{ handle: 'handle-bob', name: 'Bob' }]);
    const exported = renderJson(view, {}, EXPORTED);
    expect(exported.board.raisedHands).toEqual([{ name: 'Bob' }]);
    expect(JSON.stringify(exported)).not.toMatch(/handle-/);
  });
});

describe('vote tallies in the exports', () => {
  /** 12 votes: 3 people × 3, on two groups (through a card and through the group) and two single cards, and AN-12's three more voters' on one of them. */
  function votedRetro() {
    const state = boardWith();
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((text, i) => addCard(state, [alice, bob, fran][i % 3]!, `card ${text}`));
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.group', cardId: ids[0]!, withCardId: ids[1]! });
    must(state, alice, { type: 'card.group', cardId: ids[2]!, withCardId: ids[1]! });
    must(state, bob, { type: 'card.group', cardId: ids[3]!, withCardId: ids[4]! });
    const groupOf = (id: string) => state.cards.get(id)!.groupId!;
    moveTo(state, 'vote');
    for (const [who, target] of [
      [alice, ids[0]!], [alice, ids[2]!], [alice, ids[5]!],
      [bob, groupOf(ids[3]!)], [bob, ids[4]!], [bob, ids[6]!],
      [fran, ids[1]!], [fran, groupOf(ids[0]!)], [fran, ids[5]!],
    ] as const) must(state, who, { type: 'vote.cast', itemId: target });
    enoughVoters(state, ids[6]!);
    moveTo(state, 'closed');
    return viewOf(state, { kind: 'public' }).board;
  }
  const CAST = 12;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  it('EX-5 the cards CSV counts each vote once: its votes column sums to the votes cast', () => {
    const rows = parseCsv(renderCsv(votedRetro())).slice(1);
    expect(sum(rows.map((r) => Number(r[3] || 0)))).toBe(CAST);
    const groupRows = rows.filter((r) => r[1] === '');
    expect(groupRows.map((r) => Number(r[3])).sort()).toEqual([2, 4]);
  });

  it('EX-5 the Markdown export shows group votes, each vote once: the counts under All cards sum to the votes cast', () => {
    const md = renderMarkdown(votedRetro(), {}, EXPORTED);
    const allCards = md.slice(md.indexOf('## All cards'));
    expect(sum([...allCards.matchAll(/(\d+) votes?\)/g)].map((m) => Number(m[1])))).toBe(CAST);
    // the groups a section of their own after All cards, as on the closed summary's page (EX-5): under All cards they
    // read as a fourth column
    expect(allCards).toContain('\n## Groups\n');
    expect(allCards).not.toContain('### Groups');
    expect(allCards).toMatch(/\n- [^\n]+: 3 cards _\(4 votes\)_\n/);
    expect(allCards).toMatch(/\n- [^\n]+: 2 cards _\(2 votes\)_\n/);
  });

  it('EX-5 the JSON export\'s tallies sum to the votes cast, one per item', () => {
    const exported = renderJson(votedRetro(), {}, EXPORTED);
    expect(sum(Object.values(exported.board.tallies!))).toBe(CAST);
    expect(Object.keys(exported.board.tallies!)).toHaveLength(2 + 2);
  });
});

describe('the order of the cards CSV', () => {
  it('EX-6 rows go column by column as on the board, within a column in the discussion order, each group just above its cards', () => {
    const state = boardWith();
    // written in an order that mixes the columns, so the reveal order does too
    const ids = [
      addCard(state, alice, 'continue: pairing', 'continue'),
      addCard(state, bob, 'stop: friday deploys', 'stop'),
      addCard(state, fran, 'start: demos', 'start'),
      addCard(state, alice, 'stop: long standups', 'stop'),
      addCard(state, bob, 'start: runbooks', 'start'),
      addCard(state, fran, 'stop: skipped reviews', 'stop'),
    ];
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.group', cardId: ids[5]!, withCardId: ids[3]! });
    const group = state.cards.get(ids[3]!)!.groupId!;
    must(state, alice, { type: 'group.title', groupId: group, title: 'Process', previous: state.groups.get(group)!.title });
    moveTo(state, 'vote');
    // runbooks 2, the group 2, friday deploys 1, demos 0 (and pairing, alone in its column, AN-12's voters)
    for (const [who, target] of [[alice, ids[4]!], [bob, ids[4]!], [fran, group], [bob, group], [alice, ids[1]!]] as const) must(state, who, { type: 'vote.cast', itemId: target });
    enoughVoters(state, ids[0]!);
    moveTo(state, 'closed');
    const rows = parseCsv(renderCsv(viewOf(state, { kind: 'public' }).board)).slice(1).map(([column, card, title]) => `${column}|${card || `[${title}]`}`);
    expect(rows.slice(0, 3)).toEqual(['Start|start: runbooks', 'Start|start: demos', 'Stop|[Process]']);
    expect(rows.slice(3, 5).sort()).toEqual(['Stop|stop: long standups', 'Stop|stop: skipped reviews']);
    expect(rows.slice(5)).toEqual(['Stop|stop: friday deploys', 'Continue|continue: pairing']);
  });
});

describe('the order of the discussed items', () => {
  /** Three items voted most, fewer, fewest — then discussed against the ranking: the least voted first, the most voted last. */
  function discussedAgainstTheRanking() {
    const state = boardWith();
    const ids = [addCard(state, alice, 'most voted', 'stop'), addCard(state, bob, 'second', 'stop'), addCard(state, fran, 'least voted', 'stop')];
    moveTo(state, 'reveal');
    moveTo(state, 'vote');
    for (const [who, target] of [[alice, ids[0]!], [bob, ids[0]!], [fran, ids[0]!], [alice, ids[1]!], [bob, ids[1]!], [fran, ids[2]!]] as const) must(state, who, { type: 'vote.cast', itemId: target });
    enoughVoters(state, ids[0]!);
    moveTo(state, 'discuss');
    for (const itemId of [ids[2]!, ids[0]!, ids[1]!]) must(state, fran, { type: 'discuss.select', itemId });
    moveTo(state, 'closed');
    return viewOf(state, { kind: 'public' }).board;
  }

  it('EX-1 the Markdown export lists the discussed items in the order they were discussed, as the summary page does', () => {
    const view = discussedAgainstTheRanking();
    expect(view.ranking!.slice(0, 3).map((id) => view.cards.find((c) => c.id === id)!.text)).toEqual(['most voted', 'second', 'least voted']);
    const markdown = renderMarkdown(view, {}, EXPORTED);
    const discussed = markdown.slice(markdown.indexOf('## Discussed'), markdown.indexOf('## All cards'));
    const headings = discussed.split('\n').filter((line) => line.startsWith('### '));
    expect(headings.map((line) => line.replace(/ \(\d+ votes?\)$/, ''))).toEqual(['### least voted', '### most voted', '### second']);
    expect(headings[0]).toBe('### least voted (1 vote)');
  });

  it('EX-3 the JSON export carries the discussed items in the order they were discussed', () => {
    const view = discussedAgainstTheRanking();
    const { board } = renderJson(view, {}, EXPORTED);
    expect(board.discussedItemIds.map((id) => board.cards.find((c) => c.id === id)!.text)).toEqual(['least voted', 'most voted', 'second']);
  });
});

describe('where the cards CSV puts a group', () => {
  it('EX-6 GR-9 a group sits in the column the board shows it in, the one of the card it was dropped onto, not its first card’s', () => {
    const state = boardWith();
    const ids = [addCard(state, alice, 'continue: friday demos', 'continue'), addCard(state, bob, 'stop: friday merges', 'stop')];
    addCard(state, fran, 'stop: on its own', 'stop');
    addCard(state, fran, 'continue: on its own', 'continue');
    moveTo(state, 'reveal');
    // the card first in reveal order goes onto the other, so the group lives in another column than its first card
    const revealed = viewOf(state, { kind: 'public' }).board.cards.map((c) => c.id);
    const [first, second] = [...ids].sort((a, b) => revealed.indexOf(a) - revealed.indexOf(b));
    must(state, alice, { type: 'card.group', cardId: first!, withCardId: second! });
    moveTo(state, 'closed');
    const board = viewOf(state, { kind: 'public' }).board;
    const shownIn = board.columns.find((c) => c.id === board.groups[0]!.columnId)!.title;
    expect(board.groups[0]!.cardIds[0]).toBe(first);
    const rows = parseCsv(renderCsv(board)).slice(1);
    const groupRow = rows.find(([, card, group]) => card === '' && group !== '')!;
    expect(groupRow[0]).toBe(shownIn);
    // each card keeps its own column in its own row (it returns there if it leaves the group)
    for (const id of ids) {
      const card = board.cards.find((c) => c.id === id)!;
      expect(rows.find(([, text]) => text === card.text)![0]).toBe(board.columns.find((c) => c.id === card.columnId)!.title);
    }
    // and the group stands among the items of the column it is shown in, after a column to its left, before one to its right
    const place = (title: string) => board.columns.findIndex((c) => c.title === title);
    for (const lone of ['stop: on its own', 'continue: on its own']) {
      const row = rows.find(([, text]) => text === lone)!;
      expect(rows.indexOf(row) < rows.indexOf(groupRow)).toBe(place(row[0]!) < place(shownIn));
    }
  });
});

describe('the team actions CSV', () => {
  const action = (ref: string, text: string, more: Partial<TeamAction> = {}): TeamAction => ({
    ref, text, owners: ['Ada'], dueDate: '2030-01-20', status: 'open', overdue: false, carried: 0, reason: null, kind: 'ours', askOf: null, ownerDone: null, reviewNow: null, ...more,
  });
  /** a retro made at `createdAt` (UTC), held on `heldOn` when known (EX-12) */
  const retro = (name: string, createdAt: string, actions: TeamAction[], heldOn: string | null = null) =>
    ({ name, createdAt: Date.parse(createdAt), createdOn: createdAt.slice(0, 10), heldOn, actions }) as TeamRetro;
  const history = {
    id: 'team',
    name: 'Platform',
    createdAt: 0,
    suggestedFacilitator: null,
    retros: [
      retro('Sprint 1', '2030-01-06T09:00:00Z', [
        action('b1:a', 'Pair on every deploy', { status: 'done', owners: ['Ada', 'Bo'] }),
        action('b1:b', '=HYPERLINK("http://evil.example")', { overdue: true, carried: 2, reason: 'Staging was down, again' }),
      ]),
      retro('Sprint 2', '2030-01-20T09:00:00Z', [action('b2:a', 'A staging cluster of our own', { owners: [], kind: 'ask', askOf: 'Platform team', dueDate: null, status: 'not-done', reason: 'no budget' })]),
      retro('Sprint 3', '2030-02-03T09:00:00Z', []),
    ],
  } satisfies TeamHistory;

  it('TM-14 lists every action of every retro, oldest first, with its status, owners or whom it asks, overdue and carried forward, defused', () => {
    const csv = renderTeamActionsCsv(history);
    expect(csv).toMatch(/^(?:"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*\r\n)+$/);
    expect(parseCsv(csv)).toEqual([
      ['retro', 'retro date', 'action', 'kind', 'owners', 'asked of', 'due', 'status', 'overdue', 'carried forward', 'what got in the way'],
      ['Sprint 1', '2030-01-06', 'Pair on every deploy', 'ours', 'Ada; Bo', '', '2030-01-20', 'done', '', '', ''],
      ['Sprint 1', '2030-01-06', `'=HYPERLINK("http://evil.example")`, 'ours', 'Ada', '', '2030-01-20', 'open', 'yes', '2', 'Staging was down, again'],
      ['Sprint 2', '2030-01-20', 'A staging cluster of our own', 'ask', '', 'Platform team', '', 'not-done', '', '', 'no budget'],
    ]);
  });

  it('EX-12 TM-14 a retro\'s date is the day it was held where known (made on Friday, held on Monday), the day it was made otherwise', () => {
    const csv = renderTeamActionsCsv({
      ...history,
      retros: [
        retro('Sprint 1', '2030-01-06T09:00:00Z', [action('b1:a', 'Pair on every deploy')]),
        retro('Sprint 2', '2030-01-18T16:00:00Z', [action('b2:a', 'A staging cluster of our own')], '2030-01-21'),
      ],
    });
    expect(parseCsv(csv).map((row) => row.slice(0, 2))).toEqual([
      ['retro', 'retro date'],
      ['Sprint 1', '2030-01-06'],
      ['Sprint 2', '2030-01-21'],
    ]);
  });
});
