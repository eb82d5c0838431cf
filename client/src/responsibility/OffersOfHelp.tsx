import type { FormEvent } from 'react';
import { useWords } from '../i18n/useWords.js';
import { LIMITS, allowedIn, type PublicBoardView, type PublicOffer } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { itemLabel, itemsById, shortText } from '../cards/items.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';
import { useDraft } from '../cards/drafts.js';
import { draftSlot } from '../sync/draftStore.js';
import { BlamelessHint } from '../cards/BlamelessHint.js';
import { useReadOnly } from '../facilitation/useReadOnly.js';

/**
 * OF-*: "How can I help?" — named offers on one discussed item. An offer is a promise, so it carries its
 * author's name; the facilitator turns one into an action with one click (OF-4).
 */
export function OffersOfHelp({ board, itemId }: { board: PublicBoardView; itemId: string }) {
  const { t } = useWords();
  const { me, isFacilitator } = useSessionState();
  const offers = (board.offers ?? []).filter((o) => o.itemId === itemId);
  const readOnly = useReadOnly(board);
  // LK-1: locked, a participant has no offer to make or withdraw (the server would refuse it); a draft waits
  const open = allowedIn('offer.add', board.phase) && !readOnly;
  return (
    <div className="offers">
      {offers.length === 0 ? (
        <p className="empty">{t('resp.noOffers')}</p>
      ) : (
        <ul className="offer-list" aria-label={t('resp.offersLabel')}>
          {offers.map((offer) => (
            <OfferRow key={offer.id} offer={offer} mine={me?.offerIds.includes(offer.id) ?? false} canAccept={isFacilitator && open} open={open} />
          ))}
        </ul>
      )}
      {open && <NewOfferForm itemId={itemId} itemName={shortText(itemLabel(itemsById(board).get(itemId)), 40)} />}
    </div>
  );
}

function OfferRow({ offer, mine, canAccept, open }: { offer: PublicOffer; mine: boolean; canAccept: boolean; open: boolean }) {
  const { t } = useWords();
  const session = useSession();
  const short = shortText(offer.text, 40);
  return (
    <li className={`offer ${offer.actionId ? 'accepted' : ''}`}>
      <OfferWords offer={offer} />
      {!offer.actionId && open && (
        <span className="offer-controls">
          {canAccept && (
            <button type="button" className="small" aria-label={t('resp.makeActionLabel', { text: short })} onClick={() => session.send({ type: 'offer.accept', offerId: offer.id })}>
              {t('resp.makeAction')}
            </button>
          )}
          {mine && (
            <button type="button" className="link small" aria-label={t('resp.withdrawLabel', { text: short })} onClick={() => session.send({ type: 'offer.withdraw', offerId: offer.id })}>
              {t('resp.withdraw')}
            </button>
          )}
        </span>
      )}
    </li>
  );
}

/** An offer as everyone reads it: its author's name and words (OF-2), and whether it became an action (OF-4). */
export function OfferWords({ offer }: { offer: PublicOffer }) {
  const { t } = useWords();
  return (
    <>
      <span className="offer-body">
        <span className="offer-name">{offer.name}:</span> <span className="offer-text">{offer.text}</span>
      </span>
      {offer.actionId && <span className="badge done">{t('resp.nowAction')}</span>}
    </>
  );
}

function NewOfferForm({ itemId, itemName }: { itemId: string; itemName: string }) {
  const { t } = useWords();
  const session = useSession();
  // OF-1 (WF-4): what someone is typing waits in the browser under its item, as an action's draft does (AC-1): a
  // reload or a dropped connection lost it
  const [text, setText] = useDraft(session.boardId, draftSlot('offer', itemId));
  const paste = usePasteThatFits();
  const inputId = `new-offer-${itemId}`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    session.send({ type: 'offer.add', itemId, text: value });
    setText('');
  }

  return (
    <>
    <form className="new-offer row" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('resp.offerLabelFor', { name: itemName })}
      </label>
      <input
        id={inputId}
        className="grow"
        value={text}
        maxLength={LIMITS.offerText}
        placeholder={t('resp.offerPlaceholder')}
        onChange={(e) => setText(e.target.value)}
        {...paste.field}
      />
      <button type="submit" className="small" aria-label={t('resp.offerFor', { name: itemName })} disabled={!text.trim()}>
        {t('resp.offer')}
      </button>
    </form>
    {paste.refusal}
    {/* BL-5: an offer that points at someone ("Ada forgot to…, I can remind her") is nudged as a card is */}
    <BlamelessHint text={text} byPhrasingOnly />
    </>
  );
}
