import * as Y from 'yjs';
import type { PublicBoardView, PublicCard } from './visibility.js';

/**
 * The board document is the public view laid out in Yjs. Only the server writes it (projectBoardDoc);
 * clients only read it (readBoardDoc). Cards live in their own map so an edit sends one card, not all.
 */
const ROOT = 'board';
const CARDS = 'cards';
type Scalars = Omit<PublicBoardView, 'cards'>;
const SCALAR_KEYS: (keyof Scalars)[] = [
  'id',
  'name',
  'templateId',
  'teamId',
  'hasReview',
  'columns',
  'settings',
  'phase',
  'participants',
  'facilitator',
  'facilitatorLog',
  'review',
  'pulse',
  'cardCount',
  'groups',
  'tallies',
  'ranking',
  'currentItemId',
  'discussedItemIds',
  'timer',
  'actions',
];

type CardBody = Omit<PublicCard, 'id'>;

/** Writes the differences between the document and `view` in one transaction. */
export function projectBoardDoc(doc: Y.Doc, view: PublicBoardView): void {
  const root = doc.getMap<unknown>(ROOT);
  doc.transact(() => {
    for (const key of SCALAR_KEYS) {
      const next = view[key];
      if (!sameJson(root.get(key), next)) root.set(key, next as never);
    }
    let cards = root.get(CARDS) as Y.Map<CardBody> | undefined;
    if (!(cards instanceof Y.Map)) {
      cards = new Y.Map<CardBody>();
      root.set(CARDS, cards);
    }
    const present = new Set<string>();
    // Inserted in reveal order, so even the order of the bytes follows the shuffle, not the writing.
    for (const card of view.cards) {
      present.add(card.id);
      const body: CardBody = { columnId: card.columnId, text: card.text, groupId: card.groupId };
      if (!sameJson(cards.get(card.id), body)) cards.set(card.id, body);
    }
    for (const id of [...cards.keys()]) if (!present.has(id)) cards.delete(id);
    const order = view.cards.map((c) => c.id);
    if (!sameJson(root.get('order'), order)) root.set('order', order);
  });
}

/** Reads the public view back; null until the server's first sync has arrived. */
export function readBoardDoc(doc: Y.Doc): PublicBoardView | null {
  const root = doc.getMap<unknown>(ROOT);
  if (!root.has('id')) return null;
  const cards = root.get(CARDS) as Y.Map<CardBody> | undefined;
  const order = (root.get('order') as string[] | undefined) ?? [];
  const view = Object.fromEntries(SCALAR_KEYS.map((k) => [k, root.get(k)])) as Scalars;
  return {
    ...view,
    cards: order.flatMap((id) => {
      const body = cards?.get(id);
      return body ? [{ id, ...body }] : [];
    }),
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
