import { notesKey } from '../protocol/events.js';
import type { PublicBoardView } from './visibility.js';

/**
 * EX-2/EX-3: CSV and JSON exports of a closed retro. Like the Markdown export they are built from the
 * public view alone, so they carry no author, no voter, and no individual pulse or consensus answer.
 */
export function renderCsv(view: PublicBoardView): string {
  const columns = new Map(view.columns.map((c) => [c.id, c.title]));
  const groups = new Map(view.groups.map((g) => [g.id, g.title]));
  const rows: string[][] = [['column', 'card', 'group', 'votes']];
  for (const card of view.cards) {
    const item = card.groupId ?? card.id;
    rows.push([
      columns.get(card.columnId) ?? card.columnId,
      card.text,
      card.groupId ? groups.get(card.groupId) || 'untitled group' : '',
      view.tallies ? String(view.tallies[item] ?? 0) : '',
    ]);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function renderActionsCsv(view: PublicBoardView, notes: Record<string, string>): string {
  const rows: string[][] = [['action', 'owners', 'due', 'consensus average', 'doubts flagged']];
  for (const action of view.actions) {
    const d = action.consensus?.distribution;
    rows.push([
      (notes[notesKey.action(action.id)] ?? '').trim(),
      action.owners.join('; '),
      action.dueDate ?? '',
      d ? String(d.average) : '',
      action.consensus?.flagged ? 'yes' : '',
    ]);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A cell quoted when needed; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface RetroExport {
  format: 'candor.retro/1';
  exportedAt: string;
  board: Omit<PublicBoardView, 'participants' | 'facilitator'> & { people: string[] };
  notes: Record<string, string>;
}

export function renderJson(view: PublicBoardView, notes: Record<string, string>, exportedAt: Date): RetroExport {
  const { participants, facilitator: _facilitator, ...board } = view;
  return {
    format: 'candor.retro/1',
    exportedAt: exportedAt.toISOString(),
    board: { ...board, people: participants.map((p) => p.name) },
    notes,
  };
}
