import type { Item } from './items.js';

/** An item's words, read-only: the card text, or a group's title and its cards. */
export function ItemContent({ item }: { item: Item | undefined }) {
  if (!item) return <p className="empty">This item is no longer on the board.</p>;
  if (item.kind === 'card') return <p className="item-text">{item.card.text}</p>;
  return (
    <div className="item-group">
      <p className="item-title">{item.group.title || 'Untitled group'}</p>
      <ul className="item-cards">
        {item.cards.map((c) => (
          <li key={c.id}>{c.text}</li>
        ))}
      </ul>
    </div>
  );
}
