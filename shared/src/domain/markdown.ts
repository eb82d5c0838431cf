import { facilitatorsInOrder, type Distribution, type PublicBoardView } from './visibility.js';
import { notesKey } from '../protocol/events.js';
import { cardRowVotes, cardsAsShown, exportItems, itemWords, talkedAboutItemIds } from './exportItems.js';
import { EXPORT_WORDS, heldLine, type ExportLanguage } from './exportWords.js';
import { markdownQuote, markdownText as md } from './exportText.js';
import { columnTitleIn } from './templateTitles.js';
import { TRUST_PARTS } from './trustLens.js';
import { retroDay } from './startSmall.js';

/**
 * EX-1: the Markdown summary of a retro. It is rendered from the public view alone (plus the shared notes),
 * so it can carry nothing the room could not already see: no author, no voter. Every field people typed goes
 * through `markdownText` / `markdownQuote` (EX-4), so what they wrote stays text; votes come from
 * `exportItems` (EX-5), once per item, and only where there are some (EX-11: no "0 votes"). Its own words are in `language` (EX-10), and so is a
 * column's title while it is still its template's own, as the board shows it (`columnTitleIn`). `peopleAtClose`
 * (SL-3, `BoardState.peopleAtClose`) is the count of people a closed retro gives.
 */
