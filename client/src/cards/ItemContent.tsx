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

/** UI-24: an item in one line, for the items not being discussed: the card's words, or a group's title and size. */
export function ItemLine({ item, title }: { item: Item | undefined; title?: string }) {
  const { t } = useWords();
  if (!item) return <p className="empty item-line">{t('items.gone')}</p>;
  if (item.kind === 'card') return <p className="item-text item-line">{item.card.text}</p>;
  return (
    <p className="item-title item-line">
      {title || item.group.title || t('reveal.untitledGroup')} <span className="hint">{t('discuss.cardsInGroup', { count: item.cards.length })}</span>
    </p>
  );
}
