import * as Y from 'yjs';
import type { PresenceChange, PublicBoardView, PublicCard, PublicParticipant } from './visibility.js';

/**
 * The board document is the public view laid out in Yjs. Only the server writes it (projectBoardDoc);
 * clients only read it (readBoardDoc). People live in a map of their own, so someone joining sends one
 * entry, not the whole list: with 500 people, presence would otherwise dominate. Cards live in one array in
 * reveal order (RV-2): a reveal inserts every card in one run, which Yjs keeps, encodes and sends as one item
 * rather than one per card (1,500 map entries cost the server more than sending the reveal to 500 people);
 * an edit replaces one entry, a deletion removes one. Each card is its public fields in a fixed order, without
 * their names, as JSON bytes the server encoded when the card was written (RV-7, `CardEntries`): Yjs copies bytes
 * as they are, where it walks every value of a list and writes every string byte by byte.
 */
const ROOT = 'board';
const CARDS = 'cards';
const PEOPLE = 'people';
type Scalars = Omit<PublicBoardView, 'cards' | 'participants'>;
// Every scalar of the public view, in the order they are written (the order sets the bytes sent). A record, not a list:
// a field added to the view and forgotten here is a compile error, where a list left it off the document unseen
// (SM-1's team name reached no browser until it was added here).
const SCALARS: Record<keyof Scalars, true> = {
  id: true,
  name: true,
  templateId: true,
  teamId: true,
  teamName: true,
  hasReview: true,
  columns: true,
  settings: true,
  phase: true,
  facilitator: true,
  facilitatorLog: true,
  heldOn: true,
  createdOn: true,
  review: true,
  pulse: true,
  roti: true,
  cardCount: true,
  groups: true,
  tallies: true,
  ranking: true,
  currentItemId: true,
  discussedItemIds: true,
  timer: true,
  actions: true,
  locked: true,
  access: true,
  progress: true,
  removed: true,
  hiddenCards: true,
  minOthersToShow: true,
  groupingFacilitatorOnly: true,
  discussOrder: true,
  doneItemIds: true,
  leftItemIds: true,
  raisedHands: true,
  reactionsOn: true,
  reactions: true,
  offers: true,
  trustLens: true,
  lens: true,
  checkIn: true,
  walkColumnId: true,
  walkItemId: true,
};
const SCALAR_KEYS = Object.keys(SCALARS) as (keyof Scalars)[];

type PersonBody = Omit<PublicParticipant, 'handle'>;

/**
 * Writes the differences between the document and `view` in one transaction; a card's entry is the one kept in
 * `entries` if the card did not change since it was kept (RV-7).
 */
export function projectBoardDoc(doc: Y.Doc, view: PublicBoardView, entries: CardEntries = new CardEntries()): void {
  const root = doc.getMap<unknown>(ROOT);
  doc.transact(() => {
    for (const key of SCALAR_KEYS) {
      const next = view[key];
      if (!sameJson(root.get(key), next)) root.set(key, next as never);
    }
    syncCards(childOf(root, CARDS, Y.Array<CardEntry>), view.cards, entries);
    syncPeople(childOf(root, PEOPLE, Y.Map<PersonBody>), view.participants);
  });
}

/** the scalars among the presence parts, in the order `projectBoardDoc` writes them */
const PRESENCE_SCALAR_KEYS = SCALAR_KEYS.filter((key): key is 'facilitator' | 'cardCount' | 'progress' => key === 'facilitator' || key === 'cardCount' || key === 'progress');

/**
 * Writes what a change of presence alone changed (`presenceChangeOf`) into a document that held the public view
 * before it: the same writes, in the same order, as `projectBoardDoc` of the whole view would make then, so the
 * same bytes go out — without a view of every card and every person at each presence batch of a room rejoining.
 */
export function projectPresence(doc: Y.Doc, change: PresenceChange): void {
  const root = doc.getMap<unknown>(ROOT);
  doc.transact(() => {
    for (const key of PRESENCE_SCALAR_KEYS) {
      const next = change[key];
      if (!sameJson(root.get(key), next)) root.set(key, next as never);
    }
    const people = childOf(root, PEOPLE, Y.Map<PersonBody>);
    for (const p of change.participants) setPerson(people, p);
  });
}

