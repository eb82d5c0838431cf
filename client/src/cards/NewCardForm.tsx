import { useWords } from '../i18n/useWords.js';
import { useRef, type FormEvent } from 'react';
import { LIMITS, type Column } from '@candor/shared';
import { columnTitle } from '../i18n/templates.js';
import { useSession } from '../board/SessionContext.js';
import { useDraft } from './drafts.js';
import { BlamelessHint } from './BlamelessHint.js';
import { CardTextarea } from './CardTextarea.js';
import { useStaysInSight } from '../a11y/staysInSight.js';

export function NewCardForm({ column }: { column: Column }) {
  const { t } = useWords();
  const session = useSession();
  const [draft, setDraft] = useDraft(session.boardId, column.id);
  const inputId = `new-card-${column.id}`;
  const input = useRef<HTMLTextAreaElement>(null);
  // UI-7: the card just sent shows above the box and pushes it down; the box stays in sight
  const inSight = useStaysInSight(input);

  function submit() {
    const text = draft.trim();
    if (!text) return;
    session.send({ type: 'card.add', columnId: column.id, text });
    setDraft('');
    // Ready for the next card, whether it was sent with Enter or with the button.
    input.current?.focus();
    inSight.added();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit();
  }

  return (
    <form className="new-card" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('write.newCardIn', { column: columnTitle(column) })}
      </label>
      <CardTextarea
        id={inputId}
        inputRef={input}
        value={draft}
        onChange={(text) => {
          inSight.typed();
          setDraft(text);
        }}
        onSubmit={submit}
        limit={LIMITS.cardText}
        hint={t('write.enterHint')}
        touchHint={t('write.enterHintTouch')}
        placeholder={t('write.placeholder')}
        describedBy={`${inputId}-nudge`}
      />
      <BlamelessHint text={draft} id={`${inputId}-nudge`} />
      <button type="submit" className="small" aria-label={t('write.addCardTo', { column: columnTitle(column) })} disabled={!draft.trim()}>
        {t('write.addCard')}
      </button>
    </form>
  );
}