export function renderMarkdown(view: PublicBoardView, notes: Record<string, string>, exportedAt: Date, language: ExportLanguage = 'en', peopleAtClose: number | null = null): string {
  const w = EXPORT_WORDS[language];
  const lines: string[] = [];
  const items = exportItems(view);
  const itemsById = new Map(items.map((item) => [item.id, item]));
  const itemText = (itemId: string): string | null => {
    const item = itemsById.get(itemId);
    return item ? itemWords(item) : null;
  };
  // SM-2: a card's whole text makes a heading of up to 1,000 characters: its first words head it, the rest follows;
  // a group's title (at most 100 characters, EX-7) heads it whole. SW-5: an action's "from:" line names it so too.
  const itemHeading = (itemId: string, text: string | null): string | null =>
    text === null || itemsById.get(itemId)?.group?.title ? text : headingOf(text);
  const itemTitle = (itemId: string): string => {
    const heading = itemHeading(itemId, itemText(itemId));
    return heading === null ? w.removed : md(heading);
  };
  const names = (list: string[]) => list.map(md).join(', ');

  lines.push(`# ${md(view.name) || w.untitledRetro}`, '');
  // EX-12: when it was held and who facilitated, as the summary page heads it (names are what people typed: EX-4)
  const held = heldLine(retroDay(view), facilitatorsInOrder(view).map(md), language);
  if (held) lines.push(held, '');
  // SL-3: a closed retro counts its people as at Close (the list loses those AB-6 forgets later)
  lines.push(w.exported(exportedAt.toISOString().slice(0, 10), peopleAtClose ?? view.participants.length, view.cardCount), '');

  if (view.review.length > 0) {
    lines.push(`## ${w.promises}`, '');
    for (const item of view.review) {
      const mark = item.status === 'done' ? 'x' : ' ';
      const status = w.status[item.status ?? 'unmarked'] + (item.status === 'not-done' && item.carry ? w.carried : '');
      const reason = item.reason ? ` — ${w.inTheWay}: ${md(item.reason)}` : '';
      // AK-4: an ask has no owner in the room; it was asked of someone outside, as Review names them
      const who = names(item.owners) || (item.askOf ? w.askOf(md(item.askOf)) : w.nobody);
      lines.push(`- [${mark}] ${md(item.text) || w.noText} — ${who} · ${status}${reason}`);
      // RE-11: where it was made and how long it has been open, as Review and the summary page say it
      const made = [w.madeIn(md(item.fromRetro)), ...(item.carried ? [w.carriedBefore(item.carried)] : [])];
      lines.push(`  - ${made.join(' · ')}`);
    }
    lines.push('');
  }
  if (view.pulse.distribution) {
    const d = view.pulse.distribution;
    lines.push(`## ${w.pulse}`, '', w.pulseLine(d.average, d.total, perValue(d)), '');
  } else if (view.pulse.notEnough) {
    lines.push(`## ${w.pulse}`, '', w.pulseHidden, '');
  }
  // GP-5: shown only in a closed retro, by the same rule (AN-9); a retro where nobody answered says nothing of it
  if (view.roti.distribution) {
    const d = view.roti.distribution;
    lines.push(`## ${w.roti}`, '', w.rotiLine(d.average, d.total, perValue(d)), '');
  } else if (view.roti.notEnough) {
    lines.push(`## ${w.roti}`, '', w.pulseHidden, '');
  }

  lines.push(`## ${w.actions}`, '');
  if (view.actions.length === 0) lines.push(`_${w.noActions}_`);
  for (const action of view.actions) {
    const text = md(notes[notesKey.action(action.id)] ?? '') || w.noText;
    const owners = action.owners.length ? names(action.owners) : action.kind === 'ask' && action.askOf ? w.askOf(md(action.askOf)) : w.nobodyYet;
    const due = action.dueDate ? ` · ${w.due} ${action.dueDate}` : '';
    // AC-6: an action the room ticked done is ticked here too
    lines.push(`- [${action.done ? 'x' : ' '}] ${text} — ${owners}${due}`, `  - ${w.from}: ${itemTitle(action.itemId)}`);
    const c = action.consensus;
    if (c?.distribution) {
      const d = c.distribution;
      lines.push(`  - ${w.consensusLine(d.average, d.total, perValue(d))}${c.flagged ? ` — ${w.doubts}` : ''}`);
    }
  }
  lines.push('');

  lines.push(`## ${w.discussed}`, '');
  // in the order the room discussed them, as the summary page lists them (not by votes: the facilitator may have
  // taken a later item first, and the notes read as the conversation went)
  // AC-9: a room that opened no item in Discuss lists the items it wrote notes on in Act (or offered help on, OF-7)
  const discussed = talkedAboutItemIds(view, (itemId) => (notes[notesKey.item(itemId)] ?? '').trim() !== '');
  // WF-6: a room that planned actions in Act without opening an item in Discuss (AC-9) did talk about something
  if (view.discussedItemIds.length === 0) {
    lines.push(`_${discussed.length > 0 ? w.nothingDiscussedNotes : view.actions.length > 0 ? w.nothingDiscussedActions : w.nothingDiscussed}_`, '');
  }
  for (const itemId of discussed) {
    const votes = itemsById.get(itemId)?.votes;
    const text = itemText(itemId);
    const heading = itemHeading(itemId, text);
    lines.push(`### ${heading === null ? w.removed : md(heading)}${votes ? ` (${w.votes(votes)})` : ''}`, '');
    if (text !== null && heading !== text) lines.push(md(text), '');
    // TL-4: the lens's counts only where the public view shows them (enough people tagged, AN-9), as the summary page does
    const lens = view.lens.find((l) => l.itemId === itemId);
    if (lens?.counts) lines.push(`${w.trustLens(lens.tappers)}: ${TRUST_PARTS.map((part) => `${w.trustParts[part]} ${lens.counts![part]}`).join(' · ')}`, '');
    const note = notes[notesKey.item(itemId)] ?? '';
    lines.push(note.trim() ? markdownQuote(note) : `_${w.noNotes}_`, '');
    // OF-7: after the room's answer to "What is the right thing to do?", its answers to "How can I help?", by name
    const offers = view.offers.filter((o) => o.itemId === itemId);
    if (offers.length > 0) lines.push(`${w.offers}:`, '', ...offers.map((o) => `- ${md(o.name)}: ${md(o.text)}${o.actionId ? ` _(${w.nowAnAction})_` : ''}`), '');
  }

  lines.push(`## ${w.allCards}`, '');
  const shownCards = cardsAsShown(view);
  for (const column of view.columns) {
    lines.push(`### ${md(columnTitleIn(language, column)) || w.untitledColumn}`, '');
    // EX-6 (SM-2): in the cards CSV's order (the discussion order), not the reveal order
    const inColumn = shownCards.filter((c) => c.columnId === column.id);
    if (inColumn.length === 0) lines.push(`_${w.noCards}_`);
    for (const card of inColumn) {
      const group = card.groupId ? itemsById.get(card.groupId)?.group : null;
      const votes = cardRowVotes(view, card);
      const tag = group ? `${w.group}: ${md(group.title) || w.untitled}` : votes ? w.votes(votes) : '';
      lines.push(`- ${md(card.text)}${tag ? ` _(${tag})_` : ''}`);
    }
    lines.push('');
  }
  const groups = items.filter((item) => item.group);
  if (groups.length > 0) {
    // EX-5: a group's votes are its own, said once here rather than on each of its cards; a section of its own after
    // All cards, as on the closed summary's page (under All cards, a heading like the columns' read as a fourth column)
    lines.push(`## ${w.groups}`, '');
    for (const item of groups) {
      const votes = item.votes ? ` _(${w.votes(item.votes)})_` : '';
      lines.push(`- ${md(item.group!.title) || w.untitled}: ${w.cards(item.cards.length)}${votes}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * WE-3: each value with how many gave it ("1: 0 · 2: 1 · 3: 2"). The bare counts ("0 / 1 / 0 / 0 / 1 / 2") read as
 * that many people's answers, six where four answered.
 */
function perValue(d: Distribution): string {
  return d.counts.map((count, i) => `${d.min + i}: ${count}`).join(' · ');
}

/** SM-2: a heading's most characters; a longer text is cut after its last whole word that fits, then `…`. */
const HEADING_CHARS = 80;

/** SM-2: the text as a heading: whole when it is short, else its words up to about 80 characters, then `…`. */
function headingOf(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  if (folded.length <= HEADING_CHARS) return text;
  // never half of a character written as two UTF-16 units (an emoji)
  const room = folded.slice(0, /[\uDC00-\uDFFF]/.test(folded[HEADING_CHARS] ?? '') ? HEADING_CHARS - 1 : HEADING_CHARS);
  const end = room.lastIndexOf(' ');
  return `${(end > HEADING_CHARS / 2 ? room.slice(0, end) : room).trimEnd()}…`;
}
