import { useWords } from '../i18n/useWords.js';
import type { Item } from './items.js';

/** An item's words, read-only: the card text, or a group's title and its cards. */
export function ItemContent({ item }: { item: Item | undefined }) {
  const { t } = useWords();
  if (!item) return <p className="empty">{t('items.gone')}</p>;
  if (item.kind === 'card') return <p className="item-text">{item.card.text}</p>;
  return (
    <div className="item-group">
      <p className="item-title">{item.group.title || t('reveal.untitledGroup')}</p>
      <ul className="item-cards">
        {item.cards.map((c) => (
          <li key={c.id}>{c.text}</li>
        ))}
      </ul>
    </div>
  );
}