/**
 * Makes `people` hold exactly `participants` (by handle), setting only who changed. Runs at every presence
 * batch of a room of hundreds, so it builds a body only for who changed and makes no list of the map's keys.
 */
function syncPeople(people: Y.Map<PersonBody>, participants: readonly PublicParticipant[]): void {
  const present = new Set<string>();
  for (const p of participants) {
    present.add(p.handle);
    setPerson(people, p);
  }
  const gone: string[] = [];
  people.forEach((_, handle) => {
    if (!present.has(handle)) gone.push(handle);
  });
  for (const handle of gone) people.delete(handle);
}

/** Sets a person's entry if it differs from `p`. */
function setPerson(people: Y.Map<PersonBody>, p: PublicParticipant): void {
  const current = people.get(p.handle);
  if (current === undefined || current.name !== p.name || current.online !== p.online || current.facilitator !== p.facilitator || current.done !== p.done) {
    people.set(p.handle, { name: p.name, online: p.online, facilitator: p.facilitator, done: p.done });
  }
}

/** Reads the public view back; null until the server's first sync has arrived. */
export function readBoardDoc(doc: Y.Doc): PublicBoardView | null {
  const root = doc.getMap<unknown>(ROOT);
  if (!root.has('id')) return null;
  const cards = root.get(CARDS) as Y.Array<CardEntry> | undefined;
  const people = root.get(PEOPLE) as Y.Map<PersonBody> | undefined;
  const view = Object.fromEntries(SCALAR_KEYS.map((k) => [k, root.get(k)])) as Scalars;
  return {
    ...view,
    participants: [...(people?.entries() ?? [])].map(([handle, body]) => ({ handle, ...body })).sort(byPresenceOrder),
    // a card that did not change is the same object from one read to the next (its entry is the document's own)
    cards: cards instanceof Y.Array ? cards.toArray().map(cardOf) : [],
  };
}

/**
 * `a.localeCompare(b, undefined, options)` builds a collator on every call: sorting a room of 500 by it took 17–35
 * ms, a fifth of a reveal's turn on the server, against 1–2 ms with one collator kept.
 */
const NAME_ORDER = new Intl.Collator(undefined, { numeric: true });

/** what a person is listed by: a public view's entry, or the room's own participant (`participantsView`) */
type Listed = Pick<PublicParticipant, 'name' | 'online' | 'handle'>;

/**
 * The order the public view lists people in (AN-1): by name, online first, then by handle. Numbers in names count
 * (WI-1): a room of 'Guest 1' … 'Guest 12' read 'Guest 1, Guest 10, Guest 11, Guest 12, Guest 2'.
 */
export function byPresenceOrder(a: Listed, b: Listed): number {
  return NAME_ORDER.compare(a.name, b.name) || Number(b.online) - Number(a.online) || (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0);
}

/**
 * The shared type of `kind` under `key`, made there first if it is missing (or of another kind). (`any`: Yjs
 * types are invariant in their event type, so no narrower bound admits both a `Y.Map<X>` and a `Y.Array<Y>`.)
 */
function childOf<T extends Y.AbstractType<any>>(root: Y.Map<unknown>, key: string, kind: new () => T): T {
  let child = root.get(key);
  if (!(child instanceof kind)) {
    child = new kind();
    root.set(key, child);
  }
  return child as T;
}

/**
 * Makes `list` hold exactly `cards`, in their order, touching only what changed: a card that went is deleted,
 * a changed card is replaced where it stands, and new cards are inserted at their place, a run of them (the
 * reveal) in one insert. Both lists are in reveal order, which never reorders the cards they share (RV-2), so
 * one walk through both finds every change; should they ever disagree, the list is written again whole.
 */
