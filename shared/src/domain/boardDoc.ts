import * as Y from 'yjs';
import type { PublicBoardView, PublicCard, PublicParticipant } from './visibility.js';

/**
 * The board document is the public view laid out in Yjs. Only the server writes it (projectBoardDoc);
 * clients only read it (readBoardDoc). Cards and people live in maps of their own, so an edit or someone
 * joining sends one entry, not the whole list: with 500 people, presence would otherwise dominate.
 */
const ROOT = 'board';
const CARDS = 'cards';
const PEOPLE = 'people';
type Scalars = Omit<PublicBoardView, 'cards' | 'participants'>;
const SCALAR_KEYS: (keyof Scalars)[] = [
  'id',
  'name',
  'templateId',
  'teamId',
  'hasReview',
  'columns',
  'settings',
  'phase',
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
  'locked',
  'access',
  'progress',
  'removed',
  'hiddenCards',
  'minOthersToShow',
  'groupingFacilitatorOnly',
  'discussOrder',
  'doneItemIds',
  'raisedHands',
  'reactionsOn',
  'reactions',
  'offers',
  'trustLens',
  'lens',
];

type CardBody = Omit<PublicCard, 'id'>;
type PersonBody = Omit<PublicParticipant, 'handle'>;

/** Writes the differences between the document and `view` in one transaction. */
export function projectBoardDoc(doc: Y.Doc, view: PublicBoardView): void {
  const root = doc.getMap<unknown>(ROOT);
  doc.transact(() => {
    for (const key of SCALAR_KEYS) {
      const next = view[key];
      if (!sameJson(root.get(key), next)) root.set(key, next as never);
    }
    // Inserted in reveal order, so even the order of the bytes follows the shuffle, not the writing.
    syncMap(
      childMap<CardBody>(root, CARDS),
      view.cards.map((c) => [c.id, { columnId: c.columnId, text: c.text, groupId: c.groupId, edited: c.edited, signedBy: c.signedBy }]),
      (a, b) => a.columnId === b.columnId && a.text === b.text && a.groupId === b.groupId && a.edited === b.edited && a.signedBy === b.signedBy,
    );
    const order = view.cards.map((c) => c.id);
    if (!sameJson(root.get('order'), order)) root.set('order', order);
    syncMap(
      childMap<PersonBody>(root, PEOPLE),
      view.participants.map((p) => [p.handle, { name: p.name, online: p.online, facilitator: p.facilitator, done: p.done }]),
      (a, b) => a.name === b.name && a.online === b.online && a.facilitator === b.facilitator && a.done === b.done,
    );
  });
}

/** Reads the public view back; null until the server's first sync has arrived. */
export function readBoardDoc(doc: Y.Doc): PublicBoardView | null {
  const root = doc.getMap<unknown>(ROOT);
  if (!root.has('id')) return null;
  const cards = root.get(CARDS) as Y.Map<CardBody> | undefined;
  const people = root.get(PEOPLE) as Y.Map<PersonBody> | undefined;
  const order = (root.get('order') as string[] | undefined) ?? [];
  const view = Object.fromEntries(SCALAR_KEYS.map((k) => [k, root.get(k)])) as Scalars;
  return {
    ...view,
    participants: [...(people?.entries() ?? [])].map(([handle, body]) => ({ handle, ...body })).sort(byPresenceOrder),
    cards: order.flatMap((id) => {
      const body = cards?.get(id);
      return body ? [{ id, ...body }] : [];
    }),
  };
}

/** The order the public view lists people in (AN-1): by name, online first, then by handle. */
export function byPresenceOrder(a: PublicParticipant, b: PublicParticipant): number {
  return a.name.localeCompare(b.name) || Number(b.online) - Number(a.online) || (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0);
}

function childMap<T>(root: Y.Map<unknown>, key: string): Y.Map<T> {
  let map = root.get(key) as Y.Map<T> | undefined;
  if (!(map instanceof Y.Map)) {
    map = new Y.Map<T>();
    root.set(key, map);
  }
  return map;
}

/** Makes `map` hold exactly `entries`, setting only what changed, in the order given. */
function syncMap<T>(map: Y.Map<T>, entries: [string, T][], same: (a: T, b: T) => boolean): void {
  const present = new Set<string>();
  for (const [key, value] of entries) {
    present.add(key);
    const current = map.get(key);
    if (current === undefined || !same(current, value)) map.set(key, value);
  }
  for (const key of [...map.keys()]) if (!present.has(key)) map.delete(key);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
