import type { PublicBoardView, PublicCard, PublicGroup } from './visibility.js';
import { titleFromWords } from './facilitation.js';
import { LIMITS } from './limits.js';

/**
 * EX-5: the one place every export reads votes from. An item (a group, or a card standing alone) has its
 * votes once: a grouped card has none of its own — its group has them — so adding up any export's vote
 * column gives exactly the votes cast. Votes are null until tallies are shown (VO-4).
 */
export interface ExportItem {
  id: string;
  group: PublicGroup | null;
  cards: PublicCard[];
  votes: number | null;
}

/** An item's words as the exports name it: its group's title, else its cards' words. */
export function itemWords(item: ExportItem): string {
  return item.group?.title || item.cards.map((c) => c.text).join(' / ');
}

/** Every item once, in reveal order (a group at its first card). */
export function exportItems(view: PublicBoardView): ExportItem[] {
  const groups = new Map(view.groups.map((g) => [g.id, g]));
  const items = new Map<string, ExportItem>();
  for (const card of view.cards) {
    const id = card.groupId ?? card.id;
    let item = items.get(id);
    if (!item) {
      item = { id, group: card.groupId ? (groups.get(card.groupId) ?? null) : null, cards: [], votes: view.tallies ? (view.tallies[id] ?? 0) : null };
      items.set(id, item);
    }
    item.cards.push(card);
  }
  // EX-7: an export is read away from the board, where a title cut off mid-thought reads as a mistake
  for (const item of items.values()) if (item.group) item.group = { ...item.group, title: wholeGroupTitle(item.group.title, item.cards) };
  return [...items.values()];
}

/**
 * EX-6: the items in the order the room saw them: column by column as on the board, and within a column in the
 * discussion order (the facilitator's, else by votes, else as revealed). A group sits where the board shows it (GR-9:
 * the column of the card it was dropped onto); each of its cards keeps its own column on its own row.
 */
export function itemsAsShown(view: PublicBoardView): ExportItem[] {
  const items = exportItems(view);
  const discussed = view.discussOrder ?? view.ranking ?? items.map((item) => item.id);
  const place = new Map(discussed.map((id, i) => [id, i]));
  const columnPlace = new Map(view.columns.map((c, i) => [c.id, i]));
  const key = (item: (typeof items)[number], i: number) => [columnPlace.get(shownInColumn(item)) ?? view.columns.length, place.get(item.id) ?? discussed.length + i];
  return items
    .map((item, i) => ({ item, key: key(item, i) }))
    .sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]!)
    .map(({ item }) => item);
}

/** GR-9: the column the board shows an item in: a group's own (its first card's was often another), a card's own. */
export function shownInColumn(item: ExportItem): string {
  return item.group?.columnId ?? item.cards[0]!.columnId;
}

/**
 * EX-6 (SM-2): every card in the cards CSV's order — column by column, within a column in the discussion order, a
 * group's cards together — for the Markdown export's "All cards" to list them as the CSV does.
 */
export function cardsAsShown(view: PublicBoardView): PublicCard[] {
  return itemsAsShown(view).flatMap((item) => item.cards);
}

/** EX-7: the view with each group titled as the exports title it, for the closed summary to read as they do. */
export function withWholeGroupTitles<V extends Pick<PublicBoardView, 'groups' | 'cards'>>(view: V): V {
  return { ...view, groups: view.groups.map((g) => ({ ...g, title: wholeGroupTitle(g.title, view.cards.filter((c) => c.groupId === g.id)) })) };
}

/**
 * EX-7: a group title still the one made from a card's first words (GR-6, ending in `…`) is that card's whole
 * text, on one line; a card longer than a title may be is cut after its last whole word that fits, then `…`.
 * A title anyone wrote stays as it is.
 */
export function wholeGroupTitle(title: string, cards: readonly Pick<PublicCard, 'text'>[]): string {
  if (!title.endsWith('…')) return title;
  const source = cards.find((card) => titleFromWords(card.text) === title);
  if (!source) return title;
  const whole = source.text.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim().split(/\s+/).join(' ');
  if (whole.length <= LIMITS.groupTitle) return whole;
  const room = whole.slice(0, LIMITS.groupTitle); // with the `…` in place of the space that ends the last whole word
  const end = room.lastIndexOf(' ');
  return end > 0 ? `${room.slice(0, end)}…` : title;
}

/**
 * AC-9 WF-6: the items a summary lists as talked about: those opened in Discuss, in the order they were. A room that
 * opened none talked in Act, where every item opens with its notes and its offers of help: then the items someone
 * wrote notes on (`noted` says whether an item's notes hold words) or offered help on (OF-7), in the order Act
 * listed them.
 */
export function talkedAboutItemIds(view: PublicBoardView, noted: (itemId: string) => boolean): string[] {
  if (view.discussedItemIds.length > 0) return view.discussedItemIds;
  const offeredOn = new Set(view.offers.map((o) => o.itemId));
  return (view.discussOrder ?? view.ranking ?? exportItems(view).map((item) => item.id)).filter((itemId) => noted(itemId) || offeredOn.has(itemId));
}

/** The votes a card's own row carries: its item's when it stands alone, none when its group carries them. */
export function cardRowVotes(view: PublicBoardView, card: PublicCard): number | null {
  if (!view.tallies || card.groupId) return null;
  return view.tallies[card.id] ?? 0;
}