function syncCards(list: Y.Array<CardEntry>, cards: readonly PublicCard[], entries: CardEntries): void {
  const entryOf = (card: PublicCard) => entries.of(card);
  // the first reveal: nothing to compare with
  if (list.length === 0) {
    if (cards.length > 0) list.insert(0, cards.map(entryOf));
    return;
  }
  const current = list.toArray();
  const wanted = new Set(cards.map((c) => c.id));
  const had = new Set(current.map(idOf));
  const kept = current.filter((c) => wanted.has(idOf(c)));
  const shared = cards.filter((c) => had.has(c.id));
  if (!kept.every((c, k) => idOf(c) === shared[k]!.id)) {
    list.delete(0, list.length);
    list.insert(0, cards.map(entryOf));
    return;
  }
  let at = 0;
  let i = 0;
  let run: CardEntry[] = [];
  const insertRun = () => {
    if (run.length === 0) return;
    list.insert(at, run);
    at += run.length;
    run = [];
  };
  for (const next of cards) {
    if (!had.has(next.id)) {
      run.push(entryOf(next));
      continue;
    }
    insertRun();
    // the cards that went before this one, then this one (the same card: the walk keeps both lists in step)
    while (!wanted.has(idOf(current[i]!))) {
      list.delete(at, 1);
      i++;
    }
    if (!sameCard(current[i]!, next)) {
      list.delete(at, 1);
      list.insert(at, [entryOf(next)]);
    }
    at++;
    i++;
  }
  insertRun();
  if (at < list.length) list.delete(at, list.length - at);
}

/**
 * RV-7: a card as the document holds it: the UTF-8 JSON of its public fields in this order, without their names —
 * `[id, columnId, text, groupId, edited, signedBy]`, the last ones left out while they are null, false, null —
 * alone in a list (a bare `Uint8Array` would be an item of its own in Yjs, and a reveal one item per card).
 */
type CardEntry = readonly [fields: Uint8Array];
type CardFields = [id: string, columnId: string, text: string, groupId?: string | null, edited?: boolean, signedBy?: string | null];

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

function fieldsOf(c: PublicCard): CardFields {
  if (c.signedBy !== null) return [c.id, c.columnId, c.text, c.groupId, c.edited, c.signedBy];
  if (c.edited) return [c.id, c.columnId, c.text, c.groupId, true];
  if (c.groupId !== null) return [c.id, c.columnId, c.text, c.groupId];
  return [c.id, c.columnId, c.text];
}

/**
 * RV-7: the room's cards' entries, each encoded once: when the card is written (`of` as the room stores it, in
 * Write, one card at a time) or changed, so that a reveal inserts 1,500 entries made before it and Yjs copies
 * their bytes, instead of encoding 1,500 cards, value by value and byte by byte, in code only a reveal runs.
 */
export class CardEntries {
  private readonly kept = new Map<string, { entry: CardEntry; card: PublicCard }>();

  /** `card`'s entry: the one kept if it still says what the card says, else a new one, kept from now on */
  of(card: PublicCard): CardEntry {
    const kept = this.kept.get(card.id);
    if (kept !== undefined && samePublicCard(kept.card, card)) return kept.entry;
    const entry: CardEntry = [utf8.encode(JSON.stringify(fieldsOf(card)))];
    // the entry's card is known here: only a client decodes it (`cardOf`)
    cardOfEntry.set(entry, card);
    this.kept.set(card.id, { entry, card });
    return entry;
  }

  /** the card is gone */
  forget(cardId: string): void {
    this.kept.delete(cardId);
  }
}

/** each entry's card, made once: the entry is the document's own object for as long as the card is unchanged */
const cardOfEntry = new WeakMap<CardEntry, PublicCard>();
function cardOf(entry: CardEntry): PublicCard {
  let card = cardOfEntry.get(entry);
  if (!card) {
    const [id, columnId, text, groupId = null, edited = false, signedBy = null] = JSON.parse(fromUtf8.decode(entry[0])) as CardFields;
    card = { id, columnId, text, groupId, edited, signedBy };
    cardOfEntry.set(entry, card);
  }
  return card;
}

const idOf = (entry: CardEntry) => cardOf(entry).id;

const sameCard = (entry: CardEntry, b: PublicCard) => samePublicCard(cardOf(entry), b);

const samePublicCard = (a: PublicCard, b: PublicCard) =>
  a.id === b.id && a.columnId === b.columnId && a.text === b.text && a.groupId === b.groupId && a.edited === b.edited && a.signedBy === b.signedBy;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
