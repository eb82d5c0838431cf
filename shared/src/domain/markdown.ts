import type { PublicBoardView } from './visibility.js';
import { notesKey } from '../protocol/events.js';
import { cardRowVotes, exportItems, votesLabel } from './exportItems.js';
import { markdownQuote, markdownText as md } from './exportText.js';

/**
 * EX-1: the Markdown summary of a retro. It is rendered from the public view alone (plus the shared notes),
 * so it can carry nothing the room could not already see: no author, no voter. Every field people typed goes
 * through `markdownText` / `markdownQuote` (EX-4), so what they wrote stays text; votes come from
 * `exportItems` (EX-5), once per item.
 */
export function renderMarkdown(view: PublicBoardView, notes: Record<string, string>, exportedAt: Date): string {
  const lines: string[] = [];
  const items = exportItems(view);
  const itemsById = new Map(items.map((item) => [item.id, item]));
  const itemTitle = (itemId: string): string => {
    const item = itemsById.get(itemId);
    if (!item) return '(removed)';
    return md(item.group?.title || item.cards.map((c) => c.text).join(' / '));
  };
  const names = (list: string[]) => list.map(md).join(', ');

  lines.push(`# ${md(view.name) || 'Retro'}`, '');
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  lines.push(`Exported ${exportedAt.toISOString().slice(0, 10)} · ${count(view.participants.length, 'person', 'people')} · ${count(view.cardCount, 'card', 'cards')}`, '');

  if (view.review.length > 0) {
    lines.push('## Promises from earlier retros', '');
    for (const item of view.review) {
      const mark = item.status === 'done' ? 'x' : ' ';
      const status =
        item.status === null ? 'not reviewed' : item.status === 'not-done' ? `not done${item.carry ? ', carried forward' : ''}` : item.status;
      const reason = item.reason ? ` — what got in the way: ${md(item.reason)}` : '';
      lines.push(`- [${mark}] ${md(item.text) || '(no text)'} — ${names(item.owners) || 'nobody'} · ${status}${reason}`);
    }
    lines.push('');
  }
  if (view.pulse.distribution) {
    const d = view.pulse.distribution;
    lines.push('## Pulse', '', `How safe it felt to say "I don't know": average ${d.average} from ${d.total} anonymous answers (1–5: ${d.counts.join(' / ')}).`, '');
  } else if (view.pulse.notEnough) {
    lines.push('## Pulse', '', 'Not enough answers to show without identifying anyone.', '');
  }

  lines.push('## Actions', '');
  if (view.actions.length === 0) lines.push('_No actions were agreed._', '');
  for (const action of view.actions) {
    const text = md(notes[notesKey.action(action.id)] ?? '') || '(no text)';
    const owners = action.owners.length ? names(action.owners) : action.kind === 'ask' && action.askOf ? `ask of ${md(action.askOf)}` : 'nobody yet';
    const due = action.dueDate ? ` · due ${action.dueDate}` : '';
    // AC-6: an action the room ticked done is ticked here too
    lines.push(`- [${action.done ? 'x' : ' '}] ${text} — ${owners}${due}`, `  - from: ${itemTitle(action.itemId)}`);
    const c = action.consensus;
    if (c?.distribution) {
      lines.push(`  - consensus (fist of five, 0–5): ${c.distribution.counts.join(' / ')}${c.flagged ? ' — someone had doubts' : ''}`);
    }
  }
  lines.push('');

  lines.push('## Discussed', '');
  // in the order the room discussed them, as the summary page lists them (not by votes: the facilitator may have
  // taken a later item first, and the notes read as the conversation went)
  const discussed = view.discussedItemIds;
  if (discussed.length === 0) lines.push('_Nothing was discussed._', '');
  for (const itemId of discussed) {
    const votes = itemsById.get(itemId)?.votes;
    lines.push(`### ${itemTitle(itemId)}${votes == null ? '' : ` (${votesLabel(votes)})`}`, '');
    const note = notes[notesKey.item(itemId)] ?? '';
    lines.push(note.trim() ? markdownQuote(note) : '_No notes._', '');
  }

  lines.push('## All cards', '');
  for (const column of view.columns) {
    lines.push(`### ${md(column.title) || '(untitled column)'}`, '');
    const inColumn = view.cards.filter((c) => c.columnId === column.id);
    if (inColumn.length === 0) lines.push('_No cards._');
    for (const card of inColumn) {
      const group = card.groupId ? itemsById.get(card.groupId)?.group : null;
      const votes = cardRowVotes(view, card);
      const tag = group ? `group: ${md(group.title) || 'untitled'}` : votes === null ? '' : votesLabel(votes);
      lines.push(`- ${md(card.text)}${tag ? ` _(${tag})_` : ''}`);
    }
    lines.push('');
  }
  const groups = items.filter((item) => item.group);
  if (groups.length > 0) {
    // EX-5: a group's votes are its own, said once here rather than on each of its cards.
    lines.push('### Groups', '');
    for (const item of groups) {
      const votes = item.votes === null ? '' : ` _(${votesLabel(item.votes)})_`;
      lines.push(`- ${md(item.group!.title) || 'untitled'}: ${item.cards.length} cards${votes}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
