import { useTranslation } from 'react-i18next';
import { useState, type FormEvent, type ReactNode } from 'react';
import { LIMITS } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';
import { BlamelessHint } from './BlamelessHint.js';

/** One card as a soft tile. Own cards say "yours" (only to you) and can be edited or deleted while allowed. */
export function CardTile({
  cardId,
  text,
  own,
  editable,
  sending,
  children,
}: {
  cardId: string | null;
  text: string;
  own: boolean;
  editable?: boolean;
  sending?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);

  function onSave(event: FormEvent) {
    event.preventDefault();
    const next = draft.trim();
    if (!cardId || !next) return;
    if (next !== text) session.send({ type: 'card.edit', cardId, text: next });
    setEditing(false);
  }

  return (
    <article className={`card ${own ? 'own' : ''} ${sending ? 'sending' : ''}`}>
      {editing && cardId ? (
        <form className="card-edit" onSubmit={onSave}>
          <label className="field">
            <span className="visually-hidden">{t('card.editLabel')}</span>
            <textarea value={draft} maxLength={LIMITS.cardText} rows={3} onChange={(e) => setDraft(e.target.value)} autoFocus />
          </label>
          <BlamelessHint text={draft} />
          <div className="row">
            <button type="submit" className="primary small" disabled={!draft.trim()}>
              {t('card.save')}
            </button>
            <button type="button" className="small" onClick={() => setEditing(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="card-text">{text}</p>
      )}
      <div className="card-footer">
        {own && <span className="badge yours">{t('card.yours')}</span>}
        {sending && (
          <span className="badge sending" aria-live="polite">
            {t('card.sending')}
          </span>
        )}
        {own && editable && cardId && !editing && (
          <span className="card-actions">
            <button
              type="button"
              className="link small"
              onClick={() => {
                setDraft(text);
                setEditing(true);
              }}
            >
              {t('card.edit')}
            </button>
            <button type="button" className="link small danger" onClick={() => session.send({ type: 'card.delete', cardId })}>
              {t('card.delete')}
            </button>
          </span>
        )}
        {children}
      </div>
    </article>
  );
}
