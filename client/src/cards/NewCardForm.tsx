import { useTranslation } from 'react-i18next';
import type { FormEvent, KeyboardEvent } from 'react';
import { LIMITS, type Column } from '@candor/shared';
import { columnTitle } from '../i18n/templates.js';
import { useSession } from '../board/SessionContext.js';
import { useDraft } from './drafts.js';
import { BlamelessHint } from './BlamelessHint.js';

export function NewCardForm({ column }: { column: Column }) {
  const { t } = useTranslation();
  const session = useSession();
  const [draft, setDraft] = useDraft(session.boardId, column.id);
  const inputId = `new-card-${column.id}`;

  function submit() {
    const text = draft.trim();
    if (!text) return;
    session.send({ type: 'card.add', columnId: column.id, text });
    setDraft('');
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Ctrl/Cmd+Enter adds the card; plain Enter is a new line.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form className="new-card" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('write.newCardIn', { column: columnTitle(column) })}
      </label>
      <textarea
        id={inputId}
        value={draft}
        maxLength={LIMITS.cardText}
        rows={3}
        placeholder={t('write.placeholder')}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={`${inputId}-nudge`}
      />
      <BlamelessHint text={draft} id={`${inputId}-nudge`} />
      <button type="submit" className="small" disabled={!draft.trim()}>
        {t('write.addCard')}
      </button>
    </form>
  );
}
