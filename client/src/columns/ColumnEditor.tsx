import { useWords } from '../i18n/useWords.js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { LIMITS, allowedIn, type PublicBoardView } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';

interface DraftColumn {
  /** kept for existing columns, absent for new ones */
  id?: string;
  key: string;
  title: string;
  prompt: string;
}

let nextKey = 0;

/** TE-2: before Write the facilitator shapes the board: rename, add, remove and reorder columns. */
export function ColumnEditor({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const [draft, setDraft] = useState<DraftColumn[] | null>(null);
  // UI-10: opened, focus goes to the column title to change (the first; after "Add column", the new one); closed, back
  // to "Edit columns", as a disclosure does. Left to the focus rescue it fell to the first control of the page's main
  // part, the trust pulse's "1": the next arrow key would answer it.
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const refocusToggle = useRef(false);
  useEffect(() => {
    if (draft || !refocusToggle.current) return;
    refocusToggle.current = false;
    toggle.current?.focus();
  }, [draft]);
  const paste = usePasteThatFits();
  if (!allowedIn('columns.set', board.phase)) return null;
  const close = () => {
    refocusToggle.current = true;
    setDraft(null);
  };

  if (!draft) {
    return (
      <div className="column-editor-toggle">
        <button
          type="button"
          className="small"
          ref={toggle}
          onClick={() => {
            setFocusKey(board.columns[0]?.id ?? null);
            setDraft(board.columns.map((c) => ({ ...c, key: c.id })));
          }}
        >
          {t('columns.editToggle')}
        </button>
      </div>
    );
  }

  const update = (index: number, patch: Partial<DraftColumn>) => setDraft(draft.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const move = (index: number, by: number) => {
    const next = [...draft];
    const [column] = next.splice(index, 1);
    next.splice(index + by, 0, column!);
    setDraft(next);
  };
  const invalid = draft.length === 0 || draft.some((c) => !c.title.trim());

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!draft || invalid) return;
    session.send({
      type: 'columns.set',
      columns: draft.map((c) => ({ ...(c.id ? { id: c.id } : {}), title: c.title.trim(), prompt: c.prompt.trim() })),
    });
    close();
  }

  return (
    <form className="panel column-editor" onSubmit={onSubmit} aria-labelledby="column-editor-title">
      <h2 id="column-editor-title">{t('columns.title')}</h2>
      <p className="hint">{t('columns.hint')}</p>
      <ol className="column-drafts">
        {draft.map((column, index) => (
          <li key={column.key}>
            <fieldset className="column-draft">
              <legend>{t('columns.column', { n: index + 1 })}</legend>
              <div className="column-draft-fields">
                <label className="field">
                  <span>{t('columns.columnTitle')}</span>
                  <input
                    value={column.title}
                    maxLength={LIMITS.columnTitle}
                    {...paste.field}
                    required
                    autoFocus={column.key === focusKey}
                    onChange={(e) => update(index, { title: e.target.value })}
                  />
                </label>
                <label className="field">
                  <span>{t('columns.columnPrompt')}</span>
                  <input value={column.prompt} maxLength={LIMITS.columnPrompt} {...paste.field} onChange={(e) => update(index, { prompt: e.target.value })} />
                </label>
              </div>
              <div className="row">
                <button type="button" className="small" disabled={index === 0} onClick={() => move(index, -1)}>
                  {t('columns.moveUp')}
                </button>
                <button type="button" className="small" disabled={index === draft.length - 1} onClick={() => move(index, 1)}>
                  {t('columns.moveDown')}
                </button>
                <button type="button" className="link small danger" disabled={draft.length <= 1} onClick={() => setDraft(draft.filter((_, i) => i !== index))}>
                  {t('columns.remove')}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      {paste.refusal}
      <div className="row">
        <button
          type="button"
          className="small"
          disabled={draft.length >= LIMITS.columns}
          onClick={() => {
            const key = `new-${nextKey++}`;
            setFocusKey(key);
            setDraft([...draft, { key, title: '', prompt: '' }]);
          }}
        >
          {t('columns.add')}
        </button>
        <span className="grow" />
        <button type="button" className="small" onClick={close}>
          {t('app.cancel')}
        </button>
        <button type="submit" className="primary small" disabled={invalid}>
          {t('columns.save')}
        </button>
      </div>
    </form>
  );
}
