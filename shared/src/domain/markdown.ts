import type { PublicBoardView } from './visibility.js';
import { notesKey } from '../protocol/events.js';

/**
 * EX-1: the Markdown summary of a retro. It is rendered from the public view alone (plus the shared notes),
 * so it can carry nothing the room could not already see: no author, no voter.
 */
export function renderMarkdown(view: PublicBoardView, notes: Record<string, string>, exportedAt: Date): string {
  const lines: string[] = [];
  const cardsById = new Map(view.cards.map((c) => [c.id, c]));
  const groupsById = new Map(view.groups.map((g) => [g.id, g]));
  const itemTitle = (itemId: string): string => {
    const group = groupsById.get(itemId);
    if (group) return group.title || group.cardIds.map((id) => cardsById.get(id)?.text ?? '').join(' / ');
    return cardsById.get(itemId)?.text ?? '(removed)';
  };
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

  lines.push(`# ${oneLine(view.name)}`, '');
  lines.push(`Exported ${exportedAt.toISOString().slice(0, 10)} · ${view.participants.length} people · ${view.cardCount} cards`, '');

  if (view.review.length > 0) {
    lines.push('## Promises from earlier retros', '');
    for (const item of view.review) {
      const mark = item.status === 'done' ? 'x' : ' ';
      const status =
        item.status === null ? 'not reviewed' : item.status === 'not-done' ? `not done${item.carry ? ', carried forward' : ''}` : item.status;
      const reason = item.reason ? ` — what got in the way: ${oneLine(item.reason)}` : '';
      lines.push(`- [${mark}] ${oneLine(item.text) || '(no text)'} — ${item.owners.join(', ') || 'nobody'} · ${status}${reason}`);
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
    const text = oneLine(notes[notesKey.action(action.id)] ?? '') || '(no text)';
    const owners = action.owners.length ? action.owners.join(', ') : action.kind === 'ask' && action.askOf ? `ask of ${oneLine(action.askOf)}` : 'nobody yet';
    const due = action.dueDate ? ` · due ${action.dueDate}` : '';
    lines.push(`- [ ] ${text} — ${owners}${due}`, `  - from: ${oneLine(itemTitle(action.itemId))}`);
    const c = action.consensus;
    if (c?.distribution) {
      lines.push(`  - consensus (fist of five, 0–5): ${c.distribution.counts.join(' / ')}${c.flagged ? ' — someone had doubts' : ''}`);
    }
  }
  lines.push('');

  lines.push('## Discussed', '');
  const ranking = view.ranking ?? view.discussedItemIds;
  const discussed = ranking.filter((id) => view.discussedItemIds.includes(id));
  if (discussed.length === 0) lines.push('_Nothing was discussed._', '');
  for (const itemId of discussed) {
    const votes = view.tallies?.[itemId];
    lines.push(`### ${oneLine(itemTitle(itemId))}${votes === undefined ? '' : ` (${votes} ${votes === 1 ? 'vote' : 'votes'})`}`, '');
    const note = (notes[notesKey.item(itemId)] ?? '').trim();
    lines.push(note ? note : '_No notes._', '');
  }

  lines.push('## All cards', '');
  for (const column of view.columns) {
    lines.push(`### ${column.title}`, '');
    const inColumn = view.cards.filter((c) => c.columnId === column.id);
    if (inColumn.length === 0) lines.push('_No cards._');
    for (const card of inColumn) {
      const group = card.groupId ? groupsById.get(card.groupId) : undefined;
      const votes = view.tallies?.[card.groupId ?? card.id];
      const tags = [group ? `group: ${oneLine(group.title || 'untitled')}` : '', votes !== undefined && !group ? `${votes} ${votes === 1 ? 'vote' : 'votes'}` : '']
        .filter(Boolean)
        .join(', ');
      lines.push(`- ${oneLine(card.text)}${tags ? ` _(${tags})_` : ''}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
