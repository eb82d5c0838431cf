import { useWords } from '../i18n/useWords.js';
import { useRef, useState, type FormEvent } from 'react';
import { LIMITS, allowedIn, notesKey, type PublicAction, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { useAhead } from '../board/useAhead.js';
import { SharedTextarea } from '../notes/SharedTextarea.js';
import { LOCKED_LINE_ID, useReadOnly } from '../facilitation/useReadOnly.js';
import { useSharedText, useTextValue } from '../notes/useSharedText.js';
import { itemLabel, itemsById, shortText } from '../cards/items.js';
import { ConsensusCheck } from './ConsensusCheck.js';
import { ResponsibilityHint } from '../responsibility/ResponsibilityHint.js';
import { ActionKindLine } from '../responsibility/ActionKindLine.js';
import { InlineConfirm } from '../facilitation/InlineConfirm.js';
import { useStaysInSight } from '../a11y/staysInSight.js';
import { showWholeOnFocus } from '../a11y/wholeInSight.js';
import { useDraft } from '../cards/drafts.js';
import { draftSlot, readDraft } from '../sync/draftStore.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';
import { currentLanguage } from '../i18n/index.js';
import { formatDay } from '../i18n/format.js';
import { useCoarsePointer } from '../layout/useIsPhone.js';

/** The actions that came out of one item, and a way to add another. */
export function ItemActions({ board, itemId, compact = false }: { board: PublicBoardView; itemId: string; compact?: boolean }) {
  const { t } = useWords();
  const actions = board.actions.filter((a) => a.itemId === itemId);
  const readOnly = useReadOnly(board);
  // LK-1: locked, a participant has no form to add an action with (the server would refuse it); a draft waits
  const canCreate = allowedIn('action.create', board.phase) && !readOnly;
  // the item's words name the buttons that act on it, so a list of buttons says which item each one is for
  const itemName = shortText(itemLabel(itemsById(board).get(itemId)), 40);
  return (
    <div className="item-actions">
      <h3>{t('act.actions')}</h3>
      {actions.length === 0 && !canCreate && <p className="empty">{t('act.noActions')}</p>}
      <ul className="actions">
        {actions.map((action) => (
          <li key={action.id}>
            <ActionCard board={board} action={action} />
          </li>
        ))}
      </ul>
      {canCreate && (compact ? <CollapsedActionForm itemId={itemId} itemName={itemName} /> : <NewActionForm itemId={itemId} itemName={itemName} />)}
    </div>
  );
}

export function ActionCard({ board, action }: { board: PublicBoardView; action: PublicAction }) {
  const { t } = useWords();
  const session = useSession();
  const { me, isFacilitator } = useSessionState();
  const closed = board.phase === 'closed';
  // LK-1: locked, the action's words are read-only for everyone but the facilitator (the server drops the rest)
  const readOnly = useReadOnly(board);
  const changeable = allowedIn('action.volunteer', board.phase);
  const helping = me?.actionIds.includes(action.id) ?? false;
  const text = useTextValue(useSharedText(notesKey.action(action.id)));
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // AC-5: the facilitator, or someone helping with it, may delete an action.
  const canDelete = allowedIn('action.delete', board.phase) && (isFacilitator || helping) && !readOnly;
  // LK-1: locked, a participant's done mark, help and due date are disabled and say why (the server would refuse them)
  const lockedWhy = readOnly ? LOCKED_LINE_ID : undefined;
  const label = shortText(text || t('act.thisAction'), 40);
  // UI-20: the done mark and the due date stay as I set them until the board shows them
  const marking = useAhead('action.done', (c) => c.actionId === action.id);
  const dating = useAhead('action.due', (c) => c.actionId === action.id);
  const dueDay = dating ? dating.dueDate : action.dueDate;

  return (
    <article className={`action ${action.done ? 'done' : ''}`} aria-label={t('resp.actionLabel', { text: shortText(text || '…', 60) })}>
      <SharedTextarea textKey={notesKey.action(action.id)} label={t('act.action')} name={t('act.actionFor', { name: label })} readOnly={closed || readOnly} describedBy={readOnly && !closed ? LOCKED_LINE_ID : undefined} rows={2} />
      {!closed && <ResponsibilityHint text={text} />}
      <ActionKindLine board={board} action={action} label={label} />
      <div className="action-controls">
        {changeable ? (
          <label className="action-done">
            <input
              type="checkbox"
              aria-label={t('running.doneFor', { name: label })}
              checked={marking ? marking.done : action.done}
              disabled={readOnly}
              aria-describedby={lockedWhy}
              onChange={(e) => session.send({ type: 'action.done', actionId: action.id, done: e.target.checked })}
            />
            <span>{t('running.done')}</span>
          </label>
        ) : (
          action.done && <span className="badge done">{t('running.done')}</span>
        )}
        {changeable && (
          <button
            type="button"
            className={`toggle ${helping ? 'on' : ''}`}
            aria-pressed={helping}
            aria-label={t('act.canHelpFor', { name: label })}
            disabled={readOnly}
            aria-describedby={lockedWhy}
            onClick={() => session.send({ type: 'action.volunteer', actionId: action.id, volunteer: !helping })}
          >
            {helping ? '✓ ' : ''}
            {t('act.canHelp')}
          </button>
        )}
        <label className="field inline">
          <span>{t('act.dueDate')}</span>
          <input
            type="date"
            aria-label={t('act.dueDateFor', { name: label })}
            value={dueDay ?? ''}
            readOnly={!changeable || readOnly}
            disabled={!changeable || readOnly}
            aria-describedby={lockedWhy}
            onChange={(e) => session.send({ type: 'action.due', actionId: action.id, dueDate: e.target.value || null })}
          />
          {dueDay && !fieldSpeaksPageLanguage() && <span className="hint due-day">{formatDay(dueDay)}</span>}
        </label>
        {canDelete && !confirmingDelete && (
          <button type="button" className="link small danger" aria-label={t('act.deleteActionFor', { name: label })} onClick={() => setConfirmingDelete(true)}>
            {t('act.deleteAction')}
          </button>
        )}
        {canDelete && confirmingDelete && (
          <InlineConfirm
            question={t('running.deleteActionQuestion', { name: label })}
            hint={t('running.deleteActionHint')}
            confirmLabel={t('running.yesDelete')}
            onCancel={() => setConfirmingDelete(false)}
            onConfirm={() => {
              setConfirmingDelete(false);
              session.send({ type: 'action.delete', actionId: action.id });
            }}
          />
        )}
      </div>
      <ConsensusCheck board={board} action={action} label={label} />
    </article>
  );
}

/** The unsent words of a new action for one item: kept like a card's draft, so moving on from the item loses none. */
const actionDraft = (itemId: string) => draftSlot('action', itemId);

/** WI-3: whether unsent words of a new action wait under the item (a closed item says so, AC-1). */
export const hasActionDraft = (boardId: string, itemId: string): boolean => readDraft(boardId, actionDraft(itemId)) !== '';

/** AC-1: on an item that is not current, the form opens on demand, or by itself when it holds unsent words. */
function CollapsedActionForm({ itemId, itemName }: { itemId: string; itemName: string }) {
  const { t } = useWords();
  const session = useSession();
  const [open, setOpen] = useState(() => readDraft(session.boardId, actionDraft(itemId)) !== '');
  const [asked, setAsked] = useState(false);
  // asked for, so its field takes focus (the focus rescue never moves focus into a text field on its own, UI-10)
  if (open) return <NewActionForm itemId={itemId} itemName={itemName} autoFocus={asked} />;
  return (
    <button
      type="button"
      className="link small"
      aria-label={t('running.addFromItemFor', { name: itemName })}
      onClick={() => {
        setAsked(true);
        setOpen(true);
      }}
    >
      {t('running.addFromItem')}
    </button>
  );
}

function NewActionForm({ itemId, itemName, autoFocus = false }: { itemId: string; itemName: string; autoFocus?: boolean }) {
  const { t } = useWords();
  const touch = useCoarsePointer();
  const session = useSession();
  // AC-1: the facilitator may move on while someone types here; what they typed waits under the item
  const [text, setText] = useDraft(session.boardId, actionDraft(itemId));
  const paste = usePasteThatFits();
  const [askOf, setAskOf] = useState('');
  const inputId = `new-action-${itemId}`;
  // UI-7: the action just added shows above the field and pushes it down; the field stays in sight
  const field = useRef<HTMLTextAreaElement>(null);
  const inSight = useStaysInSight(field);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    add();
  }

  function add() {
    const value = text.trim();
    if (!value) return;
    const asked = askOf.trim();
    session.send({ type: 'action.create', itemId, text: value, ...(asked ? { askOf: asked } : {}) });
    setText('');
    setAskOf('');
    inSight.added();
  }

  return (
    <form className="new-action" onSubmit={onSubmit}>
      <label htmlFor={inputId}>{t('act.prompt')}</label>
      <textarea
        id={inputId}
        ref={field}
        value={text}
        rows={2}
        autoFocus={autoFocus}
        maxLength={LIMITS.cardText}
        placeholder={t('act.placeholder')}
        onFocus={showWholeOnFocus}
        // UI-27: Act has this form under every discussed item; the item names it, as it names "Add action"
        aria-label={t('act.promptFor', { name: itemName })}
        aria-describedby={`${inputId}-small ${inputId}-nudge`}
        onChange={(e) => {
          inSight.typed();
          setText(e.target.value);
        }}
        {...paste.field}
        onKeyDown={(e) => {
          // UI-7: as in a card's box, Enter adds and Shift+Enter (or Enter while an input method composes) is a new line
          if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
          e.preventDefault();
          add();
        }}
      />
      <p className="hint start-small" id={`${inputId}-small`}>
        {t('resp.startSmall')} {t(touch ? 'act.enterHintTouch' : 'act.enterHint')}
      </p>
      {paste.refusal}
      <ResponsibilityHint text={text} id={`${inputId}-nudge`} />
      <label className="field ask-field">
        <span>{t('resp.askField')}</span>
        <input
          value={askOf}
          aria-label={t('resp.askFieldFor', { name: itemName })}
          maxLength={LIMITS.askOf}
          placeholder={t('resp.askPlaceholder')}
          {...paste.field}
          onChange={(e) => setAskOf(e.target.value)}
        />
      </label>
      <button type="submit" className="small" aria-label={t('act.addActionFor', { name: itemName })} disabled={!text.trim()}>
        {t('act.addAction')}
      </button>
    </form>
  );
}

/**
 * PL-8: whether the browser's own date field writes days in the page's language. Chromium writes a `type=date`
 * field in the browser's language and ignores the page's `lang` (it follows `lang` only behind a Blink flag,
 * LangAttributeAwareFormControlUI, off by default: checked in Chromium 156), so a German page in an English browser
 * shows 12/19/2026. The field stays (its keyboard, picker and screen-reader support are the browser's best); where the
 * browser speaks another language, the day is also said beside it in the page's words.
 */
function fieldSpeaksPageLanguage(): boolean {
  return navigator.language.toLowerCase().split('-')[0] === currentLanguage();
}
