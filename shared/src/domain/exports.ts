import { notesKey } from '../protocol/events.js';
import { cardRowVotes, exportItems, itemWords, itemsAsShown, shownInColumn } from './exportItems.js';
import { csvCell } from './exportText.js';
import { facilitatorsInOrder, type PublicBoardView } from './visibility.js';
import type { TeamHistory } from './team.js';
import { retroDay } from './startSmall.js';

/**
 * EX-2/EX-3: CSV and JSON exports of a closed retro. Like the Markdown export they are built from the
 * public view alone, so they carry no author, no voter, and no individual pulse or consensus answer.
 */
export function renderCsv(view: PublicBoardView): string {
  const columns = new Map(view.columns.map((c) => [c.id, c.title]));
  const columnOf = (id: string) => columns.get(id) ?? id;
  const votes = (n: number | null) => (n === null ? '' : String(n));
  const retro = retroCells(view);
  const rows: string[][] = [['column', 'card', 'group', 'votes', ...RETRO_HEADS]];
  for (const item of itemsAsShown(view)) {
    const group = item.group ? item.group.title || 'untitled group' : '';
    // EX-5: a group's votes are on one row of its own, just above its cards, not repeated on each of them.
    if (item.group) rows.push([columnOf(shownInColumn(item)), '', group, votes(item.votes), ...retro]);
    for (const card of item.cards) rows.push([columnOf(card.columnId), card.text, group, votes(cardRowVotes(view, card)), ...retro]);
  }
  return toCsv(rows);
}

export function renderActionsCsv(view: PublicBoardView, notes: Record<string, string>): string {
  const retro = retroCells(view);
  const rows: string[][] = [['action', 'kind', 'owners', 'asked of', 'due', 'done', 'consensus average', 'doubts flagged', 'from item', ...RETRO_HEADS]];
  // EX-2: the item each action was planned on, named as the Markdown export's "from:" line names it (its group's
  // title, else its cards' words); a spreadsheet of actions could not tell which conversation one came from
  const items = new Map(exportItems(view).map((item) => [item.id, itemWords(item)]));
  for (const action of view.actions) {
    const d = action.consensus?.distribution;
    rows.push([
      (notes[notesKey.action(action.id)] ?? '').trim(),
      action.kind,
      action.owners.join('; '),
      action.kind === 'ask' ? (action.askOf ?? '') : '',
      action.dueDate ?? '',
      action.done ? 'yes' : '',
      d ? String(d.average) : '',
      action.consensus?.flagged ? 'yes' : '',
      items.get(action.itemId) ?? '',
      ...retro,
    ]);
  }
  return toCsv(rows);
}

/**
 * TM-14: every action of a team's retros, one row each, oldest retro first, with its status as the team page reads it
 * (TM-3: its latest review; open until then or while carried forward). Built from the team history, which holds each
 * retro's public view and notes only (TM-1): names are the promises' own, as the page shows them.
 */
export function renderTeamActionsCsv(history: TeamHistory): string {
  const rows: string[][] = [['retro', 'retro date', 'action', 'kind', 'owners', 'asked of', 'due', 'status', 'overdue', 'carried forward', 'what got in the way']];
  for (const retro of history.retros) {
    for (const action of retro.actions) {
      rows.push([
        retro.name,
        // EX-12: the day it was held, else the day it was made (the page's, `retroDay`)
        retro.heldOn ?? retro.createdOn,
        action.text,
        action.kind,
        action.owners.join('; '),
        action.kind === 'ask' ? (action.askOf ?? '') : '',
        action.dueDate ?? '',
        action.status,
        action.overdue ? 'yes' : '',
        action.carried ? String(action.carried) : '',
        action.reason ?? '',
      ]);
    }
  }
  return toCsv(rows);
}

/**
 * EX-12: the retro a row belongs to, the day it was held (ISO, for a spreadsheet to sort and read as a date; the day
 * its board was made where that is not known, as the team's CSV has it: `retroDay`) and who
 * facilitated, last on every row, as TM-14's team CSV starts each row with its retro: rows pasted together from several
 * retros still say where each came from, and the table stays one table.
 */
const RETRO_HEADS = ['retro', 'retro date', 'facilitated by'];
function retroCells(view: PublicBoardView): string[] {
  return [view.name, retroDay(view)?.day ?? '', facilitatorsInOrder(view).join(', then ')];
}

/** RFC 4180: every cell quoted and defused (EX-2), rows end in CRLF. */
function toCsv(rows: string[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface RetroExport {
  format: 'candor.retro/1';
  exportedAt: string;
  /** EX-12: who facilitated, by name, in order (`facilitatorsInOrder`); the day held is `board.heldOn`, the day made `board.createdOn` */
  facilitators: string[];
  /** EX-3: people by name only: no handle, in `people` or in a hand still raised at Close */
  board: Omit<PublicBoardView, 'participants' | 'facilitator' | 'raisedHands'> & { people: string[]; raisedHands: { name: string }[] };
  notes: Record<string, string>;
}

export function renderJson(view: PublicBoardView, notes: Record<string, string>, exportedAt: Date): RetroExport {
  const { participants, facilitator: _facilitator, ...board } = view;
  return {
    format: 'candor.retro/1',
    exportedAt: exportedAt.toISOString(),
    facilitators: facilitatorsInOrder(view),
    board: { ...board, people: participants.map((p) => p.name), raisedHands: board.raisedHands.map(({ name }) => ({ name })) },
    notes: notesOnTheBoard(view, notes),
  };
}

/**
 * EX-3: the notes the other exports list: those of the items on the board and of the items the room discussed (the
 * Markdown keeps a discussed item hidden since, MO-3, as "(removed)" with the room's notes), and those of the actions
 * on the board. The notes document keeps every note it ever had, a deleted action's words among them: those are in
 * no view, so in no export.
 */
function notesOnTheBoard(view: PublicBoardView, notes: Record<string, string>): Record<string, string> {
  const keys = new Set([
    ...view.cards.map((c) => notesKey.item(c.id)),
    ...view.groups.map((g) => notesKey.item(g.id)),
    ...view.discussedItemIds.map((id) => notesKey.item(id)),
    ...view.actions.map((a) => notesKey.action(a.id)),
  ]);
  return Object.fromEntries(Object.entries(notes).filter(([key]) => keys.has(key)));
}
