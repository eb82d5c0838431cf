import { useWords } from '../i18n/useWords.js';
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { isoDay, LIMITS, type PublicBoardView, type ReviewItem, type ReviewStatus } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { useAhead } from '../board/useAhead.js';
import { markedAs } from '../sync/boardShows.js';
import { shortText } from '../cards/items.js';
import { TrustPulse } from '../pulse/TrustPulse.js';
import { LazyColumnEditor } from '../columns/LazyColumnEditor.js';
import { reviewFacts } from './reviewFacts.js';
import { formatDay } from '../i18n/format.js';
import { BlamelessHint } from '../cards/BlamelessHint.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';
import { PhaseIntro } from './PhaseIntro.js';
import { LazyCheckIn } from '../checkin/LazyCheckIn.js';

/** AK-4: an ask of someone outside the room is reviewed as "was it answered?"; the key of a status's words. */
export function statusKey(item: Pick<ReviewItem, 'askOf'>, status: ReviewStatus) {
  return item.askOf ? (`resp.askStatus.${status}` as const) : (`review.status.${status}` as const);
}

/** SS-4: how often an open Review looks whether the server's day has turned (a promise due yesterday is overdue now) */
const DAY_CHECK_MS = 15_000;

/**
 * SS-4 TC-4: the server's UTC day, as the client reads the server's clock (`clockOffset`, CL-*), kept current while the
 * page is open: when the day turns, or the clock's offset arrives after the first draw, the Review draws again. It
 * drew "due Dec 5" past midnight until something else happened to draw the page.
 */
function useServerDay(): string {
  const session = useSession();
  const offset = useSyncExternalStore(session.subscribe, () => session.getState().clockOffset);
  // the day last checked: setting it draws again only when it differs from the one before
  const [, setDayChecked] = useState('');
  useEffect(() => {
    const check = setInterval(() => setDayChecked(isoDay(session.serverNow())), DAY_CHECK_MS);
    return () => clearInterval(check);
  }, [session]);
  return isoDay(Date.now() + offset);
}

