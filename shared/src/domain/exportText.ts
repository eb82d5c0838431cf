/**
 * EX-4/EX-2: what people typed, made safe to put into an export. Every field of an export is untrusted: card
 * text, notes, names, titles. In Markdown it must stay text — no tag, link, heading or list item of its own —
 * and in a spreadsheet it must stay a value, never a formula.
 */

/** Schemes that run code when a viewer follows or autolinks them; such URLs are dropped from exports. */
const SCRIPT_URL = /\b(?:java|vb)\s*script\s*:\S*/gi;

/** Markdown punctuation that can start inline syntax anywhere in a line (CommonMark lets any be escaped). */
const INLINE_SYNTAX = /[\\`*_[\]|~]/g;
/** What can open a block (heading, quote, list, rule, setext line) when it starts a line or a list item. */
const BLOCK_START = /^(\d*)([#>+\-=.)])/;

/** A field as Markdown text on one line: folded, script URLs dropped, HTML and Markdown syntax escaped. */
export function markdownText(value: string): string {
  const folded = value.replace(/\s+/g, ' ').trim();
  return escapeMarkdown(folded.replace(SCRIPT_URL, '(link removed)'));
}

/** A multi-line field (a note) as a Markdown quoted block: each line escaped on its own, every line quoted. */
export function markdownQuote(value: string): string {
  return value
    .trim()
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => {
      const text = markdownText(line);
      return text ? `> ${text}` : '>';
    })
    .join('\n');
}

function escapeMarkdown(text: string): string {
  return text
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;') // an entity would be decoded into a tag-looking character
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INLINE_SYNTAX, (ch) => `\\${ch}`)
    .replace(BLOCK_START, (_all, digits: string, mark: string) => `${digits}\\${mark}`);
}

/** EX-2: a cell that starts (after any blank) with one of these is run as a formula by some spreadsheet. */
const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r\n]/;

/**
 * EX-2: one CSV cell, always quoted (so a `;` locale reading a `,` file cannot split it into a formula), and
 * defused with a leading `'` when it could start a formula.
 */
export function csvCell(value: string): string {
  const defused = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${defused.replace(/"/g, '""')}"`;
}
