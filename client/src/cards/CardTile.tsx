import { useWords } from '../i18n/useWords.js';
import { Suspense, memo, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { LIMITS } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';
import { BlamelessHint } from './BlamelessHint.js';
import { CardTextarea } from './CardTextarea.js';
import { InlineConfirm } from '../facilitation/InlineConfirm.js';
import { usePresenting } from '../board/presenting.js';
import { shortText } from './shortText.js';
import { lazyWithWords } from '../i18n/lazyWithWords.js';

const CardQuestion = lazyWithWords(() => import('./CardQuestion.js'), (m) => m.CardQuestion);

/**
 * One card as a soft tile. Own cards say "yours" (only to you) and can be edited or deleted while allowed. Drawn again
 * only when its props change: a big board's change redraws the cards it changed, not all of them.
 */
export const CardTile = memo(function CardTile({
  cardId,
  text,
  own,
  editable,
  sending,
  signedBy = null,
  signable,
  signed,
  hideable,
  edited,
  menuOpen: open = false,
  onMenu,
  children,
}: {
  cardId: string | null;
  text: string;
  own: boolean;
  editable?: boolean;
  sending?: boolean;
  /** SG-1: the name its author chose to show */
  signedBy?: string | null;
  /** SG-1: my own revealed card, which I may sign */
  signable?: boolean;
  signed?: boolean;
  /** MO-3: the facilitator may hide it */
  hideable?: boolean;
  /** CA-7: changed by its author after the reveal */
  edited?: boolean;
  /** UI-32: whether its "⋯" menu is open; one card's menu is open at a time (its list keeps which) */
  menuOpen?: boolean;
  /** UI-32: given, the controls are listed behind "⋯" instead of in a row under the text; opens or closes the menu */
  onMenu?: (cardId: string, open: boolean) => void;
  children?: ReactNode;
}) {
  const { t } = useWords();
  const session = useSession();
  // AN-11: while presenting, my own card looks exactly like anyone else's.
  const presenting = usePresenting();
  if (presenting) own = false;
  const [editing, setEditing] = useState(false);
  const [confirmHide, setConfirmHide] = useState(false);
  const [draft, setDraft] = useState(text);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [confirmingSign, setConfirmingSign] = useState(false);

  const editId = useId();
  const menuId = useId();
  const tileRef = useRef<HTMLElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const menu = onMenu && cardId ? { setOpen: (next: boolean) => onMenu(cardId, next) } : undefined;
  const menuOpen = Boolean(menu && open);
  const closeMenu = useRef(() => {});
  closeMenu.current = () => menu?.setOpen(false);
  // a click anywhere outside the card closes its menu, as any menu does. On the click, not the press (WG-1): the list
  // is in the page's flow, so closing it moves the cards under it up, and closed at the press, the release landed
  // on whatever had moved under the pointer: the "⋯" of a card below took two clicks to open its list.
  useEffect(() => {
    if (!menuOpen) return;
    const since = performance.now();
    const onClick = (event: MouseEvent) => {
      // not the click that drew this card's open list (its "Ungroup" moves the card, drawn anew with its list open,
      // while that click is still on its way to the document: WG-2)
      if (event.timeStamp < since) return;
      // the path as it was at the click: a control inside that the click itself replaced ("Group with…" by its
      // picker) is no longer in the card by now
      if (tileRef.current && !event.composedPath().includes(tileRef.current)) closeMenu.current();
    };
    // … but a press on another card's grip closes it at once, before a drag begins: a drag that started with the list
    // still open began from cards the closing list then moved, near the bottom edge the board scrolled under it, and
    // the card was dropped on nothing (offline.spec's OW-1 and dragdrop.spec's UI-14 in CI)
    const onPress = (event: PointerEvent) => {
      const target = event.target as Element | null;
      if (target?.closest?.('.drag-handle') && !tileRef.current?.contains(target)) closeMenu.current();
    };
    document.addEventListener('click', onClick);
    document.addEventListener('pointerdown', onPress);
    return () => {
      document.removeEventListener('click', onClick);
      document.removeEventListener('pointerdown', onPress);
    };
  }, [menuOpen]);
  /** A choice that opens something else (the edit form, the delete question, the sign and hide dialogs) closes the menu. */
  const opening = (open: () => void) => () => {
    open();
    menu?.setOpen(false);
  };

  function onSave(event?: FormEvent) {
    event?.preventDefault();
    const next = draft.trim();
    if (!cardId || !next) return;
    if (next !== text) session.send({ type: 'card.edit', cardId, text: next });
    setEditing(false);
  }

  const controls = (
    <>
      {own && editable && cardId && !editing && !confirmingDelete && (
        <span className="card-actions">
          <button
            type="button"
            className="link small"
            aria-label={t('card.editFor', { name: shortText(text, 40) })}
            onClick={opening(() => {
              setDraft(text);
              setEditing(true);
            })}
          >
            {t('card.edit')}
          </button>
          <button
            type="button"
            className="link small danger"
            aria-label={t('card.deleteFor', { name: shortText(text, 40) })}
            onClick={opening(() => setConfirmingDelete(true))}
          >
            {t('card.delete')}
          </button>
        </span>
      )}
      {signable && !presenting && cardId && (
        <button
          type="button"
          className="link small"
          aria-pressed={Boolean(signed)}
          // SG-3: hiding the name again is one press; showing it asks first, as everyone sees it at once
          onClick={signed ? () => session.send({ type: 'card.sign', cardId, signed: false }) : opening(() => setConfirmingSign(true))}
        >
          {signed ? t('facilitation.card.unsign') : t('facilitation.card.sign')}
        </button>
      )}
      {hideable && cardId && (
        <button
          type="button"
          className="link small danger"
          aria-label={t('facilitation.card.hideFor', { name: shortText(text, 40) })}
          onClick={opening(() => setConfirmHide(true))}
        >
          {t('facilitation.card.hide')}
        </button>
      )}
      {children}
    </>
  );

  return (
    <article ref={tileRef} className={`card ${own ? 'own' : ''} ${sending ? 'sending' : ''}`}>
      {editing && cardId ? (
        <form className="card-edit" onSubmit={onSave}>
          <label className="visually-hidden" htmlFor={editId}>
            {t('card.editLabel')}
          </label>
          <CardTextarea id={editId} value={draft} onChange={setDraft} onSubmit={onSave} limit={LIMITS.cardText} hint={t('write.enterSaves')} touchHint={t('write.enterSavesTouch')} autoFocus />
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
      {signedBy && <p className="signature">{t('facilitation.card.signature', { name: signedBy })}</p>}
      <div className="card-footer">
        {own && <span className="badge yours">{t('card.yours')}</span>}
        {edited && <span className="badge edited">{t('running.edited')}</span>}
        {sending && (
          <span className="badge sending" aria-live="polite">
            {t('card.sending')}
          </span>
        )}
        {own && editable && cardId && !editing && confirmingDelete && (
          <InlineConfirm
            question={t('running.deleteCardQuestion')}
            hint={t('running.deleteCardHint')}
            confirmLabel={t('running.yesDelete')}
            onCancel={() => setConfirmingDelete(false)}
            onConfirm={() => {
              setConfirmingDelete(false);
              session.send({ type: 'card.delete', cardId });
            }}
          />
        )}
        {!menu && controls}
        {menu && !editing && (
          <button
            type="button"
            ref={moreRef}
            className="card-more"
            aria-expanded={menuOpen}
            aria-controls={menuId}
            aria-label={t('card.moreFor', { name: shortText(text, 40) })}
            title={t('card.more')}
            onClick={() => menu.setOpen(!menuOpen)}
          >
            ⋯
          </button>
        )}
      </div>
      {menu && !editing && (
        // Always drawn, hidden while closed: an empty list (a lone card nobody may change) hides the "⋯" (CSS :has).
        <div
          id={menuId}
          className="card-menu"
          hidden={!menuOpen}
          onKeyDown={(event) => {
            // Escape leaves the menu for its button; the group picker's own Escape only closes the picker
            if (event.key !== 'Escape' || event.target instanceof HTMLSelectElement) return;
            menu.setOpen(false);
            moreRef.current?.focus();
          }}
        >
          {controls}
        </div>
      )}
      {/* SG-1, MO-3: the questions before a change everyone sees, a part of their own (fetched ahead, as the board's others) */}
      {confirmingSign && cardId && (
        <Suspense fallback={null}>
          <CardQuestion kind="sign" cardId={cardId} onClose={() => setConfirmingSign(false)} />
        </Suspense>
      )}
      {confirmHide && cardId && (
        <Suspense fallback={null}>
          <CardQuestion kind="hide" cardId={cardId} onClose={() => setConfirmHide(false)} />
        </Suspense>
      )}
    </article>
  );
});
