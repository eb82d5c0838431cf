import { useState, type FormEvent } from 'react';
import { useWords } from '../i18n/useWords.js';
import { LIMITS } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';
import { focusWithCaretAtEnd } from '../a11y/caretAtEnd.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';

/** NA-2: the retro's name; the facilitator renames it in place, everyone sees the new name at once. */
export function BoardTitle({ name, canRename }: { name: string; canRename: boolean }) {
  const { t } = useWords();
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const paste = usePasteThatFits();

  if (!editing) {
    return (
      <span className="title-line">
        <h1 title={name}>{name}</h1>
        {canRename && (
          <button
            type="button"
            className="link small"
            onClick={() => {
              setDraft(name);
              setEditing(true);
            }}
          >
            {t('facilitation.name.rename')}
          </button>
        )}
      </span>
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next = draft.trim();
    if (next && next !== name) session.send({ type: 'board.rename', name: next });
    setEditing(false);
  }

  return (
    <form className="title-line" onSubmit={onSubmit}>
      <label className="visually-hidden" htmlFor="retro-name">
        {t('facilitation.name.label')}
      </label>
      <input id="retro-name" ref={focusWithCaretAtEnd} value={draft} maxLength={LIMITS.boardName} {...paste.field} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit" className="small primary" disabled={!draft.trim()}>
        {t('facilitation.name.save')}
      </button>
      <button type="button" className="small" onClick={() => setEditing(false)}>
        {t('facilitation.name.cancel')}
      </button>
      {paste.refusal}
    </form>
  );
}
