import type { ReviewStatus } from './board.js';
import type { TrustPart } from './trustLens.js';

/**
 * EX-10: the languages the Markdown summary is written in — the page's, as the browser that downloads or mails it asks
 * (`lang`); anything else is English. What people typed (cards, notes, names, column titles) is never translated.
 */
export const EXPORT_LANGUAGES = ['en', 'de'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export function exportLanguage(value: unknown): ExportLanguage {
  return EXPORT_LANGUAGES.find((lang) => lang === value) ?? 'en';
}

/** a count with its noun, singular for exactly one */
const counted = (one: string, many: string) => (n: number) => `${n} ${n === 1 ? one : many}`;
/** WH-3: German writes a decimal with a comma ("3,75"), as the page's charts show it; an average has at most two decimals */
const deDecimal = (n: number) => String(n).replace('.', ',');

export interface ExportWords {
  mailSubject: (retro: string) => string;
  untitledRetro: string;
  exported: (date: string, people: number, cards: number) => string;
  /** EX-12: the day the retro was held, written long in the language ("November 14, 2023", "14. November 2023") */
  heldOn: (date: string) => string;
  /** EX-12: the day the board was made, said where the day held is not known (`retroDay`) */
  createdOn: (date: string) => string;
  /** EX-12: who facilitated, in order ("Fran, then Alice") */
  facilitatedBy: (names: string[]) => string;
  promises: string;
  status: Record<ReviewStatus | 'unmarked', string>;
  carried: string;
  /** RE-11: a promise's line under it, as Review says it: the retro that made it… */
  madeIn: (retro: string) => string;
  /** …and how many earlier Reviews carried it forward */
  carriedBefore: (times: number) => string;
  inTheWay: string;
  noText: string;
  nobody: string;
  pulse: string;
  /** `counts`: each value with how many gave it ("1: 0 · 2: 1 · …", `perValue`) */
  pulseLine: (average: number, total: number, counts: string) => string;
  pulseHidden: string;
  /** GP-5: "was this retro worth the time?" */
  roti: string;
  rotiLine: (average: number, total: number, counts: string) => string;
  actions: string;
  noActions: string;
  askOf: (whom: string) => string;
  nobodyYet: string;
  due: string;
  from: string;
  removed: string;
  /** CO-3 WE-3: a revealed fist of five, its average, answers and each value's count (`perValue`) */
  consensusLine: (average: number, total: number, counts: string) => string;
  doubts: string;
  /** TL-4: a discussed item's lens counts, once they may show */
  trustLens: (tappers: number) => string;
  trustParts: Record<TrustPart, string>;
  discussed: string;
  nothingDiscussed: string;
  /** WF-6: no item opened in Discuss, yet actions were planned on items (AC-9) */
  nothingDiscussedActions: string;
  /** AC-9: no item opened in Discuss, but notes written on items in Act (listed after it) */
  nothingDiscussedNotes: string;
  noNotes: string;
  /** OF-7: a discussed item's offers of help, and the mark of one the facilitator made an action (OF-4) */
  offers: string;
  nowAnAction: string;
  allCards: string;
  untitledColumn: string;
  noCards: string;
  group: string;
  untitled: string;
  groups: string;
  cards: (n: number) => string;
  votes: (n: number) => string;
}

export const EXPORT_WORDS: Record<ExportLanguage, ExportWords> = {
  en: {
    mailSubject: (retro) => `Retro summary: ${retro}`,
    untitledRetro: 'Retro',
    exported: (date, people, cards) => `Exported ${date} · ${counted('person', 'people')(people)} · ${counted('card', 'cards')(cards)}`,
    heldOn: (date) => `Held on ${date}`,
    createdOn: (date) => `Created on ${date}`,
    facilitatedBy: (names) => `facilitated by ${names.join(', then ')}`,
    promises: 'Promises from earlier retros',
    status: { unmarked: 'not reviewed', done: 'done', 'not-done': 'not done', dropped: 'dropped' },
    carried: ', carried forward',
    madeIn: (retro) => `from “${retro}”`,
    carriedBefore: (times) => `carried forward ${times === 1 ? 'once' : times === 2 ? 'twice' : `${times} times`} before`,
    inTheWay: 'what got in the way',
    noText: '(no text)',
    nobody: 'nobody',
    pulse: 'Pulse',
    pulseLine: (average, total, counts) => `How safe it felt to say "I don't know": average ${average} from ${total} anonymous answers (1 = not safe, 5 = very safe; ${counts}).`,
    pulseHidden: 'Not enough answers to show without identifying anyone.',
    roti: 'Worth the time?',
    rotiLine: (average, total, counts) => `Was this retro worth the time: average ${average} from ${total} anonymous answers (1 = a waste of time, 5 = well worth it; ${counts}).`,
    actions: 'Actions',
    noActions: 'No actions were agreed.',
    askOf: (whom) => `ask of ${whom}`,
    nobodyYet: 'nobody yet',
    due: 'due',
    from: 'from',
    removed: '(removed)',
    consensusLine: (average, total, counts) => `consensus (fist of five, 0 = block, 5 = fully support): average ${average} from ${counted('answer', 'answers')(total)}; ${counts}`,
    doubts: 'someone had doubts',
    trustLens: (tappers) => `Trust lens (${counted('person', 'people')(tappers)} tagged it)`,
    trustParts: { credibility: 'Credibility', reliability: 'Reliability', empathy: 'Empathy', 'self-interest': 'Apparent self-interest' },
    discussed: 'Discussed',
    nothingDiscussed: 'Nothing was discussed.',
    nothingDiscussedActions: 'No item was opened in Discuss; the actions above were planned on the items they name.',
    nothingDiscussedNotes: 'No item was opened in Discuss; the room wrote its answer on these items in Act.',
    noNotes: 'No notes.',
    offers: 'Offers of help',
    nowAnAction: 'now an action',
    allCards: 'All cards',
    untitledColumn: '(untitled column)',
    noCards: 'No cards.',
    group: 'group',
    untitled: 'untitled',
    groups: 'Groups',
    cards: counted('card', 'cards'),
    votes: counted('vote', 'votes'),
  },
  de: {
    mailSubject: (retro) => `Zusammenfassung der Retro: ${retro}`,
    untitledRetro: 'Retro',
    exported: (date, people, cards) => `Exportiert am ${date} · ${counted('Person', 'Personen')(people)} · ${counted('Karte', 'Karten')(cards)}`,
    heldOn: (date) => `Abgehalten am ${date}`,
    createdOn: (date) => `Erstellt am ${date}`,
    facilitatedBy: (names) => `moderiert von ${names.join(', dann ')}`,
    promises: 'Versprechen aus früheren Retros',
    status: { unmarked: 'nicht geprüft', done: 'erledigt', 'not-done': 'nicht erledigt', dropped: 'fallen gelassen' },
    carried: ', übernommen',
    madeIn: (retro) => `aus „${retro}“`,
    carriedBefore: (times) => `schon ${times === 1 ? 'einmal' : times === 2 ? 'zweimal' : `${times}-mal`} übernommen`,
    inTheWay: 'was im Weg stand',
    noText: '(kein Text)',
    nobody: 'niemand',
    pulse: 'Puls',
    pulseLine: (average, total, counts) => `Wie sicher es sich anfühlte, „Ich weiß es nicht“ zu sagen: im Schnitt ${deDecimal(average)} aus ${total} anonymen Antworten (1 = nicht sicher, 5 = sehr sicher; ${counts}).`,
    pulseHidden: 'Zu wenige Antworten, um sie zu zeigen, ohne dass sich jemand erkennen ließe.',
    roti: 'Hat es sich gelohnt?',
    rotiLine: (average, total, counts) => `War diese Retro die Zeit wert: im Schnitt ${deDecimal(average)} aus ${total} anonymen Antworten (1 = Zeitverschwendung, 5 = hat sich sehr gelohnt; ${counts}).`,
    actions: 'Maßnahmen',
    noActions: 'Es wurden keine Maßnahmen vereinbart.',
    askOf: (whom) => `Bitte an ${whom}`,
    nobodyYet: 'noch niemand',
    due: 'fällig',
    from: 'aus',
    removed: '(entfernt)',
    consensusLine: (average, total, counts) => `Konsens (Fist of Five, 0 = Veto, 5 = unterstütze voll): im Schnitt ${deDecimal(average)} aus ${counted('Antwort', 'Antworten')(total)}; ${counts}`,
    doubts: 'jemand hatte Zweifel',
    trustLens: (tappers) => `Vertrauenslinse (${counted('Person hat', 'Personen haben')(tappers)} es markiert)`,
    trustParts: { credibility: 'Glaubwürdigkeit', reliability: 'Verlässlichkeit', empathy: 'Empathie', 'self-interest': 'Scheinbares Eigeninteresse' },
    discussed: 'Besprochen',
    nothingDiscussed: 'Es wurde nichts besprochen.',
    nothingDiscussedActions: 'In „Besprechen“ wurde kein Punkt geöffnet; die Maßnahmen oben wurden direkt bei ihren Punkten geplant.',
    nothingDiscussedNotes: 'In „Besprechen“ wurde kein Punkt geöffnet; die Antwort des Raums zu diesen Punkten entstand in „Handeln“.',
    noNotes: 'Keine Notizen.',
    offers: 'Hilfsangebote',
    nowAnAction: 'jetzt eine Maßnahme',
    allCards: 'Alle Karten',
    untitledColumn: '(Spalte ohne Titel)',
    noCards: 'Keine Karten.',
    group: 'Gruppe',
    untitled: 'ohne Titel',
    groups: 'Gruppen',
    cards: counted('Karte', 'Karten'),
    votes: counted('Stimme', 'Stimmen'),
  },
};

/** EX-12: a `YYYY-MM-DD` day written long in the language, as that calendar day wherever the server is */
export function longDay(isoDay: string, language: ExportLanguage): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
}

/**
 * EX-12: "Held on November 14, 2023 · facilitated by Fran, then Alice" (either part alone when the other is unknown), or
 * null; "Created on …" where only the day the board was made is known (`retroDay`)
 */
export function heldLine(day: { day: string; held: boolean } | null, facilitators: string[], language: ExportLanguage): string | null {
  const w = EXPORT_WORDS[language];
  const said = day && (day.held ? w.heldOn : w.createdOn)(longDay(day.day, language));
  const parts = [...(said ? [said] : []), ...(facilitators.length ? [w.facilitatedBy(facilitators)] : [])];
  if (parts.length === 0) return null;
  const line = parts.join(' · ');
  return line[0]!.toUpperCase() + line.slice(1);
}