export function ReviewPhase({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const { isFacilitator } = useSessionState();
  const today = useServerDay();
  const reviewed = board.review.filter((r) => r.status !== null).length;
  return (
    <>
      <PhaseIntro title={t('review.title')}>{t('review.intro')}</PhaseIntro>
      <LazyCheckIn board={board} />
      <section className="panel review" aria-labelledby="review-title">
        <h2 id="review-title">
          {t('review.open')} <span className="count hint">{board.review.length ? t('review.reviewed', { reviewed, total: board.review.length }) : ''}</span>
        </h2>
        {board.review.length === 0 ? (
          <p className="empty">{t('review.none')}</p>
        ) : (
          <ul className="review-items">
            {board.review.map((item) => (
              <li key={item.ref}>
                <ReviewEntry item={item} canMark={isFacilitator} today={today} />
              </li>
            ))}
          </ul>
        )}
        {!isFacilitator && board.review.length > 0 && <p className="hint">{t('review.facilitatorRecords')}</p>}
      </section>
      {/* UI-12: the promises are what Review is for, so they come first; the pulse after them (on a phone it filled the
          first screen and the promises began under it, walk 9). Unanswered, it opens Write's page too (PU-8) */}
      <TrustPulse board={board} />
      {isFacilitator && <LazyColumnEditor board={board} />}
    </>
  );
}

function ReviewEntry({ item: confirmed, canMark, today }: { item: ReviewItem; canMark: boolean; today: string }) {
  const { t } = useWords();
  const session = useSession();
  // What I marked but the server has not confirmed yet shows at once, so the controls do not lag; once accepted it
  // shows until the board shows it (UI-20), so the reason field it opened does not close under my typing.
  const ahead = useAhead('review.mark', (c) => c.ref === confirmed.ref);
  const item: ReviewItem = ahead ? { ...confirmed, ...markedAs(ahead) } : confirmed;
  const short = shortText(item.text || t('review.thisAction'), 60);
  // RE-12: a promise first marked not done is carried forward unless the facilitator unticks it: one not kept is still
  // owed until it is done or dropped (an unticked box let it leave the next Review with nobody deciding so)
  const carry = (extra: { carry?: boolean }) => extra.carry ?? (item.status === 'not-done' ? item.carry : true);
  const mark = (status: ReviewStatus, extra: { reason?: string | null; carry?: boolean } = {}) =>
    session.send({ type: 'review.mark', ref: item.ref, status, ...(status === 'not-done' ? { reason: extra.reason ?? item.reason, carry: carry(extra) } : {}) });

  return (
    <article className={`review-item ${item.status ?? 'open'}`} aria-label={t('review.promise', { name: short })}>
      <p className="action-text">{item.text || t('review.noText')}</p>
      {item.askOf && (
        <p className="ask-question">
          <span className="badge ask">{t('resp.ask')}</span> {t('resp.weAsked', { who: item.askOf })}
        </p>
      )}
      <p className="hint">{reviewFacts(item, t, today)}</p>
      {/* RE-13: what its owner said since, between retros; the status below is still the room's to give */}
      {item.ownerDone && <p className="owner-done">{t('review.ownerDone', { name: item.ownerDone.by, date: formatDay(item.ownerDone.on) })}</p>}
      <p className="review-status">
        {item.status ? (
          <span className={`status-pill ${item.status}`}>{t(statusKey(item, item.status))}</span>
        ) : (
          <span className="status-pill open">{t('review.notReviewedYet')}</span>
        )}
        {item.status === 'not-done' && item.reason && <span className="hint">{t('review.inTheWay', { reason: item.reason })}</span>}
        {item.status === 'not-done' && item.carry && <span className="badge">{t('review.carried')}</span>}
      </p>
      {canMark && (
        <>
          <div className="row review-buttons" role="group" aria-label={t('review.mark', { name: short })}>
            {(['done', 'not-done', 'dropped'] as const).map((status) => (
              <button
                key={status}
                type="button"
                className={`small toggle ${item.status === status ? 'on' : ''}`}
                aria-pressed={item.status === status}
                aria-label={t('review.markAs', { status: t(statusKey(item, status)), name: short })}
                onClick={() => mark(status)}
              >
                {t(statusKey(item, status))}
              </button>
            ))}
          </div>
          {item.status === 'not-done' && <NotDoneDetails item={item} onSave={(reason, carry) => mark('not-done', { reason, carry })} />}
        </>
      )}
    </article>
  );
}

function NotDoneDetails({ item, onSave }: { item: ReviewItem; onSave: (reason: string | null, carry: boolean) => void }) {
  const { t } = useWords();
  const [reason, setReason] = useState(item.reason ?? '');
  const paste = usePasteThatFits();
  // The last reason sent, so a blur followed by a submit does not send it twice.
  const sent = useRef(item.reason ?? '');
  // A reason confirmed by the server (or changed by someone else) replaces the field only while it holds nothing
  // of mine unsaved: a confirmation arriving while I type must not wipe what I typed.
  useEffect(() => {
    const incoming = item.reason ?? '';
    setReason((current) => (current.trim() === sent.current ? incoming : current));
    sent.current = incoming;
  }, [item.reason]);
  const inputId = `reason-${item.ref.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const trimmed = reason.trim();

  function save() {
    if (trimmed === sent.current) return;
    sent.current = trimmed;
    onSave(trimmed || null, item.carry);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save();
  }

  return (
    <form className="not-done-details" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="field-label">
        {t('review.whatInTheWay')}
      </label>
      <div className="row">
        <input
          id={inputId}
          className="grow"
          value={reason}
          maxLength={LIMITS.reviewReason}
          {...paste.field}
          placeholder={t('review.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
          onBlur={save}
        />
        <button type="submit" className="small" disabled={trimmed === (item.reason ?? '')}>
          {t('review.saveReason')}
        </button>
      </div>
      {paste.refusal}
      {/* BL-4: what got in the way is asked of the system ("The system, not the person"), so the card's nudge shows here too */}
      <BlamelessHint text={reason} id={`${inputId}-nudge`} alsoNamed={item.owners} />
      <label className="check">
        <input type="checkbox" checked={item.carry} onChange={(e) => onSave(trimmed || null, e.target.checked)} />
        {t('review.carryForward')}
      </label>
    </form>
  );
}
